import { SLICES } from './slices';
import { backupKeys, decodeSlice, encodeSlice, isRecord, PREFIX, readSlice, writeSlice, type KeyValueStore } from './store';

function storageOrUndefined(): KeyValueStore | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}

function safeGet(store: KeyValueStore | undefined, key: string): string | null {
  try {
    return store?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

export const EXPORT_FORMAT = 'vcourse-progress';
export const EXPORT_VERSION = 1;

export interface ProgressFile {
  format: typeof EXPORT_FORMAT;
  version: number;
  exportedAt: string;
  slices: Record<string, { version: number; data: unknown }>;
  /** Saved progress that could not be read and was set aside (raw text, by storage key): for recovery by hand. */
  backups?: Record<string, string>;
}

/**
 * Everything the student has saved, as one JSON document to download. `unsaved` replaces slices
 * with what a page holds in memory but could not store (storage full), so it can still be kept.
 */
export function exportProgress(now: Date = new Date(), store?: KeyValueStore, unsaved: Readonly<Record<string, unknown>> = {}): ProgressFile {
  const slices: ProgressFile['slices'] = {};
  for (const slice of SLICES) {
    const value = Object.prototype.hasOwnProperty.call(unsaved, slice.key) ? unsaved[slice.key] : readSlice(slice, store);
    slices[slice.key] = JSON.parse(encodeSlice(slice, value));
  }
  const backups: Record<string, string> = {};
  const kv = store ?? storageOrUndefined();
  for (const slice of SLICES) {
    for (const key of backupKeys(slice.key)) {
      const raw = safeGet(kv, key);
      if (raw !== null) backups[key] = raw;
    }
  }
  return { format: EXPORT_FORMAT, version: EXPORT_VERSION, exportedAt: now.toISOString(), slices, ...(Object.keys(backups).length > 0 ? { backups } : {}) };
}

export type ImportResult = { ok: true; imported: string[] } | { ok: false; message: string };

/**
 * Replace saved progress with a file's contents, all or nothing: every slice in the file is validated
 * (and migrated if old) before anything is written, so a bad file changes nothing.
 */
export function importProgress(text: string, store?: KeyValueStore): ImportResult {
  if (text.length > 5_000_000) return { ok: false, message: 'The file is larger than 5 MB; it is not a progress export from this site.' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: false, message: 'The file is not valid JSON. Choose a file exported with "Export progress".' };
  }
  if (!isRecord(parsed) || parsed.format !== EXPORT_FORMAT) {
    return { ok: false, message: `The file is not a progress export from this site (expected "format": "${EXPORT_FORMAT}").` };
  }
  if (typeof parsed.version !== 'number' || !Number.isInteger(parsed.version) || parsed.version < 1 || parsed.version > EXPORT_VERSION) {
    return { ok: false, message: `The file was made by a newer version of the site (format version ${String(parsed.version)}); this site reads version ${EXPORT_VERSION}.` };
  }
  if (!isRecord(parsed.slices)) return { ok: false, message: 'The file has no "slices" section.' };
  const decoded: { key: string; value: unknown }[] = [];
  for (const slice of SLICES) {
    const entry = parsed.slices[slice.key];
    if (entry === undefined) continue;
    const value = decodeSlice(slice, JSON.stringify(entry));
    if (typeof value === 'string') return { ok: false, message: `Nothing was imported: the ${slice.key} section is damaged. ${value.replace(/ and has been reset\.$/, '.')}` };
    decoded.push({ key: slice.key, value });
  }
  const unknown = Object.keys(parsed.slices).filter((k) => !SLICES.some((s) => s.key === k));
  if (decoded.length === 0) return { ok: false, message: `The file contains no progress this site knows${unknown.length ? ` (found: ${unknown.join(', ')})` : ''}.` };
  // All or nothing: remember what each key held, write every slice, and put everything back if one write fails.
  const kv = store ?? storageOrUndefined();
  const before = decoded.map(({ key }) => ({ key: PREFIX + key, raw: safeGet(kv, PREFIX + key) }));
  for (const { key, value } of decoded) {
    const slice = SLICES.find((s) => s.key === key)!;
    if (!writeSlice(slice, value, store)) {
      for (const b of before) {
        try {
          if (b.raw === null) kv?.removeItem(b.key);
          else kv?.setItem(b.key, b.raw);
        } catch {
          /* the old value is the same size or smaller than what was there: this does not fail in practice */
        }
      }
      return { ok: false, message: 'The browser refused to save (storage full or blocked). Nothing was changed: your progress is as it was before the import.' };
    }
  }
  return { ok: true, imported: decoded.map((d) => d.key) };
}
