/**
 * zod reports a check that matches no kind of a union as "Invalid input" at the check. This says
 * what is actually wrong: an unknown kind (with the closest known one), or the fields of the kind
 * the author meant, found by checking the check against that kind's own schema.
 */
import type { z } from 'zod';
import { closest, knownList } from '../../sim/core/suggest';
import type { Issue, PathSegment } from '../../sim/core/issues';
import { issuesFromZod } from '../../sim/core/validate';
import { builderCheckSchema, networkCheckSchema, sizingCheckSchema, snapshotCheckSchema } from './checks';

const LEAVES = { network: networkCheckSchema, sizing: sizingCheckSchema, snapshots: snapshotCheckSchema, builder: builderCheckSchema } as const;

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function explain(simulator: keyof typeof LEAVES, check: unknown, path: PathSegment[]): Issue[] {
  if (!isObject(check)) return [{ path, message: 'a check is a mapping with a "kind", e.g. { kind: reachable, from: internet, to: web, port: 80 }' }];
  const kind = check['kind'];
  const leaves = LEAVES[simulator];
  const kinds = leaves.options.map((o) => o.shape.kind.value as string);
  if (kind === 'all' || kind === 'any') {
    const of = check['of'];
    if (!Array.isArray(of) || of.length === 0) return [{ path: [...path, 'of'], message: `"${kind}" needs a list of checks under "of"` }];
    return of.flatMap((c, i) => explain(simulator, c, [...path, 'of', i]));
  }
  if (kind === 'not') return explain(simulator, check['check'], [...path, 'check']);
  if (typeof kind !== 'string' || !kinds.includes(kind)) {
    const all = [...kinds, 'all', 'any', 'not'];
    const guess = typeof kind === 'string' ? closest(kind, all) : undefined;
    return [{ path: [...path, 'kind'], message: typeof kind === 'string' ? `unknown check kind "${kind}" for a ${simulator} lab` : 'the check has no "kind"', hint: guess ? `Did you mean "${guess}"?` : knownList(all) }];
  }
  const leaf = leaves.options.find((o) => o.shape.kind.value === kind)! as unknown as z.ZodType;
  const r = leaf.safeParse(check);
  return r.success ? [] : issuesFromZod(r.error, check).map((i) => ({ ...i, path: [...path, ...i.path] }));
}

/** Issues of a goals list, with union failures at a check replaced by what is wrong inside it. */
export function checkIssues(simulator: keyof typeof LEAVES, goals: unknown, issues: Issue[]): Issue[] {
  return issues.flatMap((issue) => {
    const at = issue.path.lastIndexOf('check');
    if (at === -1 || !/^Invalid input/.test(issue.message)) return [issue];
    let value: unknown = goals;
    for (const seg of issue.path) value = isObject(value) || Array.isArray(value) ? (value as Record<string | number, unknown>)[seg] : undefined;
    const better = explain(simulator, value, issue.path);
    return better.length > 0 ? better : [issue];
  });
}
