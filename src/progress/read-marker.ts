import { readLessons, setLessonRead } from './lessons';
import { showNotices } from './notices';

/**
 * Reading progress on the page: the marker at the end of a lesson (reaching it marks the lesson read;
 * the button toggles) and the read badges on the course home.
 */
export function initReadMarker(marker: HTMLElement): void {
  const id = marker.dataset.lesson ?? '';
  const button = marker.querySelector<HTMLButtonElement>('.read-toggle')!;
  const status = marker.querySelector<HTMLElement>('.read-status')!;
  let chosen = false;
  const show = (read: boolean, message?: string) => {
    button.setAttribute('aria-pressed', String(read));
    button.textContent = read ? 'Mark as not read' : 'Mark as read';
    status.textContent = message ?? (read ? 'You have read this lesson.' : 'Not marked as read.');
    marker.classList.toggle('is-read', read);
  };
  show(id in readLessons());
  showNotices();
  button.addEventListener('click', () => {
    chosen = true;
    show(id in setLessonRead(id, !(id in readLessons())));
  });
  new IntersectionObserver((entries, observer) => {
    if (!entries.some((e) => e.isIntersecting)) return;
    observer.disconnect();
    // An explicit choice on this visit wins over "reached the end".
    if (!chosen && !(id in readLessons())) show(id in setLessonRead(id, true), 'Marked as read: you reached the end of the lesson.');
  }).observe(marker);
}

export function showReadBadges(): void {
  const read = readLessons();
  showNotices();
  let count = 0;
  document.querySelectorAll<HTMLElement>('[data-lesson-card]').forEach((card) => {
    const done = (card.dataset.lessonCard ?? '') in read;
    if (done) count += 1;
    card.classList.toggle('is-read', done);
    const status = card.querySelector('[data-read-status]');
    if (status) status.textContent = done ? 'Read ✓' : 'Not read yet';
  });
  const summary = document.querySelector<HTMLElement>('[data-progress-summary]');
  if (summary) summary.textContent = `You have read ${count} of ${summary.dataset.total} lessons.`;
}
