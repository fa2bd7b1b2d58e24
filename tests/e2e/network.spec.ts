import { expect, test, type Locator, type Page } from '@playwright/test';
import { axeViolations, setTheme, watch } from './helpers';

/**
 * The network lab in the virtual-networking lesson, driven the way a student uses it: with the
 * mouse, and again with the keyboard only (Tab to a control, then Enter, Space, typing and arrow
 * keys). Every step checks what is shown: the answer, the path, the graph's marks and the table.
 */
const LESSON = '/lessons/virtual-networking/';
const WIDGETS = ['net-modes', 'net-forward', 'net-cloud'] as const;

function lab(page: Page, id: string): Locator {
  return page.locator(`section.widget[aria-labelledby="${id}-title"]`);
}

/** Scroll a widget into view and wait until it is hydrated and cytoscape has drawn. */
async function open(page: Page, id: string): Promise<Locator> {
  const w = lab(page, id);
  await w.scrollIntoViewIfNeeded();
  await expect(w.locator('.net-graph-canvas[data-ready="true"]')).toBeAttached();
  return w;
}

type Input = 'mouse' | 'keyboard';

/**
 * Operates controls the way a student does. Keyboard: Tab (or Shift+Tab) until the control has
 * focus, failing if it is never reached, then keys only. Mouse: click, fill, pick.
 */
