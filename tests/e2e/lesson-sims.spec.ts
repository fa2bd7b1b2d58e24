import { expect, test, type Locator, type Page } from '@playwright/test';
import { axeViolations, setTheme, watch } from './helpers';

/**
 * Simulators inside lessons, used the way a student reads: the controls and what they change in
 * view together, a phone that scrolls past a diagram, state that survives a reload, print.
 */
const NET = '/lessons/virtual-networking/';
const WIDTHS = [
  { name: 'desktop', width: 1280, height: 900 },
  { name: 'phone', width: 390, height: 844 },
] as const;

const widget = (page: Page, id: string): Locator => page.locator(`section.widget[aria-labelledby="${id}-title"]`);

async function openNet(page: Page, id: string): Promise<Locator> {
  const w = widget(page, id);
  await w.scrollIntoViewIfNeeded();
  await expect(w.locator('.net-graph-canvas[data-ready="true"]')).toBeAttached();
  return w;
}

/** The part of a box inside the viewport, below the site's sticky header. */
async function visibleInViewport(page: Page, target: Locator): Promise<{ top: number; bottom: number; height: number; header: number; viewport: number }> {
  const box = (await target.boundingBox())!;
  const header = await page.evaluate(() => document.querySelector('header')!.getBoundingClientRect().bottom);
  const viewport = page.viewportSize()!.height;
  return { top: box.y, bottom: box.y + box.height, height: box.height, header, viewport };
}

for (const size of WIDTHS) {
  test(`network lab (${size.name}): after scrolling to the edit controls the diagram is still on screen`, async ({ page }) => {
    await page.setViewportSize({ width: size.width, height: size.height });
    await page.goto(NET);
    const w = await openNet(page, 'net-modes');
    const edit = w.getByRole('heading', { name: 'Change the scenario' });
    // The adapter form, as a student scrolls to it to change the web VM's attachment.
    const attach = w.getByLabel('Attached to').first();
    await attach.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await expect(attach).toBeInViewport();
    await page.waitForTimeout(100);
    const graph = await visibleInViewport(page, w.locator('.net-graph-canvas'));
    expect(graph.top, 'diagram starts below the site header').toBeGreaterThanOrEqual(graph.header - 1);
    expect(graph.bottom, 'diagram ends inside the window').toBeLessThanOrEqual(graph.viewport);
    expect(graph.height).toBeGreaterThan(150);
    // And it changes with the form, in view: NAT → host-only moves the blocking point.
    await attach.selectOption('host-only');
    await w.getByRole('button', { name: 'Apply to adapter 1' }).click();
    await expect(w.locator('.net-graph-canvas')).toBeInViewport({ ratio: 0.95 });
    await expect(edit).toBeAttached();
    // Unpinned (by keyboard), it scrolls away with the page like any figure.
    await w.getByRole('button', { name: 'Keep in view while scrolling' }).focus();
    await page.keyboard.press('Space');
    await expect(w.getByRole('button', { name: 'Keep in view while scrolling' })).toHaveAttribute('aria-pressed', 'false');
    await attach.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await expect(w.locator('.net-graph-canvas')).not.toBeInViewport();
  });
}

