import { expect, test, type Locator, type Page } from '@playwright/test';
import { axeViolations, setTheme, watch } from './helpers';

/**
 * The snapshot sandbox as a student uses it on the lesson "VM lifecycle, snapshots and
 * automation", which embeds five: snap-lifecycle (web01's power states, console only),
 * snap-nginx (the upgrade that broke nginx, on VirtualBox), snap-external (libvirt 9.0 external
 * snapshots), snap-disk (a write-through data disk on VirtualBox) and snap-zfs (Proxmox on ZFS,
 * with a switch to a libvirt lab).
 */
const LESSON = '/lessons/vm-lifecycle-snapshots/';

const exactly = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);

/** One sandbox on the page, scrolled into view and hydrated, with the ways a student reaches into it. */
async function sandbox(page: Page, id: string) {
  const w = page.locator(`section.widget:has(#${id}-title)`);
  await w.scrollIntoViewIfNeeded();
  await expect(w.locator('astro-island')).not.toHaveAttribute('ssr');
  const input = w.locator(`#${id}-cmd`);
  const row = (name: string) => w.locator('.tree-list button.tree-row', { has: page.locator('.snap-name', { hasText: exactly(name) }) });
  return {
    w,
    input,
    term: w.locator('.term-out'),
    here: w.locator('.tree-list button.tree-row.here'),
    rows: w.locator('.tree-list button.tree-row'),
    row,
    /** The names of a tree node's children, in order ("You are here" for the current state). */
    children: (name: string): Promise<string[]> =>
      row(name)
        .locator('xpath=..')
        .locator(':scope > ul > li > button')
        .evaluateAll((buttons) => buttons.map((b) => (b.querySelector('.snap-name') ?? b.querySelector('.row-name'))?.textContent?.replace(/\s+/g, ' ').trim() ?? '')),
    service: (name: string) => w.locator(`.services [data-service="${name}"] .svc-status`),
    power: w.locator('.guest .facts .power'),
    snapResult: w.locator('.panel.actions .result'),
    guestResult: w.locator('.panel.guest .result'),
    storyNext: w.locator('.story-next'),
    history: w.locator('.history-list > li'),
    button: (name: string) => w.getByRole('button', { name, exact: true }),
    run: async (line: string): Promise<void> => {
      await input.fill(line);
      await input.press('Enter');
      await expect(input).toHaveValue('');
    },
    take: async (name: string): Promise<void> => {
      await w.getByLabel('New snapshot name').fill(name);
      await w.getByRole('button', { name: 'Take snapshot', exact: true }).click();
    },
    chartRow: (node: string) => w.locator('.chart tbody tr', { has: page.locator('.chart-name', { hasText: exactly(node) }) }),
  };
}

