/**
 * Glossary tooltip helpers: after Escape hid the tooltips (site.ts), the next hover/focus shows them
 * again; each bubble is shifted to stay inside the viewport.
 */
export function enhanceTerms(first: HTMLElement): void {
  const show = (term: HTMLElement) => {
    term.classList.remove('dismissed');
    const tip = term.querySelector<HTMLElement>('.term-tip');
    if (!tip) return;
    tip.style.setProperty('--shift', '0px');
    const r = tip.getBoundingClientRect();
    const over = r.right - (document.documentElement.clientWidth - 8);
    if (over > 0) tip.style.setProperty('--shift', `${-Math.min(over, r.left - 8)}px`);
  };
  document.querySelectorAll<HTMLElement>('.term').forEach((term) => {
    term.addEventListener('mouseenter', () => show(term));
    term.addEventListener('focusin', () => show(term));
  });
  show(first);
}