test('phone: a vertical swipe that starts on the diagram scrolls the page, and the diagram fits the screen', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 });
  const page = await context.newPage();
  await page.goto(NET);
  const w = await openNet(page, 'net-modes');
  const canvas = w.locator('.net-graph-canvas');
  const cdp = await context.newCDPSession(page);
  const where = (id: string) =>
    canvas.evaluate((el, nodeId) => {
      // cytoscape keeps its instance on the container; the test asks it where it drew the node.
      const cy = (el as HTMLElement & { _cyreg: { cy: { getElementById(id: string): { renderedPosition(): { x: number; y: number } } } } })._cyreg.cy;
      return cy.getElementById(nodeId).renderedPosition();
    }, id);
  // Swipes that start on a machine (where cytoscape took the touch before) and on the empty background.
  for (const id of ['phone', 'web', 'home-lan', null]) {
    await canvas.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await page.waitForTimeout(200);
    const box = (await canvas.boundingBox())!;
    const p = id === null ? { x: 8, y: box.height / 2 } : await where(id);
    const x = Math.round(box.x + p.x);
    const y = Math.round(box.y + p.y);
    expect(y, `${id} is on screen`).toBeLessThan(844);
    const before = await page.evaluate(() => window.scrollY);
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y }] });
    for (let step = 1; step <= 10; step++) {
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x, y: y - step * 25 }] });
    }
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await expect.poll(() => page.evaluate(() => window.scrollY), { message: `a swipe from ${id ?? 'the background'} scrolled the page` }).toBeGreaterThan(before + 100);
  }
  // Unpinned, the diagram is never taller than the screen.
  await w.getByRole('button', { name: 'Keep in view while scrolling' }).click();
  await canvas.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  expect((await canvas.boundingBox())!.height).toBeLessThanOrEqual(844 - 84);
  // A tap still picks a machine. Bring the diagram's bottom to the screen's bottom, which puts all
  // of it below the sticky header (it is at most the screen minus 84 px tall). Unpinning resizes the
  // diagram, and cytoscape fits it again a frame later; the swipes above can also leave the page
  // still gliding, and a tap on a gliding page only stops it. So wait until the page, the diagram and
  // the node all stay put, to the fraction of a pixel, before tapping where the node is drawn.
  await canvas.evaluate((el) => el.scrollIntoView({ block: 'end' }));
  let last = '';
  await expect
    .poll(async () => {
      const p = await where('nas');
      const b = (await canvas.boundingBox())!;
      const scrolled = await page.evaluate(() => window.scrollY);
      const key = [p.x, p.y, b.x, b.y, scrolled].map((v) => v.toFixed(2)).join();
      const same = key === last;
      last = key;
      return same;
    }, { message: 'the page and the diagram settle after unpinning', intervals: [250] })
    .toBe(true);
  const at = await where('nas');
  const now = (await canvas.boundingBox())!;
  const header = await page.evaluate(() => document.querySelector('header')!.getBoundingClientRect().bottom);
  expect(now.y + at.y, 'the machine to tap is below the sticky header').toBeGreaterThan(header);
  await page.touchscreen.tap(now.x + at.x, now.y + at.y);
  await expect(w.getByLabel('From (source)')).toHaveValue('nas');
  await context.close();
});

for (const size of WIDTHS) {
  test(`sizing calculator (${size.name}): the key figures stay in view while adding a VM`, async ({ page }) => {
    await page.setViewportSize({ width: size.width, height: size.height });
    await page.goto('/lessons/anatomy-of-a-vm/');
    const w = widget(page, 'sizing-cores');
    await w.scrollIntoViewIfNeeded();
    await expect(w.locator('astro-island[ssr]')).toHaveCount(0);
    const add = w.getByRole('button', { name: 'Add VM', exact: true });
    await expect(add).toBeEnabled();
    await add.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    const summary = w.locator('.summary-strip');
    const before = (await summary.locator('.summary-title').textContent())!;
    const m = /(\d+) of (\d+) VMs? fit/.exec(before)!;
    await add.click();
    await expect(summary.locator('.summary-title')).toContainText(`of ${Number(m[2]) + 1} VMs fit`);
    await expect(add).toBeInViewport();
    const strip = await visibleInViewport(page, summary);
    expect(strip.top, 'summary starts below the site header').toBeGreaterThanOrEqual(strip.header - 1);
    expect(strip.bottom, 'summary ends inside the window').toBeLessThanOrEqual(strip.viewport);
    // It says what the Allocation section says.
    const vcpus = await w.locator('.resource[data-resource="VCPU"] .headline').textContent();
    await expect(summary.locator('li').first()).toContainText(vcpus!.trim());
  });
}

