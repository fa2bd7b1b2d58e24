type PagefindUI = new (options: Record<string, unknown>) => unknown;
let ready: Promise<void> | undefined;

/**
 * Arrow keys walk from the search field through the result links and back (Enter then opens the
 * focused result, as any link does); Pagefind's UI leaves results to Tab alone.
 */
function moveThroughResults(dialog: HTMLDialogElement): (e: KeyboardEvent) => void {
  return (e) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    const links = [...dialog.querySelectorAll<HTMLAnchorElement>('a.pagefind-ui__result-link')];
    if (links.length === 0) return;
    e.preventDefault();
    const at = links.indexOf(document.activeElement as HTMLAnchorElement);
    const next = e.key === 'ArrowDown' ? Math.min(at + 1, links.length - 1) : at - 1;
    if (next < 0) dialog.querySelector<HTMLInputElement>('input')?.focus();
    else links[next]!.focus();
  };
}

/** Loads Pagefind's UI and index into the search dialog (once) and focuses the search field. */
export async function startSearch(dialog: HTMLDialogElement): Promise<void> {
  const button = document.querySelector<HTMLElement>('.search-button')!;
  const status = dialog.querySelector('.search-status')!;
  const bundle = button.dataset.bundle!;
  ready ??= new Promise<void>((resolve, reject) => {
    const css = document.createElement('link');
    css.rel = 'stylesheet';
    css.href = `${bundle}pagefind-ui.css`;
    const script = document.createElement('script');
    script.src = `${bundle}pagefind-ui.js`;
    script.onload = () => {
      const UI = (window as unknown as { PagefindUI: PagefindUI }).PagefindUI;
      new UI({ element: '#search-ui', showSubResults: true, showImages: false, baseUrl: button.dataset.base, resetStyles: false, autofocus: true });
      dialog.addEventListener('keydown', moveThroughResults(dialog));
      resolve();
    };
    script.onerror = () => reject(new Error('search index missing'));
    document.head.append(css, script);
  });
  try {
    await ready;
    status.textContent = '';
    dialog.querySelector('input')?.focus();
  } catch {
    ready = undefined;
    status.textContent = 'Search is not available: the search index was not found. Build the site with "npm run build" to create it.';
  }
  dialog.querySelector('.search-close')?.addEventListener('click', () => dialog.close(), { once: true });
  dialog.addEventListener('click', (e) => e.target === dialog && dialog.close());
}
