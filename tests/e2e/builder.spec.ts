import { expect, test, type Page } from '@playwright/test';
import { axeViolations, setTheme, watch } from './helpers';

/**
 * The VM builder as a student uses it on the lesson "Building VMs from the command line", which
 * embeds three: build-vbox (VirtualBox), build-kvm (libvirt) and build-pve (Proxmox VE). The
 * VirtualBox scripting exercise is typed command by command, and the settings panel is checked
 * after each one.
 */
const LESSON = '/lessons/building-vms-from-the-command-line/';
const DISK = '"/root/VirtualBox VMs/web01/web01.vdi"';

async function builder(page: Page, id: string) {
  const w = page.locator(`section.widget:has(#${id}-title)`);
  await w.scrollIntoViewIfNeeded();
  await expect(w.locator('astro-island')).not.toHaveAttribute('ssr');
  const input = w.locator(`#${id}-cmd`);
  const panel = w.locator('.vmb-panel');
  /** The value of a row in one section of the settings panel. */
  const row = (label: string) => panel.locator('.vmb-rows > div', { has: page.locator('dt', { hasText: new RegExp(`^${label}$`) }) }).locator('dd');
  return {
    w,
    input,
    panel,
    row,
    term: w.locator('.term-out'),
    status: w.locator('[role="status"]'),
    /** Types a line and runs it with Enter, as a student would. */
    type: async (line: string) => {
      await input.fill(line);
      await input.press('Enter');
      await expect(input).toHaveValue('');
    },
  };
}

