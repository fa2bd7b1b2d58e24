/**
 * Up/Down recall of earlier commands, as a shell does it: the first press keeps the half-typed line
 * as a draft; moving past the newest command brings the draft back. Shared by the snapshot console
 * and the VM builder's terminal.
 */
export interface Recall {
  /** Index into the commands, or null while the student is typing a new line. */
  cursor: number | null;
  draft: string;
  value: string;
}

/** The line after ArrowUp/ArrowDown; null for any other key or when there is nothing to recall. */
export function recall(commands: readonly string[], at: Recall, key: string): Recall | null {
  if ((key !== 'ArrowUp' && key !== 'ArrowDown') || commands.length === 0) return null;
  const from = at.cursor ?? commands.length;
  const draft = at.cursor === null ? at.value : at.draft;
  const next = key === 'ArrowUp' ? Math.max(0, from - 1) : Math.min(commands.length, from + 1);
  return { cursor: next, draft, value: next === commands.length ? draft : commands[next]! };
}
