import { takeNotices } from './store';

/** Shows any "your saved progress was reset" notices in the page's live region, as text. */
export function showNotices(): void {
  const box = document.getElementById('notices');
  for (const notice of takeNotices()) {
    const p = document.createElement('p');
    p.textContent = notice.message;
    box?.append(p);
  }
}
