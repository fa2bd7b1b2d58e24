import { z } from 'zod';

/**
 * The scenario file format (YAML or JSON), as authored by instructors and labs. It is looser
 * than the state: defaults are filled in by `normalize`, and cross-references, addresses and
 * CIDRs are checked by `validateScenario` with did-you-mean hints.
 */

const id = z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, 'must be lowercase letters, digits, ".", "_" or "-"');
const port = z.number().int().min(1).max(65535);
const protocol = z.enum(['tcp', 'udp']);
/** Any IP protocol by name or number; checked (and made canonical) by validateScenario and normalize. */
const ipProtocol = z.union([z.string().min(1), z.number().int()]);

export const portForwardInput = z.strictObject({
  name: z.string().min(1).optional(),
  protocol: protocol.default('tcp'),
  hostIp: z.string().default(''),
  hostPort: port,
  guestIp: z.string().default(''),
  guestPort: port,
});

export const serviceInput = z.strictObject({
  name: z.string().min(1).optional(),
  port,
  protocol: protocol.default('tcp'),
  listen: z.string().default('0.0.0.0'),
});

/** `22` (TCP), `{ port: 53, protocol: udp }`, or a protocol without ports: `{ protocol: icmp }`. */
const firewallAllowInput = z.union([port, z.strictObject({ port: port.optional(), protocol: ipProtocol.default('tcp') })]);

export const firewallInput = z.strictObject({
  enabled: z.boolean().default(true),
  allow: z.array(firewallAllowInput).default([]),
});

/** Generic driver, UDPTunnel: `sport` this host listens on, `dest`:`dport` the other end. */
export const tunnelInput = z.strictObject({ sport: port, dest: z.string().min(1), dport: port });

export const nicInput = z.strictObject({
  mode: z.enum(['not-attached', 'nat', 'nat-network', 'bridged', 'internal', 'host-only', 'generic', 'cloud']),
  network: z.string().min(1).optional(),
  /** Static address; internal networks accept "10.10.0.5/24". Omitted: DHCP or the NAT default. */
  address: z.string().min(1).optional(),
  portForwards: z.array(portForwardInput).optional(),
  securityGroups: z.array(z.string().min(1)).optional(),
  floatingIp: z.string().min(1).optional(),
  /** NAT: `--nat-localhostreachable<N>`; omitted: the default of the scenario's VirtualBox version. */
  localhostReachable: z.boolean().optional(),
  /** Generic driver (UDP tunnel) only; the adapter also needs a static address like "10.20.0.1/24". */
  tunnel: tunnelInput.optional(),
});

const endpointFields = {
  label: z.string().min(1).optional(),
  services: z.array(serviceInput).default([]),
  firewall: firewallInput.optional(),
};

export const lanInput = z.strictObject({
  id,
  label: z.string().min(1).optional(),
  cidr: z.string(),
  gateway: z.string().optional(),
  internet: z.enum(['nat', 'none']).default('nat'),
  publicAddress: z.string().optional(),
  dhcpStart: z.string().optional(),
});

export const hostInput = z.strictObject({
  id,
  ...endpointFields,
  lan: z.string(),
  address: z.string(),
  hostOnlyNetworks: z
    .array(
      z.strictObject({
        name: z.string().min(1),
        cidr: z.string().optional(),
        hostAddress: z.string().optional(),
        dhcp: z.boolean().default(true),
      }),
    )
    .default([]),
  natNetworks: z
    .array(
      z.strictObject({
        name: z.string().min(1),
        cidr: z.string().optional(),
        portForwards: z.array(portForwardInput).default([]),
      }),
    )
    .default([]),
});

export const deviceInput = z.strictObject({
  id,
  ...endpointFields,
  lan: z.string(),
  address: z.string(),
});

export const vmInput = z.strictObject({
  id,
  ...endpointFields,
  host: z.string().optional(),
  nics: z.array(nicInput).min(1),
});

export const networkInput = z.strictObject({
  id,
  label: z.string().min(1).optional(),
  cidr: z.string(),
  gateway: z.string().optional(),
});

export const externalNetworkInput = z.strictObject({
  id,
  label: z.string().min(1).optional(),
  cidr: z.string(),
  floatingIpPool: z.strictObject({ start: z.string(), end: z.string() }).optional(),
});

export const routerInput = z.strictObject({
  id,
  label: z.string().min(1).optional(),
  externalNetwork: z.string().optional(),
  externalAddress: z.string().optional(),
  snat: z.boolean().default(true),
  interfaces: z.array(z.string()).default([]),
});

/** `openstack security group rule create --ingress --protocol tcp --dst-port 80:80 --remote-ip 0.0.0.0/0` */
export const securityGroupRuleInput = z.strictObject({
  id: z.string().min(1).optional(),
  direction: z.enum(['ingress', 'egress']).default('ingress'),
  /** "any", or an IP protocol by name ("tcp", "icmp", "gre") or number (47). */
  protocol: ipProtocol.default('tcp'),
  /** TCP/UDP: a port (80) or a range ("8000:8100"); omitted means every port. */
  ports: z.union([port, z.string()]).optional(),
  /** ICMP: `--icmp-type` (8 is an echo request, a ping) and `--icmp-code`; omitted means every type / code. */
  icmpType: z.number().int().min(0).max(255).optional(),
  icmpCode: z.number().int().min(0).max(255).optional(),
  remote: z.string().optional(),
  remoteGroup: z.string().optional(),
});

export const securityGroupInput = z.strictObject({
  id,
  label: z.string().min(1).optional(),
  /** Neutron adds allow-all egress to every new group (and same-group ingress to "default"). */
  defaultRules: z.boolean().default(true),
  rules: z.array(securityGroupRuleInput).default([]),
});

export const scenarioInput = z.strictObject({
  title: z.string().min(1),
  description: z.string().default(''),
  /** The VirtualBox release the VMs were created with ("7.1", "6.1"): it decides NAT defaults. */
  virtualbox: z.strictObject({ version: z.string().regex(/^\d+\.\d+(\.\d+)?$/, 'must be a release number like "7.1" or "6.1.50"') }).optional(),
  internet: z.strictObject({ clientAddress: z.string() }).optional(),
  lans: z.array(lanInput).default([]),
  hosts: z.array(hostInput).default([]),
  devices: z.array(deviceInput).default([]),
  vms: z.array(vmInput).default([]),
  networks: z.array(networkInput).default([]),
  externalNetworks: z.array(externalNetworkInput).default([]),
  routers: z.array(routerInput).default([]),
  securityGroups: z.array(securityGroupInput).default([]),
});

export type ScenarioInput = z.output<typeof scenarioInput>;
export type NicInput = z.output<typeof nicInput>;
export type SecurityGroupRuleInput = z.input<typeof securityGroupRuleInput>;
