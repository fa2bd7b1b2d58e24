/** Adds a "Copy" button to an Expressive Code frame; the result is announced to screen readers. */
export function addCopyButton(frame: HTMLElement): void {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'copy-code';
  button.textContent = 'Copy';
  button.setAttribute('aria-label', 'Copy code to clipboard');
  const status = document.createElement('span');
  status.className = 'visually-hidden';
  status.setAttribute('role', 'status');
  button.addEventListener('click', async () => {
    const lines = [...frame.querySelectorAll<HTMLElement>('.ec-line')].map((l) => l.innerText.replace(/\n$/, ''));
    try {
      await navigator.clipboard.writeText(lines.join('\n'));
      status.textContent = button.textContent = 'Copied';
    } catch {
      status.textContent = button.textContent = 'Copy failed';
    }
    setTimeout(() => (button.textContent = 'Copy'), 2000);
  });
  frame.append(button, status);
}
