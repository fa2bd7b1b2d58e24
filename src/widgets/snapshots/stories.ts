import type { EventCode, PowerState, RefusalCode, ServiceStatus } from './engine';

/**
 * Stories: what the panel above the sandbox asks the student to do next. A lesson picks one with
 * `<SnapshotSandbox story="…" />`. Steps are done in order; each is ticked off when all of its
 * checks hold right after a step the student took (see progress.ts). Checks are plain data over
 * what the engine reports, so a story never needs code of its own.
 */
export type StoryCheck =
  /** The VM in focus has at least this many snapshots. */
  | { snapshots: number }
  | { service: string; status: ServiceStatus }
  | { power: PowerState }
  /** The step just taken was refused with this reason. */
  | { refused: RefusalCode }
  /** The step just taken produced this event. */
  | { event: EventCode }
  /** Some snapshot of the VM in focus has two or more child snapshots. */
  | { branches: true }
  /** The student is looking at this preset (for stories that compare two labs). */
  | { lab: string };

export interface StoryStep {
  /** What to do, in one or two sentences. */
  text: string;
  /** A command that does it, offered as "put in the console". */
  command?: string;
  /** The preset this step happens in, when the story spans two. */
  lab?: string;
  /** Skipped (not failed) when the student goes straight on to the next step. */
  optional?: boolean;
  done: StoryCheck[];
}

/** A guest action offered as a button: the button runs the command through the console. */
export interface GuestButton {
  label: string;
  command: string;
}

export interface Story {
  title: string;
  /** Presets the story is written for; the first one opens. */
  presets: string[];
  steps: StoryStep[];
  /** Guest buttons for this story; without them the sandbox offers generic ones. */
  guestButtons?: GuestButton[];
}

const NGINX_BUTTONS: GuestButton[] = [
  { label: 'Upgrade nginx (breaks its config)', command: 'apt upgrade' },
  {
    label: 'Fix the nginx config',
    command: "sed -i 's/listen 443;/listen 443 ssl;/' /etc/nginx/nginx.conf && sed -i 's/ssl on;//' /etc/nginx/nginx.conf",
  },
  { label: 'Test the config (nginx -t)', command: 'nginx -t' },
  { label: 'Restart nginx', command: 'systemctl restart nginx' },
  { label: 'Fetch the home page', command: 'curl http://localhost/' },
];

