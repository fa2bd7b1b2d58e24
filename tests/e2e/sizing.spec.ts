import { expect, test, type Locator, type Page } from '@playwright/test';
import { BASE_PORT, SUB_PATH } from '../../playwright.config';
import { checksum, encodeBase64Url } from '../../src/sim/sizing/base64url';
import { axeViolations, setTheme, watch } from './helpers';

/**
 * The sizing calculator as a student uses it on the lesson "Anatomy of a VM", which embeds three
 * calculators: sizing-cores (a database VM with all 8 cores), sizing-reserve (28 GB of a 32 GB
 * host) and sizing-nova (an empty compute node under Nova's ratios).
 */
const LESSON = '/lessons/anatomy-of-a-vm/';

/** The calculator's frame, scrolled into view and hydrated (its island has dropped the `ssr` marker). */
async function calculator(page: Page, id: string): Promise<Locator> {
  const frame = page.locator(`section.widget:has(#${id}-title)`);
  await frame.scrollIntoViewIfNeeded();
  await expect(frame.locator('astro-island')).not.toHaveAttribute('ssr');
  return frame;
}

/** One row per VM; an open edit form's row is not one. */
const rows = (calc: Locator) => calc.locator('.vm-table tbody tr:not(.edit-row)');
const exactly = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
const row = (calc: Locator, name: string) => rows(calc).filter({ has: calc.page().locator('th', { hasText: exactly(name) }) });
const headline = (calc: Locator, resource: 'VCPU' | 'MEMORY_MB' | 'DISK_GB') => calc.locator(`[data-resource="${resource}"] .headline`);
const warnings = (calc: Locator) => calc.locator('.finding.warning');
const notes = (calc: Locator) => calc.locator('.finding.note');
const status = (calc: Locator) => calc.locator('p.status[role="status"]');
/** The value beside a bar's label, e.g. fact(calc, 'MEMORY_MB', 'Left') → "0 MB". */
const fact = (calc: Locator, resource: 'VCPU' | 'MEMORY_MB' | 'DISK_GB', label: string) =>
  calc.locator(`[data-resource="${resource}"] .fact`).filter({ has: calc.page().locator('dt', { hasText: exactly(label) }) }).locator('dd');

/** The message shown for a field: the element its aria-describedby points to that holds the error. */
async function fieldError(field: Locator): Promise<Locator> {
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  const ids = (await field.getAttribute('aria-describedby')) ?? '';
  const errorId = ids.split(' ').find((i) => i.endsWith('-error'));
  expect(errorId, `aria-describedby="${ids}" names no error`).toBeTruthy();
  return field.page().locator(`[id="${errorId}"]`);
}

/** What has focus, as a student would name it: a field's id, a radio's value, or a button's text. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLInputElement | null;
    if (!el) return '';
    if (el.type === 'radio') return `radio:${el.value}`;
    return el.id || el.textContent?.trim() || '';
  });

/** Presses Tab (or `key`) until what has focus matches. */
async function tabTo(page: Page, matches: (f: string) => boolean, key = 'Tab'): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (matches(await focused(page))) return;
    await page.keyboard.press(key);
  }
  throw new Error(`focus never reached the target; last focused: ${await focused(page)}`);
}

async function commit(field: Locator, value: string): Promise<void> {
  await field.fill(value);
  await field.press('Enter');
}

