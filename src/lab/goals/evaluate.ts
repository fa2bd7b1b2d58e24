/**
 * Answering checks, apart from their schemas in ./checks: the browser answers goals the build
 * already read, and loads no zod.
 */
import type { Check } from './checks';

/**
 * The answer to one check: met or not, and why, in the engine's own words (rendered from its
 * reason codes by the engine's explain functions). `error` means the check names something the
 * lab does not have: a mistake in the lab file, reported at build time.
 */
export interface Answer {
  met: boolean;
  detail: string;
}
export interface CheckError {
  error: string;
}
export type Evaluated = Answer | CheckError;
export const isCheckError = (e: Evaluated): e is CheckError => 'error' in e;

/**
 * Combinators, shared by every simulator's evaluator. `all` stops at its first unmet part, like
 * `&&`: later parts may name something an earlier part makes exist (`all: [clone X, file on X]`).
 * A name that is wrong everywhere is still an error, because the build checks that the solution
 * meets every goal, and there every part of an `all` is asked.
 */
export function evaluateCombined<C extends { kind: string }, S>(check: Check<C>, state: S, leaf: (c: C, s: S) => Evaluated): Evaluated {
  if (check.kind === 'all') {
    // Met: the last part explains it (the first parts are usually preconditions such as "the clone exists").
    let last: Answer | null = null;
    for (const part of (check as { of: Check<C>[] }).of) {
      const a = evaluateCombined(part, state, leaf);
      if (isCheckError(a) || !a.met) return a;
      last = a;
    }
    return last!;
  }
  if (check.kind === 'any') {
    const parts = (check as { of: Check<C>[] }).of.map((c) => evaluateCombined(c, state, leaf));
    const bad = parts.find(isCheckError);
    if (bad) return bad;
    const answers = parts as Answer[];
    // The part that decided the outcome explains it: the first met part, else the first part.
    const deciding = answers.find((a) => a.met) ?? answers[0]!;
    return { met: deciding.met, detail: deciding.detail };
  }
  if (check.kind === 'not') {
    const inner = evaluateCombined((check as { check: Check<C> }).check, state, leaf);
    return isCheckError(inner) ? inner : { met: !inner.met, detail: inner.detail };
  }
  return leaf(check as C, state);
}
