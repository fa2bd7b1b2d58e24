import { describe, expect, it } from 'vitest';
import { apply, helpLines, runCommand, getSnapshot, listSnapshots } from '../../../../src/sim/snapshots';
import { at, makeLab, nginxLab, sh, shAll, snapId, step } from './helpers';

describe('console: shell', () => {
  it('K1: unknown commands and subcommands get "command not found" and the closest valid command', () => {
    const lab = makeLab({ platform: 'virtualbox' });
    expect(sh(lab, 'VBoxManag snapshot web list').output).toEqual([
      'bash: VBoxManag: command not found',
      'hint: did you mean "VBoxManage"? Type "help" for the commands this lab knows.',
    ]);
    expect(sh(lab, 'VBoxManage snapshot web tkae x').output).toEqual(["VBoxManage: error: Invalid parameter 'tkae'", 'hint: did you mean "take"?']);
    expect(sh(lab, 'virsh list').output).toEqual(['bash: virsh: command not found', 'hint: this lab runs VirtualBox: use VBoxManage']);
    expect(sh(lab, 'echo "unterminated').output).toEqual(["bash: unexpected EOF while looking for matching `\"'"]);
  });

  it('K1: no input ever makes it throw', () => {
    const lab = nginxLab('proxmox');
    const junk = ['', '   ', '&&', ';;', '>', 'qm', 'qm snapshot', 'qm snapshot 100', 'qm rollback 999 x', "sed -i 's/(/x/' /etc/hostname", 'rm', 'ls /nope', 'cat', 'ssh', 'sim', 'sim disk-failure nope', 'virsh', 'apt', 'systemctl status', 'fallocate -l', 'curl http://example.com', 'help guest', 'qm clone 100', 'qm set 100 --memory abc', 'echo a > /etc'];
    for (const line of junk) expect(() => runCommand(lab, line, at())).not.toThrow();
  });

  it('K1: help lists the platform\'s own commands with the lab\'s VM names', () => {
    expect(helpLines(makeLab({ platform: 'proxmox' }), 'host')[1]).toBe('  qm snapshot 100 NAME [--description TEXT] [--vmstate 1]');
    expect(sh(makeLab({ platform: 'libvirt' }), 'help').output.some((l) => l.includes('virsh snapshot-revert web'))).toBe(true);
  });

  it('K1: a tool that refuses before reaching the engine still reports the reason as data', () => {
    const vbox = shAll(makeLab({ platform: 'virtualbox' }), ['VBoxManage controlvm web savestate']).state;
    const resume = sh(vbox, 'VBoxManage controlvm web resume');
    expect(resume.output[0]).toBe("VBoxManage: error: Machine 'web' is not currently running.");
    expect(resume.refused).toEqual({ code: 'NOT_PAUSED', params: { vm: 'web', power: 'saved' } });
    expect(resume.refused).toEqual(apply(vbox, { type: 'power', vm: 'web', op: 'resume' }, at()).refused);
    expect(sh(vbox, 'VBoxManage controlvm web acpipowerbutton').refused).toEqual({ code: 'NOT_RUNNING', params: { vm: 'web', op: 'shutdown', power: 'saved' } });
    expect(resume.state).toBe(vbox);
    expect(sh(vbox, 'VBoxManage snapshot wbe list').refused).toMatchObject({ code: 'UNKNOWN_VM', params: { vm: 'wbe', suggestion: 'web' } });
    expect(sh(vbox, 'VBoxManage clonevm web --name w2 --snapshot nope --register').refused).toMatchObject({ code: 'UNKNOWN_SNAPSHOT', params: { snapshot: 'nope' } });

    const virt = shAll(makeLab({ platform: 'libvirt' }), ['virsh snapshot-create-as web base']).state;
    expect(sh(virt, 'virsh snapshot-revert web bsae').refused).toMatchObject({ code: 'UNKNOWN_SNAPSHOT', params: { snapshot: 'bsae', suggestion: 'base' } });
    expect(sh(virt, 'virsh snapshot-current web nope').refused).toMatchObject({ code: 'UNKNOWN_SNAPSHOT', params: { snapshot: 'nope' } });
    expect(sh(virt, 'virsh snapshot-revert wbe base').refused).toMatchObject({ code: 'UNKNOWN_VM', params: { vm: 'wbe' } });
    // A usage error is not a refusal of an operation: no reason to explain.
    expect(sh(virt, 'virsh snapshot-revert web').refused).toBeNull();

    const pve = shAll(makeLab({ platform: 'proxmox' }), ['qm snapshot 100 base']).state;
    const rollback = sh(pve, 'qm rollback 100 bsae');
    expect(rollback.refused).toMatchObject({ code: 'UNKNOWN_SNAPSHOT', params: { snapshot: 'bsae', suggestion: 'base' } });
    expect(rollback.exitCode).toBe(255);
    expect(sh(pve, 'qm clone 100 200 --snapname nope').refused).toMatchObject({ code: 'UNKNOWN_SNAPSHOT', params: { snapshot: 'nope' } });
  });

  it('K4: qm booleans may be bare: `--full --name x` is a full clone named x, not a linked clone named "--name"', () => {
    const pve = makeLab({ platform: 'proxmox', storage: 'qcow2', vms: [{ name: 'web', power: 'poweroff', memoryMb: 1024, cpus: 1 }] });
    const bare = sh(pve, 'qm clone 100 226 --full --name web-copy');
    expect(bare.exitCode, bare.output.join('\n')).toBe(0);
    expect(bare.state.vms['web-copy']).toMatchObject({ vmid: 226, linkedFrom: null });
    expect(sh(pve, 'qm clone 100 227 --name web-copy2 --full 1').state.vms['web-copy2']).toMatchObject({ linkedFrom: null });
    const wrong = sh(pve, 'qm clone 100 228 --full maybe --name x');
    expect([wrong.exitCode, wrong.output]).toEqual([255, ['400 Parameter verification failed.', "full: type check ('boolean') failed - got 'maybe'"]]);
    expect(wrong.state).toBe(pve);
  });

  it('K6: "&&" stops at the first failing command, ";" carries on', () => {
    const lab = makeLab({ platform: 'virtualbox' });
    const chained = sh(lab, 'cat /nope && echo not reached');
    expect([chained.output, chained.exitCode]).toEqual([['cat: /nope: No such file or directory'], 1]);
    expect(sh(lab, 'cat /nope ; echo reached').output).toEqual(['cat: /nope: No such file or directory', 'reached']);
  });
});

