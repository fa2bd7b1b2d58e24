import { expect, test, type Locator, type Page } from '@playwright/test';
import { axeViolations, setTheme, watch } from './helpers';

/**
 * The calculator's inputs beyond the course's simple case, as a student meets them on "Anatomy of
 * a VM": each waits behind a disclosure (the two-number case stays two numbers), works by keyboard,
 * shows its effect in the engine's words, and travels in the link (sizing SPEC S37–S46).
 */
const LESSON = '/lessons/anatomy-of-a-vm/';

async function calculator(page: Page, id: string): Promise<Locator> {
  const frame = page.locator(`section.widget:has(#${id}-title)`);
  await frame.scrollIntoViewIfNeeded();
  await expect(frame.locator('astro-island')).not.toHaveAttribute('ssr');
  return frame;
}

const rows = (calc: Locator) => calc.locator('.vm-table tbody tr:not(.edit-row)');
const exactly = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
const row = (calc: Locator, name: string) => rows(calc).filter({ has: calc.page().locator('th', { hasText: exactly(name) }) });
const warnings = (calc: Locator) => calc.locator('.finding.warning');
const notes = (calc: Locator) => calc.locator('.finding.note');
const status = (calc: Locator) => calc.locator('p.status[role="status"]');
const fact = (calc: Locator, resource: string, label: string) =>
  calc.locator(`[data-resource="${resource}"] .fact`).filter({ has: calc.page().locator('dt', { hasText: exactly(label) }) }).locator('dd');

const focusedId = (page: Page) => page.evaluate(() => (document.activeElement as HTMLElement | null)?.id || document.activeElement?.textContent?.trim() || '');

async function tabTo(page: Page, matches: (f: string) => boolean): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (matches(await focusedId(page))) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`focus never reached the target; last focused: ${await focusedId(page)}`);
}

