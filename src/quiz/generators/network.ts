/**
 * Questions answered by the network engine (src/sim/network): who can reach which VM on a port.
 * The generator builds a small scenario in the engine's own file format, describes it in words,
 * and asks `canConnect` for the key; the feedback is the engine's explanation of each verdict.
 */
import { createRng, type Rng } from '../../sim/core/rng';
import { describeBlock } from '../../sim/network/explain';
import { topologyFromInput } from '../../sim/network/from-input';
import { canConnect } from '../../sim/network/reachability';
import type { ScenarioInput } from '../../sim/network/schema';
import type { Topology } from '../../sim/network/types';
import type { Verdict } from '../../sim/network/verdict';
import type { ChoiceOption } from '../types';
import { generatorLogic } from './generator';
import { cloudProject, homeLab } from './network-inputs';
import type { CloudReachParams, LanReachParams } from './params';

type VmInput = ScenarioInput['vms'][number];
type ServiceInput = VmInput['services'][number];

const NAMES = ['web1', 'web2', 'api', 'shop', 'blog', 'wiki', 'mail', 'git'];
const CLIENT = cloudProject.internet!.clientAddress;

function verdict(t: Topology, from: string, to: string, port: number): Verdict {
  const r = canConnect(t, { from, to, port, protocol: 'tcp' });
  if (!r.ok) throw new Error(`network engine refused the query: ${r.issues[0]!.message}`);
  return r.value;
}

/**
 * The scenarios are the fixed parts the build parsed (network-inputs.ts) plus VMs typed in the schema's
 * output shape, so the browser runs the engine's cross-reference checks but no schema.
 */
function build(input: ScenarioInput): Topology {
  const t = topologyFromInput(input);
  if (!t.ok) throw new Error(`network engine refused the generated scenario: ${t.issues[0]!.message}`);
  return t.value;
}

/** What can be wrong with one cloud VM on the way from the internet to its HTTPS server. */
export const CLOUD_FLAWS = ['none', 'no-floating-ip', 'default-group-only', 'internal-only-rule', 'ssh-only-rule', 'listens-on-localhost', 'no-https-service', 'firewall-blocks'] as const;
export type CloudFlaw = (typeof CLOUD_FLAWS)[number];

export interface CloudVm {
  name: string;
  flaw: CloudFlaw;
  /** Fixed on the private network and stated in the prompt, so feedback never names an unseen address. */
  privateIp: string;
  floatingIp: string | null;
  groups: string[];
  listen: string | null;
  firewall: { enabled: boolean; allow: number[] };
}

export function cloudVm(name: string, index: number, flaw: CloudFlaw, rng: Rng): CloudVm {
  const vm: CloudVm = {
    name,
    flaw,
    privateIp: `192.168.42.${11 + index}`,
    floatingIp: `203.0.113.${101 + index}`,
    groups: rng.bool() ? ['default', 'https'] : ['https'],
    listen: '0.0.0.0',
    firewall: rng.bool() ? { enabled: false, allow: [] } : { enabled: true, allow: [22, 443] },
  };
  switch (flaw) {
    case 'no-floating-ip':
      return { ...vm, floatingIp: null };
    case 'default-group-only':
      return { ...vm, groups: ['default'] };
    case 'internal-only-rule':
      return { ...vm, groups: ['default', 'https-internal'] };
    case 'ssh-only-rule':
      return { ...vm, groups: ['default', 'ssh'] };
    case 'listens-on-localhost':
      return { ...vm, listen: '127.0.0.1' };
    case 'no-https-service':
      return { ...vm, listen: null };
    case 'firewall-blocks':
      return { ...vm, firewall: { enabled: true, allow: [22] } };
    case 'none':
      return vm;
  }
}

const service = (name: string, port: number, listen = '0.0.0.0'): ServiceInput => ({ name, port, protocol: 'tcp', listen });

/** The cloud project with these VMs (exported for the test that checks it against the schema). */
export function cloudScenario(vms: readonly CloudVm[]): ScenarioInput {
  return {
    ...cloudProject,
    vms: vms.map((vm) => ({
      id: vm.name,
      nics: [{ mode: 'cloud', network: 'private', address: vm.privateIp, securityGroups: vm.groups, ...(vm.floatingIp ? { floatingIp: vm.floatingIp } : {}) }],
      services: [service('sshd', 22), vm.listen ? service('nginx', 443, vm.listen) : service('nginx', 80)],
      firewall: vm.firewall,
    })),
  };
}

