import { formatPath, type Issue, type PathSegment } from './issues';

/**
 * Small checks of the shape of plain data handed to an engine (an action from a widget, a lab log or
 * a test), written by hand rather than with zod so the simulators in the browser stay small. A rule
 * returns null when the value is fine, or the first issue, with its path inside the value.
 */
export type Rule = (value: unknown) => Issue | null;
/** Rules of an object's fields; extra fields are not looked at. */
export type Shape = Record<string, Rule>;

/** How a wrong value is named in a message: never "NaN" or "undefined" on screen (DESIGN rule 6). */
export function shown(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (typeof v === 'number' && !Number.isFinite(v)) return Number.isNaN(v) ? 'a value that is not a number' : 'an infinite number';
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  if (v === null || typeof v === 'boolean' || typeof v === 'number') return String(v);
  return Array.isArray(v) ? 'a list' : typeof v === 'object' ? 'a mapping' : typeof v;
}

const problem = (message: string): Issue => ({ path: [], message });
const under = (seg: PathSegment, issue: Issue): Issue => ({ ...issue, path: [seg, ...issue.path] });

export const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

export const text: Rule = (v) => (typeof v === 'string' ? null : problem(`expected text, got ${shown(v)}`));
export const bool: Rule = (v) => (typeof v === 'boolean' ? null : problem(`expected true or false, got ${shown(v)}`));
export const finite: Rule = (v) => (typeof v === 'number' && Number.isFinite(v) ? null : problem(`expected a number, got ${shown(v)}`));
export const int =
  (min: number, max?: number): Rule =>
  (v) =>
    typeof v === 'number' && Number.isInteger(v) && v >= min && (max === undefined || v <= max)
      ? null
      : problem(`expected a whole number ${max === undefined ? `of at least ${min}` : `from ${min} to ${max}`}, got ${shown(v)}`);
export const oneOf =
  (...values: readonly string[]): Rule =>
  (v) =>
    typeof v === 'string' && values.includes(v) ? null : problem(`expected one of ${values.map((x) => JSON.stringify(x)).join(', ')}, got ${shown(v)}`);
export const optional =
  (rule: Rule): Rule =>
  (v) =>
    v === undefined ? null : rule(v);
export const nullable =
  (rule: Rule): Rule =>
  (v) =>
    v === null ? null : rule(v);
export const anyOf =
  (message: string, ...rules: Rule[]): Rule =>
  (v) =>
    rules.some((r) => r(v) === null) ? null : problem(`${message}, got ${shown(v)}`);
export const list =
  (rule: Rule): Rule =>
  (v) => {
    if (!Array.isArray(v)) return problem(`expected a list, got ${shown(v)}`);
    for (const [i, item] of v.entries()) {
      const issue = rule(item);
      if (issue) return under(i, issue);
    }
    return null;
  };
/** An object whose own fields follow `shape`. */
export const object =
  (shape: Shape): Rule =>
  (v) => {
    if (!isRecord(v)) return problem(`expected a mapping, got ${shown(v)}`);
    for (const [field, rule] of Object.entries(shape)) {
      const issue = rule(Object.hasOwn(v, field) ? v[field] : undefined);
      if (issue) return under(field, issue);
    }
    return null;
  };

/**
 * An action `{ type, …fields }` checked against the shape of its type: null when fine, else the
 * issue (an unknown type names the closest type through `suggest` and lists them all).
 */
export function actionIssue(input: unknown, shapes: Readonly<Record<string, Shape>>, suggest: (type: unknown, types: string[]) => string | undefined): Issue | null {
  if (!isRecord(input)) return problem(`expected an action (a mapping with a "type"), got ${shown(input)}`);
  const type = Object.hasOwn(input, 'type') ? input['type'] : undefined;
  const types = Object.keys(shapes);
  if (typeof type !== 'string' || !Object.hasOwn(shapes, type)) {
    const guess = suggest(type, types);
    return { path: ['type'], message: `unknown action ${shown(type)}`, hint: `${guess ? `Did you mean "${guess}"? ` : ''}The actions are ${types.join(', ')}` };
  }
  return object(shapes[type]!)(input);
}

/** `disks[0].disk: expected …` for messages that carry the path in their text. */
export const issueText = (issue: Issue): string => `${issue.path.length > 0 ? `${formatPath(issue.path)}: ` : ''}${issue.message}${issue.hint ? `. ${issue.hint}` : ''}`;
