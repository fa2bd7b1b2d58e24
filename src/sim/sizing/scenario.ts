import { z } from 'zod';
import { fail, ok, type Issue, type PathSegment, type Result } from '../core/issues';
import { parseScenario } from '../core/scenario';
import { apply, type SizingAction } from './actions';
import { MAX_VMS } from './limits';
import { presetPolicy } from './policy';
import { createState } from './state';
import { CPU_TYPES, CPU_VENDORS, DISK_FORMATS, NIC_MODELS, POLICY_PRESETS, PROVISIONINGS, type Host, type Policy, type SizingState } from './types';
import { checkReserveFits, HOST_READERS, RATIO_READERS, readFields, RESERVE_READERS } from './validate';

const SIZE_KEYS = ['vcpus', 'ramMb', 'rootDiskGb', 'ephemeralGb', 'swapMb'] as const;

/**
 * A preset file (YAML) in content/scenarios/sizing/. Units follow OpenStack's own flavor
 * commands: RAM and swap in MB, disks in GB. Types and unknown fields are checked here; values
 * (ranges, flavor names, the reserve) by the same rules the calculator applies to typed input.
 */
export const sizingScenarioSchema = z
  .object({
    title: z.string().min(1),
    summary: z.string().min(1).optional(),
    policy: z.enum(POLICY_PRESETS),
    reserved: z.object({ ramMb: z.number().optional(), cpus: z.number().optional(), diskGb: z.number().optional() }).strict().optional(),
    ratios: z.object({ cpu: z.number().optional(), ram: z.number().optional(), disk: z.number().optional() }).strict().optional(),
    host: z
      .object({
        name: z.string().min(1),
        sockets: z.number(),
        coresPerSocket: z.number(),
        threadsPerCore: z.number(),
        ramMb: z.number(),
        diskGb: z.number(),
        cpuVendor: z.enum(CPU_VENDORS),
      })
      .strict(),
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
          })
          .strict()
          .superRefine((vm, ctx) => {
            const sizes = SIZE_KEYS.filter((k) => vm[k] !== undefined);
            if (vm.flavor !== undefined && sizes.length > 0) {
              ctx.addIssue({ code: 'custom', path: [sizes[0]!], message: `give either a flavor or sizes, not both (this VM has flavor ${JSON.stringify(vm.flavor)})` });
            }
            if (vm.flavor === undefined) {
              for (const k of ['vcpus', 'ramMb', 'rootDiskGb'] as const) {
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

/** Turn a parsed file into a calculator state, reporting problems at the file's own paths. */
export function buildScenario(file: SizingScenarioFile): Result<SizingScenario> {
  const host = readFields(file.host, HOST_READERS, ['host'], true);
  const base = presetPolicy(file.policy);
  const reserve = readFields(file.reserved ?? {}, RESERVE_READERS, ['reserved'], false);
  const issues: Issue[] = [...(host.ok ? [] : host.issues), ...(reserve.ok ? [] : reserve.issues)];
  let policy: Policy = { ...base, reserved: { ...base.reserved, ...(reserve.ok ? reserve.value : {}) } };
  if (file.ratios) {
    if (policy.kind !== 'nova') issues.push({ path: ['ratios'], message: 'the course policy has fixed ratios', hint: 'Use a nova-* policy to set allocation ratios' });
    else {
      const ratios = readFields(file.ratios, RATIO_READERS, ['ratios'], false);
      if (ratios.ok) policy = { ...policy, ratios: { ...policy.ratios, ...ratios.value } };
      else issues.push(...ratios.issues);
    }
  }
  if (issues.length > 0 || !host.ok) return fail(...issues);
  // The file keeps the reserve at the top level, next to the policy it modifies.
  const fitIssues = checkReserveFits(host.value as Host, policy, 'reserve').map((i) => ({ ...i, path: i.path.slice(1) }));
  if (fitIssues.length > 0) return fail(...fitIssues);

  let state: SizingState = { ...createState(file.policy, host.value as Host), policy };
  file.vms.forEach((vm, i) => {
    const { name, flavor, bootFromVolume, cpuType, diskFormat, provisioning, nic, balloon } = vm;
    const options = Object.fromEntries(Object.entries({ cpuType, diskFormat, provisioning, nic, balloon }).filter(([, v]) => v !== undefined));
    const action: SizingAction =
      flavor !== undefined
        ? { type: 'addVm', flavor, name, options: { ...options, ...(bootFromVolume !== undefined ? { bootFromVolume } : {}) } }
        : {
            type: 'addCustomVm',
            name,
            options,
            size: Object.fromEntries(Object.entries({ ...Object.fromEntries(SIZE_KEYS.map((k) => [k, vm[k]])), bootFromVolume }).filter(([, v]) => v !== undefined)),
          };
    const result = apply(state, action);
    // Action issues are relative to the action (size.vcpus, options.nic); the file has them flat on the VM.
    issues.push(...prefixed(result.issues, ['vms', i], (seg) => (seg === 'size' || seg === 'options' ? [] : [seg])));
    state = result.state;
  });
  return issues.length > 0 ? fail(...issues) : ok({ title: file.title, summary: file.summary ?? null, state });
}

/** Parse and build a preset from YAML (or JSON) text. Never throws. */
export function loadScenario(text: string): Result<SizingScenario> {
  const parsed = parseScenario(text, sizingScenarioSchema);
  return parsed.ok ? buildScenario(parsed.value) : parsed;
}
