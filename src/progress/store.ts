/**
 * The one place that touches browser storage. Each slice of progress (lessons read, quiz history…)
 * lives under its own key, so a corrupt slice is reset alone and nothing else is lost. Every read is
 * validated; an old version is migrated; anything unreadable is reset with a notice for the student.
 */
export const PREFIX = 'vcourse:';

export interface Slice<T> {
  /** Storage key without prefix, e.g. "lessons". */
  key: string;
  version: number;
  empty: () => T;
  /** Returns the value when valid, or a reason string when not. Must not throw. */
  check: (data: unknown) => T | string;
  /** Old versions → current; returns undefined when the version cannot be migrated. */
  migrate?: (version: number, data: unknown) => unknown;
}

export interface Notice {
  slice: string;
  message: string;
}

/** Minimal storage interface so tests can pass a fake (and private-mode failures are survivable). */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

const notices: Notice[] = [];
export const takeNotices = (): Notice[] => notices.splice(0, notices.length);

function storage(): KeyValueStore | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}

export function readSlice<T>(slice: Slice<T>, store: KeyValueStore | undefined = storage()): T {
  if (!store) return slice.empty();
  let raw: string | null;
  try {
    raw = store.getItem(PREFIX + slice.key);
  } catch {
    return slice.empty();
  }
  if (raw === null) return slice.empty();
  const result = decodeSlice(slice, raw);
  if (typeof result === 'string') {
    notices.push({ slice: slice.key, message: result });
    // Keep the unreadable text so nothing is silently destroyed: each corruption gets its own backup
    // key (a later one never overwrites an earlier one), and "Export progress" carries them.
    try {
      const backup = freeBackupKey(store, slice.key);
      if (backup) store.setItem(backup, raw);
      store.removeItem(PREFIX + slice.key);
    } catch {
      /* storage full or blocked: reading still works from the empty value */
    }
    return slice.empty();
  }
  return result;
}

/** How many backups of unreadable progress are kept per slice; the oldest stay, later ones are dropped. */
export const MAX_BACKUPS = 5;

/** `vcourse:quizzes:corrupt`, then `…:corrupt-2` … up to MAX_BACKUPS; null when all are taken. */
export function backupKeys(key: string): string[] {
  return Array.from({ length: MAX_BACKUPS }, (_, i) => `${PREFIX}${key}:corrupt${i === 0 ? '' : `-${i + 1}`}`);
}

function freeBackupKey(store: KeyValueStore, key: string): string | null {
  return backupKeys(key).find((k) => store.getItem(k) === null) ?? null;
}

/** Parse, migrate and validate a stored slice; a string is the reason it could not be read. */
export function decodeSlice<T>(slice: Slice<T>, raw: string): T | string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return `Saved ${slice.key} progress was not valid JSON and has been reset.`;
  }
  if (!isRecord(parsed) || typeof parsed.version !== 'number') {
    return `Saved ${slice.key} progress had no version and has been reset.`;
  }
  let data: unknown = parsed.data;
  if (parsed.version !== slice.version) {
    data = parsed.version < slice.version ? slice.migrate?.(parsed.version, data) : undefined;
    if (data === undefined) {
      return `Saved ${slice.key} progress (version ${parsed.version}) could not be upgraded to version ${slice.version} and has been reset.`;
    }
  }
  const checked = slice.check(data);
  return typeof checked === 'string' ? `Saved ${slice.key} progress was damaged (${checked}) and has been reset.` : checked;
}

export function encodeSlice<T>(slice: Slice<T>, value: T): string {
  return JSON.stringify({ version: slice.version, data: value });
}

/** Returns false when the browser refuses to store (private mode, quota): callers may tell the user. */
export function writeSlice<T>(slice: Slice<T>, value: T, store: KeyValueStore | undefined = storage()): boolean {
  if (!store) return false;
  try {
    store.setItem(PREFIX + slice.key, encodeSlice(slice, value));
    return true;
  } catch {
    return false;
  }
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
