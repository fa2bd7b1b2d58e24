import { z } from 'zod';
import type { Result } from '../core/issues';
import { parseScenario } from '../core/scenario';
import { buildScenario, SIZE_KEYS, type SizingScenario } from './build-scenario';
import { MAX_PEERS, MAX_VMS } from './limits';
import { CPU_POLICIES, CPU_TYPES, CPU_VENDORS, DISK_FORMATS, NIC_MODELS, NOVA_RELEASES, POLICY_PRESETS, PROVISIONINGS } from './types';

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
export { buildScenario, type SizingScenario };

/** Parse and build a preset from YAML (or JSON) text. Never throws. */
export function loadScenario(text: string): Result<SizingScenario> {
  const parsed = parseScenario(text, sizingScenarioSchema);
  return parsed.ok ? buildScenario(parsed.value) : parsed;
}
