/**
 * Goal predicates as data. A check names an engine query and what its answer must be; the
 * evaluators in this folder answer it from engine state only (never from what a widget shows).
 * `all`, `any` and `not` combine checks of the same simulator.
 */
import { z } from 'zod';

const name = z.string().min(1);
const port = z.number().int().min(0).max(65535);
const count = z.number().int().min(0);

/** An IP protocol by name ("tcp", "icmp" for a ping, "gre") or number; the engine checks it and says what it accepts. */
const ipProtocol = z.union([z.string().min(1), z.number().int()]).default('tcp');
/** A reachability question: `port` for TCP/UDP, none for a ping; `address` the destination address the source uses. */
const question = { from: name, to: name, port: port.optional(), protocol: ipProtocol, address: z.string().min(1).optional() };

export const networkCheckSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('reachable'), ...question }).strict(),
  z.object({ kind: z.literal('unreachable'), ...question }).strict(),
  z.object({ kind: z.literal('nic-mode'), vm: name, nic: count.default(0), mode: name, network: name.optional() }).strict(),
  z
    .object({ kind: z.literal('port-forward'), vm: name, nic: count.default(0), hostPort: port.optional(), guestPort: port.optional(), hostIp: z.string().optional(), protocol: z.enum(['tcp', 'udp']).optional() })
    .strict(),
  z.object({ kind: z.literal('floating-ip'), vm: name, address: z.string().optional() }).strict(),
  z
    .object({ kind: z.literal('sg-allows'), group: name, port: port.optional(), protocol: ipProtocol, fromCidr: z.string().optional(), fromGroup: name.optional() })
    .strict(),
  z.object({ kind: z.literal('firewall-allows'), node: name, port: port.optional(), protocol: ipProtocol }).strict(),
  z.object({ kind: z.literal('service-listen'), node: name, service: name, listen: z.string() }).strict(),
]);

export const sizingCheckSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('all-placed') }).strict(),
  z.object({ kind: z.literal('placed'), vm: name }).strict(),
  z.object({ kind: z.literal('vm-count'), min: count.optional(), max: count.optional() }).strict(),
  z.object({ kind: z.literal('policy'), preset: name }).strict(),
  z.object({ kind: z.literal('no-warning'), code: name.optional() }).strict(),
  /** A finding of that code, warning or note, is absent (for advice the engine gives as a note). */
  z.object({ kind: z.literal('no-finding'), code: name }).strict(),
  z.object({ kind: z.literal('ratio-at-most'), resource: z.enum(['VCPU', 'MEMORY_MB', 'DISK_GB']), value: z.number().positive() }).strict(),
  /** "How many more of this flavor fit?" (the engine's headroomForFlavor); `max: 0` means the host is full for it. */
  z.object({ kind: z.literal('headroom'), flavor: name, min: count.optional(), max: count.optional() }).strict(),
]);