test('network lab: after an edit the table marks the pairs that opened and closed, by sight and for screen readers', async ({ page }) => {
  await page.goto(NET);
  const w = await openNet(page, 'net-modes');
  const cell = (from: string, to: string) => w.locator('.net-matrix button', { hasText: `${from} to ${to}:` });
  await expect(w.locator('.net-diff')).toHaveCount(0);
  await expect(w.locator('.net-matrix [data-changed]')).toHaveCount(0);
  const before = await w.locator('.net-matrix button').evaluateAll((bs) => bs.map((b) => `${b.textContent}|${b.getAttribute('data-ok')}|${b.getAttribute('data-code')}`));

  const adapter = w.getByRole('group', { name: 'Adapter 1 of web' });
  await adapter.getByLabel('Attached to').selectOption('host-only');
  await adapter.getByRole('button', { name: 'Apply to adapter 1' }).click();
  await expect(cell('laptop', 'web')).toHaveAttribute('data-ok', 'true');

  // The marks are exactly the cells whose outcome changed, read from the table itself.
  const after = await w.locator('.net-matrix button').evaluateAll((bs) => bs.map((b) => ({ ok: b.getAttribute('data-ok'), code: b.getAttribute('data-code'), changed: b.getAttribute('data-changed') })));
  const outcome = (ok: string | null, code: string | null) => (ok === 'true' ? 'ok' : code === 'SERVICE_NOT_LISTENING' ? 'refused' : 'blocked');
  let opened = 0;
  let closed = 0;
  after.forEach((c, i) => {
    const [, ok, code] = before[i]!.split('|');
    const was = outcome(ok!, code!);
    const now = outcome(c.ok, c.code);
    expect(c.changed, `cell ${i}`).toBe(was === now ? null : now === 'ok' ? 'opened' : was === 'ok' ? 'closed' : 'changed');
    if (c.changed === 'opened') opened++;
    if (c.changed === 'closed') closed++;
  });
  expect(opened).toBeGreaterThan(0);
  expect(closed).toBeGreaterThan(0);
  await expect(w.locator('.net-diff')).toContainText(`${opened} pair${opened === 1 ? '' : 's'} opened, ${closed} closed`);
  await expect(cell('laptop', 'web')).toHaveAttribute('data-changed', 'opened');
  await expect(cell('laptop', 'web')).toContainText('changed by your last edit: before, it was stopped on the way');
  await expect(cell('laptop', 'web').locator('.net-changed-mark')).toBeVisible();
  await expect(cell('web', 'internet')).toHaveAttribute('data-changed', 'closed');
  await expect(w.locator('.net-lab > [role="status"]')).toContainText(`${opened} pair${opened === 1 ? '' : 's'} opened, ${closed} closed`);

  // Another port shows what the same change did there; back to the preset clears the marks.
  await w.getByRole('button', { name: /^22/ }).click();
  await expect(w.locator('.net-diff')).toContainText('opened');
  await expect(cell('laptop', 'web')).toHaveAttribute('data-changed', 'opened');
  await w.getByRole('button', { name: 'Back to the preset' }).click();
  await expect(w.locator('.net-matrix [data-changed]')).toHaveCount(0);
  await expect(w.locator('.net-diff')).toHaveCount(0);
});