test.describe('snapshot sandbox', () => {
  test('buttons: take a snapshot, break nginx with the upgrade, restore it, and nginx is healthy again', async ({ page }) => {
    const watcher = watch(page);
    await page.goto(LESSON);
    const s = await sandbox(page, 'snap-nginx');

    await expect(s.rows).toHaveCount(1);
    await expect(s.here).toContainText('You are here');
    await expect(s.service('nginx')).toHaveText('healthy (active)');
    await expect(s.storyNext).toContainText('Before the change, take a snapshot called pre-upgrade.');

    await s.take('pre-upgrade');
    await expect(s.snapResult).toContainText('Done: Take snapshot "pre-upgrade"');
    await expect(s.snapResult).toContainText('Took snapshot "pre-upgrade" of web01, including the memory of the running VM.');
    await expect(s.row('pre-upgrade')).toContainText('current');
    expect(await s.children('pre-upgrade')).toEqual(['You are here (the current state of web01)']);
    await expect(s.chartRow('You are here').locator('td').first()).toHaveText('0 bytes');
    await expect(s.chartRow('pre-upgrade').locator('td').nth(1)).toHaveText('0 bytes');

    await s.button('Upgrade nginx (breaks its config)').click();
    await expect(s.service('nginx')).toHaveText('failed');
    await expect(s.w.locator('[data-service="nginx"] .svc-why')).toHaveText('"nginx" refused its config (/etc/nginx/nginx.conf line 25): unknown directive "ssl".');
    await expect(s.guestResult).toContainText('Failed: apt upgrade');
    await expect(s.guestResult).toContainText('Upgraded nginx from 1.24.0-2 to 1.26.0-1 in web01.');
    // The upgrade wrote into the current state's layer; pre-upgrade alone now keeps the old blocks.
    await expect(s.chartRow('You are here').locator('td').first()).toHaveText('1.2 MB');
    await expect(s.chartRow('pre-upgrade').locator('td').nth(1)).toHaveText('1.2 MB');
    await expect(s.w.locator('.guest-side')).toContainText('4 changed since "pre-upgrade" (1.2 MB).');

    await s.button('Restore "pre-upgrade"').click();
    await expect(s.snapResult).toContainText('Refused: Restore "pre-upgrade"');
    await expect(s.snapResult).toContainText('VirtualBox will not restore a snapshot while "web01" is running');
    await expect(s.service('nginx')).toHaveText('failed');

    await s.button('Power off').click();
    await expect(s.power).toHaveText('Powered off');
    await s.button('Restore "pre-upgrade"').click();
    await expect(s.snapResult).toContainText('web01 is back at snapshot "pre-upgrade"');
    await expect(s.power).toHaveText('Saved (memory in a file)');
    await s.button('Start').click();
    await expect(s.power).toHaveText('Running');
    await expect(s.service('nginx')).toHaveText('healthy (active)');
    await expect(s.chartRow('You are here').locator('td').first()).toHaveText('0 bytes');

    // The log keeps everything, the refusal included, newest first.
    await expect(s.history).toHaveCount(6);
    await expect(s.history.first()).toContainText('Start web01 (button)');
    await expect(s.history.nth(3)).toContainText('Refused: VirtualBox will not restore');

    await s.button('Start over').click();
    await expect(s.rows).toHaveCount(1);
    await expect(s.history).toHaveCount(0);
    await expect(s.service('nginx')).toHaveText('healthy (active)');
    watcher.assertClean();
  });

  test('branch: a snapshot taken after a restore is a sibling, so the restored snapshot has two children', async ({ page }) => {
    await page.goto(LESSON);
    const s = await sandbox(page, 'snap-nginx');
    await s.take('pre-upgrade');
    await s.button('Upgrade nginx (breaks its config)').click();
    await s.take('broken-upgrade');
    expect(await s.children('pre-upgrade')).toEqual(['broken-upgrade']);
    await s.button('Power off').click();
    // The buttons act on the current snapshot until another node is chosen in the tree.
    await expect(s.button('Restore "broken-upgrade"')).toBeVisible();
    await s.row('pre-upgrade').click();
    await s.button('Restore "pre-upgrade"').click();
    await expect(s.snapResult).toContainText('the next snapshot will start a new branch from here');
    expect(await s.children('pre-upgrade')).toEqual(['broken-upgrade', 'You are here (the current state of web01)']);
    await s.take('after-rollback');
    expect(await s.children('pre-upgrade')).toEqual(['broken-upgrade', 'after-rollback']);
    expect(await s.children('after-rollback')).toEqual(['You are here (the current state of web01)']);
    expect(await s.children('broken-upgrade')).toEqual([]);
    // The drawing opens a second column for the branch.
    await expect(s.w.locator('.tree-lines circle')).toHaveCount(4);
    expect(Number(await s.w.locator('.tree-lines').getAttribute('width'))).toBeGreaterThan(22);
  });

  test('deleting a snapshot in the middle of a chain keeps the current data exactly as it was', async ({ page }) => {
    await page.goto(LESSON);
    const s = await sandbox(page, 'snap-nginx');
    await s.run('ssh web01');
    await s.run('echo first > /root/notes.txt');
    await s.take('a');
    await s.run('echo second >> /root/notes.txt');
    await s.take('b');
    await s.run('echo third >> /root/notes.txt');
    await s.take('c');
    await s.run('echo draft > /root/todo.txt');
    const files = s.w.locator('.guest-side .files');
    const before = await files.innerText();

    await s.row('b').click();
    await expect(s.row('b')).toHaveAttribute('aria-pressed', 'true');
    await s.button('Delete "b"').click();
    await expect(s.snapResult).toContainText('Deleted snapshot "b" of web01');
    await expect(s.snapResult).toContainText('The current state did not change.');
    await expect(s.row('b')).toHaveCount(0);
    expect(await s.children('a')).toEqual(['c']);
    expect(await s.children('c')).toEqual(['You are here (the current state of web01)']);

    expect(await files.innerText()).toBe(before);
    await s.run('cat /root/notes.txt /root/todo.txt');
    await expect(s.term.locator('.term-line.out').filter({ hasText: /^(first|second|third|draft)$/ })).toHaveText(['first', 'second', 'third', 'draft']);
  });

  test('refusals show the tool\'s own reason: restore while running, and ZFS rollback past a newer snapshot', async ({ page }) => {
    await page.goto(LESSON);
    const vbox = await sandbox(page, 'snap-nginx');
    await vbox.run('VBoxManage snapshot web01 take pre-upgrade');
    await vbox.run('VBoxManage snapshot web01 restore pre-upgrade');
    await expect(vbox.term).toContainText('VBoxManage: error: Cannot delete the current state of the running machine (machine state: Running)');
    await expect(vbox.term.locator('.term-line.why')).toHaveText(/^Why: VirtualBox will not restore a snapshot while "web01" is running/);
    await expect(vbox.history.first()).toContainText('Refused:');

    const zfs = await sandbox(page, 'snap-zfs');
    await expect(zfs.w.locator('.where')).toContainText('Proxmox VE on ZFS');
    expect(await zfs.children('s1-base')).toEqual(['s2-app']);
    await zfs.run('qm rollback 101 s1-base');
    await expect(zfs.term).toContainText("can't rollback, 's1-base' is not most recent snapshot on 'local-zfs:vm-101-disk-0'");
    await expect(zfs.term.locator('.term-line.why')).toContainText('On ZFS, Proxmox can only roll back to the most recent snapshot, and "s2-app" is newer than "s1-base".');
    await expect(zfs.storyNext).toContainText('Delete the newer snapshot s2-app');

    // The button gives the same answer.
    await zfs.w.getByLabel('Snapshot to restore, delete or clone').selectOption({ label: 's1-base' });
    await zfs.button('Restore "s1-base"').click();
    await expect(zfs.snapResult).toContainText('Refused: Restore "s1-base"');
    await expect(zfs.snapResult).toContainText('On ZFS, Proxmox can only roll back to the most recent snapshot');
    expect(await zfs.children('s1-base')).toEqual(['s2-app']);

    await zfs.run('qm delsnapshot 101 s2-app');
    await zfs.run('qm rollback 101 s1-base');
    await expect(zfs.power).toHaveText('Powered off');
    expect(await zfs.children('s1-base')).toEqual(['You are here (the current state of app01)']);
    await expect(zfs.storyNext).toContainText('Switch to the libvirt lab');

    // libvirt reverts to any snapshot, newer ones stay.
    await zfs.w.getByRole('radio', { name: 'libvirt/KVM' }).check();
    await expect(zfs.w.locator('.where')).toContainText('libvirt/KVM');
    expect(await zfs.children('base')).toEqual(['with-nginx', 'with-git']);
    await zfs.run('virsh snapshot-revert lab1 base');
    expect(await zfs.children('base')).toEqual(['with-nginx', 'with-git', 'You are here (the current state of lab1)']);
    await expect(zfs.storyNext).toContainText('All done.');
    // Each lab keeps its own state: back on Proxmox, s2-app is still gone.
    await zfs.w.getByRole('radio', { name: 'Proxmox VE on ZFS' }).check();
    await expect(zfs.row('s2-app')).toHaveCount(0);
  });

  test('the whole incident typed into the console, with the story ticking off each step', async ({ page }) => {
    const watcher = watch(page);
    await page.goto(LESSON);
    const s = await sandbox(page, 'snap-nginx');
    const done = s.w.locator('.story-steps .step.done');

    // The console opens on the host: VBoxManage runs there, the guest's commands wait for a login.
    await expect(s.w.locator('.term-form .term-prompt')).toHaveText('Command student@host:~$');
    await s.run('VBoxManage snapshot web01 take pre-upgrade');
    await expect(done).toHaveCount(1);
    await s.run('apt upgrade');
    await expect(s.term.locator('.term-line.hint').last()).toHaveText('hint: apt is a command for inside the guest, and this is the host (student@host:~$). Log in to web01 first with: ssh web01');
    await expect(done).toHaveCount(1);
    await s.run('ssh web01');
    await expect(s.w.locator('.term-form .term-prompt')).toHaveText('Command root@web01:~#');
    await expect(s.w.locator('.term-place')).toContainText('Inside web01');
    await s.run('apt upgrade');
    await expect(s.term).toContainText('Job for nginx.service failed because the control process exited with error code.');
    await s.run('systemctl status nginx');
    await expect(s.term).toContainText('Active: failed (Result: exit-code)');
    await expect(done).toHaveCount(2);
    // VBoxManage is a host tool: at the guest's root prompt it is refused, with the way back.
    await s.run('VBoxManage snapshot web01 take broken-upgrade');
    await expect(s.term.locator('.term-line').filter({ hasText: 'bash: VBoxManage: command not found' })).toHaveCount(1);
    await expect(s.term.locator('.term-line.hint').last()).toContainText('VBoxManage runs on the host, not inside web01. Type "exit"');
    await expect(s.w.locator('.tree-list .snap-name')).toHaveText(['pre-upgrade']);
    await s.run('exit');
    await expect(s.term).toContainText('Connection to web01 closed.');
    await expect(s.w.locator('.term-form .term-prompt')).toHaveText('Command student@host:~$');
    await s.run('VBoxManage snapshot web01 take broken-upgrade');
    await s.run('VBoxManage snapshot web01 restore pre-upgrade');
    await expect(done).toHaveCount(4);
    await s.run('VBoxManage controlvm web01 poweroff');
    await expect(s.w.locator('.term-form .term-prompt')).toHaveText('Command student@host:~$');
    await s.run('VBoxManage snapshot web01 restore pre-upgrade');
    await s.run('VBoxManage startvm web01 --type headless');
    await s.run('ssh web01');
    await s.run('systemctl status nginx');
    await expect(s.term.locator('.term-line.out').last()).toHaveText(/Active: active \(running\)$/);
    await s.run('exit');
    await expect(done).toHaveCount(7);
    await s.run('VBoxManage snapshot web01 take after-rollback');
    await expect(s.storyNext).toContainText('All done.');
    expect(await s.children('pre-upgrade')).toEqual(['broken-upgrade', 'after-rollback']);
    await s.run('VBoxManage snapshot web01 list');
    await expect(s.term).toContainText('Name: after-rollback (UUID:');

    // Up and down walk through what was typed, as in a shell.
    await s.input.press('ArrowUp');
    await expect(s.input).toHaveValue('VBoxManage snapshot web01 list');
    await s.input.press('ArrowUp');
    await expect(s.input).toHaveValue('VBoxManage snapshot web01 take after-rollback');
    await s.input.press('ArrowDown');
    await s.input.press('ArrowDown');
    await expect(s.input).toHaveValue('');

    // A typo gets the shell's answer and a suggestion; "clear" empties the screen.
    await s.run('VBoxManag list vms');
    await expect(s.term.locator('.term-line.hint').last()).toHaveText('hint: did you mean "VBoxManage"? Type "help" for the commands this lab knows.');
    await s.run('clear');
    await expect(s.term.locator('.term-line')).toHaveText(['(nothing yet)']);
    watcher.assertClean();
  });

  test('the lifecycle console: pause, resume, save, start, ACPI shutdown, and resume refused on a saved VM', async ({ page }) => {
    await page.goto(LESSON);
    const s = await sandbox(page, 'snap-lifecycle');
    await expect(s.w.locator('.tree-panel')).toHaveCount(0);
    // Trying the last step's refusal first does not finish the story.
    await s.button('Save state').click();
    await s.button('Resume').click();
    await expect(s.guestResult).toContainText('Refused: Resume web01');
    await expect(s.storyNext).toHaveText('Next: Pause web01. Where is its memory now?');
    await s.button('Start over').click();
    await expect(s.power).toHaveText('Running');
    const steps: [string, string][] = [
      ['VBoxManage controlvm web01 pause', 'Paused'],
      ['VBoxManage controlvm web01 resume', 'Running'],
      ['VBoxManage controlvm web01 savestate', 'Saved (memory in a file)'],
      ['VBoxManage startvm web01 --type headless', 'Running'],
      ['VBoxManage controlvm web01 acpipowerbutton', 'Powered off'],
      ['VBoxManage startvm web01 --type headless', 'Running'],
    ];
    for (const [line, power] of steps) {
      await s.run(line);
      await expect(s.power).toHaveText(power);
    }
    await s.button('Save state').click();
    await expect(s.power).toHaveText('Saved (memory in a file)');
    await s.run('VBoxManage controlvm web01 resume');
    await expect(s.term).toContainText("VBoxManage: error: Machine 'web01' is not currently running.");
    await expect(s.term.locator('.term-line.why')).toHaveText('Why: "web01" is saved (its memory is on disk, like a hibernated laptop), not paused, so there is nothing to resume.');
    await expect(s.storyNext).toContainText('All done.');
    // The buttons refuse with the same reason.
    await s.button('Resume').click();
    await expect(s.guestResult).toContainText('Refused: Resume web01');
    await expect(s.guestResult).toContainText('not paused, so there is nothing to resume');
  });

  test('keyboard only: take, break, power off, restore, start, and pick a node in the tree', async ({ page }) => {
    await page.goto(LESSON);
    const s = await sandbox(page, 'snap-nginx');
    const focused = async (target: Locator, limit = 80): Promise<void> => {
      for (let i = 0; i < limit; i++) {
        if (await target.evaluate((el) => el === document.activeElement)) return;
        await page.keyboard.press('Tab');
      }
      throw new Error(`never reached ${String(target)} with Tab`);
    };
    await s.button('Start over').focus();

    await focused(s.w.getByLabel('New snapshot name'));
    await page.keyboard.type('pre-upgrade');
    await page.keyboard.press('Enter');
    await expect(s.row('pre-upgrade')).toBeVisible();

    await focused(s.button('Upgrade nginx (breaks its config)'));
    await page.keyboard.press('Enter');
    await expect(s.service('nginx')).toHaveText('failed');

    await page.keyboard.press('Shift+Tab');
    await s.button('Start over').focus();
    await focused(s.button('Power off'));
    await page.keyboard.press('Space');
    await expect(s.power).toHaveText('Powered off');

    await s.button('Start over').focus();
    await focused(s.here);
    await page.keyboard.press('Enter');
    await expect(s.here).toHaveAttribute('aria-pressed', 'true');
    await page.keyboard.press('Shift+Tab');
    await expect(s.row('pre-upgrade')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(s.row('pre-upgrade')).toHaveAttribute('aria-pressed', 'true');
    await focused(s.button('Restore "pre-upgrade"'));
    await page.keyboard.press('Enter');
    await expect(s.power).toHaveText('Saved (memory in a file)');

    await s.button('Start over').focus();
    await focused(s.button('Start'));
    await page.keyboard.press('Enter');
    await expect(s.service('nginx')).toHaveText('healthy (active)');

    // The story's command goes to the console, which then has the keyboard.
    await s.button('Start over').focus();
    await focused(s.button('Put in the console'));
    await page.keyboard.press('Enter');
    await expect(s.input).toBeFocused();
    await expect(s.input).toHaveValue('VBoxManage snapshot web01 take after-rollback');
    await page.keyboard.press('Enter');
    expect(await s.children('pre-upgrade')).toEqual(['after-rollback']);
  });

  test('bad input stays next to its field and changes nothing', async ({ page }) => {
    await page.goto(LESSON);
    const s = await sandbox(page, 'snap-zfs');
    const name = s.w.getByLabel('New snapshot name');
    await name.fill('1st try');
    await s.button('Take snapshot').click();
    await expect(name).toHaveAttribute('aria-invalid', 'true');
    const error = s.w.locator('#snap-zfs-take-name-error');
    await expect(error).toHaveText('"1st try" is not a valid Proxmox snapshot name: it must start with a letter and use only letters, digits, "-" and "_" (at least two characters).');
    expect(await name.getAttribute('aria-describedby')).toContain('snap-zfs-take-name-error');
    await expect(s.rows).toHaveCount(3);
    await expect(s.history.first()).toContainText('Refused:');
    await name.fill('s3-fix');
    await s.button('Take snapshot').click();
    await expect(name).not.toHaveAttribute('aria-invalid', 'true');
    await expect(error).toHaveCount(0);
    expect(await s.children('s2-app')).toEqual(['s3-fix']);

    const clone = s.w.getByLabel('Name of the new VM');
    await clone.fill('app01');
    await s.button('Clone').click();
    await expect(s.w.locator('#snap-zfs-clone-name-error')).toHaveText('A VM called "app01" already exists. Give the clone another name.');
  });

  test('names are bounded as Proxmox bounds them: the form stops at 40 characters, the console refuses a pasted 100,000', async ({ page }) => {
    await page.goto(LESSON);
    const s = await sandbox(page, 'snap-zfs');
    const name = s.w.getByLabel('New snapshot name');
    await name.fill(`s${'n'.repeat(100)}`);
    await expect(name).toHaveValue(`s${'n'.repeat(39)}`);
    await s.input.fill(`qm snapshot 101 s${'n'.repeat(100_000)}`);
    // The console line stops at 2,048 characters, and the engine refuses the name at once.
    expect((await s.input.inputValue()).length).toBe(2048);
    await s.input.press('Enter');
    await expect(s.term).toContainText('snapname: value may only be 40 characters long');
    await expect(s.rows).toHaveCount(3);
  });

  test('clones: a full clone appears as a new VM; a linked clone needs a snapshot on VirtualBox', async ({ page }) => {
    await page.goto(LESSON);
    const s = await sandbox(page, 'snap-nginx');
    await s.w.getByLabel('Name of the new VM').fill('web02');
    await s.w.getByRole('radio', { name: 'Linked clone (shares the disk)' }).check();
    await s.button('Clone').click();
    await expect(s.snapResult).toContainText('A linked clone shares its source\'s disk through a snapshot, so VirtualBox needs one');
    await s.take('base');
    await s.button('Clone').click();
    await expect(s.snapResult).toContainText('Made linked clone "web02" of web01 from snapshot "base"');
    const vm = s.w.getByLabel('VM', { exact: true });
    await expect(vm.locator('option')).toHaveText(['web01', 'web02']);
    await vm.selectOption('web02');
    await expect(s.w.locator('.where')).toContainText('web02');
    await expect(s.w.locator('.guest .facts')).toContainText('Linked clone of');
    await expect(s.rows).toHaveCount(1);
  });

  test('whatever a student types is shown as text, never as HTML', async ({ page }) => {
    const dialogs: string[] = [];
    page.on('dialog', async (d) => {
      dialogs.push(d.message());
      await d.dismiss();
    });
    await page.goto(LESSON);
    const s = await sandbox(page, 'snap-nginx');
    const evil = '<img src=x onerror=alert(1)>';
    await s.take(evil);
    await expect(s.row(evil)).toHaveCount(1);
    await expect(s.w.getByLabel('Snapshot to restore, delete or clone').locator('option').nth(1)).toHaveText(`${evil} (current)`);
    await expect(s.snapResult).toContainText(`Took snapshot "${evil}"`);
    await expect(s.history.first()).toContainText(`Take snapshot "${evil}"`);

    await s.run('ssh web01');
    await s.run('echo "<script>alert(2)</script><b>bold</b>" > /var/www/html/index.html');
    await s.run('curl http://localhost/');
    await expect(s.term.locator('.term-line.out').last()).toHaveText('<script>alert(2)</script><b>bold</b>');
    await expect(s.term.locator('.term-line.input').last()).toHaveText('root@web01:~# curl http://localhost/');
    const file = s.w.locator('.files details', { hasText: '/var/www/html/index.html' });
    await file.locator('summary').click();
    await expect(file.locator('pre')).toHaveText(/^<script>alert\(2\)<\/script><b>bold<\/b>\s*$/);

    await s.w.getByLabel('Name of the new VM').fill('<i>x</i>');
    await s.button('Clone').click();
    await expect(s.w.getByLabel('VM', { exact: true }).locator('option').nth(1)).toHaveText('<i>x</i>');

    await expect(s.w.locator('.snap-sandbox').locator('img, script, b, i')).toHaveCount(0);
    expect(dialogs).toEqual([]);
  });

  test('libvirt 9.0: a disk-only snapshot is external, its chains show under Disks, revert is refused and delete merges', async ({ page }) => {
    const watcher = watch(page);
    await page.goto(LESSON);
    const s = await sandbox(page, 'snap-external');
    const disks = s.w.locator('.panel.disks');
    const vdb = disks.locator('[data-disk="1"] .chain li');
    await expect(vdb.locator('.chain-file')).toHaveText(['db1-1.qcow2']);
    await s.run('virsh snapshot-create-as db1 pre-import --disk-only');
    await expect(s.row('pre-import').locator('.badge.ext')).toHaveText('external');
    await expect(vdb.locator('.chain-file')).toHaveText(['db1-1.pre-import', 'db1-1.qcow2']);
    await expect(vdb.first().locator('.chain-size')).toHaveText('written to · 0 bytes');
    await s.run('ssh db1');
    await s.run('fallocate -l 200M /var/lib/data/import.bin');
    await expect(vdb.first().locator('.chain-size')).toHaveText('written to · 200 MB');
    await s.run('exit');
    await s.run('virsh snapshot-info db1 pre-import');
    await expect(s.term.locator('.term-line.out', { hasText: 'Location:' })).toHaveText('Location:       external');
    await s.run('virsh snapshot-revert db1 pre-import');
    await expect(s.term.locator('.term-line.why').last()).toContainText('libvirt 9.0.0 cannot revert to external snapshots');
    await s.run('virsh snapshot-delete db1 pre-import');
    await expect(s.rows).toHaveCount(1);
    await expect(disks).toContainText('db1-1.qcow2');
    await expect(vdb).toHaveCount(1);
    await expect(s.storyNext).toContainText('All done.');
    watcher.assertClean();
  });

  test('a write-through data disk: the restore brings the system back and keeps the orders; the mode form follows VirtualBox', async ({ page }) => {
    const watcher = watch(page);
    await page.goto(LESSON);
    const s = await sandbox(page, 'snap-disk');
    const disks = s.w.locator('.panel.disks');
    await expect(disks.locator('[data-disk="1"] .mode')).toHaveText('write-through');
    await s.take('before-change');
    await s.run('ssh shop01');
    await s.run('echo "1002,laptop" >> /srv/data/orders.csv');
    await s.run('exit');
    await s.run('VBoxManage controlvm shop01 poweroff');
    await s.button('Restore "before-change"').click();
    await expect(s.snapResult).toContainText('The write-through disk at /srv/data kept its current data');
    await s.run('VBoxManage startvm shop01 --type headless');
    await s.run('ssh shop01');
    await s.run('cat /srv/data/orders.csv');
    await expect(s.term.locator('.term-line.out').last()).toHaveText('1002,laptop');
    // Keyboard: choose the data disk and "normal"; VirtualBox refuses while the VM runs.
    await disks.getByLabel('Disk', { exact: true }).selectOption({ label: 'shop01-data.vdi (/srv/data)' });
    await disks.getByLabel('Mode').focus();
    await disks.getByLabel('Mode').selectOption('normal');
    await disks.getByRole('button', { name: 'Change mode' }).press('Enter');
    await expect(disks.locator('.result.refused')).toContainText('VirtualBox changes a disk');
    await s.run('exit');
    await s.run('VBoxManage controlvm shop01 poweroff');
    await disks.getByRole('button', { name: 'Change mode' }).click();
    await expect(disks.locator('.result.done')).toContainText('is now normal instead of write-through');
    await expect(disks.locator('[data-disk="1"] .mode')).toHaveText('normal');
    watcher.assertClean();
  });

  for (const theme of ['light', 'dark'] as const) {
    test(`zero axe violations with every sandbox hydrated and showing messages (${theme})`, async ({ page }) => {
      const watcher = watch(page);
      await setTheme(page, theme);
      await page.goto(LESSON);
      const life = await sandbox(page, 'snap-lifecycle');
      await life.run('VBoxManage controlvm web01 savestate');
      await life.button('Resume').click();
      const nginx = await sandbox(page, 'snap-nginx');
      await nginx.take('pre-upgrade');
      await nginx.button('Upgrade nginx (breaks its config)').click();
      await nginx.button('Restore "pre-upgrade"').click();
      await nginx.run('VBoxManage snapshot web01 restore pre-upgrade');
      await nginx.w.locator('.packages summary').click();
      await nginx.w.locator('.files details summary').first().click();
      const zfs = await sandbox(page, 'snap-zfs');
      await zfs.w.getByLabel('New snapshot name').fill('');
      await zfs.button('Take snapshot').click();
      await expect(zfs.w.locator('#snap-zfs-take-name-error')).toBeVisible();
      const external = await sandbox(page, 'snap-external');
      await external.run('virsh snapshot-create-as db1 pre-import --disk-only');
      await external.run('virsh snapshot-revert db1 pre-import');
      const data = await sandbox(page, 'snap-disk');
      await data.w.locator('.panel.disks').getByRole('button', { name: 'Change mode' }).click();
      await expect(data.w.locator('.panel.disks .result')).toBeVisible();
      expect(await axeViolations(page)).toEqual([]);
      watcher.assertClean();
    });
  }

  test('on a phone the panels stack and nothing scrolls sideways', async ({ page }) => {
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto(LESSON);
    for (const id of ['snap-lifecycle', 'snap-external', 'snap-disk', 'snap-nginx', 'snap-zfs']) {
      const s = await sandbox(page, id);
      if (id === 'snap-nginx') {
        await s.take('a-rather-long-snapshot-name-that-goes-on');
        await s.run('VBoxManage snapshot web01 restore a-rather-long-snapshot-name-that-goes-on');
      }
      if (id === 'snap-external') await s.run('virsh snapshot-create-as db1 a-rather-long-snapshot-name-that-goes-on --disk-only');
    }
    const s = await sandbox(page, 'snap-nginx');
    const tree = await s.w.locator('.tree-panel').boundingBox();
    const guest = await s.w.locator('.panel.guest').boundingBox();
    expect(tree && guest && guest.y >= tree.y + tree.height).toBe(true);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBe(0);
  });
});