test.describe('sizing calculator: what the real tools allow', () => {
  test('the simple case stays simple: every newer setting waits behind a closed disclosure', async ({ page }) => {
    const w = watch(page);
    await page.goto(LESSON);
    const calc = await calculator(page, 'sizing-reserve');
    for (const summary of ['More about the host', 'Cluster: other nodes', 'Options for new VMs']) {
      await expect(calc.locator('details', { has: page.locator('summary', { hasText: summary }) })).not.toHaveAttribute('open');
    }
    await expect(calc.getByLabel('CPU model', { exact: true })).toBeHidden();
    await expect(calc.getByLabel('Storage that keeps memory')).toBeHidden();
    await row(calc, 'web01').getByRole('button', { name: 'Edit web01' }).click();
    await expect(calc.getByLabel('vCPUs of web01', { exact: true })).toBeVisible();
    await expect(calc.getByLabel('RAM (MB) of web01', { exact: true })).toBeVisible();
    await expect(calc.getByLabel('Sockets of web01')).toBeHidden();
    w.assertClean();
  });

  test('keyboard only: sockets × cores, the course refusal and what Proxmox would do at start', async ({ page }) => {
    const w = watch(page);
    await page.goto(LESSON);
    const calc = await calculator(page, 'sizing-cores');
    await page.locator('#sizing-cores-title').evaluate((h) => h.closest('section')?.previousElementSibling?.scrollIntoView());
    await tabTo(page, (f) => f === 'Edit db01');
    await page.keyboard.press('Enter');
    // Into "More settings" by keyboard: Tab past RAM to the summary, Enter opens it.
    await tabTo(page, (f) => f.startsWith('More settings'));
    await page.keyboard.press('Enter');
    const sockets = calc.getByLabel('Sockets of db01');
    await expect(sockets).toBeVisible();
    await tabTo(page, (f) => f === 'sizing-cores-edit-vm-1-sockets');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('2');
    // As in qm, more sockets keep the cores per socket: the vCPUs field follows to 16.
    await expect(calc.getByLabel('vCPUs of db01', { exact: true })).toHaveValue('16');
    await expect(calc.locator('#sizing-cores-edit-vm-1-sockets-hint')).toHaveText('= 2 sockets × 8 cores');
    await page.keyboard.press('Enter');
    await expect(row(calc, 'db01')).toContainText('Refused');
    await expect(row(calc, 'db01')).toContainText('2 sockets × 8 cores');
    // 16 vCPUs on 16 logical CPUs: Proxmox would start it; VirtualBox's manual advises against.
    await expect(row(calc, 'db01').locator('.start')).toHaveText(
      'When started: The VirtualBox manual advises no more vCPUs than the 8 physical cores.',
    );
    await expect(status(calc)).toContainText('Changed "db01": 16 vCPUs, 2 sockets × 8 cores.');

    // With two sockets the VM uses "More settings", so the form opens with them in view.
    await calc.getByRole('button', { name: 'Edit db01' }).click();
    await expect(calc.getByLabel('Sockets of db01')).toHaveValue('2');
    await calc.getByLabel('Sockets of db01').fill('3');
    await expect(calc.getByLabel('vCPUs of db01', { exact: true })).toHaveValue('24');
    await calc.getByRole('button', { name: 'Save' }).click();
    await expect(row(calc, 'db01').locator('.start')).toContainText('Proxmox refuses to start it ("MAX 16 vcpus allowed per VM on this node": 24 > 16 logical CPUs)');
    await expect(warnings(calc).filter({ hasText: '"db01" has 24 vCPUs' })).toContainText('Proxmox refuses to start it');

    // A total that does not split over the sockets is refused at the field, with the fix.
    await calc.getByRole('button', { name: 'Edit db01' }).click();
    await calc.getByLabel('vCPUs of db01', { exact: true }).fill('25');
    await calc.getByRole('button', { name: 'Save' }).click();
    await expect(calc.locator('#sizing-cores-edit-vm-1-vcpus-error')).toContainText('25 vCPUs cannot be split over 3 sockets: vCPUs = sockets × cores. Use a multiple of 3, or fewer sockets.');
    w.assertClean();
  });

  test('storage in RAM and ballooning: ZFS’s default limit refuses two VMs; the guaranteed RAM is shown apart', async ({ page }) => {
    const w = watch(page);
    await page.goto(LESSON);
    const calc = await calculator(page, 'sizing-balloon');
    await expect(calc.locator('details', { has: page.locator('summary', { hasText: 'More about the host' }) })).toHaveAttribute('open', '');
    await expect(fact(calc, 'MEMORY_MB', 'Kept by the ZFS ARC')).toHaveText('6553 MB, apart from the host reserve');
    await expect(fact(calc, 'MEMORY_MB', 'Guaranteed')).toContainText('32 GB (balloon minimums)');
    await expect(notes(calc).filter({ hasText: 'ballooning ("web01" and "build01")' })).toContainText('only while the host uses less than 80 % of its RAM');
    await expect(calc.locator('.badge.bad')).toHaveCount(0);

    await calc.getByLabel('Storage that keeps memory').selectOption('zfs-default');
    await expect(fact(calc, 'MEMORY_MB', 'Kept by the ZFS ARC')).toHaveText('32 GB, apart from the host reserve');
    await expect(row(calc, 'web01')).toContainText('Refused');
    await expect(row(calc, 'build01')).toContainText('Refused');
    await expect(row(calc, 'web01')).toContainText('the 32 GB the storage keeps in RAM');

    await calc.getByLabel('Storage that keeps memory').selectOption('ceph');
    await calc.getByLabel('OSDs on this node').fill('2');
    await calc.getByLabel('osd_memory_target (MB)').fill('4096');
    await calc.getByLabel('osd_memory_target (MB)').press('Enter');
    await expect(fact(calc, 'MEMORY_MB', 'Kept by the Ceph OSDs')).toHaveText('8 GB, apart from the host reserve');
    await expect(calc.locator('.badge.bad')).toHaveCount(0);
    w.assertClean();
  });

  test('thin disks over time: provisioned, allocated and free now; a growing snapshot fills the SSD', async ({ page }) => {
    const w = watch(page);
    await page.goto(LESSON);
    const calc = await calculator(page, 'sizing-thin');
    // The placed VMs (monitor is refused on RAM): 620 GB provisioned, 322 GB on the SSD now.
    await expect(fact(calc, 'DISK_GB', 'On the host now')).toHaveText('322 GB allocated of 620 GB provisioned; 178 GB free');
    await expect(fact(calc, 'DISK_GB', 'With snapshots')).toHaveText('could grow to 880 GB (35 GB held now)');
    await row(calc, 'ci-runner').getByRole('button', { name: 'Edit ci-runner' }).click();
    // ci-runner has data and a snapshot: "More settings" is open already.
    await calc.getByLabel('Data written (GB)').fill('200');
    await calc.getByLabel('Held by snapshots (GB)').fill('150');
    await calc.getByRole('button', { name: 'Save' }).click();
    await expect(fact(calc, 'DISK_GB', 'On the host now')).toHaveText('547 GB allocated of 620 GB provisioned; 47 GB short');
    await expect(warnings(calc).filter({ hasText: 'already take 547 GB on the host, more than the 500 GB available' })).toHaveCount(1);
    await expect(row(calc, 'ci-runner')).toContainText('200 GB written; 1 snapshot hold 150 GB');
    w.assertClean();
  });

  test('a cluster of mixed CPUs: warnings with the lowest common generic type, which follows the nodes', async ({ page }) => {
    const w = watch(page);
    await page.goto(LESSON);
    const calc = await calculator(page, 'sizing-cluster');
    await expect(warnings(calc).filter({ hasText: '"db01" uses host-passthrough (Proxmox: host)' })).toContainText('For the whole cluster use x86-64-v2-AES');
    await expect(warnings(calc).filter({ hasText: '"app01" uses x86-64-v3, which "pve3" cannot run' })).toHaveCount(1);

    await calc.getByRole('button', { name: 'Remove node pve3' }).click();
    await expect(status(calc)).toContainText('Removed cluster node "pve3"');
    await expect(warnings(calc).filter({ hasText: '"app01" uses x86-64-v3' })).toHaveCount(0);
    await expect(warnings(calc).filter({ hasText: '"db01" uses host-passthrough' })).toContainText('use x86-64-v3, the newest generic type every node runs');

    await calc.getByLabel('Node name').fill('pve2');
    await calc.getByRole('button', { name: 'Add node' }).click();
    await expect(calc.locator('#sizing-cluster-peer-name-error')).toContainText('The name "pve2" is already taken by another node.');
    await calc.getByLabel('Node name').fill('pve4');
    await calc.getByLabel('Its CPU model').selectOption('Nehalem');
    await calc.getByRole('button', { name: 'Add node' }).click();
    await expect(warnings(calc).filter({ hasText: '"db01" uses host-passthrough' })).toContainText('use x86-64-v2, the newest generic type every node runs');

    // The cluster travels in the link.
    await page.reload();
    const again = await calculator(page, 'sizing-cluster');
    await expect(again.locator('.nodes li')).toHaveText([/pve2\s+EPYC-Rome/, /pve4\s+Nehalem/]);
    w.assertClean();
  });

  test('Nova: the node’s history decides its ratios, dedicated CPUs run out at 1:1, the quota stops the project', async ({ page }) => {
    const w = watch(page);
    await page.goto(LESSON);
    const calc = await calculator(page, 'sizing-history');
    await expect(calc.getByLabel('CPU allocation ratio')).toHaveValue('16');
    await expect(calc.locator('.reasons li').first()).toContainText('cpu 16: the node was registered under Zed (26) with initial_cpu_allocation_ratio = 16');

    await calc.getByLabel('Registered under').selectOption('2023.1');
    await calc.getByRole('button', { name: 'Use this history' }).click();
    await expect(calc.getByLabel('CPU allocation ratio')).toHaveValue('4');
    await expect(calc.getByLabel('RAM allocation ratio')).toHaveValue('1');
    await expect(status(calc)).toContainText('Ratios from the node’s history: cpu 4, ram 1, disk 1; preset: nova-2023.1');

    // A written ratio always wins.
    await calc.locator('#sizing-history-origin-configured-cpu').fill('2');
    await calc.getByRole('button', { name: 'Use this history' }).click();
    await expect(calc.getByLabel('CPU allocation ratio')).toHaveValue('2');

    // Dedicated vCPUs: PCPU at 1:1, two pinned VMs of 2 vCPUs fill the 4 dedicated CPUs.
    await calc.getByText('Options for new VMs').click();
    await calc.getByLabel('vCPUs under Nova').selectOption('dedicated');
    const add = calc.getByRole('button', { name: 'Add VM', exact: true });
    await add.click();
    await add.click();
    await expect(row(calc, 'vm-5')).toContainText('Refused');
    await expect(calc.locator('[data-resource="PCPU"] .headline')).toHaveText('6 dedicated CPUs of 4 dedicated CPUs');

    // The quota: 20 cores; shared VMs until the project is refused before any host.
    await row(calc, 'vm-5').getByRole('button', { name: 'Remove vm-5' }).click();
    await calc.getByLabel('vCPUs under Nova').selectOption('shared');
    await calc.getByLabel('Flavor', { exact: true }).first().fill('g4.r2c4');
    for (let i = 0; i < 3; i++) await add.click();
    await expect(rows(calc).last()).toContainText("the project's quota refuses it before any host is looked at (Quota exceeded for cores: Requested 4, but already used 20 of 20 cores)");

    // Everything travels in the link.
    await page.reload();
    const again = await calculator(page, 'sizing-history');
    await expect(again.getByLabel('CPU allocation ratio')).toHaveValue('2');
    await expect(again.locator('.reasons li').first()).toContainText('cpu_allocation_ratio = 2 is written in nova.conf');
    await expect(rows(again)).toHaveCount(7);
    w.assertClean();
  });

  for (const [label, width] of [['desktop', 1400], ['phone', 390]] as const) {
    for (const theme of ['light', 'dark'] as const) {
      test(`no axe violations with every disclosure open on every calculator, ${label} ${width} px (${theme})`, async ({ page }) => {
        // Seven calculators with every form open make the longest page of the course for axe.
        test.slow();
        await page.setViewportSize({ width, height: 900 });
        await setTheme(page, theme);
        const w = watch(page);
        await page.goto(LESSON);
        for (const id of ['sizing-cores', 'sizing-cluster', 'sizing-reserve', 'sizing-balloon', 'sizing-thin', 'sizing-nova', 'sizing-history']) {
          const calc = await calculator(page, id);
          const first = rows(calc).first();
          if ((await first.count()) > 0) await first.getByRole('button', { name: /^Edit/ }).click();
          await calc.locator('details').evaluateAll((all) => all.forEach((d) => ((d as HTMLDetailsElement).open = true)));
        }
        if (width < 400) {
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          expect(overflow).toBeLessThanOrEqual(0);
        }
        expect(await axeViolations(page)).toEqual([]);
        w.assertClean();
      });
    }
  }
});