test.describe('VM builder', () => {
  test('the VBoxManage scripting exercise, typed command by command, shows each change in the settings panel', async ({ page }) => {
    const w0 = watch(page);
    await page.goto(LESSON);
    const b = await builder(page, 'build-vbox');
    await expect(b.panel).toContainText('No VM on this host yet');

    await b.type(`VBoxManage createmedium disk --filename ${DISK} --size 20480`);
    await expect(b.term).toContainText('Medium created. UUID:');

    await b.type('VBoxManage createvm --name web01 --ostype Debian_64 --register');
    await expect(b.term).toContainText("Virtual machine 'web01' is created and registered.");
    await expect(b.panel.locator('h4')).toHaveText('Settings of web01');
    await expect(b.row('Operating system')).toHaveText('Debian (64-bit) (Debian_64)');
    await expect(b.row('Base memory')).toHaveText('128 MB');
    await expect(b.row('Boot order')).toHaveText('Floppy, Optical, Hard disk');
    await expect(b.panel).toContainText('No storage controllers');
    await expect(b.status).toContainText('Done');

    await b.type('VBoxManage modifyvm web01 --memory 2048 --cpus 2 --boot1 dvd --boot2 disk');
    await expect(b.row('Base memory')).toHaveText('2048 MB');
    await expect(b.row('Processors')).toHaveText('2 vCPUs = 1 socket × 2 cores');
    await expect(b.row('Boot order')).toHaveText('Optical, Hard disk, Hard disk');

    await b.type('VBoxManage storagectl web01 --name IDE --add ide');
    await expect(b.panel.locator('.vmb-tree > li')).toHaveCount(1);
    await expect(b.panel.locator('.vmb-tree')).toContainText('Controller: IDE (IDE, PIIX4, 2 ports)');
    await b.type('VBoxManage storagectl web01 --name SATA --add sata --controller IntelAhci');
    await expect(b.panel.locator('.vmb-tree')).toContainText('Controller: SATA (SATA, IntelAhci, 30 ports)');

    await b.type(`VBoxManage storageattach web01 --storagectl SATA --port 0 --device 0 --type hdd --medium ${DISK}`);
    await expect(b.panel.locator('.vmb-tree')).toContainText('SATA Port 0: [Hard disk] web01.vdi (20 GB)');
    await b.type('VBoxManage storageattach web01 --storagectl IDE --port 0 --device 0 --type dvddrive --medium /root/iso/debian-12.8.0-amd64-netinst.iso');
    await expect(b.panel.locator('.vmb-tree')).toContainText('IDE Primary Device 0: [Optical drive] debian-12.8.0-amd64-netinst.iso');

    await expect(b.panel.locator('.vmb-state')).toHaveText('Powered off');
    await b.type('VBoxManage startvm web01 --type headless');
    await expect(b.term).toContainText('VM "web01" has been successfully started.');
    await expect(b.panel.locator('.vmb-state')).toHaveText('Running');
    await expect(b.panel.locator('.vmb-guest')).toHaveText('The guest is running the installer from debian-12.8.0-amd64-netinst.iso.');
    // What the other simulators read from the same definition.
    await expect(b.panel.locator('.vmb-others')).toContainText('2 on 8 cores (0.25 per core)');
    await expect(b.panel.locator('.vmb-others')).toContainText('web01 fits on this host.');

    // Typed text stays text: markup in a command is shown, never rendered.
    await b.type('echo <b>bold</b>');
    await expect(b.term.locator('b')).toHaveCount(0);
    await expect(b.term).toContainText('echo <b>bold</b>');
    w0.assertClean();
  });

  test('Tab completes commands, VM names and options; Up and Down recall history; a typo gets the closest command', async ({ page }) => {
    await page.goto(LESSON);
    const b = await builder(page, 'build-vbox');
    await b.input.fill('VBoxMa');
    await b.input.press('Tab');
    await expect(b.input).toHaveValue('VBoxManage ');
    await expect(b.input).toBeFocused();
    await b.input.pressSequentially('create');
    await b.input.press('Tab');
    // Two candidates: the line stays, and both are listed.
    await expect(b.w.locator('.term-choices')).toContainText('createmedium  createvm');
    await b.input.pressSequentially('v');
    await b.input.press('Tab');
    await expect(b.input).toHaveValue('VBoxManage createvm ');
    await b.input.pressSequentially('--na');
    await b.input.press('Tab');
    await b.input.pressSequentially('web01 --osty');
    await b.input.press('Tab');
    await b.input.pressSequentially('Debian1');
    await b.input.press('Tab');
    await b.input.pressSequentially('--reg');
    await b.input.press('Tab');
    await expect(b.input).toHaveValue('VBoxManage createvm --name web01 --ostype Debian12_64 --register ');
    await b.input.press('Enter');
    await expect(b.row('Operating system')).toHaveText('Debian 12 Bookworm (64-bit) (Debian12_64)');

    await b.input.fill('VBoxManage modifyvm w');
    await b.input.press('Tab');
    await expect(b.input).toHaveValue('VBoxManage modifyvm web01 ');

    // History: Up brings back the last command, Down returns to what was being typed.
    await b.input.fill('draft');
    await b.input.press('ArrowUp');
    await expect(b.input).toHaveValue('VBoxManage createvm --name web01 --ostype Debian12_64 --register ');
    await b.input.press('ArrowDown');
    await expect(b.input).toHaveValue('draft');

    // With nothing to complete, Tab moves on: the keyboard is never trapped.
    await b.input.fill('');
    await b.input.press('Tab');
    await expect(b.input).not.toBeFocused();

    await b.type('VBoxManag list vms');
    await expect(b.term).toContainText('bash: VBoxManag: command not found');
    await expect(b.term).toContainText('did you mean "VBoxManage"?');
    await b.type('VBoxManage modifvm web01 --memory 1024');
    await expect(b.term).toContainText('did you mean "VBoxManage modifyvm"?');
    await expect(b.status).toContainText('Failed (exit status');
  });

  test('outside a lab the commands are saved and replayed on the next visit; "Start again" clears them', async ({ page }) => {
    await page.goto(LESSON);
    let b = await builder(page, 'build-pve');
    await b.type('qm create 100 --name web01 --memory 2048 --cores 2 --scsi0 local-lvm:32 --net0 virtio,bridge=vmbr0');
    await expect(b.row('VMID')).toHaveText('100');
    await expect(b.panel.locator('.vmb-tree')).toContainText('scsi0: [Hard disk] vm-100-disk-0 (32 GB)');
    await page.reload();
    b = await builder(page, 'build-pve');
    await expect(b.w.locator('.vmb-notice')).toContainText('your 1 command from last time ran again');
    await expect(b.row('Base memory')).toHaveText('2048 MB');
    await expect(b.panel.locator('.vmb-nics')).toContainText('net0: Bridge vmbr0, virtio');
    await b.input.press('ArrowUp');
    await expect(b.input).toHaveValue(/^qm create 100/);
    await b.w.getByRole('button', { name: 'Start again' }).click();
    await expect(b.panel).toContainText('No VM on this host yet');
    await page.reload();
    b = await builder(page, 'build-pve');
    await expect(b.panel).toContainText('No VM on this host yet');
    await expect(b.w.locator('.vmb-notice')).toHaveCount(0);
  });

  test('libvirt: define from the host XML, then setmem past the maximum is refused with libvirt’s message', async ({ page }) => {
    await page.goto(LESSON);
    const b = await builder(page, 'build-kvm');
    await b.type('qemu-img create -f qcow2 /var/lib/libvirt/images/web01.qcow2 20G');
    await b.type('virsh define /root/web.xml');
    await expect(b.row('Base memory')).toHaveText('2048 MB (maximum 4096 MB)');
    await expect(b.panel.locator('.vmb-tree')).toContainText('vda: [Hard disk] web01.qcow2');
    await b.type('virsh setmem web01 6G --config');
    await expect(b.term).toContainText('cannot set memory higher than max memory');
    await expect(b.row('Base memory')).toHaveText('2048 MB (maximum 4096 MB)');
  });

  for (const width of [1280, 390]) {
    for (const theme of ['light', 'dark'] as const) {
      test(`axe clean with a VM built, at ${width}px (${theme}); screenshot`, async ({ page }) => {
        await setTheme(page, theme);
        await page.setViewportSize({ width, height: 900 });
        await page.goto(LESSON);
        for (const id of ['build-kvm', 'build-pve']) await builder(page, id);
        const b = await builder(page, 'build-vbox');
        await b.type(`VBoxManage createmedium disk --filename ${DISK} --size 20480`);
        await b.type('VBoxManage createvm --name web01 --ostype Debian_64 --register');
        await b.type('VBoxManage storagectl web01 --name SATA --add sata');
        await b.type(`VBoxManage storageattach web01 --storagectl SATA --port 0 --device 0 --type hdd --medium ${DISK}`);
        await b.type('VBoxManage modifyvm web01 --natpf1 "web,tcp,,8080,,80"');
        await b.input.fill('VBoxManage st');
        await b.input.press('Tab');
        await expect(b.w.locator('.term-choices')).toBeVisible();
        expect(await axeViolations(page)).toEqual([]);
        if (width === 390) {
          // Phone: the settings panel sits under the terminal.
          const term = await b.w.locator('.vmb-term').boundingBox();
          const panel = await b.panel.boundingBox();
          expect(panel!.y).toBeGreaterThan(term!.y + term!.height - 1);
        }
        await b.w.screenshot({ path: `test-results/builder-${width}-${theme}.png` });
      });
    }
  }
});
