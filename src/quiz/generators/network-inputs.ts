/**
 * The fixed parts of the scenarios the network generators build, parsed by the engine's own schema
 * (defaults filled in, every field checked). In Node (the build, tests, exports) this module runs as
 * written. In the browser bundle the build puts the JSON it computes here in its place
 * (src/integrations/prebuilt-modules.ts), so a quiz page neither loads zod nor validates: the
 * generators add only parts typed in the schema's output shape (checked against the schema by
 * tests/unit/quiz/generator-inputs.test.ts).
 */
import { scenarioInput, type ScenarioInput } from '../../sim/network/schema';

/** An OpenStack project: one private network behind a router; the groups the questions name. */
export const cloudProject: ScenarioInput = scenarioInput.parse({
  title: 'Quiz: cloud project',
  internet: { clientAddress: '198.51.100.7' },
  externalNetworks: [{ id: 'public', cidr: '203.0.113.0/24', floatingIpPool: { start: '203.0.113.100', end: '203.0.113.200' } }],
  networks: [{ id: 'private', cidr: '192.168.42.0/24' }],
  routers: [{ id: 'router1', externalNetwork: 'public', interfaces: ['private'] }],
  securityGroups: [
    { id: 'https', rules: [{ ports: 443, remote: '0.0.0.0/0' }] },
    { id: 'https-internal', rules: [{ ports: 443, remote: '192.168.42.0/24' }] },
    { id: 'ssh', rules: [{ ports: 22, remote: '0.0.0.0/0' }] },
  ],
});

/** A PC running VirtualBox on a home LAN, and a laptop on the same LAN. */
export const homeLab: ScenarioInput = scenarioInput.parse({
  title: 'Quiz: home lab',
  lans: [{ id: 'home', cidr: '192.168.1.0/24' }],
  hosts: [{ id: 'pc', lan: 'home', address: '192.168.1.10', hostOnlyNetworks: [{ name: 'vboxnet0' }], firewall: { enabled: false } }],
  devices: [{ id: 'laptop', lan: 'home', address: '192.168.1.50' }],
});