test('network lab: a typed port applies as you type, Enter in a form field submits it, and Undo takes back one change', async ({ page }) => {
  await page.goto(NET);
  const w = await openNet(page, 'net-forward');
  const heading = w.locator('h4[id$="-answer"]');
  const port = w.getByLabel('Port', { exact: true });
  await port.click();
  await port.press('ControlOrMeta+a');
  await port.pressSequentially('8080', { delay: 40 });
  // No Enter, no leaving the field: the question follows the typing.
  await expect(heading).toContainText('TCP port 8080');
  await expect(port).toBeFocused();
  await expect(w.locator('.net-matrix-help, [id$="-matrix-help"]').first()).toContainText('TCP port 8080');
  // Half-typed nonsense waits for Enter to be explained.
  await port.press('ControlOrMeta+a');
  await port.pressSequentially('80x');
  await page.waitForTimeout(600);
  await expect(port).not.toHaveAttribute('aria-invalid', 'true');
  await expect(heading).toContainText('TCP port 8080');
  await port.press('Enter');
  await expect(port).toHaveAttribute('aria-invalid', 'true');
  await port.fill('80');
  await port.press('Enter');
  await expect(heading).toContainText('TCP port 80');

  const undo = w.getByRole('button', { name: 'Undo' });
  await expect(undo).toBeDisabled();
  // Enter in the guest port field adds the forward: no need to reach for the button.
  const form = w.getByRole('group', { name: 'Add a port forward to adapter 1 of web' });
  await form.getByLabel('Host IP').fill('127.0.0.1');
  await form.getByLabel('Host port').fill('8080');
  await form.getByLabel('Guest port').fill('80');
  await form.getByLabel('Guest port').press('Enter');
  await expect(w.locator('.net-forwards')).toContainText('tcp 127.0.0.1:8080 → guest port 80');
  // Enter in the firewall's port field allows it.
  const fwPort = w.getByLabel('Port to allow').first();
  await fwPort.fill('8443');
  await fwPort.press('Enter');
  await expect(w.locator('section[aria-labelledby="net-forward-log"]')).toContainText('8443');
  await expect(undo).toBeEnabled();

  // Undo (by keyboard) takes back the firewall change only; the forward stays. A second undo is not offered.
  await undo.focus();
  await page.keyboard.press('Enter');
  await expect(w.locator('section[aria-labelledby="net-forward-log"]')).not.toContainText('8443');
  await expect(w.locator('.net-forwards')).toContainText('tcp 127.0.0.1:8080 → guest port 80');
  await expect(w.locator('.net-lab > [role="status"]')).toContainText('Undone:');
  await expect(undo).toBeDisabled();
});

/** Every form control of every simulator on a page, by id: what it shows (selected option, typed value, tick). */
async function controlValues(page: Page): Promise<Record<string, string>> {
  return page.locator('.widget-live').evaluateAll((lives) => {
    const out: Record<string, string> = {};
    for (const live of lives) {
      for (const el of live.querySelectorAll<HTMLInputElement | HTMLSelectElement>('select[id], input[id]')) {
        if (el instanceof HTMLInputElement && (el.type === 'checkbox' || el.type === 'radio')) out[el.id] = String(el.checked);
        else out[el.id] = el.value;
      }
    }
    return out;
  });
}

for (const lesson of [NET, '/lessons/vm-lifecycle-snapshots/']) {
  test(`before the script runs, ${lesson} shows every simulator's fields as they are after it runs`, async ({ browser }) => {
    const plain = await browser.newContext({ javaScriptEnabled: false });
    const before = await (async () => {
      const page = await plain.newPage();
      await page.goto(lesson);
      return controlValues(page);
    })();
    await plain.close();
    const page = await browser.newPage();
    await page.goto(lesson);
    for (const live of await page.locator('.widget-live').all()) {
      await live.evaluate((el) => el.scrollIntoView({ block: 'center' }));
      await expect(live.locator('astro-island[ssr]')).toHaveCount(0);
    }
    const after = await controlValues(page);
    expect(Object.keys(before).length).toBeGreaterThan(5);
    // Fields the served page has must show what the live widget shows (the live one may add fields).
    const wrong = Object.keys(before).filter((id) => id in after && before[id] !== after[id]).map((id) => `${id}: served "${before[id]}", live "${after[id]}"`);
    expect(wrong).toEqual([]);
    if (lesson === NET) {
      expect(before['net-modes-web-nic0-mode']).toBe('nat');
      expect(before['net-modes-port']).toBe('80');
    }
  });
}

