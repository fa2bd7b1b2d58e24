/**
 * Per-student variables (Packet Tracer's Variable Manager): values drawn from a seed that is
 * derived from the student id and the lab id, substituted as `{{name}}` into the start state,
 * the brief, the goals, the hints and the solution. Two students get different ports, addresses
 * or names; the same student always gets the same ones.
 */
import { createRng, seedFrom } from '../sim/core/rng';
import type { VariableSpec } from './variable-schema';

export type { VariableSpec };

export const VARIABLE_NAME = /^[a-z][a-zA-Z0-9_]*$/;

export type VariableValue = string | number;
export type Variables = Record<string, VariableValue>;

/**
 * The seed of a student's variant: an FNV-1a hash of the lab id and the student id (trimmed,
 * lower-cased), as 8 hex digits. The grading command recomputes it from the report's student id,
 * so a report handed in under another student's id does not fit.
 */
export function labSeed(labId: string, studentId: string): string {
  return seedFrom(`${labId}\u0000${normalizeStudentId(studentId)}`).toString(16).padStart(8, '0');
}

export const normalizeStudentId = (id: string): string => id.trim().toLowerCase();

function ipToInt(ip: string): number {
  return ip.split('.').reduce((n, part) => n * 256 + Number(part), 0);
}
const intToIp = (n: number): string => [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.');

/** Draws every variable, in the order the lab file lists them, from one generator seeded by `seed`. */
export function drawVariables(specs: Record<string, VariableSpec>, seed: string): Variables {
  const rng = createRng(`vars:${seed}`);
  const out: Variables = {};
  for (const [name, spec] of Object.entries(specs)) {
    switch (spec.kind) {
      case 'int': {
        const choices: number[] = [];
        for (let v = spec.min; v <= spec.max && choices.length < 100_000; v += spec.step) if (!spec.avoid.includes(v)) choices.push(v);
        out[name] = rng.pick(choices);
        break;
      }
      case 'pick':
        out[name] = rng.pick(spec.from);
        break;
      case 'address': {
        const base = ipToInt(spec.cidr.split('/')[0]!);
        out[name] = intToIp(base + rng.int(spec.first, spec.last));
        break;
      }
      case 'name':
        out[name] = `${spec.prefix}${spec.words ? rng.pick(spec.words) : rng.int(1, 99)}`;
        break;
    }
  }
  return out;
}

/** Problems in a variable definition that zod cannot see (an empty range, an address outside its block). */
export function checkVariable(spec: VariableSpec): string | null {
  if (spec.kind === 'int' && spec.min > spec.max) return `min (${spec.min}) is above max (${spec.max})`;
  if (spec.kind === 'int') {
    let any = false;
    for (let v = spec.min; v <= spec.max && !any; v += spec.step) any = !spec.avoid.includes(v);
    if (!any) return 'every value in the range is avoided';
  }
  if (spec.kind === 'address') {
    const bits = Number(spec.cidr.split('/')[1]);
    const size = 2 ** (32 - bits);
    if (bits < 8 || bits > 30) return `the block /${bits} is not between /8 and /30`;
    if (spec.first > spec.last) return `first (${spec.first}) is above last (${spec.last})`;
    if (spec.last >= size - 1) return `last (${spec.last}) is outside ${spec.cidr} (host numbers 1 to ${size - 2})`;
  }
  return null;
}

const PLACEHOLDER = /\{\{\s*([a-zA-Z0-9_]+)\s*\}\}/g;
const WHOLE = /^\{\{\s*([a-zA-Z0-9_]+)\s*\}\}$/;

/** Every `{{name}}` used in a value, for the build-time check that each one is defined. */
export function placeholdersIn(value: unknown, out = new Set<string>()): Set<string> {
  if (typeof value === 'string') for (const m of value.matchAll(PLACEHOLDER)) out.add(m[1]!);
  else if (Array.isArray(value)) for (const v of value) placeholdersIn(v, out);
  else if (value !== null && typeof value === 'object') for (const v of Object.values(value)) placeholdersIn(v, out);
  return out;
}

const has = (vars: Variables, name: string): boolean => Object.prototype.hasOwnProperty.call(vars, name);

/**
 * Substitutes variables into plain JSON. A string that is only `{{port}}` becomes the value itself
 * (a number stays a number, so `port: "{{port}}"` validates as a port); inside longer text the
 * value is written out. Unknown names are left as they are (the build reports them).
 */
export function substitute<T>(value: T, vars: Variables): T {
  if (typeof value === 'string') {
    const whole = WHOLE.exec(value);
    if (whole && has(vars, whole[1]!)) return vars[whole[1]!] as T;
    return value.replace(PLACEHOLDER, (m, n: string) => (has(vars, n) ? String(vars[n]) : m)) as T;
  }
  if (Array.isArray(value)) return value.map((v) => substitute(v, vars)) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = substitute(v, vars);
    return out as T;
  }
  return value;
}

/** Text for HTML: variables substituted and escaped (the brief is rendered at build time with placeholders). */
export function substituteHtml(html: string, vars: Variables): string {
  const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  return html.replace(PLACEHOLDER, (m, n: string) => (has(vars, n) ? esc(String(vars[n])) : m));
}
