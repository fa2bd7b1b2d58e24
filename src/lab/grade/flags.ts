/**
 * What the grading command tells the instructor about a report, in plain words. A flag is a
 * reason to look at a hand-in; it never changes the recomputed score (SPEC R1–R9).
 */
export type FlagCode =
  | 'unreadable'
  | 'invalid'
  | 'unknown-lab'
  | 'lab-broken'
  | 'other-version'
  | 'other-engine'
  | 'foreign-seed'
  | 'replay-mismatch'
  | 'does-not-replay'
  | 'claim-differs'
  | 'identical-log'
  | 'name-differs';

export interface Flag {
  code: FlagCode;
  message: string;
}

export const flag = (code: FlagCode, message: string): Flag => ({ code, message });

/** The README's table, in one place: what each flag means and what to do about it. */
export const FLAG_MEANINGS: Record<FlagCode, string> = {
  unreadable: 'the file is not JSON (damaged, truncated, or not a lab report at all)',
  invalid: 'the file is JSON but not a lab report of this format (the message names the field)',
  'unknown-lab': 'no lab with this id in labs/ (renamed, deleted, or the id was edited)',
  'lab-broken': 'the lab file does not compile now, or cannot build this student\'s variant',
  'other-version': 'the report was made for another version of the lab file; it is graded against the current one',
  'other-engine': 'the report was made by another engine version; replay may differ',
  'foreign-seed': 'the seed in the report is not the one derived from this student id: the report was made under another id (a copy?) and is graded with this student\'s own variables',
  'replay-mismatch': 'a step accepted in the browser is refused in replay, or the reverse: the log was edited, or belongs to other variables',
  'does-not-replay': 'a log entry is not a step of this lab\'s simulator, or names a goal the lab does not have',
  'claim-differs': 'the score shown in the browser differs from the recomputed one (the recomputed score counts)',
  'identical-log': 'two students handed in the same sequence of steps for this lab',
  'name-differs': 'one student id appears with different names',
};

/** "step 3", "steps 3, 7 and 9", "steps 3, 7, 9, … (14 in all)" */
export function stepList(indices: readonly number[], max = 8): string {
  const n = indices.map((i) => String(i + 1));
  if (n.length === 1) return `step ${n[0]}`;
  if (n.length > max) return `steps ${n.slice(0, max).join(', ')}, … (${n.length} in all)`;
  return `steps ${n.slice(0, -1).join(', ')} and ${n[n.length - 1]}`;
}