describe('console: VBoxManage', () => {
  it('K2: take, list, restore and delete print what VBoxManage prints, errors included', () => {
    let lab = makeLab({ platform: 'virtualbox' });
    const take = sh(lab, 'VBoxManage snapshot web take "before upgrade" --description="pre apt upgrade"');
    lab = take.state;
    const snap = listSnapshots(lab.vms['web']!)[0]!;
    expect(take.output).toEqual(['0%...10%...20%...30%...40%...50%...60%...70%...80%...90%...100%', `Snapshot taken. UUID: ${snap.uuid}`]);
    expect([snap.name, snap.description]).toEqual(['before upgrade', 'pre apt upgrade']);
    lab = sh(lab, 'VBoxManage snapshot web take child').state;
    expect(sh(lab, 'VBoxManage snapshot web list').output).toEqual([
      `   Name: before upgrade (UUID: ${snap.uuid})`,
      `      Name: child (UUID: ${getSnapshot(lab.vms['web']!, lab.vms['web']!.current!)!.uuid}) *`,
    ]);
    const refused = sh(lab, 'VBoxManage snapshot web restore "before upgrade"');
    expect(refused.output).toEqual([
      `Restoring snapshot 'before upgrade' (${snap.uuid})`,
      'VBoxManage: error: Cannot delete the current state of the running machine (machine state: Running)',
      'VBoxManage: error: Details: code VBOX_E_INVALID_VM_STATE (0x80bb0002), component SessionMachine, interface IMachine, callee nsISupports',
    ]);
    expect([refused.exitCode, refused.refused?.code, refused.state]).toEqual([1, 'RESTORE_WHILE_RUNNING', lab]);
    expect(sh(lab, 'VBoxManage snapshot web delete nope').output[0]).toBe("VBoxManage: error: Could not find a snapshot named 'nope'");
    expect(sh(lab, 'VBoxManage snapshot wbe list').output.slice(0, 1)).toEqual(["VBoxManage: error: Could not find a registered machine named 'wbe'"]);
    expect(sh(lab, 'VBoxManage snapshot web take').output).toContain('VBoxManage: error: Missing snapshot name');
  });

  it('K2: restorecurrent, --uniquename, edit, power and modifyvm map onto the engine', () => {
    const { state, all } = shAll(makeLab({ platform: 'virtualbox' }), [
      'VBoxManage snapshot web take daily --uniquename Number',
      'VBoxManage snapshot web take daily --uniquename Number',
      'VBoxManage snapshot web edit --current --name=renamed',
      'VBoxManage controlvm web savestate',
      'VBoxManage snapshot web restorecurrent',
      'VBoxManage modifyvm web --memory 3072 --cpus 2',
      'VBoxManage discardstate web',
      'VBoxManage modifyvm web --memory 3072 --cpus 2',
      'VBoxManage startvm web --type headless',
      'VBoxManage controlvm web pause',
    ]);
    expect(listSnapshots(state.vms['web']!).map((s) => s.name)).toEqual(['daily', 'renamed']);
    expect(all[5]!.output).toEqual(['VBoxManage: error: The machine is not mutable (state is Saved)', expect.stringContaining('VBOX_E_INVALID_VM_STATE')]);
    expect(all[8]!.output).toEqual(['Waiting for VM "web" to power on...', 'VM "web" has been successfully started.']);
    expect([state.vms['web']!.power, state.vms['web']!.settings]).toEqual(['paused', { memoryMb: 3072, cpus: 2 }]);
  });

  it('K2: delete refusals quote SnapshotImpl.cpp; clonevm makes full and linked clones', () => {
    let lab = makeLab({ platform: 'virtualbox' });
    lab = shAll(lab, ['VBoxManage snapshot web take root', 'VBoxManage snapshot web take left', 'VBoxManage controlvm web poweroff', 'VBoxManage snapshot web restore root', 'VBoxManage snapshot web take right']).state;
    expect(sh(lab, 'VBoxManage snapshot web delete root').output[1]).toBe(
      "VBoxManage: error: Snapshot 'root' of the machine 'web' cannot be deleted, because it has 2 child snapshots, which is more than the one snapshot allowed for deletion",
    );
    expect(sh(lab, 'VBoxManage clonevm web --name t1 --options link --register').output).toEqual(['VBoxManage: error: Linked clone can only be created from a snapshot']);
    lab = sh(lab, 'VBoxManage clonevm web --name t1 --snapshot left --options link --register').state;
    expect(lab.vms['t1']!.linkedFrom).toEqual({ vm: 'web', snapshot: snapId(lab, 'web', 'left') });
    expect(sh(lab, 'VBoxManage clonevm web --name t2 --register').output.at(-1)).toBe('Machine has been successfully cloned as "t2"');
    expect(sh(lab, 'VBoxManage list vms').output).toEqual([`"web" {${lab.vms['web']!.uuid}}`, `"t1" {${lab.vms['t1']!.uuid}}`]);
  });
});

