import { ELEMENT_NODE, parse, TEXT_NODE, type Node } from 'ultrahtml';
import { decodeEntities } from './html-entities';

/** The text a cell shows, without a glossary term's tooltip (role="tooltip"), which a screen reader reads on its own. */
function shownText(node: Node): string {
  if (node.type === TEXT_NODE) return decodeEntities(node.value);
  if (node.type === ELEMENT_NODE && node.attributes?.['role'] === 'tooltip') return '';
  return (node.children ?? []).map(shownText).join('');
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
  const head = all(parse(innerHtml), 'thead')[0];
  const headings = head ? all(head, 'th').map((th) => shownText(th).replace(/\s+/g, ' ').trim()).filter((text) => text !== '') : [];
  return headings.length > 0 ? `Table: ${headings.join(', ')} (scrolls sideways)` : 'Table (scrolls sideways)';
}
