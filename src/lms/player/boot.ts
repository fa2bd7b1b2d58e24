/**
 * What both package scripts share: the course's styles, and the activity the page carries as
 * JSON next to the script (index.html, written by `npm run export`).
 */
import '../../styles/global.css';
import './player.css';

export function activity<T>(kind: 'quiz' | 'lab'): { target: HTMLElement; value: T | null } {
  const target = document.getElementById('app')!;
  try {
    const data = JSON.parse(document.getElementById('activity')?.textContent ?? '') as { kind?: unknown; value?: unknown };
    if (data.kind === kind && data.value && typeof data.value === 'object') return { target, value: data.value as T };
  } catch {
    /* reported below */
  }
  target.textContent = 'This package is damaged: its activity could not be read. Ask your instructor to export it again.';
  return { target, value: null };
}
