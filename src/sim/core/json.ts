/** The values engine state may hold: what survives JSON.stringify → JSON.parse unchanged. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * Where `value` is not plain JSON (a class instance, Map, function, undefined, NaN, cycle),
 * or null when it is. Used by tests to hold every state to DESIGN rule 2.
 */
export function findNonJson(value: unknown, path = '$', seen = new Set<object>()): string | null {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return null;
  if (typeof value === 'number') return Number.isFinite(value) ? null : `${path} is ${value}`;
  if (typeof value !== 'object') return `${path} is a ${typeof value}`;
  if (seen.has(value)) return `${path} is a cycle`;
  seen.add(value);
  const proto = Object.getPrototypeOf(value);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findNonJson(value[i], `${path}[${i}]`, seen);
      if (found) return found;
    }
  } else if (proto === Object.prototype || proto === null) {
    for (const [k, v] of Object.entries(value)) {
      const found = findNonJson(v, `${path}.${k}`, seen);
      if (found) return found;
    }
  } else {
    return `${path} is a ${proto?.constructor?.name ?? 'non-plain object'}`;
  }
  seen.delete(value);
  return null;
}

export function roundTrip<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
