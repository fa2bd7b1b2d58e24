import { isLessonRead, readLessons, setLessonRead } from './lessons';
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
  const NOT_SAVED = 'Not saved: this browser is blocking or out of storage for this site, so your reading progress cannot be kept.';
  show(isLessonRead(readLessons(), id));
  showNotices();
  button.addEventListener('click', () => {
    chosen = true;
    const wanted = !isLessonRead(readLessons(), id);
    const now = isLessonRead(setLessonRead(id, wanted), id);
    show(now, now === wanted ? undefined : NOT_SAVED);
  });
  new IntersectionObserver((entries, observer) => {
    if (!entries.some((e) => e.isIntersecting)) return;
    observer.disconnect();
    // An explicit choice on this visit wins over "reached the end".
    if (!chosen && !isLessonRead(readLessons(), id)) {
      const now = isLessonRead(setLessonRead(id, true), id);
      show(now, now ? 'Marked as read: you reached the end of the lesson.' : NOT_SAVED);
    }
  }).observe(marker);
}

export function showReadBadges(): void {
  const read = readLessons();
  showNotices();
  document.querySelectorAll<HTMLElement>('[data-lesson-card]').forEach((card) => {
    const done = isLessonRead(read, card.dataset.lessonCard ?? '');
    card.classList.toggle('is-read', done);
    const status = card.querySelector('[data-read-status]');
    if (status) status.textContent = done ? 'Read ✓' : 'Not read yet';
  });
}
