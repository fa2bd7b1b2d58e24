/**
 * A sizing preset as its schema reads it (`sizingScenarioSchema` in ./scenario) → the calculator
 * state. Kept apart from the schema so a page that receives presets already read at build time (a
 * lab) builds its state without zod or the YAML parser.
 */
import { fail, ok, type Issue, type PathSegment, type Result } from '../core/issues';
import { apply, type SizingAction } from './actions';
import { presetPolicy } from './policy';
import type { SizingScenarioFile } from './scenario';
import { createState, DEFAULT_HOST_EXTRAS } from './state';
import type { Host, Policy, SizingState } from './types';
import { checkHost, checkReserveFits, HOST_READERS, OPTIONAL_HOST_FIELDS, RATIO_READERS, readFields, RESERVE_READERS } from './validate';

export const SIZE_KEYS = ['vcpus', 'ramMb', 'rootDiskGb', 'ephemeralGb', 'swapMb'] as const;
/** VM fields set after the VM is added, as an update (topology, ballooning, disk use). */
const DETAIL_KEYS = ['sockets', 'cores', 'balloonMinMb', 'diskWrittenGb', 'snapshots', 'snapshotGb'] as const;

export interface SizingScenario {
  title: string;
  summary: string | null;
  state: SizingState;
}

function prefixed(issues: Issue[], prefix: PathSegment[], rename: (seg: PathSegment) => PathSegment[] = (s) => [s]): Issue[] {
  return issues.map((i) => ({ ...i, path: [...prefix, ...i.path.flatMap((s, n) => (n === 0 ? rename(s) : [s]))] }));
}

const defined = (o: Record<string, unknown>): Record<string, unknown> => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

/** Turn a parsed file into a calculator state, reporting problems at the file's own paths. */
export function buildScenario(file: SizingScenarioFile): Result<SizingScenario> {
  const hostInput = { ...DEFAULT_HOST_EXTRAS, ...defined(file.host) };
  const host = readFields(hostInput, HOST_READERS, ['host'], true, OPTIONAL_HOST_FIELDS);
  const base = presetPolicy(file.policy);
  const reserve = readFields(file.reserved ?? {}, RESERVE_READERS, ['reserved'], false);
  const issues: Issue[] = [...(host.ok ? checkHost(host.value as Host) : host.issues), ...(reserve.ok ? [] : reserve.issues)];
  let policy: Policy = { ...base, reserved: { ...base.reserved, ...(reserve.ok ? reserve.value : {}) } };
  const novaOnly = (['ratios', 'origin', 'cpuSets', 'quota'] as const).filter((k) => file[k] !== undefined);
  if (policy.kind !== 'nova') {
    for (const k of novaOnly) {
      issues.push(
        k === 'ratios'
          ? { path: [k], message: 'the course policy has fixed ratios', hint: 'Use a nova-* policy to set allocation ratios' }
          : { path: [k], message: `the course policy has no ${k === 'origin' ? 'node history' : k === 'cpuSets' ? 'CPU sets' : 'project quota'}: it is a Nova setting`, hint: 'Use a nova-* policy' },
      );
    }
  } else if (file.ratios) {
    const ratios = readFields(file.ratios, RATIO_READERS, ['ratios'], false);
    if (ratios.ok) policy = { ...policy, ratios: { ...policy.ratios, ...ratios.value } };
    else issues.push(...ratios.issues);
  }
  if (issues.length > 0 || !host.ok) return fail(...issues);
  // The file keeps the reserve at the top level, next to the policy it modifies.
  const fitIssues = checkReserveFits(host.value as Host, policy, 'reserve').map((i) => ({ ...i, path: i.path.slice(1) }));
  if (fitIssues.length > 0) return fail(...fitIssues);

  let state: SizingState = { ...createState(file.policy, host.value as Host), policy };
  const step = (action: SizingAction, at: PathSegment[], rename: (seg: PathSegment) => PathSegment[] = (s) => [s]): void => {
    const result = apply(state, action);
    issues.push(...prefixed(result.issues, at, rename));
    state = result.state;
  };
  const whole = (seg: PathSegment): PathSegment[] => (seg === 'policy' ? [] : [seg]);
  if (policy.kind === 'nova') {
    if (file.origin) {
      const none = { cpu: null, ram: null, disk: null };
      step({ type: 'setNovaOrigin', origin: { ...file.origin, configured: { ...none, ...file.origin.configured }, initial: { ...none, ...file.origin.initial } } }, [], whole);
    }
    if (file.cpuSets) step({ type: 'setCpuSets', cpuSets: { shared: null, ...file.cpuSets } }, [], whole);
    if (file.quota) step({ type: 'setQuota', quota: file.quota }, [], whole);
  }
  (file.cluster ?? []).forEach((peer, i) => step({ type: 'addPeer', name: peer.name, cpuModel: peer.cpuModel }, ['cluster', i]));
  file.vms.forEach((vm, i) => {
    const { name, flavor, bootFromVolume, cpuType, diskFormat, provisioning, nic, balloon, cpuPolicy } = vm;
    const options = defined({ cpuType, diskFormat, provisioning, nic, balloon, cpuPolicy });
    const before = state.vms.length;
    // Action issues are relative to the action (size.vcpus, options.nic); the file has them flat on the VM.
    const flat = (seg: PathSegment): PathSegment[] => (seg === 'size' || seg === 'options' || seg === 'changes' ? [] : [seg]);
    if (flavor !== undefined) {
      step({ type: 'addVm', flavor, name, options: { ...options, ...defined({ bootFromVolume, sockets: vm.sockets }) } }, ['vms', i], flat);
    } else {
      step({ type: 'addCustomVm', name, options, size: defined({ ...Object.fromEntries(SIZE_KEYS.map((k) => [k, vm[k]])), bootFromVolume, sockets: vm.sockets, cores: vm.cores }) }, ['vms', i], flat);
    }
    const details = defined(Object.fromEntries(DETAIL_KEYS.filter((k) => k !== 'sockets' && k !== 'cores').map((k) => [k, vm[k]])));
    const added = state.vms[before];
    if (added && Object.keys(details).length > 0) step({ type: 'updateVm', id: added.id, changes: details }, ['vms', i], flat);
  });
  return issues.length > 0 ? fail(...issues) : ok({ title: file.title, summary: file.summary ?? null, state });
}
