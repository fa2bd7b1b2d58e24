/**
 * The JavaScript a text page runs on load: theme choice, search button, "on this page" highlight and
 * the phone menu. Everything else loads when its part of the page is used or reached: Pagefind and its
 * UI on first search, tooltip helpers on first hover/focus of a glossary term, copy buttons when a code
 * frame comes near, reading progress at the end of a lesson. The page-weight test holds text pages to
 * 3 KB gzipped.
 */
const root = document.documentElement;
const $ = <T extends HTMLElement = HTMLElement>(sel: string) => document.querySelector<T>(sel);
const $$ = <T extends HTMLElement = HTMLElement>(sel: string) => document.querySelectorAll<T>(sel);
const on = (target: EventTarget, type: string, fn: (e: Event) => void) => target.addEventListener(type, fn);
const visible = (targets: Iterable<Element>, fn: (el: HTMLElement) => void, margin = '0px') => {
  const io = new IntersectionObserver(
    (entries) =>
      entries.forEach((e) => {
        if (!e.isIntersecting) return;
        io.unobserve(e.target);
        fn(e.target as HTMLElement);
      }),
    { rootMargin: margin },
  );
  for (const t of targets) io.observe(t);
};

// Theme: the inline head script already applied the saved choice or the OS preference. The select
// shows the saved choice, or Auto; Auto forgets it and follows the OS again.
const THEME = 'vcourse:theme';
const osTheme = matchMedia('(prefers-color-scheme: dark)');
const savedTheme = (): 'light' | 'dark' | null => {
  try {
    const v = localStorage.getItem(THEME);
    return v === 'light' || v === 'dark' ? v : null;
  } catch {
    return null;
  }
};
let choice: 'light' | 'dark' | 'auto' = savedTheme() ?? 'auto';
const applyTheme = () => {
  root.dataset.theme = choice === 'auto' ? (osTheme.matches ? 'dark' : 'light') : choice;
  $$<HTMLSelectElement>('.theme-choice').forEach((s) => (s.value = choice));
};
applyTheme();
$$<HTMLSelectElement>('.theme-choice').forEach((select) =>
  on(select, 'change', () => {
    const v = select.value;
    choice = v === 'light' || v === 'dark' ? v : 'auto';
    try {
      if (choice === 'auto') localStorage.removeItem(THEME);
      else localStorage.setItem(THEME, choice);
    } catch {
      /* private mode: the choice still holds for this page */
    }
    applyTheme();
  }),
);
on(osTheme, 'change', () => {
  if (choice === 'auto') applyTheme();
});

// Search: the dialog opens at once; Pagefind is fetched on first open.
const dialog = $<HTMLDialogElement>('.search-dialog');
const openSearch = async () => {
  if (!dialog || dialog.open) return;
  dialog.showModal();
  (await import('./search')).startSearch(dialog);
};
on($('.search-button') ?? document.createElement('i'), 'click', openSearch);

// Phone menu for the course contents.
const menu = $<HTMLButtonElement>('.menu-button');
const sidebar = $('#sidebar');
const setMenu = (open: boolean) => {
  menu?.setAttribute('aria-expanded', String(open));
  sidebar?.classList.toggle('open', open);
  if (open) sidebar?.querySelector('a')?.focus();
};
if (menu) on(menu, 'click', () => setMenu(menu.getAttribute('aria-expanded') !== 'true'));

on(document, 'keydown', (ev) => {
  const e = ev as KeyboardEvent;
  const t = e.target as HTMLElement;
  const typing = t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName);
  if (((e.key === '/' && !typing) || (e.key === 'k' && (e.ctrlKey || e.metaKey))) && !dialog?.open) {
    e.preventDefault();
    openSearch();
  }
  if (e.key === 'Escape') {
    // Tooltips hide without moving focus (WCAG 1.4.13); the next hover or focus shows them again.
    $$('.term').forEach((t) => t.classList.add('dismissed'));
    if (sidebar?.classList.contains('open')) {
      setMenu(false);
      menu?.focus();
    }
  }
});

// "On this page": highlight the last heading that has scrolled past the top quarter of the window.
const tocLinks = [...document.querySelectorAll<HTMLAnchorElement>('.toc-aside a')];
const headings = tocLinks.map((a) => document.getElementById(decodeURIComponent(a.hash.slice(1))));
let active = -1;
const highlight = () => {
  let i = 0;
  headings.forEach((h, j) => {
    if (h && h.getBoundingClientRect().top <= innerHeight / 4) i = j;
  });
  if (i === active) return;
  tocLinks[active]?.removeAttribute('aria-current');
  tocLinks[i]?.setAttribute('aria-current', 'true');
  active = i;
};
if (tocLinks.length) {
  on(window, 'scroll', highlight);
  highlight();
}

// After Escape, the next hover or focus of a term shows its tooltip again. This stays in the page
// script: a focus that comes while the helper below is still loading must not be lost.
const reshow = (e: Event) => (e.target as Element).closest?.('.term')?.classList.remove('dismissed');
on(document, 'mouseover', reshow);
on(document, 'focusin', reshow);

// Glossary tooltips show by CSS alone; the helper (keep inside the viewport) loads on the first
// hover or focus of a term.
const firstTerm = (e: Event) => {
  const term = (e.target as Element).closest?.('.term');
  if (!term) return;
  document.removeEventListener('mouseover', firstTerm);
  document.removeEventListener('focusin', firstTerm);
  term.classList.remove('dismissed');
  import('./terms').then((m) => m.enhanceTerms(term as HTMLElement));
};
on(document, 'mouseover', firstTerm);
on(document, 'focusin', firstTerm);
// Touch has no hover: the first tap on a term shows its definition in place; a second tap opens the glossary.
on(document, 'click', (e) => {
  const link = (e.target as Element).closest?.<HTMLElement>('.term-link');
  const term = link?.parentElement;
  if (!link || !term || (e as PointerEvent).pointerType !== 'touch' || term.classList.contains('tapped')) return;
  e.preventDefault();
  term.classList.add('tapped');
  term.classList.remove('dismissed');
  link.focus();
  on(term, 'focusout', () => term.classList.remove('tapped'));
});

visible($$('.expressive-code figure'), (f) => import('./code-copy').then((m) => m.addCopyButton(f)), '200px');

// Reading progress: loads at the end of a lesson (reaching it marks the lesson read) and on the home page.
const progress = () => import('../progress/read-marker');
visible($$('.read-marker'), (m) => progress().then((p) => p.initReadMarker(m)));
if ($('[data-lesson-card]')) progress().then((p) => p.showReadBadges());