function describeCloudVm(vm: CloudVm): string {
  const ip = `private address ${vm.privateIp}, ${vm.floatingIp ? `floating IP ${vm.floatingIp}` : 'no floating IP'}`;
  const web = vm.listen ? `nginx listens on ${vm.listen}:443` : 'nginx listens on port 80 only';
  const fw = vm.firewall.enabled ? `ufw is active and allows ${vm.firewall.allow.join(' and ')}/tcp` : 'ufw is inactive';
  return `- ${vm.name}: ${ip}; security groups ${vm.groups.join(', ')}; ${web}; ${fw}.`;
}

export const networkCloudInternetReach = generatorLogic<CloudReachParams>({
  id: 'network-cloud-internet-reach',
  description: 'Multiple answer: which cloud VMs a client on the internet can reach on TCP 443 (floating IPs, security groups, listen address, host firewall; network engine).',
  generate(seed, params) {
    const rng = createRng(seed);
    let vms: CloudVm[] = [];
    let t: Topology | undefined;
    let verdicts: Verdict[] = [];
    for (let attempt = 0; attempt < 30; attempt++) {
      const names = rng.shuffle(NAMES).slice(0, params.vms);
      vms = names.map((name, i) => cloudVm(name, i, rng.bool(0.35) ? 'none' : rng.pick(CLOUD_FLAWS), rng));
      t = build(cloudScenario(vms));
      verdicts = vms.map((vm) => verdict(t!, 'internet', vm.name, 443));
      const open = verdicts.filter((v) => v.ok).length;
      if (open >= 1 && open < vms.length) break;
    }
    if (!verdicts.some((v) => v.ok)) {
      // Deterministic fallback: the first VM without a flaw, so the question always has an answer.
      vms = vms.map((vm, i) => (i === 0 ? cloudVm(vm.name, 0, 'none', createRng(`${seed}/fallback`)) : vm));
      t = build(cloudScenario(vms));
      verdicts = vms.map((vm) => verdict(t!, 'internet', vm.name, 443));
    }
    const options: ChoiceOption[] = vms.map((vm, i) => {
      const v = verdicts[i]!;
      const option: ChoiceOption = { id: vm.name, text: vm.name, correct: v.ok };
      if (!v.ok && v.blocked) option.feedback = `Blocked: ${describeBlock(v.blocked)}.`;
      return option;
    });
    const why = vms.map((vm, i) => `${vm.name}: ${verdicts[i]!.ok ? 'reachable' : `blocked, ${describeBlock(verdicts[i]!.blocked!)}`}.`);
    return {
      type: 'multiple-answer',
      prompt: [
        'An OpenStack project has one private network, 192.168.42.0/24, behind a router to the public network 203.0.113.0/24.',
        'Security group "https" allows TCP 443 from 0.0.0.0/0, "https-internal" allows TCP 443 from 192.168.42.0/24 only, "ssh" allows TCP 22 from 0.0.0.0/0; "default" is the group Neutron creates for every project.',
        ...vms.map(describeCloudVm),
        `Which VMs can a client on the internet (${CLIENT}) open an HTTPS connection to (TCP port 443)? Choose all that apply.`,
      ].join('\n'),
      options,
      scoring: params.scoring,
      shuffle: false,
      explanation: why.join(' '),
    };
  },
});

/** VirtualBox attachments as a laptop on the same LAN sees them (Manual 6.2 table, network SPEC N8–N14). */
export const VBOX_SETUPS = ['bridged', 'bridged-firewalled', 'bridged-localhost', 'nat', 'nat-forward', 'nat-forward-localhost', 'host-only', 'internal'] as const;
export type VboxSetup = (typeof VBOX_SETUPS)[number];

function vboxVm(name: string, setup: VboxSetup, index: number): VmInput {
  const ssh = (listen = '0.0.0.0') => [service('sshd', 22, listen)];
  const forward = (hostIp: string) => [{ name: `ssh-${name}`, protocol: 'tcp' as const, hostIp, hostPort: 2200 + index, guestIp: '', guestPort: 22 }];
  switch (setup) {
    case 'bridged':
      return { id: name, host: 'pc', nics: [{ mode: 'bridged', address: lanAddress(index) }], services: ssh() };
    case 'bridged-firewalled':
      return { id: name, host: 'pc', nics: [{ mode: 'bridged', address: lanAddress(index) }], services: ssh(), firewall: { enabled: true, allow: [80] } };
    case 'bridged-localhost':
      return { id: name, host: 'pc', nics: [{ mode: 'bridged', address: lanAddress(index) }], services: ssh('127.0.0.1') };
    case 'nat':
      return { id: name, host: 'pc', nics: [{ mode: 'nat' }], services: ssh() };
    case 'nat-forward':
      return { id: name, host: 'pc', nics: [{ mode: 'nat', portForwards: forward('') }], services: ssh() };
    case 'nat-forward-localhost':
      return { id: name, host: 'pc', nics: [{ mode: 'nat', portForwards: forward('127.0.0.1') }], services: ssh() };
    case 'host-only':
      return { id: name, host: 'pc', nics: [{ mode: 'host-only', network: 'vboxnet0' }], services: ssh() };
    case 'internal':
      return { id: name, host: 'pc', nics: [{ mode: 'internal', network: 'intnet', address: `10.10.0.${10 + index}/24` }], services: ssh() };
  }
}