test('print: the reachability table keeps every column, "nothing listens" is not printed as "no", long code lines wrap', async ({ page }) => {
  // About the width an A4 page leaves for text at 96 px per inch.
  await page.setViewportSize({ width: 700, height: 1000 });
  await page.goto(NET);
  await page.emulateMedia({ media: 'print' });
  const frame = widget(page, 'net-modes').locator('.widget-print');
  await expect(frame).toBeVisible();
  await expect(widget(page, 'net-modes').locator('.widget-live')).toBeHidden();
  const table = frame.locator('table');
  const columns = await table.locator('thead th').allTextContents();
  expect(columns).toContain('internet');
  // Every column head, the last one included, lies inside the printed frame.
  const area = (await frame.boundingBox())!;
  for (const head of await table.locator('thead th').all()) {
    const b = (await head.boundingBox())!;
    expect(b.x + b.width, `column ${await head.textContent()}`).toBeLessThanOrEqual(area.x + area.width + 0.5);
  }
  expect(await frame.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);
  // Three outcomes on paper, as on screen; never a bare "no".
  const cells = table.locator('tbody td');
  const outcomes = await cells.evaluateAll((tds) => tds.map((td) => `${td.getAttribute('data-outcome')}|${td.textContent}`));
  expect(outcomes.some((o) => o.startsWith('refused|–arrives, nothing listens'))).toBe(true);
  expect(outcomes.every((o) => !/\bno\b/.test(o))).toBe(true);
  await expect(frame.locator('.net-print-key')).toContainText('– arrives but nothing listens on that port');
  // A long command line wraps inside its frame instead of being cut at the page edge.
  const code = page.locator('.expressive-code pre').filter({ hasText: 'VBoxManage modifyvm "vm" --natpf1 "web,tcp,,8080,,80"' }).first();
  const widths = await code.evaluate((pre) => ({ scroll: pre.scrollWidth, client: pre.clientWidth }));
  expect(widths.scroll).toBeLessThanOrEqual(widths.client + 1);
  const line = code.locator('.ec-line').first();
  expect((await line.boundingBox())!.height).toBeGreaterThan(30);
});

/** The text a select shows fits inside it (the arrow and padding taken off). */
async function selectShowsAll(select: Locator): Promise<{ text: string; need: number; room: number }> {
  return select.evaluate((el: HTMLSelectElement) => {
    const style = getComputedStyle(el);
    const probe = document.createElement('span');
    probe.textContent = el.selectedOptions[0]?.textContent ?? '';
    probe.style.font = style.font;
    probe.style.whiteSpace = 'pre';
    probe.style.position = 'absolute';
    document.body.append(probe);
    const need = probe.getBoundingClientRect().width;
    probe.remove();
    const room = el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 20;
    return { text: probe.textContent ?? '', need, room };
  });
}

for (const size of WIDTHS) {
  test(`labels are not cut (${size.name}): the network "From" select and long snapshot names`, async ({ page }) => {
    await page.setViewportSize({ width: size.width, height: size.height });
    await page.goto(NET);
    const w = await openNet(page, 'net-modes');
    const from = w.getByLabel('From (source)');
    await expect(from).toHaveValue('phone');
    const shown = await selectShowsAll(from);
    expect(shown.text).toBe('phone — Phone on the home Wi-Fi');
    expect(shown.need, `"${shown.text}" needs ${shown.need}px, the select has ${shown.room}px`).toBeLessThanOrEqual(shown.room);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);

    await page.goto('/lessons/vm-lifecycle-snapshots/');
    const s = widget(page, 'snap-nginx');
    await s.scrollIntoViewIfNeeded();
    await expect(s.locator('astro-island[ssr]')).toHaveCount(0);
    const long = 'before-upgrading-nginx-and-rewriting-the-tls-configuration';
    await s.getByLabel('New snapshot name').fill(long);
    await s.getByRole('button', { name: 'Take snapshot' }).click();
    const name = s.locator('.tree-row .snap-name', { hasText: long });
    await expect(name).toBeVisible();
    // The whole name is on screen (wrapped if need be), never cut with an ellipsis.
    const cut = await name.evaluate((el) => el.scrollWidth > el.clientWidth + 1 || getComputedStyle(el).textOverflow === 'ellipsis');
    expect(cut).toBe(false);
    const box = (await name.boundingBox())!;
    const tree = (await s.locator('.tree-box').boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(tree.x + tree.width + 1);
    for (const meta of await s.locator('.tree-row .row-meta').all()) {
      expect(await meta.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);
    }
    // The drawing's circles still sit on their rows.
    const offsets = await s.locator('.tree-box').evaluate((box) => {
      const rows = [...box.querySelectorAll('.tree-row')].map((r) => r.getBoundingClientRect());
      const dots = [...box.querySelectorAll('.tree-lines .node')].map((n) => n.getBoundingClientRect());
      return rows.map((r, i) => Math.abs(r.top + r.height / 2 - (dots[i]!.top + dots[i]!.height / 2)));
    });
    expect(Math.max(...offsets)).toBeLessThanOrEqual(3);
  });
}

