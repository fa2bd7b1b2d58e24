import { describe, expect, it } from 'vitest';
import { recall } from '../../../../src/widgets/terminal/history';

describe('terminal history (Up/Down)', () => {
  it('steps back through the commands, keeps the half-typed line as a draft and brings it back', () => {
    const cmds = ['a', 'b', 'c'];
    let at = { cursor: null as number | null, draft: '', value: 'typ' };
    at = recall(cmds, at, 'ArrowUp')!;
    expect(at).toEqual({ cursor: 2, draft: 'typ', value: 'c' });
    at = recall(cmds, recall(cmds, recall(cmds, at, 'ArrowUp')!, 'ArrowUp')!, 'ArrowUp')!;
    expect(at.value).toBe('a');
    at = recall(cmds, recall(cmds, recall(cmds, at, 'ArrowDown')!, 'ArrowDown')!, 'ArrowDown')!;
    expect(at).toEqual({ cursor: 3, draft: 'typ', value: 'typ' });
    expect(recall(cmds, at, 'Enter')).toBeNull();
    expect(recall([], at, 'ArrowUp')).toBeNull();
  });
});
