/**
 * The attempt tables on the progress page, from saved progress (see score-badges.ts):
 *   <tbody data-quiz-history="quiz-id"></tbody> → one row per attempt, newest first; the closest
 *   [data-quiz-history-box] is hidden while there are none.
 */
import { passed, quizRecord, type QuizzesProgress } from '../../progress/quizzes';
import { passMark, pct } from './score-badges';
import { formatDate } from '../../lib/dates';

export function showQuizHistory(all: QuizzesProgress): void {
  document.querySelectorAll<HTMLTableSectionElement>('[data-quiz-history]').forEach((body) => {
    const { history } = quizRecord(all, body.dataset.quizHistory!);
    body.replaceChildren();
    history.forEach((a, i) => {
      const row = body.insertRow(0);
      row.append(Object.assign(document.createElement('th'), { scope: 'row', textContent: String(i + 1) }));
      for (const text of [formatDate(a.at, { time: true }), pct(a.score), passed(a, passMark(body)) ? 'Passed' : 'Not passed']) row.insertCell().textContent = text;
    });
    body.closest('[data-quiz-history-box]')?.toggleAttribute('hidden', history.length === 0);
  });
}
