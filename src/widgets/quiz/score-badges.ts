/**
 * Saved quiz scores on text pages (course home, quizzes page, progress page), without the quiz
 * engine or a framework: these pages run it on load, so it stays a few hundred bytes.
 *   <span data-quiz-score="quiz-id">…</span>            → "Passed · best 88% · last 75%", "Not passed yet · score 40%" or "Not taken yet"
 *   <span data-quiz-score="quiz-id" data-format="best"> → "passed · best 88%" or "not taken yet" (after a "Quiz:" label)
 * Passed or not is judged against the quiz's pass mark (`data-pass`), not the stored flag.
 * Returns the saved progress it read, for callers that show more of it.
 */
import { showNotices } from '../../progress/notices';
import { bestAttempt, lastAttempt, passed, quizRecord, readQuizzes, type QuizzesProgress } from '../../progress/quizzes';

export const pct = (score: number) => `${Math.round(score * 100)}%`;

/** The quiz's pass mark from `data-pass` (0..1) on the element, when the page gives it. */
export function passMark(el: HTMLElement): number | undefined {
  const v = el.dataset.pass === undefined ? NaN : Number(el.dataset.pass);
  return Number.isFinite(v) ? v : undefined;
}

export function showQuizScores(): QuizzesProgress {
  const all = readQuizzes();
  showNotices();
  document.querySelectorAll<HTMLElement>('[data-quiz-score]').forEach((el) => {
    const rec = quizRecord(all, el.dataset.quizScore!);
    const best = bestAttempt(rec);
    const last = lastAttempt(rec);
    const brief = el.dataset.format === 'best';
    const didPass = rec.history.some((a) => passed(a, passMark(el)));
    const verdict = didPass ? 'Passed' : 'Not passed yet';
    const scores = !best || !last ? '' : brief ? `best ${pct(best.score)}` : rec.history.length === 1 ? `score ${pct(last.score)}` : `best ${pct(best.score)} · last ${pct(last.score)}`;
    const text = !best ? 'Not taken yet' : `${verdict} · ${scores}`;
    el.textContent = brief ? text.toLowerCase() : text;
    el.dataset.state = best ? (didPass ? 'passed' : 'taken') : 'none';
  });
  return all;
}