function student(page: Page, input: Input) {
  async function tabTo(target: Locator): Promise<void> {
    await expect(target).toBeVisible();
    const backwards = await target.evaluate((el) => {
      const active = document.activeElement;
      return !!active && active !== document.body && (el.compareDocumentPosition(active) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
    });
    for (let i = 0; i < 400; i++) {
      if (await target.evaluate((el) => el === document.activeElement)) return;
      await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
    }
    throw new Error(`could not reach ${target} with the keyboard`);
  }
  return {
    input,
    tabTo,
    async press(target: Locator): Promise<void> {
      if (input === 'mouse') return target.click();
      await tabTo(target);
      await page.keyboard.press('Enter');
    },
    async type(target: Locator, text: string): Promise<void> {
      if (input === 'mouse') {
        await target.click();
        await target.fill(text);
        return;
      }
      await tabTo(target);
      await page.keyboard.press('ControlOrMeta+a');
      if (text === '') await page.keyboard.press('Backspace');
      else await page.keyboard.type(text);
    },
    /** Choose an option of a <select> by its value: with the keyboard, arrow keys from the first option. */
    async choose(select: Locator, value: string): Promise<void> {
      if (input === 'mouse') {
        await select.selectOption(value);
        return;
      }
      const values = await select.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
      const index = values.indexOf(value);
      expect(index, `option ${value} in ${values.join(', ')}`).toBeGreaterThanOrEqual(0);
      await tabTo(select);
      await page.keyboard.press('Home');
      for (let i = 0; i < index; i++) await page.keyboard.press('ArrowDown');
      await expect(select).toHaveValue(value);
    },
    async check(box: Locator, on: boolean): Promise<void> {
      if ((await box.isChecked()) === on) return;
      if (input === 'mouse') return box.click();
      await tabTo(box);
      await page.keyboard.press('Space');
    },
  };
}
type Student = ReturnType<typeof student>;

/** The question in the query bar. */
async function ask(s: Student, w: Locator, from: string, to: string, port: number): Promise<void> {
  await s.choose(w.getByLabel('From (source)'), from);
  await s.choose(w.getByLabel('To (destination)'), to);
  const field = w.getByLabel('Port', { exact: true });
  if ((await field.inputValue()) !== String(port)) {
    await s.type(field, String(port));
    await field.press('Enter');
  }
  await expect(w.locator('h4[id$="-answer"]')).toContainText(`${from} → ${to}, TCP port ${port}`);
}

const answer = (w: Locator) => w.locator('.net-answer');
const canvas = (w: Locator) => w.locator('.net-graph-canvas');

/**
 * What the widget shows for the current question agrees everywhere: the answer, the graph's marks
 * (read back from cytoscape's own classes) and the table's cell for the same pair.
 */
async function expectAgreement(w: Locator, from: string, to: string, reachable: boolean): Promise<void> {
  await expect(w.locator('.net-verdict')).toHaveAttribute('data-verdict', reachable ? 'reachable' : 'blocked');
  await expect(answer(w)).toContainText(reachable ? '✓ Reachable.' : '✗ Blocked.');
  const cell = w.locator('.net-matrix button[aria-current="true"]');
  await expect(cell).toHaveCount(1);
  await expect(cell).toHaveAttribute('data-ok', reachable ? 'true' : 'false');
  await expect(cell).toContainText(`${from} to ${to}:`);
  if (reachable) {
    await expect(canvas(w)).toHaveAttribute('data-blocked', '');
    const onPath = ((await canvas(w).getAttribute('data-on-path')) ?? '').split(' ');
    expect(onPath).toContain(to === from ? from : to);
  } else {
    await expect(canvas(w)).not.toHaveAttribute('data-blocked', '');
  }
}

for (const input of ['mouse', 'keyboard'] as const) {
  test.describe(`with the ${input}`, () => {
    test('home lab: the NAT VM is unreachable from the LAN until a port forward is added', async ({ page }) => {
      const problems = watch(page);
      await page.goto(LESSON);
      const w = await open(page, 'net-forward');
      const s = student(page, input);
      if (input === 'keyboard') await w.getByRole('button', { name: 'Back to the preset' }).focus();

      await ask(s, w, 'phone', 'web', 80);
      await expectAgreement(w, 'phone', 'web', false);
      await expect(answer(w)).toContainText('web is behind NAT on adapter 1');
      await expect(w.locator('.net-hint')).toContainText('Add a port forward on adapter 1 of web');

      const form = w.getByRole('group', { name: 'Add a port forward to adapter 1 of web' });
      await s.type(form.getByLabel('Host IP'), '127.0.0.1');
      await s.type(form.getByLabel('Host port'), '8080');
      await s.type(form.getByLabel('Guest port'), '80');
      await s.press(form.getByRole('button', { name: 'Add port forward' }));
      await expect(w.locator('.net-log')).toContainText('port forward "tcp-8080" added: host port 8080/tcp → guest port 80');

      // On 127.0.0.1 only the laptop itself can use it.
      await expectAgreement(w, 'phone', 'web', false);
      await expect(answer(w)).toContainText('listens on 127.0.0.1 only');
      await ask(s, w, 'laptop', 'web', 80);
      await expectAgreement(w, 'laptop', 'web', true);
      await expect(w.locator('.net-hops')).toContainText('a port forward on laptop passes it to the guest (destination 127.0.0.1:8080 → 10.0.2.15:80)');

      // Cleared host IP: every address of the laptop, so the phone on the Wi-Fi gets in.
      await ask(s, w, 'phone', 'web', 80);
      await s.type(w.getByLabel('Host IP of tcp-8080'), '');
      await s.press(w.getByRole('button', { name: 'Change host IP' }));
      await expectAgreement(w, 'phone', 'web', true);
      await expect(w.locator('.net-hops li')).toContainText([
        'phone opens a connection from 192.168.1.30 to 192.168.1.10 port 8080',
        'across Home network',
        'a port forward on laptop passes it to the guest (destination 192.168.1.10:8080 → 10.0.2.15:80)',
        'arrives at web on 10.0.2.15 port 80',
      ]);
      await expect(canvas(w)).toHaveAttribute('data-on-path', /\bnic:web:0\b/);

      // Removing the forward closes the door again.
      await s.press(w.getByRole('button', { name: 'Remove port forward tcp-8080' }));
      await expectAgreement(w, 'phone', 'web', false);
      problems.assertClean();
    });

    test('home lab: a ping, a destination address, and VirtualBox 7 NAT reaching the laptop\'s loopback only with "localhost reachable"', async ({ page }) => {
      const problems = watch(page);
      await page.goto(LESSON);
      const w = await open(page, 'net-forward');
      const s = student(page, input);
      if (input === 'keyboard') await w.getByRole('button', { name: 'Back to the preset' }).focus();

      // A ping from the phone to the NAT VM: port forwards carry TCP and UDP only.
      await ask(s, w, 'phone', 'web', 80);
      await s.press(w.getByRole('button', { name: /^ping/ }));
      await expect(w.locator('h4[id$="-answer"]')).toContainText('phone → web, ping (ICMP echo)');
      await expect(w.getByLabel('Port', { exact: true })).toHaveCount(0);
      const bar = w.locator('.net-query');
      await expect(bar.getByLabel('Protocol')).toHaveValue('icmp');
      await expectAgreement(w, 'phone', 'web', false);
      await expect(answer(w)).toContainText('port forwards carry only TCP and UDP');
      await expect(w.locator('h4[id$="-matrix"]')).toContainText('Who reaches whom: ping (ICMP echo)');
      // The bridged media server answers it.
      await s.choose(w.getByLabel('To (destination)'), 'media');
      await expectAgreement(w, 'phone', 'media', true);
      await expect(answer(w)).toContainText('phone → media ping (ICMP echo): gets a reply');

      // The NAT VM asks for the laptop's development database at 10.0.2.2: VirtualBox 7 drops it.
      await s.choose(w.getByLabel('From (source)'), 'web');
      await s.choose(w.getByLabel('To (destination)'), 'laptop');
      await s.choose(bar.getByLabel('Protocol'), 'tcp');
      const port = bar.getByLabel('Port', { exact: true });
      await s.type(port, '5432');
      await port.press('Enter');
      await s.choose(w.getByLabel('At address'), '10.0.2.2');
      await expect(w.locator('h4[id$="-answer"]')).toContainText('web → laptop at 10.0.2.2, TCP port 5432');
      await expect(answer(w)).toContainText('"localhost reachable" off');
      await expect(w.locator('.net-hops li').first()).toContainText('web opens a connection from 10.0.2.15 to 10.0.2.2 port 5432');

      await s.check(w.getByRole('checkbox', { name: /Localhost reachable/ }), true);
      await expect(w.locator('.net-log')).toContainText('NAT adapter 1 of web now reaches the host\'s loopback through 10.0.2.2');
      await expect(answer(w)).toContainText('✓ Reachable.');
      await expect(w.locator('.net-hops li')).toContainText([
        'web opens a connection from 10.0.2.15 to 10.0.2.2 port 5432',
        "the NAT engine on laptop passes it to the host's loopback interface (destination 10.0.2.2 → 127.0.0.1)",
        'arrives at laptop on 127.0.0.1 port 5432',
      ]);
      // At the laptop's LAN address the database, bound to 127.0.0.1, does not answer.
      await s.choose(w.getByLabel('At address'), '192.168.1.10');
      await expect(answer(w)).toContainText('listens on 127.0.0.1 only');
      problems.assertClean();
    });

    test('cloud: a floating IP is not enough, the security group, guest firewall and listen address must allow it; the database stays private', async ({ page }) => {
      const problems = watch(page);
      await page.goto(LESSON);
      const w = await open(page, 'net-cloud');
      const s = student(page, input);
      if (input === 'keyboard') await w.getByRole('button', { name: 'Back to the preset' }).focus();

      // The preset's question: internet → web, TCP 80.
      await expect(w.locator('h4[id$="-answer"]')).toContainText('internet → web, TCP port 80');
      await expectAgreement(w, 'internet', 'web', false);
      await expect(answer(w)).toContainText('web has only a private address');

      await s.press(w.getByRole('group', { name: 'Adapter 1 of web' }).getByRole('button', { name: 'Associate a floating IP with web' }));
      await expect(w.getByText('Floating IP 172.24.4.100', { exact: false }).first()).toBeVisible();
      await expectAgreement(w, 'internet', 'web', false);
      await expect(answer(w)).toContainText('no ingress rule in the security groups of web (default, web) allows tcp port 80');

      const rule = w.getByRole('group', { name: 'Add a security group rule' });
      await s.choose(rule.getByLabel('Group'), 'web');
      await s.type(rule.getByLabel('Port or range'), '80');
      await expect(rule.getByLabel('CIDR')).toHaveValue('0.0.0.0/0');
      await s.press(rule.getByRole('button', { name: 'Add rule' }));
      await expect(w.locator('.net-sgs')).toContainText('ingress tcp port 80 from 0.0.0.0/0');
      // The next gate: the lesson's setup left port 80 closed in the guest firewall.
      await expect(answer(w)).toContainText('the firewall inside web blocks incoming tcp port 80');

      const firewall = w.getByRole('group', { name: 'Firewall inside web' });
      await s.type(firewall.getByLabel('Port to allow'), '80');
      await s.press(firewall.getByRole('button', { name: 'Allow in the firewall' }));
      await expect(answer(w)).toContainText('nginx on web listens on 127.0.0.1 only');

      await s.choose(w.getByLabel('nginx on tcp/80 listens on'), '0.0.0.0');
      await expectAgreement(w, 'internet', 'web', true);
      await expect(w.locator('.net-hops')).toContainText('router router1 applies the floating IP (destination 172.24.4.100 → 192.168.42.10)');
      await expect(w.locator('.net-log > li')).toHaveCount(4);

      // The database: no floating IP, and with one the "db" group still keeps the internet out.
      await ask(s, w, 'internet', 'db', 5432);
      await expectAgreement(w, 'internet', 'db', false);
      await s.choose(w.getByLabel('Machine to change'), 'db');
      await s.press(w.getByRole('group', { name: 'Adapter 1 of db' }).getByRole('button', { name: 'Associate a floating IP with db' }));
      await expectAgreement(w, 'internet', 'db', false);
      await expect(answer(w)).toContainText('no ingress rule in the security groups of db (db)');
      const internetToDb = w.locator('.net-matrix button', { hasText: 'internet to db:' });
      await expect(internetToDb).toHaveAttribute('data-ok', 'false');
      problems.assertClean();
    });

    test('the table agrees with the answer and the graph for every pair in a row and a column', async ({ page }) => {
      await page.goto(LESSON);
      const w = await open(page, 'net-modes');
      const nodes = await w.locator('.net-matrix thead th').allTextContents();
      expect(nodes).toContain('web');
      const row = nodes.indexOf('phone');
      const col = nodes.indexOf('web');
      const cells: [number, number][] = [...nodes.map((_, j) => [row, j] as [number, number]), ...nodes.map((_, i) => [i, col] as [number, number])];
      const s = student(page, input);
      for (const [i, j] of cells) {
        const cell = w.locator(`.net-matrix button[data-cell="${i}-${j}"]`);
        if (input === 'mouse') await cell.click();
        else {
          // Arrow keys move the table's single tab stop; Enter asks that pair.
          const current = w.locator('.net-matrix button[tabindex="0"]');
          await s.tabTo(current);
          const [r, c] = ((await current.getAttribute('data-cell')) ?? '0-0').split('-').map(Number) as [number, number];
          for (let k = r; k < i; k++) await page.keyboard.press('ArrowDown');
          for (let k = r; k > i; k--) await page.keyboard.press('ArrowUp');
          for (let k = c; k < j; k++) await page.keyboard.press('ArrowRight');
          for (let k = c; k > j; k--) await page.keyboard.press('ArrowLeft');
          await expect(cell).toBeFocused();
          await page.keyboard.press('Enter');
        }
        const ok = (await cell.getAttribute('data-ok')) === 'true';
        await expectAgreement(w, nodes[i]!, nodes[j]!, ok);
      }
    });
  });
}

test('home lab: moving the web VM to the NAT network and to host-only changes the table as the manual says', async ({ page }) => {
  await page.goto(LESSON);
  const w = await open(page, 'net-modes');
  const cell = (from: string, to: string) => w.locator('.net-matrix button', { hasText: `${from} to ${to}:` });
  await expect(cell('node1', 'web')).toHaveAttribute('data-ok', 'false');
  await expect(cell('laptop', 'web')).toHaveAttribute('data-ok', 'false');

  const adapter = w.getByRole('group', { name: 'Adapter 1 of web' });
  await adapter.getByLabel('Attached to').selectOption('nat-network');
  await expect(adapter.getByLabel('Name')).toHaveValue('NatNetwork');
  await adapter.getByRole('button', { name: 'Apply to adapter 1' }).click();
  await expect(w.locator('.net-log')).toContainText('adapter 1 of web changed from nat to nat-network');
  // NAT Network: VMs on it see each other; the host still needs a forward.
  await expect(cell('node1', 'web')).toHaveAttribute('data-ok', 'true');
  await expect(cell('laptop', 'web')).toHaveAttribute('data-ok', 'false');
  await expect(canvas(w)).toHaveAttribute('data-ready', 'true');

  await adapter.getByLabel('Attached to').selectOption('host-only');
  await adapter.getByRole('button', { name: 'Apply to adapter 1' }).click();
  // Host-only: the host and its host-only VMs, nothing beyond (a NAT guest gets there through the host's own stack).
  await expect(cell('laptop', 'web')).toHaveAttribute('data-ok', 'true');
  await expect(cell('media', 'web')).toHaveAttribute('data-ok', 'false');
  await expect(cell('phone', 'web')).toHaveAttribute('data-ok', 'false');
  await cell('phone', 'web').click();
  await expect(answer(w)).toContainText('web is only on host-only network vboxnet0');
  await expect(canvas(w)).toHaveAttribute('data-blocked', /\bweb\b/);

  await w.getByRole('button', { name: 'Back to the preset' }).click();
  await expect(cell('node1', 'web')).toHaveAttribute('data-ok', 'false');
  await expect(w.locator('section[aria-labelledby="net-modes-log"]')).toContainText('No changes yet');
});

test('an adapter on the Generic Driver asks for its UDP tunnel; alone, it reaches nothing', async ({ page }) => {
  const problems = watch(page);
  await page.goto(LESSON);
  const w = await open(page, 'net-modes');
  const adapter = w.getByRole('group', { name: 'Adapter 1 of web' });
  await adapter.getByLabel('Attached to').selectOption('generic');
  await adapter.getByLabel('Source UDP port (sport)').fill('10001');
  await adapter.getByLabel('Other host (dest)').fill('laptop');
  await adapter.getByLabel('Its UDP port (dport)').fill('10002');
  await adapter.getByLabel('Static address').fill('10.20.0.1/24');
  await adapter.getByRole('button', { name: 'Apply to adapter 1' }).click();
  await expect(adapter.locator('.net-error')).toContainText('Bad IPv4 address "laptop"');
  await expect(adapter.getByLabel('Other host (dest)')).toHaveAttribute('aria-invalid', 'true');
  await adapter.getByLabel('Other host (dest)').fill('192.168.1.99');
  await adapter.getByRole('button', { name: 'Apply to adapter 1' }).click();
  await expect(adapter).toContainText('Now: Generic Driver (UDP Tunnel), address 10.20.0.1');
  await expect(answer(w)).toContainText('web is attached only to a UDP tunnel');
  await expect(w.locator('.net-legend')).toContainText('UDP tunnel');
  problems.assertClean();
});

test('cloud: turning the guest firewall off and removing a security group rule move the blocking point', async ({ page }) => {
  await page.goto(LESSON);
  const w = await open(page, 'net-cloud');
  await w.locator('.net-fixes').getByRole('button', { name: 'Associate a floating IP with web' }).click();
  // The suggested rule for "anyone on the internet" goes into the web server's own group, not "default".
  await w.locator('.net-fixes').getByRole('button', { name: 'Add ingress rule to group web: tcp port 80 from 0.0.0.0/0' }).click();
  await expect(answer(w)).toContainText('the firewall inside web blocks incoming tcp port 80');
  await expect(w.locator('h4[id$="-answer"]')).toBeFocused();

  const firewall = w.getByRole('group', { name: 'Firewall inside web' });
  await firewall.getByRole('checkbox', { name: /Firewall on/ }).uncheck();
  await expect(w.locator('.net-log')).toContainText('the firewall of web is off');
  await expect(answer(w)).toContainText('nginx on web listens on 127.0.0.1 only');
  await expect(firewall.getByLabel('Port to allow')).toBeHidden();

  await w.getByRole('button', { name: 'Remove rule ingress tcp port 80 from 0.0.0.0/0 from group web' }).click();
  await expect(w.locator('.net-log')).toContainText('removed from group web');
  await expect(answer(w)).toContainText('no ingress rule in the security groups of web');
  await expectAgreement(w, 'internet', 'web', false);
  // Focus does not fall back to the top of the page when the pressed button disappears.
  await expect(w.locator('h4[id$="-edit"]')).toBeFocused();
});

test('clicking machines in the diagram picks the source and the destination', async ({ page }) => {
  await page.goto(LESSON);
  const w = await open(page, 'net-modes');
  const clickNode = async (id: string) => {
    const at = await canvas(w).evaluate(async (el, nodeId) => {
      // cytoscape keeps its instance on the container; the test asks it where it drew the node.
      const cy = (el as HTMLElement & { _cyreg: { cy: { getElementById(id: string): { renderedPosition(): { x: number; y: number } } } } })._cyreg.cy;
      const p = cy.getElementById(nodeId).renderedPosition();
      const y = Math.round(el.getBoundingClientRect().top + window.scrollY + p.y - 200);
      // cytoscape maps a click through the container position it caches and refreshes on "scroll":
      // click only once the page has dispatched that event (a busy machine dispatches it late).
      const scrolled = new Promise<void>((resolve) => window.addEventListener('scroll', () => requestAnimationFrame(() => resolve()), { once: true }));
      const before = window.scrollY;
      window.scrollTo(0, y);
      if (window.scrollY !== before) await scrolled;
      return p;
    }, id);
    const box = (await canvas(w).boundingBox())!;
    await page.mouse.click(box.x + at.x, box.y + at.y);
  };
  await w.getByRole('radio', { name: 'the source' }).check();
  await clickNode('laptop');
  await expect(w.getByLabel('From (source)')).toHaveValue('laptop');
  await expect(w.getByRole('radio', { name: 'the destination' })).toBeChecked();
  await clickNode('dev');
  await expect(w.getByLabel('To (destination)')).toHaveValue('dev');
  await expect(w.locator('h4[id$="-answer"]')).toContainText('laptop → dev, TCP port 80');
  await w.getByRole('button', { name: /^22/ }).click();
  await expectAgreement(w, 'laptop', 'dev', true);
  await expect(w.locator('.net-hops')).toContainText('across vboxnet0');
  // A network is not a machine: the question stays as it was.
  await clickNode('hostonly:laptop:vboxnet0');
  await expect(w.getByLabel('From (source)')).toHaveValue('laptop');
});

test('a typo in a field is shown next to it and changes nothing', async ({ page }) => {
  await page.goto(LESSON);
  const w = await open(page, 'net-forward');
  const port = w.getByLabel('Port', { exact: true });
  await port.fill('eighty');
  await port.press('Enter');
  await expect(port).toHaveAttribute('aria-invalid', 'true');
  await expect(w.locator(`#${await port.getAttribute('aria-describedby')}`)).toContainText('Expected a port number (digits only), got "eighty"');
  await expect(w.locator('h4[id$="-answer"]')).toContainText('TCP port 80');

  const form = w.getByRole('group', { name: 'Add a port forward to adapter 1 of web' });
  await form.getByLabel('Host IP').fill('localhost');
  await form.getByLabel('Host port').fill('8080');
  await form.getByLabel('Guest port').fill('80');
  await form.getByRole('button', { name: 'Add port forward' }).click();
  await expect(form.locator('.net-error')).toContainText('Bad IPv4 address "localhost"');
  await expect(form.getByLabel('Host IP')).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByLabel('Host port')).not.toHaveAttribute('aria-invalid', 'true');
  await expect(w.locator('section[aria-labelledby="net-forward-log"]')).toContainText('No changes yet');
  await expect(w.locator('.net-forwards')).toContainText('None yet');
});