test('network lab: changes and the question survive a reload and a trip to the glossary and back', async ({ page }) => {
  await page.goto(NET);
  let w = await openNet(page, 'net-modes');
  const adapter = () => w.getByRole('group', { name: 'Adapter 1 of web' });
  await adapter().getByLabel('Attached to').selectOption('host-only');
  await adapter().getByRole('button', { name: 'Apply to adapter 1' }).click();
  await expect(adapter().locator('.net-sub').first()).toContainText('Now: Host-only');
  await w.getByRole('button', { name: /^22/ }).click();
  await expect(w.locator('h4[id$="-answer"]')).toContainText('TCP port 22');

  await page.reload();
  w = await openNet(page, 'net-modes');
  await expect(w.locator('.net-restored')).toContainText('Restored from your last visit: 1 change');
  await expect(adapter().locator('.net-sub').first()).toContainText('Now: Host-only');
  await expect(w.getByLabel('Attached to').first()).toHaveValue('host-only');
  await expect(w.locator('h4[id$="-answer"]')).toContainText('phone → web, TCP port 22');
  await expect(w.locator('.net-log')).toContainText('adapter 1 of web changed from nat to host-only');
  // The other labs on the page were not touched.
  await expect(widget(page, 'net-forward').getByLabel('Attached to').first()).toHaveValue('nat');

  // To the glossary through a term's link, and back.
  await page.goto('/glossary/');
  await page.goBack();
  w = await openNet(page, 'net-modes');
  await expect(adapter().locator('.net-sub').first()).toContainText('Now: Host-only');

  // Back to the preset forgets it for the next visit too.
  await w.getByRole('button', { name: 'Back to the preset' }).click();
  await page.reload();
  w = await openNet(page, 'net-modes');
  await expect(adapter().locator('.net-sub').first()).toContainText('Now: NAT');
  await expect(w.locator('.net-restored')).toHaveCount(0);
});

test('network lab: steps saved for an older version of the preset are dropped with a notice, and the lab starts from the preset', async ({ page }) => {
  await page.addInitScript(() => {
    if (sessionStorage.getItem('seeded')) return;
    sessionStorage.setItem('seeded', '1');
    const key = '/lessons/virtual-networking/#net-modes';
    localStorage.setItem('vcourse:sims', JSON.stringify({ version: 1, data: { widgets: { [key]: { preset: 'stale000', at: '2026-12-01T10:00:00.000Z', steps: [{ action: { type: 'setNicMode' } }], view: {} } }, stories: {} } }));
  });
  await page.goto(NET);
  const w = await openNet(page, 'net-modes');
  await expect(w.locator('.net-restored')).toContainText('starts again from the lesson’s setup');
  await expect(w.getByLabel('Attached to').first()).toHaveValue('nat');
});

