/**
 * Saved lab status on text pages (course home, labs page, progress page), without an engine or a
 * framework: `<span data-lab-score="lab-id">` → "Not started", "In progress · 40 %", "Complete · 100 %".
 * The figures are the browser's own last computation; the grade is what the grading command recomputes.
 */
import { bestLabScore, labRecord, readLabs } from '../../progress/labs';

export function showLabScores(): void {
  const all = readLabs();
  document.querySelectorAll<HTMLElement>('[data-lab-score]').forEach((el) => {
    const rec = labRecord(all, el.dataset.labScore!);
    const best = bestLabScore(rec);
    const pct = best && best.possible > 0 ? Math.round((best.earned / best.possible) * 100) : 0;
    const text = !rec || !best ? 'Not started' : pct === 100 ? 'Complete · 100 %' : `In progress · best ${pct} %`;
    el.textContent = el.dataset.format === 'lower' ? text.toLowerCase() : text;
    el.dataset.state = !rec ? 'none' : pct === 100 ? 'complete' : 'started';
  });
}