test('cytoscape is fetched only when a diagram scrolls into view', async ({ page }) => {
  const scripts: string[] = [];
  page.on('request', (r) => {
    if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname);
  });
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(LESSON, { waitUntil: 'networkidle' });
  await page.waitForTimeout(500);
  expect(scripts.filter((s) => /cytoscape/i.test(s))).toEqual([]);
  expect(scripts.filter((s) => /NetworkLab/.test(s))).toEqual([]);
  const fetched = page.waitForRequest((r) => /cytoscape/i.test(r.url()));
  await lab(page, 'net-modes').scrollIntoViewIfNeeded();
  await fetched;
  await expect(canvas(lab(page, 'net-modes'))).toHaveAttribute('data-ready', 'true');
});

for (const theme of ['light', 'dark'] as const) {
  test(`no axe violations with every network lab hydrated (${theme})`, async ({ page }) => {
    await setTheme(page, theme);
    const problems = watch(page);
    await page.goto(LESSON);
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    for (const id of WIDGETS) await open(page, id);
    // A blocked and a working answer both on screen, with fix buttons and a log entry.
    await lab(page, 'net-forward').getByRole('button', { name: /Forward host port 8080\/tcp to port 80 of web/ }).click();
    await expect(lab(page, 'net-forward').locator('.net-verdict')).toHaveAttribute('data-verdict', 'reachable');
    expect(await axeViolations(page)).toEqual([]);
    problems.assertClean();
  });
}

