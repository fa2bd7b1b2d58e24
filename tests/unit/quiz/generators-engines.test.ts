/**
 * The engine-backed generators take their key from src/sim. These tests read the scenario back
 * from the printed prompt and recompute the key with a small independent model of the rule, so a
 * prompt that describes something other than what the engine computed is caught.
 */
import { describe, expect, it } from 'vitest';
import { defaultGenerators, type QuestionBody } from '../../../src/quiz';

const seeds = Array.from({ length: 30 }, (_, i) => `engine-${i}`);
const gen = (id: string) => defaultGenerators.get(id)!;
const num = (re: RegExp, text: string): number => {
  const m = re.exec(text);
  expect(m, `${re} in ${text}`).not.toBeNull();
  return Number(m![1]);
};
const correctTexts = (q: QuestionBody) =>
  q.type === 'single-choice' || q.type === 'multiple-answer' ? q.options.filter((o) => o.correct).map((o) => o.text) : [];

describe('sizing generators', () => {
  it('G9: how-many-fit under the course rules is ⌊(host RAM − 2 GB) / flavor RAM⌋ (the vCPU total is not limited)', () => {
    for (const seed of seeds) {
      const q = gen('sizing-how-many-fit').generate(seed, {});
      if (q.type !== 'numeric') throw new Error('expected numeric');
      // Sharing cores is a trade-off, not a fault (sizing S17): the prompt must not call it a warning.
      expect(q.prompt).toContain('vCPUs may share physical cores (the total is not limited)');
      expect(q.prompt).not.toMatch(/warning/);
      const hostGb = num(/(\d+) GB of RAM/, q.prompt);
      const flavorGb = num(/vCPUs?, (\d+) GB RAM/, q.prompt);
      expect(q.answer).toBe(Math.floor((hostGb - 2) / flavorGb));
      expect(q.wrongAnswers.map((w) => w.value)).toContain(Math.floor(hostGb / flavorGb));
    }
  });

  it('G9: how-many-fit under Nova is the smallest of (threads × cpu ratio) / vCPUs and (RAM − 512 MB) × ram ratio / flavor RAM', () => {
    for (const seed of seeds) {
      const q = gen('sizing-how-many-fit').generate(seed, { policy: 'nova-pre-2023.1' });
      if (q.type !== 'numeric') throw new Error('expected numeric');
      const cores = num(/\((\d+) physical cores/, q.prompt);
      const threads = /(\d+) threads with Hyper-Threading/.test(q.prompt) ? num(/(\d+) threads with Hyper-Threading/, q.prompt) : cores;
      const ramMb = num(/(\d+) GB of RAM/, q.prompt) * 1024;
      const vcpus = num(/\((\d+) vCPUs?,/, q.prompt);
      const flavorMb = num(/vCPUs?, (\d+) GB RAM/, q.prompt) * 1024;
      expect(q.prompt).toContain('cpu_allocation_ratio 16, ram_allocation_ratio 1.5');
      const byCpu = Math.floor((threads * 16) / vcpus);
      const byRam = Math.floor(((ramMb - 512) * 1.5) / flavorMb);
      expect(q.answer).toBe(Math.min(byCpu, byRam));
    }
  });

  it('G9: the limiting resource is the one allowing the fewest VMs, and the others say how many they would allow', () => {
    for (const seed of seeds) {
      const q = gen('sizing-limiting-resource').generate(seed, {});
      if (q.type !== 'single-choice') throw new Error('expected single-choice');
      const counts = [...q.explanation!.matchAll(/(vCPUs|RAM|local disk) alone would allow (\d+)/g)].map((m) => [m[1]!, Number(m[2])] as const);
      expect(counts).toHaveLength(3);
      const fewest = Math.min(...counts.map(([, n]) => n));
      const limiting = counts.filter(([, n]) => n === fewest);
      expect(limiting).toHaveLength(1);
      const right = q.options.find((o) => o.correct)!;
      expect(right.text.toLowerCase()).toContain(limiting[0]![0] === 'vCPUs' ? 'vcpu' : limiting[0]![0] === 'RAM' ? 'ram' : 'disk');
      for (const o of q.options.filter((x) => !x.correct)) expect(o.feedback).toMatch(/would allow \d+ VMs/);
    }
  });
});

describe('network generators', () => {
  it('G10: a cloud VM is reachable from the internet on 443 exactly when it has a floating IP, the "https" group, nginx on 0.0.0.0:443 and no ufw in the way', () => {
    for (const seed of seeds) {
      const q = gen('network-cloud-internet-reach').generate(seed, {});
      if (q.type !== 'multiple-answer') throw new Error('expected multiple-answer');
      const lines = q.prompt.split('\n').filter((l) => l.startsWith('- '));
      expect(lines).toHaveLength(q.options.length);
      const expected = lines
        .filter((l) => {
          const groups = /security groups ([^;]+);/.exec(l)![1]!.split(', ');
          const firewallOk = l.includes('ufw is inactive') || /allows [\d and]*443\/tcp/.test(l);
          return !l.includes('no floating IP') && groups.includes('https') && l.includes('nginx listens on 0.0.0.0:443') && firewallOk;
        })
        .map((l) => /^- ([^:]+):/.exec(l)![1]);
      expect(correctTexts(q)).toEqual(expected);
      expect(expected.length).toBeGreaterThanOrEqual(1);
      expect(expected.length).toBeLessThan(lines.length);
    }
  });

  it('G10: exactly one VirtualBox VM is reachable from the LAN, and it is bridged without a blocking firewall or a forward on every host address', () => {
    for (const seed of seeds) {
      const q = gen('network-virtualbox-lan-reach').generate(seed, {});
      if (q.type !== 'single-choice') throw new Error('expected single-choice');
      const [name] = correctTexts(q);
      const line = q.prompt.split('\n').find((l) => l.startsWith(`- ${name}:`))!;
      const open =
        /^- \w+: bridged adapter, 192\.168\.1\.\d+ on the LAN; sshd listens on 0\.0\.0\.0:22\.$/.test(line) || /port forward host port \d+ \(all host addresses\)/.test(line);
      expect(open, line).toBe(true);
      for (const o of q.options.filter((x) => !x.correct)) expect(o.feedback).toMatch(/^Blocked: /);
    }
  });

  it('G10: feedback and explanations only name addresses the question gives', () => {
    for (const id of ['network-virtualbox-lan-reach', 'network-cloud-internet-reach']) {
      for (const seed of seeds) {
        const q = gen(id).generate(seed, {});
        const said = [q.explanation ?? '', ...(q.type === 'single-choice' || q.type === 'multiple-answer' ? q.options.map((o) => o.feedback ?? '') : [])].join(' ');
        const unseen = (said.match(/\b\d{1,3}(?:\.\d{1,3}){3}\b/g) ?? []).filter((a) => a !== '0.0.0.0' && a !== '127.0.0.1' && !q.prompt.includes(a));
        expect(unseen, `${id} ${seed}: ${said}`).toEqual([]);
      }
    }
  });
});

/** Files and snapshots as a student reasons about them: the independent oracle for G11. */
function replay(prompt: string): { file: string; current: string | null; remaining: Set<string> } {
  let file = 'Welcome (v1)';
  let current: string | null = null;
  const saved = new Map<string, { file: string; parent: string | null }>();
  // Commands are written as code (`host$ …`): the backticks are markup, not part of the command.
  for (const line of prompt.split('\n').filter((l) => /^\d+\. /.test(l)).map((l) => l.replaceAll('`', ''))) {
    const write = /echo "([^"]+)" > \/etc\/motd/.exec(line);
    const take = /(?:snapshot web take|snapshot-create-as web|qm snapshot 100) (\S+)$/.exec(line);
    const restore = /(?:snapshot web restore|snapshot-revert web|qm rollback 100) (\S+)$/.exec(line);
    const remove = /(?:snapshot web delete|snapshot-delete web|qm delsnapshot 100) (\S+)$/.exec(line);
    if (write) file = write[1]!;
    else if (take) {
      saved.set(take[1]!, { file, parent: current });
      current = take[1]!;
    } else if (restore) {
      file = saved.get(restore[1]!)!.file;
      current = restore[1]!;
    } else if (remove) {
      const gone = saved.get(remove[1]!)!;
      for (const s of saved.values()) if (s.parent === remove[1]) s.parent = gone.parent;
      if (current === remove[1]) current = gone.parent;
      saved.delete(remove[1]!);
    }
  }
  return { file, current, remaining: new Set(saved.keys()) };
}