/** The home lab with these VMs (exported for the test that checks it against the schema). */
export function homeScenario(names: readonly string[], setups: readonly VboxSetup[]): ScenarioInput {
  return { ...homeLab, vms: names.map((n, i) => vboxVm(n, setups[i]!, i)) };
}

/** A bridged VM's address on the home LAN, stated in the prompt so feedback never names an unseen one. */
const lanAddress = (index: number): string => `192.168.1.${101 + index}`;

function describeVboxVm(name: string, setup: VboxSetup, index: number): string {
  const port = 2200 + index;
  const bridged = `bridged adapter, ${lanAddress(index)} on the LAN`;
  const text: Record<VboxSetup, string> = {
    bridged: `${bridged}; sshd listens on 0.0.0.0:22`,
    'bridged-firewalled': `${bridged}; sshd listens on 0.0.0.0:22; ufw is active and allows only 80/tcp`,
    'bridged-localhost': `${bridged}; sshd listens on 127.0.0.1:22 only`,
    nat: 'NAT adapter, no port forwarding; sshd listens on 0.0.0.0:22',
    'nat-forward': `NAT adapter with port forward host port ${port} (all host addresses) → guest port 22; sshd listens on 0.0.0.0:22`,
    'nat-forward-localhost': `NAT adapter with port forward 127.0.0.1:${port} on the host → guest port 22; sshd listens on 0.0.0.0:22`,
    'host-only': 'host-only adapter on vboxnet0; sshd listens on 0.0.0.0:22',
    internal: 'internal network "intnet" (10.10.0.0/24); sshd listens on 0.0.0.0:22',
  };
  return `- ${name}: ${text[setup]}.`;
}

export const networkVirtualboxLanReach = generatorLogic<LanReachParams>({
  id: 'network-virtualbox-lan-reach',
  description: 'Single choice: which VirtualBox VM a laptop on the LAN can SSH into (bridged, NAT with and without port forwarding, host-only, internal; network engine).',
  generate(seed, params) {
    const rng = createRng(seed);
    let names: string[] = [];
    let setups: VboxSetup[] = [];
    let verdicts: Verdict[] = [];
    for (let attempt = 0; attempt < 50; attempt++) {
      names = rng.shuffle(['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot']).slice(0, params.vms);
      setups = rng.shuffle(VBOX_SETUPS).slice(0, params.vms);
      const t = build(homeScenario(names, setups));
      verdicts = names.map((n) => verdict(t, 'laptop', n, 22));
      if (verdicts.filter((v) => v.ok).length === 1) break;
    }
    if (verdicts.filter((v) => v.ok).length !== 1) throw new Error('could not draw a scenario with exactly one reachable VM');
    const options: ChoiceOption[] = names.map((n, i) => {
      const v = verdicts[i]!;
      const option: ChoiceOption = { id: n, text: n, correct: v.ok };
      if (!v.ok && v.blocked) option.feedback = `Blocked: ${describeBlock(v.blocked)}.`;
      return option;
    });
    return {
      type: 'single-choice',
      prompt: [
        'A PC (192.168.1.10, firewall off) runs VirtualBox on a home LAN, 192.168.1.0/24. Its VMs:',
        ...names.map((n, i) => describeVboxVm(n, setups[i]!, i)),
        'A laptop on the same LAN (192.168.1.50) tries to SSH into each VM, directly or through a port forward on the PC. Exactly one attempt succeeds. Which VM?',
      ].join('\n'),
      options,
      shuffle: false,
      explanation: names.map((n, i) => `${n}: ${verdicts[i]!.ok ? 'reachable' : `blocked, ${describeBlock(verdicts[i]!.blocked!)}`}.`).join(' '),
    };
  },
});
