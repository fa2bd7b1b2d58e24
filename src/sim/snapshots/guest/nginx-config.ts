import { compareVersions } from './catalog';

/**
 * A small `nginx -t`: enough of nginx's config parser to tell a working config from a broken
 * one, with nginx's own wording (SPEC G4). The one version-dependent rule is the one that
 * breaks real upgrades: the `ssl` directive, deprecated since 1.15.0, is no longer supported
 * from 1.25.1 (nginx CHANGES, 1.25.1).
 */

export interface NginxDiagnostic {
  message: string;
  /** 1-based line, or null for whole-file problems such as a missing events section. */
  line: number | null;
}

export interface NginxCheck {
  ok: boolean;
  emerg: NginxDiagnostic | null;
  warnings: NginxDiagnostic[];
}

type Arity = [min: number, max: number];
const ANY: Arity = [1, Infinity];

interface DirectiveSpec {
  block: boolean;
  arity: Arity;
  /** Contexts the directive may appear in; 'main' is the top level. */
  contexts: string[];
}

const simple = (arity: Arity, contexts: string[]): DirectiveSpec => ({ block: false, arity, contexts });
const block = (arity: Arity, contexts: string[]): DirectiveSpec => ({ block: true, arity, contexts });
const HTTP_ANY = ['http', 'server', 'location'];

const DIRECTIVES: Record<string, DirectiveSpec> = {
  user: simple([1, 2], ['main']),
  worker_processes: simple([1, 1], ['main']),
  pid: simple([1, 1], ['main']),
  include: simple([1, 1], ['main', 'events', ...HTTP_ANY, 'types']),
  error_log: simple(ANY, ['main', ...HTTP_ANY]),
  events: block([0, 0], ['main']),
  worker_connections: simple([1, 1], ['events']),
  http: block([0, 0], ['main']),
  default_type: simple([1, 1], HTTP_ANY),
  types: block([0, 0], HTTP_ANY),
  sendfile: simple([1, 1], HTTP_ANY),
  tcp_nopush: simple([1, 1], HTTP_ANY),
  keepalive_timeout: simple([1, 2], HTTP_ANY),
  access_log: simple(ANY, HTTP_ANY),
  gzip: simple([1, 1], HTTP_ANY),
  server: block([0, 0], ['http']),
  listen: simple(ANY, ['server']),
  server_name: simple(ANY, ['server']),
  root: simple([1, 1], HTTP_ANY),
  index: simple(ANY, HTTP_ANY),
  location: block([1, 2], ['server', 'location']),
  try_files: simple([2, Infinity], ['server', 'location']),
  return: simple([1, 2], ['server', 'location']),
  proxy_pass: simple([1, 1], ['location']),
  proxy_set_header: simple([2, 2], HTTP_ANY),
  add_header: simple([2, 3], HTTP_ANY),
  client_max_body_size: simple([1, 1], HTTP_ANY),
  ssl: simple([1, 1], ['http', 'server']),
  ssl_certificate: simple([1, 1], ['http', 'server']),
  ssl_certificate_key: simple([1, 1], ['http', 'server']),
  ssl_protocols: simple(ANY, ['http', 'server']),
  http2: simple([1, 1], ['http', 'server']),
};

const LISTEN_PARAMS = /^(ssl|http2|default_server|default|reuseport|deferred|bind|ipv6only=(on|off)|backlog=\d+|proxy_protocol)$/;

interface Token {
  text: string;
  line: number;
  quoted: boolean;
}

function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let line = 1;
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (c === '\n') {
      line++;
      i++;
    } else if (/\s/.test(c)) i++;
    else if (c === '#') {
      while (i < src.length && src[i] !== '\n') i++;
    } else if (c === ';' || c === '{' || c === '}') {
      tokens.push({ text: c, line, quoted: false });
      i++;
    } else if (c === '"' || c === "'") {
      const start = line;
      let j = i + 1;
      let text = '';
      while (j < src.length && src[j] !== c) {
        if (src[j] === '\n') line++;
        text += src[j];
        j++;
      }
      tokens.push({ text, line: start, quoted: true });
      i = j + 1;
    } else {
      let text = '';
      while (i < src.length && !/[\s;{}#]/.test(src[i]!)) text += src[i++];
      tokens.push({ text, line, quoted: false });
    }
  }
  return tokens;
}

