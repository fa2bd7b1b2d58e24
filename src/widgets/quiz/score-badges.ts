/**
 * Saved quiz scores on text pages (course home, quizzes page, progress page), without the quiz
 * engine or a framework: these pages run it on load, so it stays a few hundred bytes.
 *   <span data-quiz-score="quiz-id">…</span>            → "Best 88% · last 75%", "Score 75%" or "Not taken yet"
 *   <span data-quiz-score="quiz-id" data-format="best"> → "best 88%" or "not taken yet" (after a "Quiz:" label)
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
    const text = !best || !last ? 'Not taken yet' : brief ? `Best ${pct(best.score)}` : rec.history.length === 1 ? `Score ${pct(last.score)}` : `Best ${pct(best.score)} · last ${pct(last.score)}`;
    el.textContent = brief ? text.toLowerCase() : text;
    el.dataset.state = best ? (passed(best, passMark(el)) ? 'passed' : 'taken') : 'none';
  });
  return all;
}