const vm = name.optional();
export const snapshotCheckSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('snapshot-exists'), vm, name }).strict(),
  z.object({ kind: z.literal('current-snapshot'), vm, name }).strict(),
  z.object({ kind: z.literal('parent-of'), vm, snapshot: name, parent: name.nullable() }).strict(),
  z.object({ kind: z.literal('children'), vm, snapshot: name, min: count.optional(), max: count.optional() }).strict(),
  z.object({ kind: z.literal('snapshot-count'), vm, min: count.optional(), max: count.optional() }).strict(),
  z.object({ kind: z.literal('service'), vm, service: name, status: z.enum(['active', 'failed', 'inactive']) }).strict(),
  z.object({ kind: z.literal('file'), vm, path: name, exists: z.boolean().optional(), contains: z.string().optional(), equals: z.string().optional() }).strict(),
  /** `snapshot`: what that snapshot saved on disk instead of the current state. */
  z.object({ kind: z.literal('package'), vm, package: name, installed: z.boolean().default(true), version: z.string().optional(), snapshot: name.optional() }).strict(),
  z.object({ kind: z.literal('power'), vm, state: z.enum(['running', 'paused', 'saved', 'poweroff']) }).strict(),
  z.object({ kind: z.literal('clone'), name, of: name.optional(), mode: z.enum(['full', 'linked']).optional(), snapshot: name.optional() }).strict(),
  z.object({ kind: z.literal('disk-usage-at-most'), vm, bytes: z.number().int().positive() }).strict(),
  z.object({ kind: z.literal('snapshot-location'), vm, snapshot: name, location: z.enum(['internal', 'external']) }).strict(),
  z.object({ kind: z.literal('disk-mode'), vm, mount: z.string().regex(/^\//, 'expected the disk\'s mount point, such as "/srv/data"'), mode: z.enum(['normal', 'writethrough', 'immutable', 'shareable', 'multiattach']) }).strict(),
]);

/**
 * The VM builder's goals (SPEC G-M): facts of the shared machine model (src/sim/machine), asked of
 * the same lab state the snapshot goals read, which builder labs may also use.
 */
const bootDevice = z.enum(['none', 'floppy', 'dvd', 'disk', 'net']);
export const machineCheckSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('vm-exists'), vm: name, registered: z.boolean().default(true) }).strict(),
  z
    .object({
      kind: z.literal('vm-hardware'),
      vm: name,
      ostype: z.string().optional(),
      memoryMb: count.optional(),
      cpus: count.optional(),
      vramMb: count.optional(),
      firmware: z.enum(['bios', 'efi']).optional(),
      ioapic: z.boolean().optional(),
    })
    .strict(),
  z.object({ kind: z.literal('boot-order'), vm: name, order: z.array(bootDevice).min(1).max(4) }).strict(),
  z.object({ kind: z.literal('controller'), vm: name, bus: z.enum(['ide', 'sata', 'scsi', 'sas', 'floppy', 'usb', 'pcie', 'virtio']), type: z.string().optional() }).strict(),
  z
    .object({
      kind: z.literal('attached'),
      vm: name,
      device: z.enum(['hdd', 'dvddrive']),
      bus: z.enum(['ide', 'sata', 'scsi', 'sas', 'floppy', 'usb', 'pcie', 'virtio']).optional(),
      /** The end of the medium's path or volume name ("debian-12.8.0-amd64-netinst.iso"). */
      file: z.string().optional(),
      minSizeMb: count.optional(),
      maxSizeMb: count.optional(),
      installer: z.boolean().optional(),
    })
    .strict(),
  z.object({ kind: z.literal('nic'), vm: name, slot: z.number().int().min(1).max(8), attachment: z.enum(['none', 'null', 'nat', 'natnetwork', 'bridged', 'intnet', 'hostonly', 'generic']), network: z.string().optional() }).strict(),
  z.object({ kind: z.literal('nat-forward'), vm: name, slot: z.number().int().min(1).max(8).optional(), hostPort: port.optional(), guestPort: port.optional(), guestIp: z.string().optional() }).strict(),
  z.object({ kind: z.literal('started'), vm: name, frontend: z.enum(['gui', 'headless']).optional(), booted: z.enum(['system', 'installer']).optional() }).strict(),
  /** The network engine's answer on the machine model's topology: the host reaches the VM on `port`. */
  z.object({ kind: z.literal('host-reaches'), vm: name, port: port.optional(), protocol: z.enum(['tcp', 'udp']).default('tcp') }).strict(),
  /** The console's shell is in `vm`, reached from the host by ssh; `by: address` when the student typed the VM's IP address. */
  z.object({ kind: z.literal('ssh-session'), vm: name, by: z.enum(['name', 'address', 'forward']).optional() }).strict(),
]);
export const builderCheckSchema = z.discriminatedUnion('kind', [...snapshotCheckSchema.options, ...machineCheckSchema.options]);

export type NetworkCheck = z.output<typeof networkCheckSchema>;
export type MachineCheck = z.output<typeof machineCheckSchema>;
export type BuilderCheck = z.output<typeof builderCheckSchema>;
export type SizingCheck = z.output<typeof sizingCheckSchema>;
export type SnapshotCheck = z.output<typeof snapshotCheckSchema>;

/** A check or a combination of checks of one simulator's kind. */
export type Check<C> = C | { kind: 'all'; of: Check<C>[] } | { kind: 'any'; of: Check<C>[] } | { kind: 'not'; check: Check<C> };

export function combinable<C extends z.ZodType>(leaf: C): z.ZodType<Check<z.output<C>>> {
  const schema: z.ZodType<Check<z.output<C>>> = z.lazy(() =>
    z.union([
      z.object({ kind: z.literal('all'), of: z.array(schema).min(1) }).strict(),
      z.object({ kind: z.literal('any'), of: z.array(schema).min(1) }).strict(),
      z.object({ kind: z.literal('not'), check: schema }).strict(),
      leaf,
    ]),
  ) as z.ZodType<Check<z.output<C>>>;
  return schema;
}

/** The kinds each simulator's goals may use, for error messages and the README test. */
export const CHECK_KINDS = {
  network: networkCheckSchema.options.map((o) => o.shape.kind.value),
  sizing: sizingCheckSchema.options.map((o) => o.shape.kind.value),
  snapshots: snapshotCheckSchema.options.map((o) => o.shape.kind.value),
  builder: builderCheckSchema.options.map((o) => o.shape.kind.value),
} as const;

export { evaluateCombined, isCheckError, type Answer, type CheckError, type Evaluated } from './evaluate';
