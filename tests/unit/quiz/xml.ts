/** A strict little XML reader for the export tests: throws on anything not well-formed. */

/** fast-xml-validator's strictest checks: no `]]>` in text, no `--` in comments, no `<` in attribute values. */
export const STRICT_XML = { invalidCharSequence: { comment: true, tagValue: true, attrLt: true } };

export interface XmlNode {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  text: string;
}

const ENTITY = /&(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);/gi;

export function decodeXml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

function checkText(text: string, where: string): void {
  const bare = text.replace(ENTITY, '');
  if (/[<>&]/.test(bare)) throw new Error(`unescaped markup in ${where}: ${JSON.stringify(text.slice(0, 60))}`);
}

export function parseXml(xml: string): XmlNode {
  const body = xml.replace(/^<\?xml[^?]*\?>\s*/, '');
  const root: XmlNode = { name: '#document', attrs: {}, children: [], text: '' };
  const stack: XmlNode[] = [root];
  const token = /<(\/?)([A-Za-z_][\w:.-]*)((?:\s+[\w:.-]+="[^"]*")*)\s*(\/?)>|([^<]+)|(<)/g;
  for (const m of body.matchAll(token)) {
    const [, close, name, attrText, selfClose, text, stray] = m;
    const top = stack[stack.length - 1]!;
    if (stray) throw new Error(`stray "<" at ${m.index}`);
    if (text !== undefined) {
      checkText(text, `<${top.name}>`);
      top.text += decodeXml(text);
      continue;
    }
    if (close) {
      if (top.name !== name) throw new Error(`</${name}> closes <${top.name}>`);
      stack.pop();
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const a of (attrText ?? '').matchAll(/([\w:.-]+)="([^"]*)"/g)) {
      checkText(a[2]!, `attribute ${a[1]}`);
      attrs[a[1]!] = decodeXml(a[2]!);
    }
    const node: XmlNode = { name: name!, attrs, children: [], text: '' };
    top.children.push(node);
    if (!selfClose) stack.push(node);
  }
  if (stack.length !== 1) throw new Error(`<${stack[stack.length - 1]!.name}> is never closed`);
  if (root.children.length !== 1) throw new Error('expected exactly one root element');
  return root.children[0]!;
}

export function all(node: XmlNode, name: string): XmlNode[] {
  const out: XmlNode[] = [];
  const walk = (n: XmlNode) => {
    for (const c of n.children) {
      if (c.name === name) out.push(c);
      walk(c);
    }
  };
  walk(node);
  return out;
}

export function first(node: XmlNode, name: string): XmlNode {
  const found = all(node, name)[0];
  if (!found) throw new Error(`no <${name}> under <${node.name}>`);
  return found;
}

/** The text a Canvas student sees in a mattext: the HTML inside, tags removed (`code` back in backticks), entities decoded. */
export function shownText(mattext: XmlNode): string {
  return decodeXml(
    mattext.text
      .replace(/<br\/?>/g, '\n')
      .replace(/<\/p><p>/g, '\n\n')
      .replace(/<\/?p>/g, '')
      .replace(/<\/?code>/g, '`'),
  );
}

export function field(item: XmlNode, label: string): string {
  const f = all(item, 'qtimetadatafield').find((x) => first(x, 'fieldlabel').text === label);
  if (!f) throw new Error(`no metadata field ${label}`);
  return first(f, 'fieldentry').text;
}
