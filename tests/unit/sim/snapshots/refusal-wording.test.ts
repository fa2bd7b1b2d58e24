import { describe, expect, it } from 'vitest';
import { explainRefusal } from '../../../../src/sim/snapshots';
import { makeLab, refusedBy, step } from './helpers';

/**
 * Refusals read as explanations, not riddles: a VM that is off is never told it "cannot be
 * powered off", and a sentence never gives the state as the reason it cannot reach that same state.
 */
const OPS = ['shutdown', 'poweroff', 'pause', 'save', 'reboot', 'reset'] as const;
const STATES = ['poweroff', 'saved', 'paused', 'running'] as const;
const WORD: Record<string, string> = { poweroff: 'powered off', shutdown: 'shut down', pause: 'paused', save: 'saved', reboot: 'rebooted', reset: 'reset' };

function tautology(text: string): string | null {
  const m = /is (?:already )?([a-z ]+?)(?: \(|,| so| and|:)[^.]*cannot (?:be )?([a-z ]+?)[.(,:]/i.exec(text);
  if (!m) return null;
  return m[1]!.trim() === m[2]!.trim() ? `${m[1]} / ${m[2]}` : null;
}

describe('refusal wording', () => {
  it('no power refusal gives the VM state as the reason it cannot reach that state', () => {
    for (const op of OPS) {
      for (const power of STATES) {
        const text = explainRefusal({ code: 'NOT_RUNNING', params: { vm: 'web01', op, power } });
        expect(tautology(text), `${op} from ${power}: ${text}`).toBeNull();
        expect(text).not.toContain(`is ${WORD[op]}, so it cannot be ${WORD[op]}`);
      }
    }
  });

  it('powering off a VM that is already off says so, and a saved VM is told how to turn it off', () => {
    const off = explainRefusal({ code: 'NOT_RUNNING', params: { vm: 'web01', op: 'poweroff', power: 'poweroff' } });
    expect(off).toBe('"web01" is already powered off: there is nothing to power off.');
    const saved = explainRefusal({ code: 'NOT_RUNNING', params: { vm: 'web01', op: 'shutdown', power: 'saved' } });
    expect(saved).toContain('Discard the saved state');
  });

  it('the engine refuses a second power-off with the plain sentence', () => {
    const off = step(makeLab({ platform: 'virtualbox' }), { type: 'power', vm: 'web', op: 'poweroff' });
    const r = refusedBy(off, { type: 'power', vm: 'web', op: 'poweroff' }, 1);
    expect(r.code).toBe('NOT_RUNNING');
    expect(explainRefusal(r)).toBe('"web" is already powered off: there is nothing to power off.');
  });
});
