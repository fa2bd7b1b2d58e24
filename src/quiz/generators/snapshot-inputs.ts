/**
 * The lab each snapshot question starts from, one per platform, parsed by the engine's own schema.
 * Replaced by its JSON in the browser bundle, like network-inputs.ts, so a quiz page loads no zod.
 */
import { snapshotScenarioSchema, type SnapshotScenario } from '../../sim/snapshots/scenario/schema';

/** The VM whose file the snapshot questions follow. */
export const SNAPSHOT_VM = { name: 'web', vmid: 100, file: '/etc/motd' } as const;

const snapshotLab = (platform: SnapshotScenario['platform']): SnapshotScenario =>
  snapshotScenarioSchema.parse({
    id: 'quiz',
    title: 'Quiz',
    summary: 'Generated for a quiz question',
    platform,
    vms: [{ name: SNAPSHOT_VM.name, vmid: SNAPSHOT_VM.vmid, power: 'running', files: [{ path: SNAPSHOT_VM.file, content: '' }] }],
    console: SNAPSHOT_VM.name,
  });

/** One running VM per platform, its file empty: a question writes the file's first content in. */
export const snapshotLabs: Record<SnapshotScenario['platform'], SnapshotScenario> = {
  virtualbox: snapshotLab('virtualbox'),
  libvirt: snapshotLab('libvirt'),
  proxmox: snapshotLab('proxmox'),
};