test.describe('sizing calculator', () => {
  test('a student adds VMs to the database host and watches the bars, verdicts, warnings and notes change', async ({ page }) => {
    const w = watch(page);
    await page.goto(LESSON);
    const calc = await calculator(page, 'sizing-cores');

    await expect(rows(calc)).toHaveCount(1);
    await expect(row(calc, 'db01')).toContainText('Fits');
    await expect(headline(calc, 'VCPU')).toHaveText('8 vCPUs on 8 cores');
    // One VM with every core is allowed ("never more than"): a note, not a warning.
    await expect(warnings(calc)).toHaveCount(0);
    await expect(notes(calc).first()).toContainText('"db01" has 8 vCPUs, one for every physical core: allowed');

    const add = calc.getByRole('button', { name: 'Add VM', exact: true });
    await add.click();
    // Sharing cores is a note with the course's advice, under every policy.
    await expect(status(calc)).toHaveText('Added "vm-2" (g4.r8c4). 2 of 2 VMs fit; 0 warnings.');
    await expect(notes(calc).filter({ hasText: '12 vCPUs of the 2 placed VMs share 8 physical cores (1.5:1)' })).toContainText('which Proxmox calls perfectly safe');
    await expect(headline(calc, 'VCPU')).toHaveText('12 vCPUs on 8 cores');
    await expect(headline(calc, 'MEMORY_MB')).toHaveText('16 GB of 30 GB');

    await add.click();
    await add.click();
    // 8 + 3 × 8 GB = 32 GB: the third g4.r8c4 is refused on RAM; vCPUs are only warned about.
    await expect(rows(calc)).toHaveCount(4);
    await expect(row(calc, 'vm-4')).toContainText('Refused');
    await expect(row(calc, 'vm-4')).toContainText('it needs 8 GB of RAM with only 6 GB left');
    await expect(headline(calc, 'VCPU')).toHaveText('20 vCPUs on 8 cores');
    await expect(fact(calc, 'VCPU', 'vCPU:pCPU')).toHaveText('2.5:1 per physical core, 1.25:1 per thread');
    await expect(fact(calc, 'VCPU', 'Over the cores')).toHaveText('12 vCPUs: the cores are shared in turn, nothing is refused');
    // The refused VM is not counted as carried: the facts say what is placed and what is asked for.
    await expect(fact(calc, 'MEMORY_MB', 'Placed VMs')).toHaveText('24 GB');
    await expect(fact(calc, 'MEMORY_MB', 'Asked for')).toHaveText('32 GB, refused VMs included');
    await expect(notes(calc).filter({ hasText: '20 vCPUs' })).toHaveCount(0);
    await expect(notes(calc).filter({ hasText: '16 vCPUs of the 3 placed VMs (1 refused VM not counted)' })).toHaveCount(1);
    await expect(headline(calc, 'MEMORY_MB')).toHaveText('32 GB of 30 GB');
    await expect(calc.locator('[data-resource="MEMORY_MB"] .flag')).toHaveText('Over capacity');
    await expect(calc.locator('[data-resource="MEMORY_MB"] .seg-over')).toHaveCount(1);
    await expect(calc.getByRole('heading', { name: /VMs on lab-host/ })).toContainText('(3 of 4 fit)');

    // A custom VM wider than the host's cores is refused however empty the host is.
    await calc.getByLabel('vCPUs', { exact: true }).fill('10');
    await calc.getByRole('button', { name: 'Add custom VM' }).click();
    await expect(row(calc, 'vm-5')).toContainText('it asks for 10 vCPUs but the host has only 8 physical cores (hyper-threads do not count as cores)');
    await expect(warnings(calc).filter({ hasText: '"vm-5" has 10 vCPUs but the host has only 8 physical cores' })).toHaveCount(1);

    // A bigger host: 16 cores per socket takes every per-VM warning away and halves the ratio.
    await commit(calc.getByLabel('Cores per socket'), '16');
    await expect(calc.getByText('16 physical cores, 32 logical CPUs')).toBeVisible();
    await expect(headline(calc, 'VCPU')).toHaveText('30 vCPUs on 16 cores');
    // The 4 GB VM now fits in the 6 GB that the refused vm-4 left: refused VMs take nothing.
    await expect(row(calc, 'vm-5')).toContainText('Fits');
    await expect(notes(calc).filter({ hasText: 'one for every physical core' })).toHaveCount(0);

    // Removing the refused VM leaves everything fitting.
    await row(calc, 'vm-4').getByRole('button', { name: 'Remove vm-4' }).click();
    await expect(rows(calc)).toHaveCount(4);
    await expect(calc.locator('.badge.bad')).toHaveCount(0);
    await expect(headline(calc, 'MEMORY_MB')).toHaveText('28 GB of 30 GB');

    // Choosing a typical host keeps the VMs and the host's name.
    const typical = calc.getByLabel('Choose a typical host, or type the sizes below');
    await expect(typical).toHaveValue('');
    await typical.selectOption({ label: 'Compute node: 2 × 16 cores, 256 GB, 2 TB' });
    await expect(calc.getByText('32 physical cores, 64 logical CPUs')).toBeVisible();
    await expect(headline(calc, 'MEMORY_MB')).toHaveText('28 GB of 254 GB');
    await expect(calc.getByLabel('Name', { exact: true })).toHaveValue('lab-host');
    await expect(calc.getByRole('heading', { name: /VMs on lab-host/ })).toContainText('(4 of 4 fit)');

    // A preallocated (thick) disk counts against the host's disk under the course policy; thin ones do not.
    await calc.getByText('Options for new VMs').click();
    await calc.getByLabel('Disk provisioning').selectOption('thick');
    await calc.getByLabel('Flavor', { exact: true }).first().fill('m1.large');
    await calc.getByRole('button', { name: 'Add VM', exact: true }).click();
    await expect(row(calc, 'vm-4')).toContainText('80 GB thick disk');
    await expect(headline(calc, 'DISK_GB')).toHaveText('180 GB of 2000 GB');
    w.assertClean();
  });

  test('the questions: how many more of a flavor fit, and which flavor suits a workload', async ({ page }) => {
    const w = watch(page);
    await page.goto(LESSON);
    const calc = await calculator(page, 'sizing-cores');
    const answer = calc.locator('output.answer').first();
    await expect(answer).toContainText('2 more g4.r8c4 VMs fit; RAM runs out first.');
    await expect(answer).toContainText('RAM alone allows 2 more; vCPUs and disk do not limit');

    await commit(calc.getByLabel('Flavor', { exact: true }).last(), 'G4.R4C2');
    await expect(answer).toContainText('5 more g4.r4c2 VMs fit; RAM runs out first.');
    await calc.getByRole('button', { name: 'Add VM', exact: true }).click(); // one more g4.r8c4
    await expect(answer).toContainText('3 more g4.r4c2 VMs fit');

    await calc.getByLabel('vCPUs needed').fill('2');
    await calc.getByLabel('RAM (MB) needed').fill('3000');
    await calc.getByRole('button', { name: 'Recommend a flavor' }).click();
    await expect(calc.locator('output.answer').last()).toHaveText('g4.r4c2 (2 vCPUs, 4 GB RAM) is the smallest flavor that meets the needs.');
    await calc.getByLabel('Local disk (GB) needed').fill('30');
    await calc.getByRole('button', { name: 'Recommend a flavor' }).click();
    await expect(calc.locator('output.answer').last()).toHaveText('m1.medium (2 vCPUs, 4 GB RAM) is the smallest flavor that meets the needs.');
    await calc.getByRole('button', { name: 'Add a m1.medium VM to the host' }).click();
    await expect(row(calc, 'vm-3')).toContainText('m1.medium');
    await expect(row(calc, 'vm-3')).toContainText('40 GB thin disk');
    w.assertClean();
  });

  test('policies: the numbers the lesson asks for (3, 5, 3 m1.large; CPU limits at ratio 1.0)', async ({ page }) => {
    const w = watch(page);
    await page.goto(LESSON);
    const calc = await calculator(page, 'sizing-nova');
    const answer = calc.locator('output.answer').first();
    await expect(calc.getByRole('radio', { name: /OpenStack Nova, since 2023.1/ })).toBeChecked();
    await expect(answer).toContainText('3 more m1.large VMs fit; RAM runs out first.');
    await expect(headline(calc, 'VCPU')).toHaveText('0 vCPUs of 64 vCPUs');
    await expect(fact(calc, 'VCPU', 'Capacity')).toHaveText('64 vCPUs = (16 logical CPUs) × 4');

    await calc.getByRole('radio', { name: /OpenStack Nova, before 2023.1/ }).check();
    await expect(answer).toContainText('5 more m1.large VMs fit; RAM runs out first.');
    await expect(fact(calc, 'MEMORY_MB', 'Capacity')).toHaveText('47.25 GB = (32 GB − 512 MB kept for the host) × 1.5');

    await calc.getByRole('radio', { name: /Course rules/ }).check();
    await expect(answer).toContainText('3 more m1.large VMs fit; RAM runs out first.');
    await expect(calc.getByLabel('CPU allocation ratio')).toHaveCount(0);
    await expect(calc.getByText('The course policy has fixed ratios')).toBeVisible();

    await calc.getByRole('radio', { name: /OpenStack Nova, before 2023.1/ }).check();
    await commit(calc.getByLabel('CPU allocation ratio'), '1.0');
    await expect(answer).toContainText('4 more m1.large VMs fit; vCPUs run out first.');
    await expect(calc.getByText('Nova with custom allocation ratios')).toBeVisible();
    await expect(calc.getByRole('radio')).toHaveCount(3);
    for (const radio of await calc.getByRole('radio').all()) await expect(radio).not.toBeChecked();
    w.assertClean();
  });

  test('the reserve lesson: reserve violated, then overcommitted, then a larger reserve refuses a VM', async ({ page }) => {
    const w = watch(page);
    await page.goto(LESSON);
    const calc = await calculator(page, 'sizing-reserve');
    await expect(calc.getByLabel('Flavor', { exact: true }).first()).toHaveValue('g4.r4c2');
    const add = calc.getByRole('button', { name: 'Add VM', exact: true });

    await add.click();
    // The course refuses the VM on the reserve; the host never carries it, so there is no warning,
    // only a note about what the VMs together ask for.
    await expect(row(calc, 'vm-5')).toContainText('Refused');
    await expect(row(calc, 'vm-5')).toContainText('capacity 30 GB after the 2 GB kept for the host');
    await expect(warnings(calc)).toHaveCount(0);
    await expect(notes(calc).filter({ hasText: 'the 5 VMs together (1 of them refused) ask for 32 GB of RAM' })).toContainText(
      'placing them all would take 2 GB of the 2 GB kept for the host itself',
    );
    await expect(notes(calc).filter({ hasText: 'more than the host\'s 32 GB' })).toHaveCount(0);

    await add.click();
    await expect(notes(calc).filter({ hasText: 'the 6 VMs together (2 of them refused) ask for 36 GB of RAM, more than the host\'s 32 GB (1.13:1)' })).toHaveCount(1);

    await row(calc, 'vm-6').getByRole('button', { name: 'Remove vm-6' }).click();
    await row(calc, 'vm-5').getByRole('button', { name: 'Remove vm-5' }).click();
    await commit(calc.getByLabel('RAM (MB) kept for the host'), '4096');
    await expect(calc.locator('.badge.bad')).toHaveCount(0);
    await expect(fact(calc, 'MEMORY_MB', 'Left')).toHaveText('0 MB');
    await expect(calc.locator('output.answer').first()).toContainText('No more g4.r4c2 VMs fit: RAM runs out first.');

    await commit(calc.getByLabel('RAM (MB) kept for the host'), '6144');
    await expect(calc.locator('.badge.bad')).toHaveCount(1);
    await expect(row(calc, 'cache01')).toContainText('Refused');
    w.assertClean();
  });

  test('keyboard only: add a VM, switch policy, remove a VM, correct a bad value', async ({ page }) => {
    const w = watch(page);
    await page.goto(LESSON);
    const calc = await calculator(page, 'sizing-cores');

    await page.locator('#sizing-cores-title').evaluate((h) => h.closest('section')?.previousElementSibling?.scrollIntoView());
    await tabTo(page, (f) => f === 'Copy link');
    await tabTo(page, (f) => f === 'sizing-cores-add-flavor');
    await page.keyboard.press('Enter');
    await expect(rows(calc)).toHaveCount(2);
    await expect(status(calc)).toContainText('Added "vm-2" (g4.r8c4)');

    await tabTo(page, (f) => f === 'radio:course', 'Shift+Tab');
    await page.keyboard.press('ArrowDown');
    await expect(calc.getByRole('radio', { name: /OpenStack Nova, since 2023.1/ })).toBeChecked();
    await expect(headline(calc, 'VCPU')).toHaveText('12 vCPUs of 64 vCPUs');
    await expect(status(calc)).toContainText('Policy set to nova-2023.1');

    await tabTo(page, (f) => f === 'Remove vm-2');
    await page.keyboard.press('Enter');
    await expect(rows(calc)).toHaveCount(1);
    expect(await focused(page)).toBe('Remove db01');

    await tabTo(page, (f) => f === 'sizing-cores-host-ramMb', 'Shift+Tab');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('lots');
    await page.keyboard.press('Enter');
    const ram = calc.locator('#sizing-cores-host-ramMb');
    await expect(await fieldError(ram)).toContainText('Error: Expected a whole number of MB, got "lots".');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('65536');
    await page.keyboard.press('Enter');
    await expect(ram).not.toHaveAttribute('aria-invalid');
    await expect(headline(calc, 'MEMORY_MB')).toHaveText('8 GB of 63.5 GB');
    w.assertClean();
  });

  test('keyboard only: edit a VM’s vCPUs from its row, a refused value changes nothing, Escape cancels', async ({ page }) => {
    const w = watch(page);
    await page.goto(LESSON);
    const calc = await calculator(page, 'sizing-cores');
    const edit = calc.getByRole('button', { name: 'Edit db01', exact: true });
    const vcpus = calc.getByLabel('vCPUs of db01', { exact: true });
    const ram = calc.getByLabel('RAM (MB) of db01', { exact: true });
    await expect(edit).toHaveAttribute('aria-expanded', 'false');
    await expect(vcpus).toHaveCount(0);
    await expect(headline(calc, 'VCPU')).toHaveText('8 vCPUs on 8 cores');
    await expect(warnings(calc)).toHaveCount(0);
    await expect(notes(calc).filter({ hasText: 'one for every physical core' })).toHaveCount(1);

    // Tab to "Edit db01", Enter: the form opens below the row with the current sizes, the vCPUs selected.
    await page.locator('#sizing-cores-title').evaluate((h) => h.closest('section')?.previousElementSibling?.scrollIntoView());
    await tabTo(page, (f) => f === 'Edit db01');
    await page.keyboard.press('Enter');
    await expect(vcpus).toBeFocused();
    await expect(vcpus).toHaveValue('8');
    await expect(ram).toHaveValue('8192');
    await expect(edit).toHaveAttribute('aria-expanded', 'true');
    await expect(calc.getByRole('form', { name: 'Size of db01' })).toBeVisible();
    await expect(rows(calc)).toHaveCount(1);

    // Type over the selected value, Enter: 10 vCPUs on 8 cores is refused by the course rules.
    await page.keyboard.type('10');
    await page.keyboard.press('Enter');
    await expect(vcpus).toHaveCount(0);
    expect(await focused(page)).toBe('Edit db01');
    await expect(edit).toHaveAttribute('aria-expanded', 'false');
    await expect(row(calc, 'db01')).toContainText('Refused');
    await expect(row(calc, 'db01')).toContainText('10 vCPUs, 8 GB RAM');
    await expect(row(calc, 'db01')).toContainText('it asks for 10 vCPUs but the host has only 8 physical cores');
    await expect(headline(calc, 'VCPU')).toHaveText('10 vCPUs on 8 cores');
    await expect(status(calc)).toContainText(
      'Changed "db01": 10 vCPUs. It does not fit: it asks for 10 vCPUs but the host has only 8 physical cores (hyper-threads do not count as cores). 0 of 1 VM fit; 1 warning. New warning: "db01" has 10 vCPUs but the host has only 8 physical cores',
    );

    // Again from the Edit button that kept focus: 4 vCPUs fits, and the warning goes.
    await page.keyboard.press('Enter');
    await expect(vcpus).toBeFocused();
    await expect(vcpus).toHaveValue('10');
    await page.keyboard.type('4');
    await page.keyboard.press('Enter');
    await expect(row(calc, 'db01')).toContainText('Fits');
    await expect(row(calc, 'db01')).toContainText('4 vCPUs, 8 GB RAM');
    await expect(row(calc, 'db01')).toContainText('100 GB thick disk');
    await expect(headline(calc, 'VCPU')).toHaveText('4 vCPUs on 8 cores');
    await expect(headline(calc, 'MEMORY_MB')).toHaveText('8 GB of 30 GB');
    await expect(warnings(calc)).toHaveCount(0);
    await expect(status(calc)).toHaveText('Changed "db01": 4 vCPUs. 1 of 1 VM fit; 0 warnings.');
    expect(await focused(page)).toBe('Edit db01');
    const before = { row: await row(calc, 'db01').textContent(), bars: await calc.locator('.bars').textContent(), url: page.url() };

    // Refused values: the message is at the field, the form stays open with the typing, nothing changes.
    await page.keyboard.press('Enter');
    for (const [value, message] of [
      ['abc', 'Error: Expected a whole number of vCPUs, got "abc".'],
      ['0', 'Error: Must be at least 1 vCPU, got 0.'],
      ['2000', 'Error: Must be at most 1024 vCPUs'],
    ] as const) {
      await expect(vcpus).toBeFocused();
      await page.keyboard.press('Control+A');
      await page.keyboard.type(value);
      await page.keyboard.press('Enter');
      await expect(await fieldError(vcpus)).toContainText(message);
      await expect(vcpus).toHaveValue(value);
      await expect(status(calc)).toContainText('Not changed.');
    }
    await expect(ram).not.toHaveAttribute('aria-invalid');
    expect(await row(calc, 'db01').textContent()).toBe(before.row);
    expect(await calc.locator('.bars').textContent()).toBe(before.bars);
    expect(page.url()).toBe(before.url);

    // Escape cancels: the form closes, focus returns to Edit, and nothing typed was applied.
    await page.keyboard.press('Escape');
    await expect(vcpus).toHaveCount(0);
    expect(await focused(page)).toBe('Edit db01');
    expect(await row(calc, 'db01').textContent()).toBe(before.row);
    expect(await calc.locator('.bars').textContent()).toBe(before.bars);
    // Reopened, the form shows the VM as it is, without the old message.
    await page.keyboard.press('Enter');
    await expect(vcpus).toHaveValue('4');
    await expect(vcpus).not.toHaveAttribute('aria-invalid');

    // The RAM field: Tab to it, a new size in MB, Enter saves; the vCPUs stay.
    await page.keyboard.press('Tab');
    await expect(ram).toBeFocused();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('12288');
    await page.keyboard.press('Enter');
    await expect(row(calc, 'db01')).toContainText('4 vCPUs, 12 GB RAM');
    await expect(headline(calc, 'MEMORY_MB')).toHaveText('12 GB of 30 GB');
    await expect(status(calc)).toContainText('Changed "db01": 12 GB RAM.');
    expect(await focused(page)).toBe('Edit db01');

    // Escape from a button of the form cancels too, and Edit toggles the form closed.
    await page.keyboard.press('Enter');
    await tabTo(page, (f) => f === 'Cancel');
    await page.keyboard.press('Escape');
    await expect(ram).toHaveCount(0);
    expect(await focused(page)).toBe('Edit db01');
    await page.keyboard.press('Enter');
    await expect(ram).toBeVisible();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    expect(await focused(page)).toBe('Edit db01');
    await page.keyboard.press('Enter');
    await expect(ram).toHaveCount(0);
    await expect(row(calc, 'db01')).toContainText('4 vCPUs, 12 GB RAM');
    w.assertClean();
  });

  test('edit by mouse or touch: Save and Cancel buttons, one form at a time, the change is kept in the link', async ({ page }) => {
    const w = watch(page);
    await page.goto(LESSON);
    const calc = await calculator(page, 'sizing-reserve');
    await row(calc, 'web02').getByRole('button', { name: 'Edit web02' }).click();
    await calc.getByLabel('vCPUs of web02', { exact: true }).fill('2');
    // Opening another VM's form closes this one without saving.
    await row(calc, 'app01').getByRole('button', { name: 'Edit app01' }).click();
    await expect(calc.getByLabel('vCPUs of web02', { exact: true })).toHaveCount(0);
    await expect(row(calc, 'web02')).toContainText('4 vCPUs, 8 GB RAM');
    await calc.getByLabel('RAM (MB) of app01', { exact: true }).fill('4096');
    await calc.getByRole('button', { name: 'Cancel' }).click();
    await expect(calc.locator('.edit-row')).toHaveCount(0);
    await expect(row(calc, 'app01')).toContainText('4 vCPUs, 8 GB RAM');

    await row(calc, 'app01').getByRole('button', { name: 'Edit app01' }).click();
    await calc.getByLabel('RAM (MB) of app01', { exact: true }).fill('4096');
    await calc.getByRole('button', { name: 'Save' }).click();
    await expect(row(calc, 'app01')).toContainText('custom size');
    await expect(row(calc, 'app01')).toContainText('4 vCPUs, 4 GB RAM');
    await expect(status(calc)).toContainText('Changed "app01": 4 GB RAM; it is now a custom size.');
    await expect(calc.getByRole('button', { name: 'Edit app01' })).toBeFocused();
    await expect(page).toHaveURL(/[?&]sizing-reserve=1\./);

    // Saving the sizes it already has changes nothing and says so.
    await calc.getByRole('button', { name: 'Edit app01' }).click();
    await calc.getByRole('button', { name: 'Save' }).click();
    await expect(status(calc)).toHaveText('No change: "app01" already has 4 vCPUs, 4 GB RAM.');
    await expect(calc.locator('.edit-row')).toHaveCount(0);

    await page.reload();
    const again = await calculator(page, 'sizing-reserve');
    await expect(row(again, 'app01')).toContainText('4 vCPUs, 4 GB RAM');
    w.assertClean();
  });

  test('each group of fields works like a form: Enter in a text field or its button submits it, Enter on a button of its own does not', async ({ page }) => {
    // The groups are not <form> elements (SubmitGroup.svelte: Chrome's per-form work when a page has
    // loaded was most of this lesson's blocking time), so this is what a form would do for free.
    const w = watch(page);
    await page.goto(LESSON);
    expect(await page.locator('.sizing-calc form').count(), 'no calculator group is a <form>').toBe(0);
    const calc = await calculator(page, 'sizing-cores');
    const group = (name: string | RegExp) => calc.getByRole('form', { name });

    // How many more fit: Enter in the flavor field, then the Ask button.
    const more = group('How many more of a flavor fit?');
    const answer = more.locator('output');
    await more.getByLabel('Flavor').fill('m1.small');
    await more.getByLabel('Flavor').press('Enter');
    await expect(answer).toContainText('m1.small');
    await more.getByLabel('Flavor').fill('m1.large');
    await more.getByRole('button', { name: 'Ask' }).click();
    await expect(answer).toContainText('m1.large');

    // The flavor advisor: Enter in a field answers.
    const advisor = group('Which flavor for a workload?');
    await expect(advisor.locator('output')).toHaveText('');
    await advisor.getByLabel('vCPUs').fill('4');
    await advisor.getByLabel('vCPUs').press('Enter');
    await expect(advisor.locator('output')).not.toHaveText('');

    // A cluster node: Enter in its name, then the button; Enter on the other node's Remove button only removes.
    await calc.locator('summary', { hasText: 'Cluster: other nodes' }).click();
    const cluster = group('Add a cluster node');
    await cluster.getByLabel('Node name').fill('node-b');
    await cluster.getByLabel('Node name').press('Enter');
    await expect(calc.locator('.nodes li')).toHaveCount(1);
    await expect(calc.locator('.nodes li').first()).toContainText('node-b');
    await cluster.getByLabel('Node name').fill('node-c');
    await cluster.getByRole('button', { name: 'Add node' }).click();
    await expect(calc.locator('.nodes li')).toHaveCount(2);
    await calc.getByRole('button', { name: 'Remove node node-b' }).press('Enter');
    await expect(calc.locator('.nodes li')).toHaveCount(1);
    await expect(calc.locator('.nodes li').first()).toContainText('node-c');
    // Submitting now (an empty name) would be refused with a message: Enter on Remove submitted nothing.
    await expect(cluster.getByLabel('Node name')).not.toHaveAttribute('aria-invalid', 'true');
    await cluster.getByLabel('Node name').press('Enter');
    await expect(cluster.getByLabel('Node name')).toHaveAttribute('aria-invalid', 'true');

    // A VM from a flavor, and one with a custom size by its button.
    const before = await rows(calc).count();
    const fromFlavor = group('Add a VM from a flavor');
    await fromFlavor.getByLabel('Flavor').fill('m1.small');
    await fromFlavor.getByLabel('Flavor').press('Enter');
    await expect(rows(calc)).toHaveCount(before + 1);
    await group('Add a VM with a custom size').getByRole('button', { name: 'Add custom VM' }).click();
    await expect(rows(calc)).toHaveCount(before + 2);

    // Nova's settings: the quota by Enter, the link then carries it.
    const nova = await calculator(page, 'sizing-nova');
    await nova.locator('summary', { hasText: 'Project quota' }).click();
    const quota = nova.getByRole('form', { name: 'Project quota' });
    const url = page.url();
    await quota.getByLabel('Instances').fill('1');
    await quota.getByLabel('Instances').press('Enter');
    await expect(quota.getByRole('button', { name: 'Remove the quota' })).toBeVisible();
    await expect.poll(() => page.url()).not.toBe(url);
    // A refused value gets its message, as a form's submit would.
    await quota.getByLabel('Cores').fill('many');
    await quota.getByRole('button', { name: 'Use this quota' }).click();
    await expect(quota.getByText('Expected a whole number of cores, got "many".')).toBeVisible();
    await expect(quota.getByLabel('Cores')).toHaveAttribute('aria-invalid', 'true');
    w.assertClean();
  });

  test('bad input gets a message next to its field and changes nothing else', async ({ page }) => {
    const w = watch(page);
    await page.goto(LESSON);
    const calc = await calculator(page, 'sizing-cores');
    const before = await calc.locator('.bars').textContent();

    const cases: [Locator, string, string][] = [
      [calc.getByLabel('RAM (MB)', { exact: true }).first(), 'abc', 'Expected a whole number of MB, got "abc".'],
      [calc.getByLabel('Sockets'), '0', 'Must be at least 1 socket, got 0.'],
      [calc.getByLabel('Cores per socket'), '-4', 'Must be at least 1 core, got -4.'],
      [calc.getByLabel('Threads per core'), '1.5', 'Must be a whole number of threads, got 1.5.'],
      [calc.getByLabel('Disk (GB)', { exact: true }).first(), '99999999999', 'Must be at most 1048576 GB (1 PB of local disk is far beyond a compute node), got 99999999999.'],
      [calc.getByLabel('RAM (MB) kept for the host'), '40000', 'The host reserve (40000 MB of RAM) must be less than the host\'s 32768 MB of RAM. Leave something for the VMs.'],
      [calc.getByLabel('Name', { exact: true }), '   ', 'The name must not be empty.'],
    ];
    for (const [field, value, message] of cases) {
      await commit(field, value);
      await expect(await fieldError(field)).toContainText(`Error: ${message}`);
      await expect(field).toHaveValue(value);
    }
    expect(await calc.locator('.bars').textContent()).toBe(before);
    await expect(status(calc)).toContainText('Not changed.');

    // Flavor names: malformed, swapped, unknown.
    const flavor = calc.getByLabel('Flavor', { exact: true }).first();
    const addVm = calc.getByRole('button', { name: 'Add VM', exact: true });
    for (const [value, message] of [
      ['g4.r8', '"g4.r8" is not a flavor name: expected g<generation>.r<RAM GB>c<vCPUs>, e.g. g4.r8c4.'],
      ['g4.c4r8', 'RAM comes before vCPUs: g4.r8c4'],
      ['m1.larg', 'Unknown flavor "m1.larg". Did you mean "m1.large"?'],
      ['g4.r0c2', '"g4.r0c2" asks for 0 GB of RAM: a flavor needs at least 1 GB.'],
    ] as const) {
      await flavor.fill(value);
      await addVm.click();
      await expect(await fieldError(flavor)).toContainText(message);
    }
    await expect(rows(calc)).toHaveCount(1);

    // A custom size with every field wrong reports each at its own field.
    await calc.getByLabel('vCPUs', { exact: true }).fill('eight');
    await calc.locator('#sizing-cores-custom-ramMb').fill('-1');
    await calc.getByLabel('Root disk (GB)').fill('1e9');
    await calc.getByRole('button', { name: 'Add custom VM' }).click();
    await expect(await fieldError(calc.getByLabel('vCPUs', { exact: true }))).toContainText('Error: Expected a whole number of vCPUs, got "eight".');
    await expect(await fieldError(calc.locator('#sizing-cores-custom-ramMb'))).toContainText('Error: Must be at least 1 MB, got -1.');
    await expect(await fieldError(calc.getByLabel('Root disk (GB)'))).toContainText('Error: Expected a whole number of GB, got "1e9".');

    // The questions check their own fields.
    await commit(calc.getByLabel('Flavor', { exact: true }).last(), 'x');
    await expect(await fieldError(calc.getByLabel('Flavor', { exact: true }).last())).toContainText('Unknown flavor "x"');
    await expect(calc.locator('output.answer').first()).toBeEmpty();
    await calc.getByLabel('vCPUs needed').fill('0');
    await calc.getByLabel('RAM (MB) needed').fill('5000000000');
    await calc.getByRole('button', { name: 'Recommend a flavor' }).click();
    await expect(await fieldError(calc.getByLabel('vCPUs needed'))).toContainText('Error: Must be at least 1 vCPU, got 0.');
    await expect(await fieldError(calc.getByLabel('RAM (MB) needed'))).toContainText('Must be at most 8388608 MB');

    // A typical host smaller than the reserve is refused, and the choice shows the host in force.
    await commit(calc.getByLabel('RAM (MB) kept for the host'), '20000');
    const typical = calc.getByLabel('Choose a typical host, or type the sizes below');
    await expect(typical).toHaveValue('lab-host');
    await typical.selectOption('lab-pc');
    await expect(await fieldError(typical)).toHaveText(
      'The host would have 16384 MB of RAM, no more than the 20000 reserved for the host itself. Lower the reserve first, or keep a larger host.',
    );
    await expect(typical).toHaveValue('lab-host');

    // Nothing else broke: a corrected flavor adds a VM and clears its message.
    await flavor.fill('g4.r8c4');
    await addVm.click();
    await expect(flavor).not.toHaveAttribute('aria-invalid');
    await expect(rows(calc)).toHaveCount(2);
    w.assertClean();
  });

  test.describe('links', () => {
    test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

    test('"Copy link" gives a URL that opens the same configuration, each calculator under its own key', async ({ page, context }) => {
      const w = watch(page);
      await page.goto(LESSON);
      const calc = await calculator(page, 'sizing-cores');
      await calc.getByRole('button', { name: 'Add VM', exact: true }).click();
      await calc.getByLabel('Name (optional)').first().fill('web "<b>01</b>"');
      await calc.getByLabel('Flavor', { exact: true }).first().fill('m1.large');
      await calc.getByRole('button', { name: 'Add VM', exact: true }).click();
      await calc.getByRole('radio', { name: /OpenStack Nova, before 2023.1/ }).check();
      await commit(calc.getByLabel('RAM (MB) kept for the host'), '1024');
      await expect(page).toHaveURL(/[?&]sizing-cores=1\./);

      const nova = await calculator(page, 'sizing-nova');
      await nova.getByRole('radio', { name: /Course rules/ }).check();
      await expect(page).toHaveURL(/[?&]sizing-nova=1\./);

      await calc.getByRole('button', { name: 'Copy link' }).click();
      await expect(calc.locator('.notice')).toContainText('Link copied');
      const copied = await page.evaluate(() => navigator.clipboard.readText());
      await expect(calc.getByLabel('Link to this configuration')).toHaveValue(copied);
      expect(new URL(copied).hash).toBe('#sizing-cores-title');
      const expected = {
        rows: await rows(calc).allTextContents(),
        bars: await calc.locator('.bars').textContent(),
      };

      const other = await context.newPage();
      const w2 = watch(other);
      await other.goto(copied);
      const again = await calculator(other, 'sizing-cores');
      await expect(again.locator('.notice.loaded')).toContainText('starts from the configuration in the link');
      await expect(rows(again)).toHaveText(expected.rows);
      expect(await again.locator('.bars').textContent()).toBe(expected.bars);
      await expect(again.getByRole('radio', { name: /OpenStack Nova, before 2023.1/ })).toBeChecked();
      await expect(again.getByLabel('RAM (MB) kept for the host')).toHaveValue('1024');
      await expect(row(again, 'web "<b>01</b>"')).toHaveCount(1);
      await expect(again.locator('.vm-table b')).toHaveCount(0);
      // The copied link carries only this calculator; the page's own URL carried both.
      const novaAgain = await calculator(other, 'sizing-nova');
      await expect(novaAgain.getByRole('radio', { name: /OpenStack Nova, since 2023.1/ })).toBeChecked();
      await expect(novaAgain.locator('.notice')).toHaveCount(0);

      // Reloading the first page restores both calculators from its address.
      await page.reload();
      await expect((await calculator(page, 'sizing-nova')).getByRole('radio', { name: /Course rules/ })).toBeChecked();
      const restored = await calculator(page, 'sizing-cores');
      await expect(rows(restored)).toHaveText(expected.rows);

      // "Back to the preset" restores the lesson's setup and takes the key out of the address.
      await restored.getByRole('button', { name: 'Back to the preset' }).click();
      await expect(rows(restored)).toHaveCount(1);
      await expect(restored.getByRole('radio', { name: /Course rules/ })).toBeChecked();
      await expect(page).not.toHaveURL(/sizing-cores=/);
      await expect(page).toHaveURL(/sizing-nova=/);
      w.assertClean();
      w2.assertClean();
    });

    test('a tampered or broken link shows a message and the preset, and the calculator still works', async ({ page, context }) => {
      const w = watch(page);
      await page.goto(LESSON);
      const calc = await calculator(page, 'sizing-cores');
      await calc.getByRole('button', { name: 'Add VM', exact: true }).click();
      const link = new URL(page.url()).searchParams.get('sizing-cores')!;
      const [version, body, check] = link.split('.') as [string, string, string];
      const edited = body.slice(0, 10) + (body[10] === 'A' ? 'B' : 'A') + body.slice(11);
      // A link whose check code is right but whose host has 0 sockets: validated like typed input.
      const json = JSON.stringify([['lab-host', 0, 8, 2, 32768, 1000, 0], [0, 2048, 0, 0], []]);
      const forged = `1.${encodeBase64Url(new TextEncoder().encode(json))}.${checksum(json)}`;
      w.assertClean();

      // Each link in its own tab, as a student would open it.
      for (const [param, message] of [
        [`${version}.${edited}.${check}`, 'The link is damaged'],
        [`${version}.${body}`, 'The link is incomplete: it may have been cut off when copied.'],
        ['7.abc.def', 'is not one this site reads'],
        ['<script>alert(1)</script>', 'is not one this site reads'],
        [forged, 'host.sockets: must be at least 1 socket, got 0.'],
      ] as const) {
        const tab = await context.newPage();
        const wt = watch(tab);
        await tab.goto(`${LESSON}?sizing-cores=${encodeURIComponent(param)}`);
        const again = await calculator(tab, 'sizing-cores');
        const notice = again.locator('.notice.bad');
        await expect(notice).toContainText('The configuration for this calculator in the link could not be read');
        await expect(notice).toContainText(message);
        await expect(notice).toContainText('starts from the lesson’s preset instead');
        await expect(rows(again)).toHaveCount(1);
        await expect(row(again, 'db01')).toContainText('Fits');
        await expect(notice.locator('script')).toHaveCount(0);
        // The calculator still works, and the first change replaces the bad link in the address.
        await again.getByRole('button', { name: 'Add VM', exact: true }).click();
        await expect(rows(again)).toHaveCount(2);
        await expect(tab).toHaveURL(/sizing-cores=1\.[A-Za-z0-9_-]+\.[a-z0-9]+$/);
        wt.assertClean();
        await tab.close();
      }
    });

    test('links work when the site is published under a sub-path', async ({ page, context }) => {
      const origin = `http://127.0.0.1:${BASE_PORT}`;
      const w = watch(page);
      await page.goto(`${origin}${SUB_PATH}lessons/anatomy-of-a-vm/`);
      const calc = await calculator(page, 'sizing-reserve');
      await calc.getByRole('button', { name: 'Add VM', exact: true }).click();
      await calc.getByRole('button', { name: 'Copy link' }).click();
      const copied = await calc.getByLabel('Link to this configuration').inputValue();
      expect(copied.startsWith(`${origin}${SUB_PATH}lessons/anatomy-of-a-vm/?sizing-reserve=`)).toBe(true);
      const other = await context.newPage();
      const w2 = watch(other);
      await other.goto(copied);
      const again = await calculator(other, 'sizing-reserve');
      await expect(rows(again)).toHaveCount(5);
      await expect(again.locator('.notice.loaded')).toBeVisible();
      w.assertClean();
      w2.assertClean();
    });
  });

  test('on a phone the controls stack, the VM list reflows into cards and nothing scrolls sideways', async ({ page }) => {
    await page.setViewportSize({ width: 360, height: 740 });
    const w = watch(page);
    await page.goto(LESSON);
    const calc = await calculator(page, 'sizing-reserve');
    await calc.getByRole('button', { name: 'Add VM', exact: true }).click();
    await expect(calc.locator('.vm-table thead')).toHaveCSS('position', 'absolute');
    await expect(row(calc, 'vm-5')).toHaveCSS('display', 'block');
    const panels = await calc.locator('.add-vm > .panel').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().left));
    expect(new Set(panels.map(Math.round)).size).toBe(1);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const inside = await calc.evaluate((frame) => {
      const right = frame.getBoundingClientRect().right;
      return [...frame.querySelectorAll('input, button, select, table, .bar')].filter((e) => e.getBoundingClientRect().right > right + 0.5).map((e) => e.outerHTML.slice(0, 80));
    });
    expect(inside).toEqual([]);

    // The edit form opens inside the VM's card, with a message showing, and still nothing scrolls sideways.
    await row(calc, 'vm-5').getByRole('button', { name: 'Edit vm-5' }).click();
    await commit(calc.getByLabel('RAM (MB) of vm-5', { exact: true }), '99999999999');
    await expect(await fieldError(calc.getByLabel('RAM (MB) of vm-5', { exact: true }))).toContainText('Must be at most 8388608 MB');
    await expect(calc.locator('.edit-row')).toHaveCSS('display', 'block');
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    const formInside = await calc.evaluate((frame) => {
      const right = frame.getBoundingClientRect().right;
      return [...frame.querySelectorAll('.edit-row input, .edit-row button, .edit-row p')].filter((e) => e.getBoundingClientRect().right > right + 0.5).map((e) => e.outerHTML.slice(0, 80));
    });
    expect(formInside).toEqual([]);
    w.assertClean();
  });

  for (const [label, width] of [['desktop', 1400], ['phone', 390]] as const) {
    for (const theme of ['light', 'dark'] as const) {
      test(`no axe violations with a VM's edit form open and a refused value showing, ${label} ${width} px (${theme})`, async ({ page }) => {
        await page.setViewportSize({ width, height: 900 });
        await setTheme(page, theme);
        const w = watch(page);
        await page.goto(LESSON);
        const calc = await calculator(page, 'sizing-reserve');
        await calc.getByRole('button', { name: 'Edit web02' }).click();
        const vcpus = calc.getByLabel('vCPUs of web02', { exact: true });
        await commit(vcpus, 'many');
        await expect(await fieldError(vcpus)).toContainText('Expected a whole number of vCPUs, got "many".');
        await expect(calc.getByLabel('RAM (MB) of web02', { exact: true })).toBeVisible();
        if (width < 400) {
          await expect(row(calc, 'web02')).toHaveCSS('display', 'block');
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          expect(overflow).toBeLessThanOrEqual(0);
          const outside = await calc.evaluate((frame) => {
            const right = frame.getBoundingClientRect().right;
            return [...frame.querySelectorAll('.edit-row input, .edit-row button, .edit-row .error')].filter((e) => e.getBoundingClientRect().right > right + 0.5).map((e) => e.outerHTML.slice(0, 80));
          });
          expect(outside).toEqual([]);
        }
        expect(await axeViolations(page)).toEqual([]);
        w.assertClean();
      });
    }
  }

  for (const theme of ['light', 'dark'] as const) {
    test(`no axe violations with every calculator hydrated, messages showing (${theme})`, async ({ page }) => {
      await setTheme(page, theme);
      const w = watch(page);
      await page.goto(`${LESSON}?sizing-nova=broken`);
      const cores = await calculator(page, 'sizing-cores');
      const reserve = await calculator(page, 'sizing-reserve');
      const nova = await calculator(page, 'sizing-nova');
      await expect(nova.locator('.notice.bad')).toBeVisible();
      await reserve.getByRole('button', { name: 'Add VM', exact: true }).click();
      await commit(cores.getByLabel('Sockets'), 'two');
      await cores.getByRole('button', { name: 'Copy link' }).click();
      await nova.getByRole('radio', { name: /OpenStack Nova, before 2023.1/ }).check();
      await cores.getByText('Options for new VMs').click();
      expect(await axeViolations(page)).toEqual([]);
      w.assertClean();
    });
  }
});
