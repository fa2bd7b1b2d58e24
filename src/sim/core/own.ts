/**
 * The value stored under `key` in a record keyed by user text (VM names, snapshot names), never one
 * inherited from Object.prototype: a VM called "toString", "constructor" or "__proto__" is looked up
 * like any other name, and a name that is not there is not there.
 */
export function ownValue<T>(record: Readonly<Record<string, T>>, key: unknown): T | undefined {
  return typeof key === 'string' && Object.hasOwn(record, key) ? record[key] : undefined;
}
