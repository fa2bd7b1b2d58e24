import { z } from 'zod';
import { closest, knownList } from '../../core/suggest';
import { PACKAGE_NAMES, PACKAGES } from '../guest/catalog';
import { LIMITS } from '../actions/configure';
import { DURATION, SIZE, parseDuration } from './units';

export { parseDuration, parseSize } from './units';

/**
 * The preset file format (`content/scenarios/snapshots/*.yaml`): a platform, its VMs as they
 * were installed, and an optional history of steps (any engine action) that happened a given
 * time ago, which builds the snapshot tree the student starts from.
 */

const sizeSchema = z.union([
  z.number().int().nonnegative(),
  z.string().regex(SIZE, 'expected a size such as 512, "640K", "20M" or "1.5G"'),
]);

const fileSchema = z
  .object({
    path: z.string().regex(/^\/[^\0]*$/, 'expected an absolute path starting with "/"'),
    content: z.string().default(''),
    size: sizeSchema.optional(),
  })
  .strict();

const mountPoint = z.string().regex(/^\/(?:[A-Za-z0-9._-]+(?:\/[A-Za-z0-9._-]+)*)?$/, 'expected an absolute directory such as "/" or "/srv/data"');

const diskSchema = z
  .object({
    /** The system disk (the first) is mounted at "/"; every other disk needs its own mount point. */
    mount: mountPoint.optional(),
    size: sizeSchema.default('32G'),
    /** VirtualBox medium type (VBox manual 5.4). */
    mode: z.enum(['normal', 'writethrough', 'immutable', 'shareable', 'multiattach']).default('normal'),
    /** A fixed-size image (VirtualBox shares only those). */
    fixed: z.boolean().default(false),
    /** The image's file or volume name; the tool's own naming when omitted. */
    file: z.string().regex(/^[^\0\s]+$/, 'expected a file name without spaces').optional(),
  })
  .strict();

const vmName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'expected a VM name of letters, digits, ".", "_" or "-"');

const vmSchema = z
  .object({
    name: vmName,
    vmid: z.number().int().min(100).max(999_999_999).optional(),
    memoryMb: z.number().int().min(LIMITS.memoryMb.min).max(LIMITS.memoryMb.max).default(1024),
    cpus: z.number().int().min(LIMITS.cpus.min).max(LIMITS.cpus.max).default(1),
    power: z.enum(['running', 'poweroff']).default('poweroff'),
    template: z.boolean().default(false),
    packages: z.record(z.string(), z.string()).default({ 'openssh-server': '1:9.2p1-2+deb12u3', cron: '3.0pl1-162' }),
    files: z.array(fileSchema).default([]),
    /** The attached disks, system disk first (SPEC D6); one 32 GB disk when omitted. */
    disks: z.array(diskSchema).min(1).max(8).optional(),
    /** The machine model (SPEC M4): guest OS type, network adapters (slot order), guest agent channel. */
    ostype: z.string().min(1).optional(),
    nics: z
      .array(
        z
          .object({
            attachment: z.enum(['nat', 'natnetwork', 'bridged', 'intnet', 'hostonly', 'generic', 'null']),
            network: z.string().min(1).optional(),
            forwards: z
              .array(z.object({ name: z.string().min(1), protocol: z.enum(['tcp', 'udp']).default('tcp'), hostPort: z.number().int().min(1).max(65535), guestPort: z.number().int().min(1).max(65535) }).strict())
              .default([]),
          })
          .strict(),
      )
      .max(8)
      .optional(),
    agent: z.boolean().default(false),
  })
  .strict();

const vm = { vm: z.string() };
const snapshotRef = z.string().min(1);

const guestOpSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('write'), path: z.string(), content: z.string(), size: sizeSchema.optional(), append: z.boolean().optional() }).strict(),
  z.object({ op: z.literal('replace'), path: z.string(), search: z.string().min(1), replacement: z.string(), all: z.boolean().default(false) }).strict(),
  z
    .object({ op: z.literal('remove'), path: z.string(), recursive: z.boolean().default(false), force: z.boolean().default(false), noPreserveRoot: z.boolean().default(false) })
    .strict(),
  z.object({ op: z.literal('install'), packages: z.array(z.string()).min(1) }).strict(),
  z.object({ op: z.literal('uninstall'), packages: z.array(z.string()).min(1), purge: z.boolean().default(false) }).strict(),
  z.object({ op: z.literal('upgrade'), packages: z.array(z.string()).default([]) }).strict(),
  z.object({ op: z.literal('service'), service: z.string(), command: z.enum(['start', 'stop', 'restart', 'reload', 'enable', 'disable']) }).strict(),
]);

