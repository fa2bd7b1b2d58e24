import { SLICES } from './slices';
import { decodeSlice, encodeSlice, isRecord, readSlice, writeSlice, type KeyValueStore } from './store';

export const EXPORT_FORMAT = 'vcourse-progress';
export const EXPORT_VERSION = 1;

export interface ProgressFile {
  format: typeof EXPORT_FORMAT;
  version: number;
  exportedAt: string;
  slices: Record<string, { version: number; data: unknown }>;
}

/** Everything the student has saved, as one JSON document to download. */
export function exportProgress(now: Date = new Date(), store?: KeyValueStore): ProgressFile {
  const slices: ProgressFile['slices'] = {};
  for (const slice of SLICES) slices[slice.key] = JSON.parse(encodeSlice(slice, readSlice(slice, store)));
  return { format: EXPORT_FORMAT, version: EXPORT_VERSION, exportedAt: now.toISOString(), slices };
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
  if (typeof parsed.version !== 'number' || parsed.version > EXPORT_VERSION) {
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
  for (const { key, value } of decoded) {
    const slice = SLICES.find((s) => s.key === key)!;
    if (!writeSlice(slice, value, store)) return { ok: false, message: 'The browser refused to save (storage full or blocked). Nothing else was changed.' };
  }
  return { ok: true, imported: decoded.map((d) => d.key) };
}
