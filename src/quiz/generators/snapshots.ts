/**
 * Questions answered by the snapshot engine (src/sim/snapshots): a VM, a random but valid session
 * of real commands (VBoxManage, virsh or qm on the host; a shell in the guest), and a question
 * about the result. Every command is executed by the engine's console; a command the platform
 * refuses is left out, so the listing shows only what succeeded, and the key is what the engine
 * ends up with.
 */
import { slugify } from '../../sim/core/ids';
import { createRng, type Rng } from '../../sim/core/rng';
import { runCommand } from '../../sim/snapshots/console/run';
import type { LabState } from '../../sim/snapshots/model/types';
import { readFile } from '../../sim/snapshots/queries/files';
import { flattenTree, snapshotTree } from '../../sim/snapshots/queries/tree-view';
import { createLab } from '../../sim/snapshots/scenario/create';
import type { ChoiceOption } from '../types';
import { stepwiseGeneratorLogic } from './generator';
import { SNAPSHOT_VM, snapshotLabs } from './snapshot-inputs';
import type { SessionParams } from './params';

type Platform = LabState['platform'];
const VM = SNAPSHOT_VM.name;
const VMID = SNAPSHOT_VM.vmid;
const FILE = SNAPSHOT_VM.file;
/** Fixed clock: generators are pure, so "now" cannot come from the system. */
const NOW = Date.UTC(2026, 0, 12, 9, 0, 0);

interface Step {
  where: 'host' | 'guest';
  command: string;
  /** The file's content on disk after this step. */
  file: string;
}

interface Session {
  lab: LabState;
  steps: Step[];
}

/** A drawn session, with the snapshots it took and the file's versions it wrote. */
interface DrawnSession {
  s: Session;
  taken: string[];
  versions: string[];
}

const HOST = {
  virtualbox: {
    take: (s: string) => `VBoxManage snapshot ${VM} take ${s}`,
    restore: (s: string) => `VBoxManage snapshot ${VM} restore ${s}`,
    remove: (s: string) => `VBoxManage snapshot ${VM} delete ${s}`,
    stop: () => `VBoxManage controlvm ${VM} poweroff`,
    start: () => `VBoxManage startvm ${VM} --type headless`,
    resume: () => `VBoxManage controlvm ${VM} resume`,
  },
  libvirt: {
    take: (s: string) => `virsh snapshot-create-as ${VM} ${s}`,
    restore: (s: string) => `virsh snapshot-revert ${VM} ${s}`,
    remove: (s: string) => `virsh snapshot-delete ${VM} ${s}`,
    stop: () => `virsh destroy ${VM}`,
    start: () => `virsh start ${VM}`,
    resume: () => `virsh resume ${VM}`,
  },
  proxmox: {
    take: (s: string) => `qm snapshot ${VMID} ${s}`,
    restore: (s: string) => `qm rollback ${VMID} ${s}`,
    remove: (s: string) => `qm delsnapshot ${VMID} ${s}`,
    stop: () => `qm stop ${VMID}`,
    start: () => `qm start ${VMID}`,
    resume: () => `qm resume ${VMID}`,
  },
} satisfies Record<Platform, Record<string, ((s: string) => string) | (() => string)>>;

const PLATFORM_NAME: Record<Platform, string> = { virtualbox: 'VirtualBox', libvirt: 'libvirt/KVM', proxmox: 'Proxmox VE' };

/** The platform's lab the build parsed (snapshot-inputs.ts), the file holding `initial`: no schema runs in the browser. */
function newLab(platform: Platform, initial: string): LabState {
  const parsed = snapshotLabs[platform];
  const scenario = { ...parsed, vms: parsed.vms.map((vm) => ({ ...vm, files: vm.files.map((f) => (f.path === FILE ? { ...f, content: initial } : f)) })) };
  const lab = createLab(scenario, { now: NOW });
  if (!lab.ok) throw new Error(`snapshot engine refused the generated lab: ${lab.issues[0]!.message}`);
  return lab.value;
}