const actionSchema = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('take'),
      ...vm,
      name: z.string().optional(),
      description: z.string().optional(),
      memory: z.boolean().optional(),
      live: z.boolean().optional(),
      halt: z.boolean().optional(),
      location: z.enum(['internal', 'external']).optional(),
      disks: z
        .array(z.object({ disk: z.number().int().min(0), location: z.enum(['internal', 'external']).optional(), file: z.string().min(1).optional() }).strict())
        .optional(),
      memoryFile: z.string().min(1).optional(),
    })
    .strict(),
  z.object({ type: z.literal('restore'), ...vm, snapshot: snapshotRef, after: z.enum(['running', 'paused']).optional() }).strict(),
  z
    .object({ type: z.literal('deleteSnapshot'), ...vm, snapshot: snapshotRef, scope: z.enum(['self', 'withChildren', 'childrenOnly']).optional() })
    .strict(),
  z.object({ type: z.literal('editSnapshot'), ...vm, snapshot: snapshotRef, name: z.string().optional(), description: z.string().optional() }).strict(),
  z.object({ type: z.literal('setCurrent'), ...vm, snapshot: snapshotRef }).strict(),
  z
    .object({ type: z.literal('clone'), ...vm, name: vmName, mode: z.enum(['full', 'linked']), snapshot: snapshotRef.optional(), vmid: z.number().int().optional() })
    .strict(),
  z.object({ type: z.literal('template'), ...vm }).strict(),
  z
    .object({ type: z.literal('power'), ...vm, op: z.enum(['start', 'shutdown', 'poweroff', 'pause', 'resume', 'save', 'discardState', 'reboot', 'reset']) })
    .strict(),
  z.object({ type: z.literal('configure'), ...vm, memoryMb: z.number().int().optional(), cpus: z.number().int().optional() }).strict(),
  z.object({ type: z.literal('guest'), ...vm, guest: guestOpSchema }).strict(),
  z.object({ type: z.literal('loseBaseDisk'), ...vm }).strict(),
  z.object({ type: z.literal('setDiskMode'), ...vm, disk: z.number().int().min(0), mode: z.enum(['normal', 'writethrough', 'immutable', 'shareable', 'multiattach']) }).strict(),
  z.object({ type: z.literal('focus'), ...vm }).strict(),
]);

const historyStepSchema = z
  .object({
    ago: z.string().regex(DURATION, 'expected a duration such as "30m", "5h" or "3d"'),
    do: actionSchema,
  })
  .strict();

const STORAGE_BY_PLATFORM = {
  virtualbox: ['vdi'],
  libvirt: ['qcow2'],
  proxmox: ['zfs', 'qcow2', 'lvm-thin', 'ceph'],
} as const;

