/**
 * Enter in a text field submits the little form it belongs to, as in a real <form>: the editors
 * here are groups of fields with an action button, not forms (they live inside one another), so
 * this Svelte action gives them the same keyboard habit. A composing IME keeps its Enter.
 */
export function submitOnEnter(node: HTMLElement, submit: () => void) {
  let current = submit;
  const keydown = (e: KeyboardEvent): void => {
    const t = e.target;
    if (e.key !== 'Enter' || e.isComposing || !(t instanceof HTMLInputElement) || t.type !== 'text') return;
    e.preventDefault();
    current();
  };
  node.addEventListener('keydown', keydown);
  return {
    update(next: () => void) {
      current = next;
    },
    destroy() {
      node.removeEventListener('keydown', keydown);
    },
  };
}