/** `echo` writes a trailing newline; the question compares what `cat` shows. */
const fileOf = (lab: LabState) => (readFile(lab, VM, FILE)?.content ?? '').trimEnd();

/** Runs one command; keeps it only when it succeeds. */
function run(session: Session, where: Step['where'], command: string): boolean {
  const r = runCommand(session.lab, command, { now: NOW });
  if (r.exitCode !== 0 || r.refused) return false;
  session.lab = r.state;
  session.steps.push({ where, command, file: fileOf(r.state) });
  return true;
}

/** Brings the VM back to running with the platform's own command, if it is not. */
function ensureRunning(session: Session, platform: Platform): void {
  const power = session.lab.vms[VM]!.power;
  if (power === 'running') return;
  run(session, 'host', power === 'paused' ? HOST[platform].resume() : HOST[platform].start());
}

/** Through the public tree query, not the engine's storage, which may change shape. */
function snapshotNames(lab: LabState): string[] {
  const tree = snapshotTree(lab, VM, NOW);
  return tree ? flattenTree(tree).filter((e) => e.node.kind === 'snapshot').map((e) => e.node.name) : [];
}

/**
 * A random session: writes in the guest, snapshots, restores (stopping first where the platform needs
 * it), deletes. It pauses (`yield`) after making the VM and after each draw of a command, so that a
 * quiz page can spread the work over several tasks (drawAttemptStepwise).
 */
function* session(rng: Rng, platform: Platform, length: number, allowDelete: boolean): Generator<void, DrawnSession, void> {
  const versions = ['Welcome (v1)'];
  const s: Session = { lab: newLab(platform, versions[0]!), steps: [] };
  const taken: string[] = [];
  const host = HOST[platform];
  for (let guard = 0; s.steps.length < length && guard < length * 6; guard++) {
    yield;
    const existing = snapshotNames(s.lab);
    const choice = rng.pick(
      existing.length === 0
        ? ['write', 'take']
        : allowDelete
          ? ['write', 'write', 'take', 'restore', 'restore', 'delete']
          : ['write', 'write', 'take', 'restore', 'restore'],
    );
    if (choice === 'write') {
      ensureRunning(s, platform);
      const text = `Welcome (v${versions.length + 1})`;
      if (run(s, 'guest', `echo "${text}" > ${FILE}`)) versions.push(text);
    } else if (choice === 'take') {
      const name = `snap${taken.length + 1}`;
      if (run(s, 'host', host.take(name))) taken.push(name);
    } else {
      const name = rng.pick(existing);
      // Restoring the snapshot just restored, or deleting right after, teaches nothing: draw again.
      const last = s.steps[s.steps.length - 1]?.command ?? '';
      if (last === host.restore(name)) continue;
      if (choice === 'delete') {
        run(s, 'host', host.remove(name));
        continue;
      }
      if (!run(s, 'host', host.restore(name))) {
        // VirtualBox refuses to restore a running VM: power it off first, as a student would.
        if (s.lab.vms[VM]!.power === 'running' && run(s, 'host', host.stop())) run(s, 'host', host.restore(name));
      }
    }
  }
  return { s, taken, versions };
}

function listing(steps: readonly Step[]): string {
  // Each command as code, as hand-written questions write commands; the prompt shows them as a numbered list.
  return steps.map((st, i) => `${i + 1}. \`${st.where === 'host' ? 'host' : VM}$ ${st.command}\``).join('\n');
}

function trace(steps: readonly Step[], initial: string): string {
  const changes: string[] = [];
  let before = initial;
  steps.forEach((st, i) => {
    if (st.file !== before) changes.push(`after step ${i + 1} it holds "${st.file}"`);
    before = st.file;
  });
  return changes.length === 0 ? `${FILE} never changes.` : `On disk, ${FILE} starts as "${initial}"; ${changes.join('; ')}.`;
}