export const snapshotScenarioSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'expected a slug such as "nginx-upgrade-virtualbox"'),
    title: z.string().min(1),
    summary: z.string().default(''),
    platform: z.enum(['virtualbox', 'libvirt', 'proxmox']),
    storage: z.enum(['vdi', 'qcow2', 'zfs', 'lvm-thin', 'ceph']).optional(),
    storageId: z.string().regex(/^[a-z][a-z0-9._-]*$/i).optional(),
    seed: z.string().optional(),
    policy: z.object({ maxChain: z.number().int().min(1), maxAgeHours: z.number().min(1) }).partial().strict().default({}),
    /** The libvirt release (libvirt labs only): 9.0.0 deletes external snapshots, 9.9.0 reverts to them. */
    libvirtVersion: z.string().regex(/^\d+\.\d+\.\d+$/, 'expected a release such as "9.0.0" or "10.0.0"').optional(),
    repo: z.record(z.string(), z.string()).default({}),
    /** May be empty: a VM-builder lab starts with a bare host (SPEC M1). */
    vms: z.array(vmSchema),
    /** The host the VMs run on (SPEC M1): its LAN (bridged NICs lease there) and files commands read (domain XML, ISO images). */
    host: z
      .object({
        name: z.string().min(1).max(64).optional(),
        lan: z
          .object({
            cidr: z.string().regex(/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/, 'expected a block such as 192.168.1.0/24'),
            gateway: z.string().regex(/^\d{1,3}(\.\d{1,3}){3}$/, 'expected an address such as 192.168.1.1'),
            dhcpStart: z.string().regex(/^\d{1,3}(\.\d{1,3}){3}$/, 'expected an address such as 192.168.1.100'),
          })
          .strict()
          .optional(),
        files: z
          .array(
            z
              .object({
                path: z.string().regex(/^(?:\/|[a-z][a-z0-9._-]*:)[^\0]*$/, 'expected an absolute path such as "/root/web.xml" or a Proxmox volume such as "local:iso/debian.iso"'),
                content: z.string().max(20000),
              })
              .strict(),
          )
          .max(20)
          .default([]),
      })
      .strict()
      .optional(),
    console: z.string().optional(),
    history: z.array(historyStepSchema).default([]),
  })
  .strict()
  .superRefine((s, ctx) => {
    const issue = (path: Array<string | number>, message: string): void => ctx.addIssue({ code: 'custom', path, message });
    if (s.storage && !(STORAGE_BY_PLATFORM[s.platform] as readonly string[]).includes(s.storage)) {
      issue(['storage'], `${s.platform} does not use "${s.storage}" storage ${knownList([...STORAGE_BY_PLATFORM[s.platform]])}`);
    }
    const checkPackages = (pkgs: Record<string, string>, path: Array<string | number>): void => {
      for (const [name, version] of Object.entries(pkgs)) {
        const spec = PACKAGES[name];
        if (!spec) {
          const near = closest(name, PACKAGE_NAMES);
          issue([...path, name], `unknown package "${name}"${near ? `. Did you mean "${near}"?` : ` ${knownList(PACKAGE_NAMES)}`}`);
        } else if (!spec.versions.includes(version)) {
          issue([...path, name], `unknown version "${version}" of ${name} ${knownList(spec.versions)}`);
        }
      }
    };
    checkPackages(s.repo, ['repo']);
    const names = new Set<string>();
    const vmids = new Set<number>();
    s.vms.forEach((v, i) => {
      if (names.has(v.name)) issue(['vms', i, 'name'], `duplicate VM name "${v.name}"`);
      names.add(v.name);
      if (v.vmid !== undefined) {
        if (vmids.has(v.vmid)) issue(['vms', i, 'vmid'], `duplicate vmid ${v.vmid}`);
        vmids.add(v.vmid);
      }
      checkPackages(v.packages, ['vms', i, 'packages']);
      if (v.template && s.platform !== 'proxmox') issue(['vms', i, 'template'], 'only Proxmox VE has templates');
      checkDisks(v.disks ?? [], s.platform, ['vms', i, 'disks'], issue);
    });
    if (s.libvirtVersion !== undefined && s.platform !== 'libvirt') issue(['libvirtVersion'], `only libvirt labs name a libvirt release (this one is ${s.platform})`);
    if (s.console !== undefined && !names.has(s.console)) {
      const near = closest(s.console, [...names]);
      issue(['console'], `unknown VM "${s.console}"${near ? `. Did you mean "${near}"?` : ` ${knownList([...names])}`}`);
    }
    let previous = Infinity;
    s.history.forEach((step, i) => {
      const ago = parseDuration(step.ago);
      if (ago > previous) issue(['history', i, 'ago'], `steps must be in time order: "${step.ago}" ago is before the step above it`);
      previous = ago;
    });
  });

/** Disk lists: the system disk at "/", distinct mount points, modes only on VirtualBox (SPEC D6, V10). */
function checkDisks(
  disks: ReadonlyArray<z.output<typeof diskSchema>>,
  platform: string,
  path: Array<string | number>,
  issue: (path: Array<string | number>, message: string) => void,
): void {
  const mounts = new Set<string>();
  disks.forEach((d, j) => {
    const mount = d.mount ?? (j === 0 ? '/' : undefined);
    if (j === 0 && mount !== '/') issue([...path, j, 'mount'], 'the first disk is the system disk: mount it at "/" (or leave mount out)');
    if (j > 0 && mount === undefined) issue([...path, j, 'mount'], 'say where the guest mounts this disk, e.g. mount: /srv/data');
    if (j > 0 && mount === '/') issue([...path, j, 'mount'], 'only the first disk is mounted at "/"');
    if (mount !== undefined) {
      if (mounts.has(mount)) issue([...path, j, 'mount'], `two disks are mounted at ${mount}`);
      mounts.add(mount);
    }
    if (d.mode !== 'normal' && platform !== 'virtualbox') {
      issue([...path, j, 'mode'], `only VirtualBox has disk modes such as "${d.mode}": libvirt and Proxmox VE snapshot every disk`);
    }
    if (d.mode === 'shareable' && !d.fixed) issue([...path, j, 'fixed'], 'VirtualBox shares only fixed-size images: add fixed: true');
  });
}

export type SnapshotScenario = z.output<typeof snapshotScenarioSchema>;
export type ScenarioVm = SnapshotScenario['vms'][number];