describe('console: virsh', () => {
  it('K3: snapshot-create-as, snapshot-list --tree, revert, delete and current with libvirt\'s wording', () => {
    const { state, all } = shAll(makeLab({ platform: 'libvirt' }), [
      'virsh snapshot-create-as web base "clean install"',
      'virsh snapshot-create-as web --name left',
      'virsh snapshot-revert web base',
      'virsh snapshot-create-as web right',
      'virsh snapshot-list web --tree',
      'virsh snapshot-create-as web base',
      'virsh snapshot-revert web nope',
      'virsh snapshot-delete web base',
      'virsh snapshot-current web --name',
      'virsh snapshot-current web left',
    ]);
    expect(all[0]!.output).toEqual(['Domain snapshot base created']);
    expect(all[4]!.output).toEqual(['base', '  |', '  +- left', '  |', '  +- right', '']);
    expect(all[5]!.output).toEqual(['error: operation failed: domain moment base already exists']);
    expect(all[6]!.output[0]).toBe("error: Domain snapshot not found: no domain snapshot with matching name 'nope'");
    expect(all[7]!.output).toEqual(['Domain snapshot base deleted']);
    expect(all[8]!.output).toEqual(['right']);
    expect(all[9]!.output).toEqual(['Snapshot left set as current']);
    expect(listSnapshots(state.vms['web']!).map((s) => [s.name, s.parent])).toEqual([['left', null], ['right', null]]);
  });

  it('K3: domain power commands and their "Requested operation is not valid" errors', () => {
    const { state, all } = shAll(makeLab({ platform: 'libvirt' }), ['virsh start web', 'virsh suspend web', 'virsh resume web', 'virsh destroy web', 'virsh destroy web', 'virsh list --all', 'virsh dominfo nope']);
    expect(all[0]!.output).toEqual(["error: Failed to start domain 'web'", 'error: Requested operation is not valid: domain is already running']);
    expect(all[1]!.output).toEqual(["Domain 'web' suspended"]);
    expect(all[3]!.output).toEqual(["Domain 'web' destroyed"]);
    expect(all[4]!.output).toEqual(["error: Failed to destroy domain 'web'", 'error: Requested operation is not valid: domain is not running']);
    expect(all[5]!.output.at(-1)).toBe(' -    web            shut off');
    expect(all[6]!.output).toEqual(["error: failed to get domain 'nope'"]);
    expect(state.vms['web']!.power).toBe('poweroff');
  });

  it('K3: virt-clone refuses a running domain and clones a shut off one', () => {
    const lab = makeLab({ platform: 'libvirt' });
    expect(sh(lab, 'virt-clone --original web --name web2 --auto-clone').output).toEqual(['ERROR    Domain with devices to clone must be paused or shutoff.']);
    const off = sh(lab, 'virsh shutdown web').state;
    expect(sh(off, 'virt-clone -o web -n web2 --auto-clone').output.at(-1)).toBe("Clone 'web2' created successfully.");
  });
});