export const snapshotFileAfterCommands = stepwiseGeneratorLogic<SessionParams>({
  id: 'snapshot-file-after-commands',
  description: 'Single choice: after a session of snapshot, restore and guest writes, what does cat /etc/motd print (snapshot engine)?',
  *steps(seed, params) {
    const rng = createRng(seed);
    let best: DrawnSession | undefined;
    let platform: Platform = params.platforms[0]!;
    for (let attempt = 0; attempt < 20; attempt++) {
      platform = rng.pick(params.platforms);
      const drawn = yield* session(rng, platform, params.steps, false);
      best = drawn;
      const restored = drawn.s.steps.some((st) => st.command.includes(' restore ') || st.command.includes('revert') || st.command.includes('rollback'));
      if (drawn.versions.length >= 3 && restored) break;
    }
    const { s, versions } = best!;
    yield;
    ensureRunning(s, platform);
    const before = s.steps.length;
    run(s, 'guest', `cat ${FILE}`);
    const printed = runCommand(s.lab, `cat ${FILE}`, { now: NOW }).output.join('\n');
    if (s.steps.length === before) throw new Error('cat failed in the generated session');
    const shown = [...new Set([printed, ...rng.shuffle(versions.filter((v) => v !== printed))])].slice(0, 4);
    const options: ChoiceOption[] = shown.map((text) => ({ id: slugify(text), text, correct: text === printed }));
    return {
      type: 'single-choice',
      prompt: `On ${PLATFORM_NAME[platform]}, VM ${VM} is running and ${FILE} contains "Welcome (v1)". These commands run in order, each succeeding ("host$" on the host, "${VM}$" inside the guest):\n${listing(s.steps)}\nWhat does the last command print?`,
      options,
      shuffle: true,
      explanation: `${trace(s.steps, 'Welcome (v1)')} Restoring a snapshot brings back the disk as it was when the snapshot was taken; writes made after it are gone unless another snapshot kept them.`,
    };
  },
});

function currentSnapshot(lab: LabState): string | null {
  const tree = snapshotTree(lab, VM, NOW);
  const current = tree ? flattenTree(tree).find((e) => e.node.kind === 'snapshot' && e.node.isCurrentSnapshot) : undefined;
  return current ? current.node.name : null;
}

const NO_SNAPSHOT = 'None: the current state has no parent snapshot';

export const snapshotCurrentAfterCommands = stepwiseGeneratorLogic<SessionParams>({
  id: 'snapshot-current-after-commands',
  description: 'Single choice: after taking, restoring and deleting snapshots, which snapshot is the current one (snapshot engine)?',
  *steps(seed, params) {
    const rng = createRng(seed);
    let best: DrawnSession | undefined;
    let platform: Platform = params.platforms[0]!;
    for (let attempt = 0; attempt < 20; attempt++) {
      platform = rng.pick(params.platforms);
      best = yield* session(rng, platform, params.steps, true);
      if (best.taken.length >= 2) break;
    }
    const { s, taken } = best!;
    yield;
    const current = currentSnapshot(s.lab);
    const remaining = new Set(snapshotNames(s.lab));
    const options: ChoiceOption[] = taken.map((name) => {
      const option: ChoiceOption = { id: name, text: name, correct: name === current };
      if (!remaining.has(name)) option.feedback = `${name} was deleted, so it cannot be the current snapshot.`;
      return option;
    });
    options.push({ id: 'none', text: NO_SNAPSHOT, correct: current === null });
    if (options.length < 2) options.push({ id: 'base', text: 'The base disk image', correct: false });
    const tree = snapshotTree(s.lab, VM, NOW);
    return {
      type: 'single-choice',
      prompt: `On ${PLATFORM_NAME[platform]}, VM ${VM} starts with no snapshots. These commands run in order, each succeeding ("host$" on the host, "${VM}$" inside the guest):\n${listing(s.steps)}\nWhich snapshot is now the current one (the parent of the current state, where the next snapshot would attach)?`,
      options,
      shuffle: false,
      explanation:
        (current === null ? 'No snapshot is left above the current state.' : `The current snapshot is ${current}.`) +
        ` Taking a snapshot makes it the current one; restoring makes the restored snapshot current; deleting the current snapshot moves "current" to its parent. ${tree?.snapshotCount ?? 0} snapshot(s) remain.`,
    };
  },
});
