import { ELEMENT_NODE, parse, TEXT_NODE, type Node } from 'ultrahtml';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Text of rendered HTML with the entities Astro writes turned back into characters. */
function decode(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number.parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    const key = name.toLowerCase();
    return Object.hasOwn(ENTITIES, key) ? ENTITIES[key]! : whole;
  });
}

/** The text a cell shows, without a glossary term's tooltip (role="tooltip"), which a screen reader reads on its own. */
function shownText(node: Node): string {
  if (node.type === TEXT_NODE) return decode(node.value);
  if (node.type === ELEMENT_NODE && node.attributes?.['role'] === 'tooltip') return '';
  return (node.children ?? []).map(shownText).join('');
}

function find(node: Node, name: string): Node | undefined {
  if (node.type === ELEMENT_NODE && node.name === name) return node;
  for (const child of node.children ?? []) {
    const found = find(child, name);
    if (found) return found;
  }
  return undefined;
}

function all(node: Node, name: string): Node[] {
  const own = node.type === ELEMENT_NODE && node.name === name ? [node] : [];
  return [...own, ...(node.children ?? []).flatMap((child: Node) => all(child, name))];
}

/**
 * The name of a lesson table's scrolling region, from the inner HTML of the `<table>`: its column
 * headings ("Table: Hypervisor, Refuses to start, Warns or advises (scrolls sideways)"), so that the
 * tables of a lesson are told apart in a screen reader's list of regions. Without headings, the
 * plain "Table (scrolls sideways)".
 */
export function tableLabel(innerHtml: string): string {
  const head = find(parse(innerHtml), 'thead');
  const headings = head ? all(head, 'th').map((th) => shownText(th).replace(/\s+/g, ' ').trim()).filter((text) => text !== '') : [];
  return headings.length > 0 ? `Table: ${headings.join(', ')} (scrolls sideways)` : 'Table (scrolls sideways)';
}