describe('console: qm', () => {
  it('K4: qm snapshot, listsnapshot, rollback and delsnapshot with Proxmox\'s wording', () => {
    let lab = makeLab({ platform: 'proxmox' });
    lab = step(lab, { type: 'take', vm: 'web', name: 'first', description: 'clean\nsecond line' });
    const { state, all } = shAll(lab, ['qm snapshot 100 second --vmstate 1', 'qm listsnapshot 100', 'qm rollback 100 first', 'qm snapshot 100 second', 'qm snapshot 100 current', 'qm delsnapshot 100 second', 'qm rollback 100 first --start 1', 'qm status 100']);
    expect(all[0]!.output).toEqual(["saving VM state and RAM using storage 'local-zfs'", "snapshotting 'drive-scsi0' (local-zfs:vm-100-disk-0)"]);
    expect(all[1]!.output).toEqual([
      '`-> first                       2025-01-15 12:00:00     clean',
      '    `-> second                  2025-01-15 12:00:00     no-description',
      '        `-> current                                     You are here!',
    ]);
    expect(all[2]!.output).toEqual(["can't rollback, 'first' is not most recent snapshot on 'local-zfs:vm-100-disk-0'"]);
    expect(all[3]!.output).toEqual(["snapshot name 'second' already used"]);
    expect(all[4]!.output).toEqual(["unable to use snapshot name 'current' (reserved name)"]);
    expect(all[7]!.output).toEqual(['status: running']);
    expect(listSnapshots(state.vms['web']!).map((s) => s.id)).toHaveLength(1);
  });

  it('K4: qm addresses VMs by number and says so when given a name', () => {
    const lab = makeLab({ platform: 'proxmox' });
    expect(sh(lab, 'qm start web').output).toEqual(['400 Parameter verification failed.', "vmid: type check ('integer') failed - got 'web'", 'hint: qm addresses VMs by number: web is VM 100']);
    expect(sh(lab, 'qm start 100').output).toEqual(['VM 100 already running']);
    expect(sh(lab, 'qm stop 105').output[0]).toBe("Configuration file 'nodes/pve/qemu-server/105.conf' does not exist");
    expect(sh(lab, 'qm snapshott 100 x').output[0]).toBe("unknown command 'qm snapshott'");
  });
});

