import type { z } from 'zod';
import { fail, ok, type Issue, type PathSegment, type Result } from './issues';
import { closest } from './suggest';

/* Validation apart from YAML parsing, so code that checks already-parsed data (a lab in the browser) loads no YAML parser. */

/**
 * zod issues → our issues, with messages a student or instructor can act on
 * ("expected a number, got "eight"" rather than "Invalid input").
 */
export function issuesFromZod(error: z.ZodError, input: unknown): Issue[] {
  return error.issues.map((zi) => {
    const path = zi.path.filter((p): p is PathSegment => typeof p !== 'symbol');
    return { path, message: describeZodIssue(zi, valueAt(input, path)) };
  });
}

function valueAt(input: unknown, path: PathSegment[]): unknown {
  let cur: unknown = input;
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[seg];
  }
  return cur;
}

function describeValue(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  return JSON.stringify(v);
}

/** zod's own messages start like this; anything else was written by a schema author and is kept. */
const DEFAULT_MESSAGE = /^(Invalid|Too (small|big)|Unrecognized)/;

function describeZodIssue(zi: z.core.$ZodIssue, received: unknown): string {
  if (zi.message && !DEFAULT_MESSAGE.test(zi.message)) return zi.message;
  switch (zi.code) {
    case 'invalid_type':
      return received === undefined
        ? `missing required field (expected ${zi.expected})`
        : `expected ${zi.expected}, got ${describeValue(received)}`;
    case 'invalid_value':
      return `expected one of ${zi.values.map((v) => JSON.stringify(v)).join(', ')}, got ${describeValue(received)}`;
    case 'unrecognized_keys':
      return `unknown field${zi.keys.length > 1 ? 's' : ''} ${zi.keys.map((k) => JSON.stringify(k)).join(', ')}`;
    case 'too_small':
      return zi.origin === 'array'
        ? `needs at least ${zi.minimum} item${Number(zi.minimum) === 1 ? '' : 's'}`
        : zi.origin === 'string'
          ? zi.minimum === 1
            ? 'must not be empty'
            : `must be at least ${zi.minimum} characters`
          : `must be ${zi.inclusive ? 'at least' : 'greater than'} ${zi.minimum}, got ${describeValue(received)}`;
    case 'too_big':
      return zi.origin === 'array'
        ? `allows at most ${zi.maximum} items`
        : zi.origin === 'string'
          ? `must be at most ${zi.maximum} characters`
          : `must be ${zi.inclusive ? 'at most' : 'less than'} ${zi.maximum}, got ${describeValue(received)}`;
    case 'invalid_format':
      return `is not a valid ${zi.format}`;
    default:
      return zi.message;
  }
}

/** Validate already-parsed data against a schema, with friendly issues on failure. */
export function validate<S extends z.ZodType>(schema: S, data: unknown, options: { suggestKeys?: boolean } = {}): Result<z.output<S>> {
  const parsed = schema.safeParse(data);
  if (parsed.success) return ok(parsed.data);
  const issues = issuesFromZod(parsed.error, data);
  if (!options.suggestKeys) return fail(...issues);
  return fail(
    ...issues.map((issue, i) => {
      const zi = parsed.error.issues[i]!;
      return zi.code === 'unrecognized_keys' ? { ...issue, ...keyHint(zi.keys, fieldsAt(schema, issue.path)) } : issue;
    }),
  );
}

/** `Did you mean "title"?` for one unknown key, one guess per key for several, or the fields there are. */
function keyHint(keys: readonly string[], known: readonly string[]): { hint?: string } {
  if (known.length === 0) return {};
  const guesses = keys.map((k) => [k, closest(k, known)] as const).filter((g): g is readonly [string, string] => g[1] !== undefined);
  if (keys.length === 1 && guesses.length === 1) return { hint: `Did you mean ${JSON.stringify(guesses[0]![1])}?` };
  if (guesses.length > 0) return { hint: `Did you mean ${guesses.map(([k, g]) => `${JSON.stringify(g)} for ${JSON.stringify(k)}`).join(', ')}?` };
  return { hint: `The fields are ${known.map((k) => JSON.stringify(k)).join(', ')}` };
}

interface SchemaDef {
  type: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  innerType?: z.ZodType;
  in?: z.ZodType;
}
const defOf = (schema: z.ZodType): SchemaDef => (schema as unknown as { _zod: { def: SchemaDef } })._zod.def;

/** The field names of the object schema found at `path` (through lists, optionals, defaults and pipes). */
function fieldsAt(schema: z.ZodType, path: readonly PathSegment[]): string[] {
  let cur: z.ZodType | undefined = schema;
  let rest = [...path];
  for (let guard = 0; cur && guard < 100; guard++) {
    const def = defOf(cur);
    if (def.innerType) cur = def.innerType;
    else if (def.type === 'pipe') cur = def.in;
    else if (rest.length === 0) return def.type === 'object' && def.shape ? Object.keys(def.shape) : [];
    else if (def.type === 'array' && typeof rest[0] === 'number') {
      cur = def.element;
      rest = rest.slice(1);
    } else if (def.type === 'object' && def.shape && typeof rest[0] === 'string' && Object.hasOwn(def.shape, rest[0])) {
      cur = def.shape[rest[0]];
      rest = rest.slice(1);
    } else return [];
  }
  return [];
}