export const STORIES: Record<string, Story> = {
  'vm-lifecycle': {
    title: 'Walk web01 through its power states',
    presets: ['nginx-upgrade-virtualbox'],
    guestButtons: NGINX_BUTTONS.filter((b) => b.command !== 'apt upgrade' && !b.command.startsWith('sed')),
    steps: [
      { text: 'Pause web01. Where is its memory now?', command: 'VBoxManage controlvm web01 pause', done: [{ power: 'paused' }] },
      { text: 'Resume it: the guest carries on at once.', command: 'VBoxManage controlvm web01 resume', done: [{ power: 'running' }] },
      { text: 'Save its state: the memory goes into a file and the VM process ends.', command: 'VBoxManage controlvm web01 savestate', done: [{ power: 'saved' }] },
      { text: 'Start it again from the saved state.', command: 'VBoxManage startvm web01 --type headless', done: [{ power: 'running' }] },
      { text: 'Press the virtual power button (ACPI shutdown): the guest shuts itself down.', command: 'VBoxManage controlvm web01 acpipowerbutton', done: [{ power: 'poweroff' }] },
      { text: 'Start web01 and save its state once more.', command: 'VBoxManage startvm web01 --type headless', done: [{ power: 'saved' }] },
      { text: 'Now try to resume the saved VM, and read the refusal.', command: 'VBoxManage controlvm web01 resume', done: [{ refused: 'NOT_PAUSED' }] },
    ],
  },
  'nginx-rollback': {
    title: 'The upgrade broke nginx: roll it back',
    presets: ['nginx-upgrade-virtualbox'],
    guestButtons: NGINX_BUTTONS,
    steps: [
      { text: 'Before the change, take a snapshot called pre-upgrade.', command: 'VBoxManage snapshot web01 take pre-upgrade', done: [{ snapshots: 1 }] },
      { text: 'Upgrade the packages in the guest and watch nginx fail. Look at the disk usage afterwards.', command: 'apt upgrade', done: [{ service: 'nginx', status: 'failed' }] },
      {
        text: 'Optional: keep the broken system as evidence in a second snapshot.',
        command: 'VBoxManage snapshot web01 take broken-upgrade',
        optional: true,
        done: [{ snapshots: 2 }],
      },
      { text: 'Try to restore pre-upgrade while web01 is running.', command: 'VBoxManage snapshot web01 restore pre-upgrade', done: [{ refused: 'RESTORE_WHILE_RUNNING' }] },
      { text: 'Power web01 off.', command: 'VBoxManage controlvm web01 poweroff', done: [{ power: 'poweroff' }] },
      { text: 'Restore pre-upgrade now.', command: 'VBoxManage snapshot web01 restore pre-upgrade', done: [{ event: 'SNAPSHOT_RESTORED' }] },
      {
        text: 'Start web01 and check that nginx is healthy again.',
        command: 'VBoxManage startvm web01 --type headless',
        done: [{ power: 'running' }, { service: 'nginx', status: 'active' }],
      },
      { text: 'Take a new snapshot and find the second branch in the tree.', command: 'VBoxManage snapshot web01 take after-rollback', done: [{ branches: true }] },
    ],
  },
  'data-disk': {
    title: 'A write-through data disk: the system goes back, the orders stay',
    presets: ['virtualbox-data-disk'],
    steps: [
      { text: 'Take a snapshot of shop01 before the change. Which disk does it leave out?', command: 'VBoxManage snapshot shop01 take before-change', done: [{ event: 'DIRECT_DISKS_KEPT' }] },
      { text: 'A customer orders: the shop writes to its data disk.', command: 'echo "1002,laptop" >> /srv/data/orders.csv', done: [{ event: 'FILE_WRITTEN' }] },
      { text: 'Upgrade the system disk’s packages.', command: 'apt upgrade', done: [{ event: 'PACKAGE_UPGRADED' }] },
      { text: 'Power shop01 off, since VirtualBox restores only a VM that is off.', command: 'VBoxManage controlvm shop01 poweroff', done: [{ power: 'poweroff' }] },
      { text: 'Restore before-change: nginx goes back to 1.24, the data disk is not touched.', command: 'VBoxManage snapshot shop01 restore before-change', done: [{ event: 'SNAPSHOT_RESTORED' }] },
      { text: 'Start shop01 and read the orders: order 1002 is still there.', command: 'VBoxManage startvm shop01 --type headless', done: [{ power: 'running' }] },
    ],
  },
  'external-snapshots': {
    title: 'External snapshots on libvirt 9.0: take, try to revert, delete',
    presets: ['libvirt-external-debian12'],
    steps: [
      {
        text: 'Take a disk-only snapshot. Each disk image freezes and gets an overlay on top: see the backing chains under "Disks", or run virsh domblklist db1.',
        command: 'virsh snapshot-create-as db1 pre-import --disk-only',
        done: [{ event: 'OVERLAY_CREATED' }],
      },
      { text: 'Import 200 MB of data: only the overlay grows.', command: 'fallocate -l 200M /var/lib/data/import.bin', done: [{ event: 'FILE_WRITTEN' }] },
      { text: 'Try to revert to pre-import, and read why libvirt 9.0 cannot.', command: 'virsh snapshot-revert db1 pre-import', done: [{ refused: 'REVERT_EXTERNAL_UNSUPPORTED' }] },
      {
        text: 'Delete the snapshot instead: libvirt 9.0 merges the overlays back into the images (a block commit). The import stays.',
        command: 'virsh snapshot-delete db1 pre-import',
        done: [{ event: 'OVERLAY_MERGED' }],
      },
    ],
  },
  'zfs-vs-libvirt': {
    title: 'Rolling back past a newer snapshot: Proxmox on ZFS, then libvirt',
    presets: ['proxmox-zfs', 'libvirt-branches'],
    steps: [
      { text: 'Roll VM 101 back to s1-base and read the refusal.', command: 'qm rollback 101 s1-base', lab: 'proxmox-zfs', done: [{ refused: 'NOT_MOST_RECENT' }] },
      {
        text: 'Delete the newer snapshot s2-app. What do you lose with it?',
        command: 'qm delsnapshot 101 s2-app',
        lab: 'proxmox-zfs',
        done: [{ event: 'SNAPSHOT_DELETED' }],
      },
      { text: 'Roll back to s1-base again.', command: 'qm rollback 101 s1-base', lab: 'proxmox-zfs', done: [{ event: 'SNAPSHOT_RESTORED' }] },
      { text: 'Switch to the libvirt lab with the lab switch above.', done: [{ lab: 'libvirt-branches' }] },
      {
        text: 'Revert lab1 to its first snapshot, base: no newer snapshot has to go. Compare the two trees.',
        command: 'virsh snapshot-revert lab1 base',
        lab: 'libvirt-branches',
        done: [{ event: 'SNAPSHOT_RESTORED' }],
      },
    ],
  },
};
