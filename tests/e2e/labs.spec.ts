import { expect, test, type Locator, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import YAML from 'yaml';
import { drawVariables, labSeed } from '../../src/lab/variables';
import { variableSchema } from '../../src/lab/variable-schema';
import { axeViolations, headingProblems, recordLibraries, setTheme, watch } from './helpers';

/**
 * Graded labs as a student does them: keyboard only (Tab to a control, then keys), the checklist
 * read after every step, a reload that keeps the work, and the report that is handed in.
 */

/** Tab (or Shift+Tab) until `target` has focus; fails if it is never reached. */
async function tabTo(page: Page, target: Locator): Promise<void> {
  await expect(target).toBeVisible();
  const backwards = await target.evaluate((el) => {
    const active = document.activeElement;
    return !!active && active !== document.body && (el.compareDocumentPosition(active) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
  });
  for (let i = 0; i < 500; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`could not reach ${target} with the keyboard`);
}

async function typeInto(page: Page, target: Locator, text: string): Promise<void> {
  await tabTo(page, target);
  await page.keyboard.press('ControlOrMeta+a');
  if (text === '') await page.keyboard.press('Backspace');
  else await page.keyboard.type(text);
}

async function press(page: Page, target: Locator): Promise<void> {
  await tabTo(page, target);
  await page.keyboard.press('Enter');
}

/** Starts a lab by keyboard with a student id; returns the runner. */
async function startLab(page: Page, lab: string, studentId: string, name = ''): Promise<Locator> {
  await page.goto(`/labs/${lab}/`);
  const runner = page.locator(`#lab-${lab}`);
  await expect(runner.getByRole('button', { name: 'Start the lab' })).toBeEnabled();
  await typeInto(page, runner.getByLabel('Student ID'), studentId);
  if (name) await typeInto(page, runner.getByLabel('Name (optional)'), name);
  await press(page, runner.getByRole('button', { name: 'Start the lab' }));
  await expect(runner.getByRole('progressbar', { name: 'Lab complete' })).toBeVisible();
  return runner;
}

const percent = (runner: Locator) => runner.getByRole('progressbar', { name: 'Lab complete' });
const goal = (runner: Locator, text: string | RegExp) => runner.locator('.lab-checklist > li', { has: runner.page().locator('.lab-goal-text', { hasText: text }) });

test('network lab by keyboard: the port forward on my own port meets every goal; reload keeps it; the report holds the evidence', async ({ page }) => {
  const problems = watch(page);
  const runner = await startLab(page, 'expose-web-nat', 'S-e2e-001', 'Grace Hopper');
  await expect(runner.locator('.lab-who')).toContainText('Working as Grace Hopper (S-e2e-001)');
  await expect(percent(runner)).toHaveAttribute('aria-valuenow', '0');
  const myPort = (await runner.locator('.lab-brief strong').filter({ hasText: /^80[89]\d$/ }).first().innerText()).trim();
  await expect(goal(runner, `host port ${myPort} to guest port 80`)).not.toHaveClass(/met/);

  // The graded lab hides the one-click fixes and the reset of the widget itself.
  const sim = runner.locator('.lab-sim');
  await expect(sim.locator('.net-graph-canvas[data-ready="true"]')).toBeAttached();
  await expect(sim.getByRole('button', { name: 'Back to the preset' })).toHaveCount(0);
  await expect(sim.locator('.net-fixes')).toHaveCount(0);
  await expect(sim.locator('.net-answer')).toContainText('Blocked');
  await expect(sim.locator('.net-hint')).toHaveCount(0);

  // A hint that costs points is logged and shown.
  await expect(runner.getByText('Show a worked solution')).toHaveCount(0);
  const forwardGoal = goal(runner, `host port ${myPort} to guest port 80`);
  await press(page, forwardGoal.getByRole('button', { name: 'Show a hint' }));
  await expect(forwardGoal.locator('.lab-hints li')).toHaveCount(1);
  await expect(forwardGoal.getByRole('button', { name: /Show a hint \(costs 0.5 points\)/ })).toBeVisible();

  const form = sim.getByRole('group', { name: 'Add a port forward to adapter 1 of web' });
  await typeInto(page, form.getByLabel('Host port'), myPort);
  await typeInto(page, form.getByLabel('Guest port'), '80');
  await press(page, form.getByRole('button', { name: 'Add port forward' }));

  await expect(percent(runner)).toHaveAttribute('aria-valuenow', '100');
  await expect(runner.locator('.lab-checklist > li.met')).toHaveCount(4);
  await expect(runner.locator('[role="status"]').first()).toContainText('Every goal is met');
  await expect(runner.locator('.lab-meter')).toContainText('8 of 8 points');
  // The policy shows the worked solution once every goal is met, in the engine's words.
  await press(page, runner.getByText('Show a worked solution'));
  await expect(runner.locator('.lab-solution li')).toHaveText([`Forward host port ${myPort}/tcp to port 80 of web (adapter 1)`]);

  // Reload: the saved log is replayed; the state and the score are back.
  await page.reload();
  await expect(percent(runner)).toHaveAttribute('aria-valuenow', '100');
  await expect(runner.locator('.lab-checklist > li.met')).toHaveCount(4);

  const download = page.waitForEvent('download');
  await press(page, runner.getByRole('button', { name: 'Download lab report' }));
  const file = await download;
  expect(file.suggestedFilename()).toBe('expose-web-nat-S-e2e-001.json');
  const report = JSON.parse(readFileSync((await file.path())!, 'utf8'));
  expect(report).toMatchObject({ format: 'virt-course-lab-report', lab: { id: 'expose-web-nat' }, student: { id: 'S-e2e-001', name: 'Grace Hopper' }, claimed: { earned: 8, possible: 8 } });
  expect(report.log.map((e: { step?: { action: { type: string } }; hint?: string }) => e.step?.action.type ?? (e.hint ? 'hint' : '?'))).toEqual(['hint', 'addPortForward']);
  expect(report.seed).toMatch(/^[0-9a-f]{8}$/);

  // The instructor's command grades the very file the browser saved to the same score, unflagged.
  const dir = mkdtempSync(join(tmpdir(), 'lab-e2e-'));
  writeFileSync(join(dir, file.suggestedFilename()), readFileSync((await file.path())!));
  execFileSync(process.execPath, ['src/lab/grade/run.mjs', dir, '--out', join(dir, 'grades')], { stdio: 'pipe' });
  const csv = readFileSync(join(dir, 'grades', 'gradebook.csv'), 'utf8').trim().split(/\r?\n/);
  expect(csv).toEqual(['Student ID,Name,Expose a web server from a NAT VM [expose-web-nat] (out of 8),Flags', 'S-e2e-001,Grace Hopper,8,0']);
  rmSync(dir, { recursive: true, force: true });
  problems.assertClean();
});

test('another student id gets another variant, and the first student\'s work is set aside, not lost', async ({ page }) => {
  // Two ids whose seeds draw different host ports (the same function the grading command uses).
  const portOf = (id: string) => drawVariables({ hostPort: { kind: 'int', min: 8080, max: 8099, step: 1, avoid: [] } }, labSeed('expose-web-nat', id)).hostPort;
  const [a, b] = ['S-var-1', 'S-var-2', 'S-var-3', 'S-var-4'].reduce<string[]>((pair, id) => (pair.length < 2 && !pair.some((p) => portOf(p) === portOf(id)) ? [...pair, id] : pair), []);
  const runner = await startLab(page, 'expose-web-nat', a!);
  await expect(runner.locator('.lab-brief')).toContainText(`host port ${portOf(a!)}`);
  await press(page, runner.locator('.lab-checklist > li').first().getByRole('button', { name: 'Show a hint' }));
  await expect(runner.locator('.lab-hints li')).toHaveCount(1);

  await press(page, runner.getByRole('button', { name: 'Change student ID' }));
  await typeInto(page, runner.getByLabel('Student ID'), b!);
  await press(page, runner.getByRole('button', { name: 'Start the lab' }));
  await expect(runner.locator('.lab-brief')).toContainText(`host port ${portOf(b!)}`);
  await expect(runner.locator('.lab-notice')).toContainText('under another student ID on this browser is kept');
  await expect(runner.locator('.lab-hints li')).toHaveCount(0);
  // The second student works too: saving their log must not overwrite the first one's.
  await press(page, runner.locator('.lab-checklist > li').nth(2).getByRole('button', { name: 'Show a hint' }));
  await expect(runner.locator('.lab-hints li')).toHaveCount(1);

  // Back to the first id: its hint (its log) is still there.
  await press(page, runner.getByRole('button', { name: 'Change student ID' }));
  await typeInto(page, runner.getByLabel('Student ID'), a!);
  await press(page, runner.getByRole('button', { name: 'Start the lab' }));
  await expect(runner.locator('.lab-brief')).toContainText(`host port ${portOf(a!)}`);
  await expect(runner.locator('.lab-notice')).toContainText('earlier work under this student ID is back');
  await expect(runner.locator('.lab-checklist > li').first().locator('.lab-hints li')).toHaveCount(1);
  await expect(runner.locator('.lab-checklist > li').nth(2).locator('.lab-hints li')).toHaveCount(0);
});

const LAB_OF_EACH_SIMULATOR = ['expose-web-nat', 'size-compute-node', 'snapshot-before-risky-change', 'script-a-vm-vboxmanage'];
for (const lab of LAB_OF_EACH_SIMULATOR) {
  for (const theme of ['light', 'dark'] as const) {
    for (const width of [1400, 390]) {
      test(`a started lab has no axe violations and fits the screen: ${lab} (${theme}, ${width}px)`, async ({ page }) => {
        await setTheme(page, theme);
        await page.setViewportSize({ width, height: 900 });
        const runner = await startLab(page, lab, 'S-axe');
        await expect(runner.locator('.lab-sim').locator('.net-lab, .sizing-calc, .snap-sandbox, .vmb')).toBeVisible();
        if (lab === 'expose-web-nat') await expect(runner.locator('.lab-sim .net-graph-canvas[data-ready="true"]')).toBeAttached();
        // A hint open and a goal's feedback showing, so their styles are checked too.
        await runner.locator('.lab-hint-button').first().click();
        expect(await axeViolations(page)).toEqual([]);
        expect(await headingProblems(page)).toEqual([]);
        if (width < 500) {
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
          expect(overflow).toBeLessThanOrEqual(0);
        }
      });
    }
  }
}

test('a damaged saved lab record is reset with a notice, never a crash', async ({ page }) => {
  const problems = watch(page);
  await page.addInitScript(() => localStorage.setItem('vcourse:labs', JSON.stringify({ version: 1, data: { student: { id: 'x', name: '' }, labs: { 'expose-web-nat': { hash: 'h', seed: 's', startedAt: 'not a date', log: 'oops', attempts: [], current: null } } } })));
  await page.goto('/labs/expose-web-nat/');
  const runner = page.locator('#lab-expose-web-nat');
  await expect(runner.locator('.lab-notice')).toContainText('Saved labs progress was damaged');
  await expect(runner.getByLabel('Student ID')).toBeVisible();
  problems.assertClean();
});

test('snapshot lab by keyboard: the console alone takes, breaks, keeps and restores; the goal tree matches', async ({ page }) => {
  const problems = watch(page);
  const runner = await startLab(page, 'snapshot-before-risky-change', 'S-e2e-snap');
  const snapName = /named (\S+)$/.exec(await goal(runner, 'web01 has a snapshot named').locator('.lab-goal-text').innerText())![1]!;
  const brokenName = /kept as (\S+),/.exec(await goal(runner, 'The broken state').locator('.lab-goal-text').innerText())![1]!;
  const sim = runner.locator('.lab-sim');
  const input = sim.locator('#lab-snapshot-before-risky-change-sim-cmd');
  await expect(input).toBeVisible();
  await expect(sim.getByRole('button', { name: 'Start over' })).toHaveCount(0);
  // The goal picture: the tree the lab asks for, beside the current one.
  await expect(runner.getByRole('list', { name: 'The snapshot tree the goal asks for' }).locator('li')).toHaveText([snapName, brokenName, 'Current state (you are here)']);

  const run = async (line: string) => {
    await typeInto(page, input, line);
    await page.keyboard.press('Enter');
  };
  await run(`VBoxManage snapshot web01 take ${snapName}`);
  await expect(goal(runner, 'web01 has a snapshot named')).toHaveClass(/met/);
  // Guest commands after logging in to web01, host commands after leaving it.
  await run('ssh web01');
  await run('apt update');
  await run('apt upgrade -y');
  await expect(goal(runner, 'nginx is running on web01')).not.toHaveClass(/met/);
  await run('exit');
  await run(`VBoxManage snapshot web01 take ${brokenName}`);
  await run(`VBoxManage snapshot web01 restore ${snapName}`);
  // VirtualBox refuses to restore a running VM: the refusal is logged but changes nothing.
  await expect(goal(runner, `web01 is back on ${snapName}`)).not.toHaveClass(/met/);
  await run('VBoxManage controlvm web01 poweroff');
  await run(`VBoxManage snapshot web01 restore ${snapName}`);
  await run('VBoxManage startvm web01 --type headless');
  await expect(percent(runner)).toHaveAttribute('aria-valuenow', '100');
  await expect(runner.getByRole('list', { name: 'Your snapshot tree now' }).locator('li')).toHaveText([snapName, brokenName, 'Current state (you are here)']);

  await page.reload();
  await expect(percent(runner)).toHaveAttribute('aria-valuenow', '100');
  problems.assertClean();
});

test('sizing lab by keyboard: edit the database, add VMs, switch to Nova and fill the node; the advisors stay hidden', async ({ page }) => {
  const problems = watch(page);
  const runner = await startLab(page, 'size-compute-node', 'S-e2e-size');
  const dbVcpus = /agree with the database team on\s+(\d) vCPUs/.exec(await runner.locator('.lab-brief').innerText())![1]!;
  const sim = runner.locator('.lab-sim');
  await expect(sim.getByRole('button', { name: 'Edit db01' })).toBeVisible();
  await expect(sim.getByRole('button', { name: 'Recommend a flavor' })).toHaveCount(0);
  await expect(sim.getByRole('button', { name: 'Copy link' })).toHaveCount(0);

  await press(page, sim.getByRole('button', { name: 'Edit db01' }));
  await typeInto(page, sim.getByLabel('vCPUs of db01'), dbVcpus);
  await page.keyboard.press('Enter');
  await expect(goal(runner, 'db01 has fewer vCPUs')).toHaveClass(/met/);

  const flavor = sim.getByLabel('Flavor', { exact: true }).first();
  const name = sim.getByLabel('Name (optional)').first();
  const addVm = async (f: string, n: string) => {
    await typeInto(page, flavor, f);
    await typeInto(page, name, n);
    await press(page, sim.getByRole('button', { name: 'Add VM', exact: true }));
    await expect(sim.locator('.vm-table tbody th', { hasText: new RegExp(`^${n}$`) })).toHaveCount(1);
  };
  for (const n of ['web01', 'web02', 'web03']) await addVm('g4.r4c1', n);
  await expect(goal(runner, 'web01, web02 and web03')).toHaveClass(/met/);

  // A radio group is one Tab stop: reach the checked one, then move with the arrow keys.
  await tabTo(page, sim.getByRole('radio', { name: /Course rules/ }));
  const nova = sim.getByRole('radio', { name: /OpenStack Nova, since 2023.1/ });
  for (let i = 0; i < 3 && !(await nova.isChecked()); i++) await page.keyboard.press('ArrowDown');
  await expect(nova).toBeChecked();
  await expect(goal(runner, 'Nova 2023.1 policy')).toHaveClass(/met/);
  for (let i = 1; i <= 14; i++) await addVm('g4.r2c4', `runner${String(i).padStart(2, '0')}`);
  await expect(percent(runner)).toHaveAttribute('aria-valuenow', '100');
  problems.assertClean();
});

test('a lab embedded in a lesson hydrates when scrolled to and shares its saved work with the lab page', async ({ page }) => {
  const problems = watch(page);
  await page.goto('/lessons/anatomy-of-a-vm/');
  const embedded = page.locator('#lab-size-compute-node');
  await expect(page.locator('section.lab-in-lesson h3')).toHaveText('Size a compute node');
  await embedded.scrollIntoViewIfNeeded();
  await typeInto(page, embedded.getByLabel('Student ID'), 'S-lesson');
  await press(page, embedded.getByRole('button', { name: 'Start the lab' }));
  await press(page, embedded.locator('.lab-checklist > li').first().getByRole('button', { name: 'Show a hint' }));
  await expect(embedded.locator('.lab-hints li')).toHaveCount(1);
  // The lesson's closing list leaves out the lab it already embeds.
  await expect(page.locator('.lesson-labs')).toHaveCount(0);
  expect(await headingProblems(page)).toEqual([]);

  await page.goto('/labs/size-compute-node/');
  const onPage = page.locator('#lab-size-compute-node');
  await expect(onPage.locator('.lab-who')).toContainText('S-lesson');
  await expect(onPage.locator('.lab-hints li')).toHaveCount(1);
  problems.assertClean();
});

test('the course home links each week\'s labs and quizzes, with the saved status', async ({ page }) => {
  const runner = await startLab(page, 'expose-web-nat', 'S-home');
  await runner.locator('.lab-hint-button').first().click();
  await expect(runner.locator('.lab-hints li')).toHaveCount(1);
  await page.goto('/');
  const week3 = page.getByRole('list', { name: 'Week 3 activities' });
  await expect(week3.getByRole('link', { name: 'Expose a web server from a NAT VM' })).toHaveAttribute('href', '/labs/expose-web-nat/');
  await expect(week3.getByRole('link', { name: 'Quiz 3: Virtual networking' })).toHaveAttribute('href', '/quizzes/quiz-virtual-networking/');
  await expect(week3.locator('[data-lab-score="expose-web-nat"]')).toHaveText('in progress · best 0 %');
  await expect(week3.locator('[data-lab-score="cloud-web-and-database"]')).toHaveText('not started');
  const week1 = page.getByRole('list', { name: 'Week 1 activities' });
  await expect(week1.getByRole('link')).toHaveText(['Consolidate five servers onto one host', 'Quiz 1: Virtualization and hypervisors']);
});

/** A lab file's own variables, drawn for a student id as the browser draws them. */
function variablesOf(lab: string, studentId: string): Record<string, string | number> {
  const doc = YAML.parse(readFileSync(`labs/${lab}.yaml`, 'utf8')) as { variables: Record<string, Record<string, unknown>> };
  const specs = Object.fromEntries(Object.entries(doc.variables).map(([k, v]) => [k, variableSchema.parse(v)]));
  return drawVariables(specs, labSeed(lab, studentId));
}

test('VM builder lab by keyboard: the VBoxManage script alone builds the VM and meets every goal; reload keeps it', async ({ page }) => {
  const problems = watch(page);
  const lab = 'script-a-vm-vboxmanage';
  const v = variablesOf(lab, 'S-e2e-build');
  const runner = await startLab(page, lab, 'S-e2e-build');
  const input = runner.locator('.lab-sim form.term-form input');
  await expect(input).toBeVisible();
  await expect(runner.locator('.lab-sim').getByRole('button', { name: /start again/i })).toHaveCount(0);
  const run = async (line: string) => {
    await typeInto(page, input, line);
    await page.keyboard.press('Enter');
  };
  await run(`VBoxManage createmedium disk --filename /root/${v['vm']}.vdi --size ${v['diskMb']}`);
  await run(`VBoxManage createvm --name ${v['vm']} --ostype Debian_64 --register`);
  await expect(goal(runner, 'is registered')).toHaveClass(/met/);
  await run(`VBoxManage modifyvm ${v['vm']} --memory ${v['memory']} --cpus ${v['cpus']} --boot1 dvd --boot2 disk`);
  await run(`VBoxManage storagectl ${v['vm']} --name IDE --add ide --controller PIIX4`);
  await run(`VBoxManage storagectl ${v['vm']} --name SATA --add sata --controller IntelAhci`);
  await run(`VBoxManage storageattach ${v['vm']} --storagectl SATA --port 0 --device 0 --type hdd --medium /root/${v['vm']}.vdi`);
  await run(`VBoxManage storageattach ${v['vm']} --storagectl IDE --port 1 --device 0 --type dvddrive --medium /root/iso/debian-12.8.0-amd64-netinst.iso`);
  await expect(percent(runner)).not.toHaveAttribute('aria-valuenow', '100');
  await run(`VBoxManage startvm ${v['vm']} --type headless`);
  await expect(percent(runner)).toHaveAttribute('aria-valuenow', '100');
  // The settings panel shows the VM the commands built.
  await expect(runner.locator('.lab-sim')).toContainText(`${v['memory']} MB`);
  expect(await axeViolations(page)).toEqual([]);
  await page.reload();
  await expect(percent(runner)).toHaveAttribute('aria-valuenow', '100');
  problems.assertClean();
});

test('VM builder lab: find the addresses, log in by IP and through a forward to the NAT guest\'s own address', async ({ page }) => {
  const problems = watch(page);
  const lab = 'find-your-vms-ip-address';
  const v = variablesOf(lab, 'S-e2e-ip');
  const runner = await startLab(page, lab, 'S-e2e-ip');
  const sim = runner.locator('.lab-sim');
  const input = sim.locator('form.term-form input');
  const run = async (line: string) => {
    await typeInto(page, input, line);
    await page.keyboard.press('Enter');
  };
  await run('VBoxManage guestproperty get files /VirtualBox/GuestInfo/Net/0/V4/IP');
  await expect(sim).toContainText(`Value: ${v['lease']}`);
  await run(`ssh student@${v['lease']}`);
  await expect(goal(runner, 'by its IP address')).toHaveClass(/met/);
  await run('VBoxManage list vms');
  await expect(sim).toContainText('runs on the host, not inside files');
  await run('exit');
  await run('ssh student@10.0.2.15');
  await expect(sim).toContainText('Connection timed out');
  await run(`VBoxManage controlvm web natpf1 "ssh,tcp,,${v['sshPort']},10.0.2.15,22"`);
  await run(`ssh -p ${v['sshPort']} student@localhost`);
  await expect(percent(runner)).toHaveAttribute('aria-valuenow', '100');
  problems.assertClean();
});

test('L-P: labs are worked to every goal without zod or the YAML parser in the browser (network lab, VM builder lab, the lab in a lesson)', async ({ page }) => {
  test.setTimeout(120_000);
  const problems = watch(page);
  const libraries = recordLibraries(page);

  // A network lab: a hint, the port forward on the student's own port, every goal met, the report.
  const nat = await startLab(page, 'expose-web-nat', 'S-e2e-noparse');
  const myPort = String(variablesOf('expose-web-nat', 'S-e2e-noparse')['hostPort']);
  const forwardGoal = goal(nat, `host port ${myPort} to guest port 80`);
  await press(page, forwardGoal.getByRole('button', { name: 'Show a hint' }));
  await expect(forwardGoal.locator('.lab-hints li')).toHaveCount(1);
  const form = nat.locator('.lab-sim').getByRole('group', { name: 'Add a port forward to adapter 1 of web' });
  await typeInto(page, form.getByLabel('Host port'), myPort);
  await typeInto(page, form.getByLabel('Guest port'), '80');
  await press(page, form.getByRole('button', { name: 'Add port forward' }));
  await expect(percent(nat)).toHaveAttribute('aria-valuenow', '100');
  const download = page.waitForEvent('download');
  await press(page, nat.getByRole('button', { name: 'Download lab report' }));
  expect((await download).suggestedFilename()).toBe('expose-web-nat-S-e2e-noparse.json');
  await page.reload();
  await expect(percent(nat)).toHaveAttribute('aria-valuenow', '100');

  // A VM builder lab: the VBoxManage script, command by command, to every goal.
  const lab = 'script-a-vm-vboxmanage';
  const v = variablesOf(lab, 'S-e2e-noparse');
  // The browser remembers the student: the next lab opens on their variant.
  await page.goto(`/labs/${lab}/`);
  const builder = page.locator(`#lab-${lab}`);
  await expect(builder.locator('.lab-who')).toContainText('S-e2e-noparse');
  const input = builder.locator('.lab-sim form.term-form input');
  for (const line of [
    `VBoxManage createmedium disk --filename /root/${v['vm']}.vdi --size ${v['diskMb']}`,
    `VBoxManage createvm --name ${v['vm']} --ostype Debian_64 --register`,
    `VBoxManage modifyvm ${v['vm']} --memory ${v['memory']} --cpus ${v['cpus']} --boot1 dvd --boot2 disk`,
    `VBoxManage storagectl ${v['vm']} --name IDE --add ide --controller PIIX4`,
    `VBoxManage storagectl ${v['vm']} --name SATA --add sata --controller IntelAhci`,
    `VBoxManage storageattach ${v['vm']} --storagectl SATA --port 0 --device 0 --type hdd --medium /root/${v['vm']}.vdi`,
    `VBoxManage storageattach ${v['vm']} --storagectl IDE --port 1 --device 0 --type dvddrive --medium /root/iso/debian-12.8.0-amd64-netinst.iso`,
    `VBoxManage startvm ${v['vm']} --type headless`,
  ]) {
    await typeInto(page, input, line);
    await page.keyboard.press('Enter');
  }
  await expect(percent(builder)).toHaveAttribute('aria-valuenow', '100');

  // The lesson that embeds a lab: the lab open on the student's variant, a hint taken, scrolled to the end.
  await page.goto('/lessons/anatomy-of-a-vm/');
  const embedded = page.locator('#lab-size-compute-node');
  await embedded.scrollIntoViewIfNeeded();
  await expect(percent(embedded)).toBeVisible();
  await press(page, embedded.locator('.lab-checklist > li').first().getByRole('button', { name: 'Show a hint' }));
  await expect(embedded.locator('.lab-hints li')).toHaveCount(1);
  await page.keyboard.press('End');
  await page.waitForLoadState('networkidle');

  await libraries.settled();
  // The recorder read the lab pages' scripts (the network graph's library among them)…
  expect([...libraries.scripts.keys()].filter((p) => /LabRunner/.test(p)).length).toBeGreaterThan(0);
  expect(libraries.found('cytoscape').length).toBeGreaterThan(0);
  // …and none of them is zod or the YAML parser: the labs came read and checked by the build.
  expect(libraries.found('zod'), 'scripts with zod').toEqual([]);
  expect(libraries.found('yaml'), 'scripts with the YAML parser').toEqual([]);
  problems.assertClean();
});
