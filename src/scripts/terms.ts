/**
 * Glossary tooltip helpers: after Escape hid the tooltips (site.ts), the next hover/focus shows them
 * again; each bubble is shifted to stay inside the viewport.
 */
export function enhanceTerms(first: HTMLElement): void {
  const place = (term: HTMLElement) => {
    const tip = term.querySelector<HTMLElement>('.term-tip');
    if (!tip) return;
    tip.style.setProperty('--shift', '0px');
    const r = tip.getBoundingClientRect();
    const over = r.right - (document.documentElement.clientWidth - 8);
    if (over > 0) tip.style.setProperty('--shift', `${-Math.min(over, r.left - 8)}px`);
  };
  const show = (term: HTMLElement) => {
    term.classList.remove('dismissed');
    place(term);
  };
  document.querySelectorAll<HTMLElement>('.term').forEach((term) => {
    term.addEventListener('mouseenter', () => show(term));
    term.addEventListener('focusin', () => show(term));
  });
  // The term that loaded this module is only placed: Escape may have hidden its tooltip while the
  // module was on its way, and that choice stands until the next hover or focus.
  if (!first.classList.contains('dismissed')) place(first);
}
