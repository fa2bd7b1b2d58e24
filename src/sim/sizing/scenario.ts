import { z } from 'zod';
import { fail, ok, type Issue, type PathSegment, type Result } from '../core/issues';
import { parseScenario } from '../core/scenario';
import { apply, type SizingAction } from './actions';
import { MAX_PEERS, MAX_VMS } from './limits';
import { presetPolicy } from './policy';
import { createState, DEFAULT_HOST_EXTRAS } from './state';
import { CPU_POLICIES, CPU_TYPES, CPU_VENDORS, DISK_FORMATS, NIC_MODELS, NOVA_RELEASES, POLICY_PRESETS, PROVISIONINGS, type Host, type Policy, type SizingState } from './types';
import { checkHost, checkReserveFits, HOST_READERS, OPTIONAL_HOST_FIELDS, RATIO_READERS, readFields, RESERVE_READERS } from './validate';

const SIZE_KEYS = ['vcpus', 'ramMb', 'rootDiskGb', 'ephemeralGb', 'swapMb'] as const;
/** VM fields set after the VM is added, as an update (topology, ballooning, disk use). */
const DETAIL_KEYS = ['sockets', 'cores', 'balloonMinMb', 'diskWrittenGb', 'snapshots', 'snapshotGb'] as const;

/** YAML reads `2025.1` as a number: a release may be written either way. */
const release = z.preprocess((v) => (typeof v === 'number' ? String(v) : v), z.enum(NOVA_RELEASES));

const written = z.object({ cpu: z.number().nullable().optional(), ram: z.number().nullable().optional(), disk: z.number().nullable().optional() }).strict();

/**
 * A preset file (YAML) in content/scenarios/sizing/. Units follow OpenStack's own flavor
 * commands: RAM and swap in MB, disks in GB. Types and unknown fields are checked here; values
 * (ranges, flavor names, the reserve) by the same rules the calculator applies to typed input.
 * The settings beyond the course's simple case are all optional.
 */
export const sizingScenarioSchema = z
  .object({
    title: z.string().min(1),
    summary: z.string().min(1).optional(),
    policy: z.enum(POLICY_PRESETS),
    reserved: z.object({ ramMb: z.number().optional(), cpus: z.number().optional(), diskGb: z.number().optional() }).strict().optional(),
    ratios: z.object({ cpu: z.number().optional(), ram: z.number().optional(), disk: z.number().optional() }).strict().optional(),
    /** Nova only: resolve the ratios from the node's history instead. */
    origin: z.object({ registered: release, running: release, configured: written.optional(), initial: written.optional() }).strict().optional(),
    cpuSets: z.object({ dedicated: z.number(), shared: z.number().nullable().optional() }).strict().optional(),
    quota: z.object({ instances: z.number(), cores: z.number(), ramMb: z.number() }).strict().optional(),
    host: z
      .object({
        name: z.string().min(1),
        sockets: z.number(),
        coresPerSocket: z.number(),
        threadsPerCore: z.number(),
        ramMb: z.number(),
        diskGb: z.number(),
        cpuVendor: z.enum(CPU_VENDORS),
        cpuModel: z.string().min(1).optional(),
        storage: z.record(z.string(), z.unknown()).optional(),
        balloonTargetPercent: z.number().optional(),
      })
      .strict(),
    cluster: z.array(z.object({ name: z.string().min(1), cpuModel: z.string().min(1) }).strict()).max(MAX_PEERS).optional(),
    vms: z
      .array(
        z
          .object({
            name: z.string().min(1),
            flavor: z.string().min(1).optional(),
            vcpus: z.number().optional(),
            ramMb: z.number().optional(),
            rootDiskGb: z.number().optional(),
            ephemeralGb: z.number().optional(),
            swapMb: z.number().optional(),
            bootFromVolume: z.boolean().optional(),
            cpuType: z.enum(CPU_TYPES).optional(),
            diskFormat: z.enum(DISK_FORMATS).optional(),
            provisioning: z.enum(PROVISIONINGS).optional(),
            nic: z.enum(NIC_MODELS).optional(),
            balloon: z.boolean().optional(),
            cpuPolicy: z.enum(CPU_POLICIES).optional(),
            sockets: z.number().optional(),
            cores: z.number().optional(),
            balloonMinMb: z.number().optional(),
            diskWrittenGb: z.number().optional(),
            snapshots: z.number().optional(),
            snapshotGb: z.number().optional(),
          })
          .strict()
          .superRefine((vm, ctx) => {
            const sizes = SIZE_KEYS.filter((k) => vm[k] !== undefined);
            if (vm.flavor !== undefined && (sizes.length > 0 || vm.cores !== undefined)) {
              ctx.addIssue({ code: 'custom', path: [sizes[0] ?? 'cores'], message: `give either a flavor or sizes, not both (this VM has flavor ${JSON.stringify(vm.flavor)})` });
            }
            if (vm.flavor === undefined) {
              if (vm.vcpus === undefined && vm.cores === undefined) ctx.addIssue({ code: 'custom', path: ['vcpus'], message: 'missing required field (or give a flavor instead)' });
              for (const k of ['ramMb', 'rootDiskGb'] as const) {
                if (vm[k] === undefined) ctx.addIssue({ code: 'custom', path: [k], message: 'missing required field (or give a flavor instead)' });
              }
            }
          }),
      )
      .max(MAX_VMS),
  })
  .strict();

export type SizingScenarioFile = z.output<typeof sizingScenarioSchema>;

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

/** Parse and build a preset from YAML (or JSON) text. Never throws. */
export function loadScenario(text: string): Result<SizingScenario> {
  const parsed = parseScenario(text, sizingScenarioSchema);
  return parsed.ok ? buildScenario(parsed.value) : parsed;
}