describe('console: error status', () => {
  /** [line, exit code, refusal code or null] — every error the three tools print reports failure. */
  const CASES: Record<'virtualbox' | 'libvirt' | 'proxmox', Array<[string, number, string | null]>> = {
    virtualbox: [
      ['VBoxManage snapshot web restore nope', 1, 'UNKNOWN_SNAPSHOT'],
      ['VBoxManage snapshot web delete nope', 1, 'UNKNOWN_SNAPSHOT'],
      ['VBoxManage snapshot web edit nope --name=x', 1, 'UNKNOWN_SNAPSHOT'],
      ['VBoxManage snapshot web showvminfo nope', 1, 'UNKNOWN_SNAPSHOT'],
      ['VBoxManage snapshot web list', 1, 'NO_SNAPSHOTS'],
      ['VBoxManage snapshot web restorecurrent', 1, 'NO_SNAPSHOTS'],
      ['VBoxManage snapshot web edit --current --name=x', 1, 'NO_SNAPSHOTS'],
      ['VBoxManage snapshot web take x --uniquename Sometimes', 1, null],
      ['VBoxManage snapshot web take', 2, null],
      ['VBoxManage snapshot web frobnicate', 2, null],
      ['VBoxManage frobnicate', 2, null],
      ['VBoxManage', 2, null],
      ['VBoxManage startvm nope', 1, 'UNKNOWN_VM'],
      ['virsh list', 127, null],
      ['frobnicate', 127, null],
      ['echo "unterminated', 2, null],
    ],
    libvirt: [
      ['virsh snapshot-revert web nope', 1, 'UNKNOWN_SNAPSHOT'],
      ['virsh snapshot-revert web --current', 1, 'NO_SNAPSHOTS'],
      ['virsh snapshot-current web', 1, 'NO_SNAPSHOTS'],
      ['virsh snapshot-revert web', 1, null],
      ['virsh snapshot-frob web', 1, null],
      ['virsh start nope', 1, 'UNKNOWN_VM'],
      ['virt-clone --original nope --auto-clone', 1, 'UNKNOWN_VM'],
      ['virt-clone --name x', 1, null],
      ['qm list', 127, null],
    ],
    proxmox: [
      ['qm rollback 100 nope', 255, 'UNKNOWN_SNAPSHOT'],
      ['qm start 105', 255, 'UNKNOWN_VM'],
      ['qm start web', 255, null],
      ['qm frob 100', 255, null],
      ['qm snapshot 100 1st', 255, 'NAME_INVALID'],
      ['VBoxManage list vms', 127, null],
    ],
  };
  for (const [platform, cases] of Object.entries(CASES)) {
    it(`K1: on ${platform}, every error exits nonzero and every refused lookup carries its reason`, () => {
      const lab = makeLab({ platform: platform as 'virtualbox' });
      for (const [line, exit, code] of cases) {
        const r = sh(lab, line);
        expect([line, r.exitCode, r.refused?.code ?? null], r.output.join('\n')).toEqual([line, exit, code]);
        expect(r.state).toBe(lab);
      }
    });
  }

  it('K1: virsh --current without a current snapshot is its own reason once snapshots exist', () => {
    // a → (b, c), current c; delete a: b and c become roots; delete c and its subtree: no current.
    let lab = shAll(makeLab({ platform: 'libvirt' }), ['virsh snapshot-create-as web a', 'virsh snapshot-create-as web b', 'virsh snapshot-revert web a', 'virsh snapshot-create-as web c', 'virsh snapshot-delete web a', 'virsh snapshot-delete web c --children']).state;
    expect(sh(lab, 'virsh snapshot-list web --name').output).toEqual(['b']);
    const r = sh(lab, 'virsh snapshot-revert web --current');
    expect([r.output, r.exitCode, r.refused]).toEqual([["error: domain 'web' has no current snapshot"], 1, { code: 'NO_CURRENT_SNAPSHOT', params: { vm: 'web' } }]);
  });
});
