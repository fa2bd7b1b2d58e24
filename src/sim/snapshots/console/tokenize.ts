/**
 * Just enough of a shell: words with '…' and "…" quoting and \ escapes, `>`/`>>` redirection,
 * and commands chained with `&&` (stop on failure) or `;`.
 */

export interface ParsedCommand {
  words: string[];
  redirect: { path: string; append: boolean } | null;
  /** How this command joins the previous one. */
  joiner: '&&' | ';' | null;
}

export type TokenizeResult = { ok: true; commands: ParsedCommand[] } | { ok: false; error: string };

type Token = { kind: 'word'; text: string } | { kind: 'op'; text: '&&' | ';' | '>' | '>>' };

function lex(line: string): Token[] | string {
  const tokens: Token[] = [];
  let i = 0;
  while (i < line.length) {
    const c = line[i]!;
    if (c === ' ' || c === '\t') {
      i++;
      continue;
    }
    if (c === '#') break;
    if (line.startsWith('&&', i)) {
      tokens.push({ kind: 'op', text: '&&' });
      i += 2;
      continue;
    }
    if (line.startsWith('>>', i)) {
      tokens.push({ kind: 'op', text: '>>' });
      i += 2;
      continue;
    }
    if (c === '>' || c === ';') {
      tokens.push({ kind: 'op', text: c });
      i++;
      continue;
    }
    let word = '';
    while (i < line.length && !/[ \t;>]/.test(line[i]!) && !line.startsWith('&&', i)) {
      const ch = line[i]!;
      if (ch === "'" || ch === '"') {
        const end = line.indexOf(ch, i + 1);
        if (end === -1) return `bash: unexpected EOF while looking for matching \`${ch}'`;
        let inner = line.slice(i + 1, end);
        if (ch === '"') inner = inner.replace(/\\(["\\$`])/g, '$1');
        word += inner;
        i = end + 1;
      } else if (ch === '\\' && i + 1 < line.length) {
        word += line[i + 1];
        i += 2;
      } else {
        word += ch;
        i++;
      }
    }
    tokens.push({ kind: 'word', text: word });
  }
  return tokens;
}

export function tokenize(line: string): TokenizeResult {
  const tokens = lex(line);
  if (typeof tokens === 'string') return { ok: false, error: tokens };
  const commands: ParsedCommand[] = [];
  let current: ParsedCommand = { words: [], redirect: null, joiner: null };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind === 'word') {
      current.words.push(t.text);
    } else if (t.text === '>' || t.text === '>>') {
      const target = tokens[i + 1];
      if (!target || target.kind !== 'word') return { ok: false, error: "bash: syntax error near unexpected token `newline'" };
      current.redirect = { path: target.text, append: t.text === '>>' };
      i++;
    } else {
      if (current.words.length === 0) return { ok: false, error: `bash: syntax error near unexpected token \`${t.text}'` };
      commands.push(current);
      current = { words: [], redirect: null, joiner: t.text };
    }
  }
  if (current.words.length > 0) commands.push(current);
  else if (current.joiner === '&&') return { ok: false, error: "bash: syntax error near unexpected token `&&'" };
  return { ok: true, commands };
}

/** Options in `--name value` or `--name=value` form, plus the remaining positional words. */
export interface Options {
  flags: Set<string>;
  values: Map<string, string>;
  positional: string[];
}

/**
 * `valued` lists options that take a value (e.g. `--description`); every other `-x`/`--x` is a
 * flag. Single-dash long options (VBoxManage's legacy `-description`) are accepted as well.
 */
/**
 * `valued` options take the next word as their value; `optional` ones (Proxmox booleans, Getopt's
 * `:s`) take it only when it is not another option, and are "1" when given bare (`--full`).
 */
export function parseOptions(words: string[], valued: string[], optional: readonly string[] = []): Options | { error: string } {
  const flags = new Set<string>();
  const values = new Map<string, string>();
  const positional: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (!w.startsWith('-') || w === '-' || /^-\d/.test(w)) {
      positional.push(w);
      continue;
    }
    const eq = w.indexOf('=');
    const name = (eq === -1 ? w : w.slice(0, eq)).replace(/^--?/, '');
    if (optional.includes(name) && eq === -1) {
      const next = words[i + 1];
      values.set(name, next !== undefined && !next.startsWith('-') ? words[++i]! : '1');
    } else if (valued.includes(name)) {
      if (eq !== -1) values.set(name, w.slice(eq + 1));
      else if (i + 1 < words.length) values.set(name, words[++i]!);
      else return { error: `option --${name} needs a value` };
    } else if (eq !== -1) {
      values.set(name, w.slice(eq + 1));
    } else {
      flags.add(name);
    }
  }
  return { flags, values, positional };
}