const SSL_REMOVED_IN = '1.25.1';

export function checkNginxConfig(src: string, nginxVersion: string): NginxCheck {
  const tokens = tokenize(src);
  const warnings: NginxDiagnostic[] = [];
  const fail = (message: string, line: number | null): NginxCheck => ({ ok: false, emerg: { message, line }, warnings });
  const stack: string[] = ['main'];
  let sawEvents = false;
  // nginx counts lines as it reads, so an error at end of file points past the last newline.
  const eofLine = src.split('\n').length;
  let i = 0;
  while (i < tokens.length) {
    const head = tokens[i]!;
    if (head.text === '}' && !head.quoted) {
      if (stack.length === 1) return fail('unexpected "}"', head.line);
      stack.pop();
      i++;
      continue;
    }
    if (head.text === ';' || head.text === '{') return fail(`unexpected "${head.text}"`, head.line);
    const args: Token[] = [];
    i++;
    while (i < tokens.length && (tokens[i]!.quoted || !/^[;{}]$/.test(tokens[i]!.text))) args.push(tokens[i++]!);
    const end = tokens[i];
    if (!end) return fail(`unexpected end of file, expecting ";" or "}"`, eofLine);
    if (end.text === '}') return fail('unexpected "}"', end.line);
    const name = head.text;
    const context = stack[stack.length - 1]!;
    if (context === 'types') {
      // A types block maps MIME types to extensions: any words, one mapping per statement.
      if (end.text === '{') return fail(`unexpected "{"`, end.line);
      i++;
      continue;
    }
    const removed = name === 'ssl' && compareVersions(nginxVersion, SSL_REMOVED_IN) >= 0;
    const spec = removed ? undefined : DIRECTIVES[name];
    if (!spec) return fail(`unknown directive "${name}"`, head.line);
    if (!spec.contexts.includes(context)) return fail(`"${name}" directive is not allowed here`, head.line);
    if (spec.block && end.text === ';') return fail(`directive "${name}" has no opening "{"`, end.line);
    if (!spec.block && end.text === '{') return fail(`directive "${name}" is not terminated by ";"`, end.line);
    if (args.length < spec.arity[0] || args.length > spec.arity[1]) {
      return fail(`invalid number of arguments in "${name}" directive`, head.line);
    }
    const problem = checkArguments(name, args.map((a) => a.text));
    if (problem) return fail(problem, head.line);
    if (name === 'ssl') {
      warnings.push({ message: 'the "ssl" directive is deprecated, use the "listen ... ssl" directive instead', line: head.line });
    }
    if (name === 'events' && context === 'main') sawEvents = true;
    if (end.text === '{') stack.push(name);
    i++;
  }
  if (stack.length > 1) return fail('unexpected end of file, expecting "}"', eofLine);
  if (!sawEvents) return fail('no "events" section in configuration', null);
  return { ok: true, emerg: null, warnings };
}

function checkArguments(name: string, args: string[]): string | null {
  if (name === 'listen') {
    const address = args[0]!;
    const port = address.includes(':') ? address.slice(address.lastIndexOf(':') + 1) : address;
    if (/^\d+$/.test(port)) {
      const n = Number(port);
      if (n < 1 || n > 65535) return `invalid port in "${address}" of the "listen" directive`;
    } else if (!address.includes(':') && !address.includes('.')) {
      return `host not found in "${address}" of the "listen" directive`;
    }
    const bad = args.slice(1).find((p) => !LISTEN_PARAMS.test(p));
    if (bad) return `invalid parameter "${bad}"`;
  }
  if (['sendfile', 'gzip', 'ssl', 'http2', 'tcp_nopush'].includes(name) && !/^(on|off)$/.test(args[0]!)) {
    return `invalid value "${args[0]}" in "${name}" directive, it must be "on" or "off"`;
  }
  if (name === 'worker_connections' && !/^\d+$/.test(args[0]!)) return `invalid number "${args[0]}"`;
  return null;
}

/** How `nginx -t` prints a diagnostic. */
export function formatNginxDiagnostic(level: 'emerg' | 'warn', d: NginxDiagnostic, file: string): string {
  return `nginx: [${level}] ${d.message}${d.line === null ? '' : ` in ${file}:${d.line}`}`;
}