test('the diagram follows the theme toggle', async ({ page }) => {
  await setTheme(page, 'light');
  await page.goto(LESSON);
  const w = await open(page, 'net-cloud');
  const colour = () =>
    canvas(w).evaluate((el) => {
      const cy = (el as HTMLElement & { _cyreg: { cy: { getElementById(id: string): { style(name: string): string } } } })._cyreg.cy;
      return cy.getElementById('internet').style('color');
    });
  const light = await colour();
  await page.getByRole('combobox', { name: 'Theme' }).selectOption('dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect.poll(colour).not.toBe(light);
  const ink = await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--ink').trim());
  expect(ink).toBe('#e6eaf0');
  expect((await colour()).replace(/\s/g, '')).toBe('rgb(230,234,240)');
});

test('on a phone the lab fits the screen and works by touch-sized controls', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  const problems = watch(page);
  await page.goto(LESSON);
  for (const id of WIDGETS) await open(page, id);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  const w = lab(page, 'net-cloud');
  const graph = await canvas(w).boundingBox();
  expect(graph!.width).toBeGreaterThan(250);
  // The suggested fix, as a student on a phone would tap it.
  await w.locator('.net-fixes').getByRole('button', { name: 'Associate a floating IP with web' }).click();
  await expect(answer(w)).toContainText('security groups of web');
  problems.assertClean();
});
