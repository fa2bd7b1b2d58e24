import { z } from 'zod';
import { closest, issuesFromZod, knownList, type Issue } from '../sim/core';
import { ContentError } from './content-error';

/**
 * Props of the components lessons embed (`<NetworkLab>`, `<Lab>`, …), checked at build time through
 * one path, the way Starlight checks its components' props: each component declares a zod object of
 * its props, and `checkProps` turns every mistake into a message that names the lesson file, the
 * component, the prop and a fix:
 *
 *   content/lessons/virtual-networking.mdx › <NetworkLab id="net-home"> › form: unknown prop. Did you mean "from"?
 *
 * MDX does not type-check the props written in a lesson, so without this a misspelt prop name
 * would be silently ignored and the widget would show its default.
 */

export interface PropsSource {
  /** The component's tag name, e.g. "NetworkLab". */
  component: string;
  /** The content file being rendered (`content/lessons/x.mdx`), when known. */
  file?: string | undefined;
}

export interface CheckedProps<T> {
  props: T;
  /** `content/lessons/x.mdx › <NetworkLab id="net-home">`: where messages about this use point. */
  where: string;
  /**
   * Fails the build for problems the schema cannot see alone (an engine action that does not apply,
   * a machine the preset lacks). Issue paths start at the prop (`["from"]`), or under `prop` when given.
   */
  fail(issues: readonly Issue[], prop?: string): never;
}

/** `<NetworkLab id="net-home">`, or the bare tag when the id is missing or not text. */
export function componentLabel(component: string, props: Record<string, unknown>): string {
  const id = props['id'];
  return typeof id === 'string' ? `<${component} id="${id}">` : `<${component}>`;
}

function unknownPropIssue(name: string, known: readonly string[]): Issue {
  const guess = closest(name, known);
  return { path: [name], message: 'unknown prop', hint: guess ? `Did you mean "${guess}"?` : `Props: ${known.join(', ')}` };
}

/** In MDX, `port="80"` is text; a number, a boolean or a list goes in braces. */
function bracesHint(prop: string, expected: string, received: unknown): string | undefined {
  if (typeof received !== 'string') return undefined;
  if (expected === 'number' && received.trim() !== '' && Number.isFinite(Number(received))) return `Write ${prop}={${Number(received)}}: in quotes it is text`;
  if (expected === 'boolean' && (received === 'true' || received === 'false')) return `Write ${prop}={${received}}: in quotes it is text`;
  if (expected === 'array') return `Write a list in braces, e.g. ${prop}={["a", "b"]}`;
  return undefined;
}

/**
 * Every problem with `props` against `schema`, in the order of the props: unknown names (with the
 * closest known one), then what zod finds in the values. Pure, for unit tests and `checkProps`.
 */
export function propIssues<S extends z.ZodObject>(schema: S, props: Record<string, unknown>): { ok: true; value: z.output<S> } | { ok: false; issues: Issue[] } {
  const known = Object.keys(schema.shape);
  const unknown = Object.keys(props).filter((k) => !known.includes(k));
  const rest = Object.fromEntries(Object.entries(props).filter(([k]) => known.includes(k)));
  const parsed = schema.safeParse(rest);
  const issues = unknown.map((k) => unknownPropIssue(k, known));
  if (!parsed.success) {
    const friendly = issuesFromZod(parsed.error, rest);
    parsed.error.issues.forEach((zi, i) => {
      const issue = friendly[i]!;
      const prop = issue.path[0];
      const hint = zi.code === 'invalid_type' && typeof prop === 'string' && issue.path.length === 1 ? bracesHint(prop, zi.expected, rest[prop]) : undefined;
      issues.push(hint ? { ...issue, hint } : issue);
    });
  }
  return issues.length > 0 || !parsed.success ? { ok: false, issues } : { ok: true, value: parsed.data };
}

/** Checks a component's props; any mistake fails the build with every problem listed (ContentError). */
export function checkProps<S extends z.ZodObject>(schema: S, props: Record<string, unknown>, source: PropsSource): CheckedProps<z.output<S>> {
  const label = componentLabel(source.component, props);
  const where = source.file ? `${source.file} › ${label}` : label;
  const fail = (issues: readonly Issue[], prop?: string): never => {
    throw ContentError.of(
      issues.map((i) => ({ ...i, path: prop === undefined ? i.path : [prop, ...i.path] })),
      where,
    );
  };
  const r = propIssues(schema, props);
  if (!r.ok) return fail(r.issues);
  return { props: r.value, where, fail };
}

/** What a component's frontmatter has at hand: `Astro` itself. */
interface AstroLike {
  props: Record<string, unknown>;
  locals: App.Locals;
}

/** `checkProps` for a component's frontmatter: `const { props, fail } = astroProps(Astro, 'NetworkLab', schema)`. */
export function astroProps<S extends z.ZodObject>(astro: AstroLike, component: string, schema: S): CheckedProps<z.output<S>> {
  return checkProps(schema, astro.props, { component, file: astro.locals.contentFile });
}

/* Building blocks for the components' schemas. */

/**
 * An id used in element ids and URL parameters: lowercase letters, digits and dashes.
 * `use` says what it is for, e.g. "it prefixes element ids".
 */
export const elementId = (use: string, example: string) =>
  z.string().regex(/^[a-z][a-z0-9-]*$/, { error: `must be lowercase letters, digits and dashes (${use}), e.g. "${example}"` });

/**
 * A name that must be one of `names` (a preset, a story, a lab): a typo gets the closest name.
 * `what` names the kind ("network preset"), `where` the folder they come from.
 */
export const oneOf = (names: readonly string[], what: string, where: string) =>
  z.string().superRefine((value, ctx) => {
    if (names.includes(value)) return;
    const guess = closest(value, names);
    ctx.addIssue({ code: 'custom', message: `no ${what} "${value}" in ${where}. ${guess ? `Did you mean "${guess}"?` : knownList(names)}` });
  });