describe('snapshot generators', () => {
  it('G11: cat prints what the file held when the last restored snapshot was taken, plus later writes', () => {
    for (const seed of seeds) {
      const q = gen('snapshot-file-after-commands').generate(seed, {});
      if (q.type !== 'single-choice') throw new Error('expected single-choice');
      expect(q.prompt).toMatch(/\d+\. `web\$ cat \/etc\/motd`\nWhat does the last command print\?$/);
      expect(correctTexts(q)).toEqual([replay(q.prompt).file]);
    }
  });

  it('G11: the current snapshot follows take, restore and delete (delete moves "current" to the parent)', () => {
    for (const seed of seeds) {
      const q = gen('snapshot-current-after-commands').generate(seed, {});
      if (q.type !== 'single-choice') throw new Error('expected single-choice');
      const { current, remaining } = replay(q.prompt);
      const right = q.options.find((o) => o.correct)!;
      expect(right.id).toBe(current ?? 'none');
      for (const o of q.options) if (o.id !== 'none' && !remaining.has(o.id)) expect(o.feedback).toContain('was deleted');
    }
  });

  it('G11: each platform speaks its own tool', () => {
    const tools = { virtualbox: 'VBoxManage', libvirt: 'virsh', proxmox: 'qm ' } as const;
    for (const [platform, tool] of Object.entries(tools)) {
      const q = gen('snapshot-file-after-commands').generate('tools', { platforms: [platform] });
      const hostLines = q.prompt.split('\n').filter((l) => /^\d+\. `host\$ [^`]+`$/.test(l));
      expect(hostLines.length).toBeGreaterThan(0);
      for (const l of hostLines) expect(l).toContain(tool);
    }
  });
});

describe('generated prompts read like hand-written ones', () => {
  it('G13: scenario entries and commands become lists, commands are code', async () => {
    const { promptBlocks } = await import('../../../src/widgets/quiz/text');
    for (const seed of seeds.slice(0, 10)) {
      const snap = gen('snapshot-file-after-commands').generate(seed, {});
      const blocks = promptBlocks(snap.prompt);
      expect(blocks.map((b) => b.kind)).toEqual(['text', 'list', 'text']);
      const list = blocks[1]!;
      if (list.kind !== 'list') throw new Error('expected a list');
      expect(list.ordered).toBe(true);
      expect(list.start).toBe(1);
      for (const item of list.items) expect(item).toMatch(/^`(host|web)\$ [^`]+`$/);
      const net = gen('network-virtualbox-lan-reach').generate(seed, {});
      const netBlocks = promptBlocks(net.prompt);
      expect(netBlocks.map((b) => b.kind)).toEqual(['text', 'list', 'text']);
      expect(netBlocks[1]!.kind === 'list' && !netBlocks[1]!.ordered && netBlocks[1]!.items.length).toBeGreaterThanOrEqual(3);
    }
  });
});