test('snapshot sandbox: the tree, the console and the story come back after a reload; a finished story is remembered', async ({ page }) => {
  await page.goto('/lessons/vm-lifecycle-snapshots/');
  let s = widget(page, 'snap-nginx');
  await s.scrollIntoViewIfNeeded();
  await expect(s.locator('astro-island[ssr]')).toHaveCount(0);
  await s.getByLabel('New snapshot name').fill('pre-upgrade');
  await s.getByRole('button', { name: 'Take snapshot' }).click();
  const cmd = s.locator('input[id$="-cmd"]');
  await cmd.fill('VBoxManage snapshot web01 list');
  await cmd.press('Enter');
  await expect(s.locator('.term-out')).toContainText('pre-upgrade');
  await expect(s.locator('.story-steps li').first()).toHaveClass(/done/);

  await page.reload();
  s = widget(page, 'snap-nginx');
  await s.scrollIntoViewIfNeeded();
  await expect(s.locator('.snap-restored')).toContainText('Restored from your last visit: 2 steps');
  await expect(s.locator('.tree-row .snap-name', { hasText: 'pre-upgrade' })).toBeVisible();
  await expect(s.locator('.term-out')).toContainText('VBoxManage snapshot web01 list');
  await expect(s.locator('.story-steps li').first()).toHaveClass(/done/);

  // The lifecycle exercise, by its power buttons, to the end: it is remembered as completed.
  const l = widget(page, 'snap-lifecycle');
  await l.scrollIntoViewIfNeeded();
  await expect(l.locator('astro-island[ssr]')).toHaveCount(0);
  await expect(l.locator('.story-completed')).toHaveCount(0);
  const power = l.getByRole('group', { name: 'Power web01' });
  for (const label of ['Pause', 'Resume', 'Save state', 'Start', 'Shut down (ACPI)', 'Start', 'Save state', 'Resume']) {
    await power.getByRole('button', { name: label, exact: true }).click();
  }
  await expect(l.locator('.story-next')).toContainText('All done');
  await expect(l.locator('.story-completed')).toContainText('You completed this exercise on');
  await l.getByRole('button', { name: 'Start over' }).click();
  await page.reload();
  const again = widget(page, 'snap-lifecycle');
  await again.scrollIntoViewIfNeeded();
  await expect(again.locator('.story-completed')).toContainText('You completed this exercise on');
  await expect(again.locator('.story-next')).not.toContainText('All done');
});

for (const size of WIDTHS) {
  for (const theme of ['light', 'dark'] as const) {
    test(`no axe violations in the network labs with a change marked and restored (${size.name}, ${theme})`, async ({ page }) => {
      test.setTimeout(150_000);
      await setTheme(page, theme);
      await page.setViewportSize({ width: size.width, height: size.height });
      const problems = watch(page);
      await page.goto(NET);
      const w = await openNet(page, 'net-modes');
      // Marks of a change, Undo enabled, the pinned diagram.
      const adapter = w.getByRole('group', { name: 'Adapter 1 of web' });
      await adapter.getByLabel('Attached to').selectOption('host-only');
      await adapter.getByRole('button', { name: 'Apply to adapter 1' }).click();
      await expect(w.locator('.net-diff')).toBeVisible();
      await expect(w.getByRole('button', { name: 'Undo' })).toBeEnabled();
      for (const id of ['net-forward', 'net-cloud']) await openNet(page, id);
      expect(await axeViolations(page)).toEqual([]);
      // After a reload: the restored notice.
      await page.reload();
      await expect((await openNet(page, 'net-modes')).locator('.net-restored')).toBeVisible();
      expect(await axeViolations(page)).toEqual([]);
      problems.assertClean();
    });

    test(`no axe violations in the snapshot sandboxes with the console inside a guest (${size.name}, ${theme})`, async ({ page }) => {
      test.setTimeout(150_000);
      await setTheme(page, theme);
      await page.setViewportSize({ width: size.width, height: size.height });
      const problems = watch(page);
      await page.goto('/lessons/vm-lifecycle-snapshots/');
      for (const live of await page.locator('.widget-live').all()) {
        await live.evaluate((el) => el.scrollIntoView({ block: 'center' }));
        await expect(live.locator('astro-island[ssr]')).toHaveCount(0);
      }
      const s = widget(page, 'snap-nginx');
      const cmd = s.locator('input[id$="-cmd"]');
      await cmd.fill('ssh web01');
      await cmd.press('Enter');
      await cmd.fill('VBoxManage list vms');
      await cmd.press('Enter');
      await expect(s.locator('.term-place')).toHaveAttribute('data-place', 'guest');
      expect(await axeViolations(page)).toEqual([]);
      problems.assertClean();
    });
  }
}
