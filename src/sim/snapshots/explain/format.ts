import type { Params } from '../model/types';

/**
 * Reading parameters for text: never `undefined`, never `NaN` on screen (DESIGN rule 6). A
 * missing value renders as an empty string or 0, so a wrong code shows up as odd text in a
 * test, not as a crash in a widget.
 */

export function str(p: Params, key: string): string {
  const v = p[key];
  if (v === undefined) return '';
  if (Array.isArray(v)) return v.join(', ');
  return String(v);
}

export function num(p: Params, key: string): number {
  const v = p[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : 0;
}

export function list(p: Params, key: string): string[] {
  const v = p[key];
  if (Array.isArray(v)) return v;
  return v === undefined || v === '' ? [] : [String(v)];
}

export const quote = (s: string): string => `"${s}"`;

export function quotedList(items: string[]): string {
  const q = items.map(quote);
  if (q.length <= 1) return q.join('');
  return `${q.slice(0, -1).join(', ')} and ${q[q.length - 1]}`;
}

/** 1536 → "1.5 KB", 734003200 → "700 MB" (binary units, as disk tools show them). */
export function formatBytes(bytes: number): string {
  const n = Number.isFinite(bytes) ? Math.max(0, bytes) : 0;
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
  let value = n;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  if (unit === 0) return `${value} ${value === 1 ? 'byte' : 'bytes'}`;
  const digits = value >= 100 ? 0 : 1;
  return `${Number(value.toFixed(digits))} ${units[unit]}`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "did you mean" tail for unknown names, empty when nothing is close. */
export function suggestion(p: Params): string {
  const s = str(p, 'suggestion');
  return s ? ` Did you mean "${s}"?` : '';
}

export const POWER_WORDS: Record<string, string> = {
  running: 'running',
  paused: 'paused',
  saved: 'saved (its memory is on disk, like a hibernated laptop)',
  poweroff: 'powered off',
};

export const powerWord = (p: Params, key = 'power'): string => POWER_WORDS[str(p, key)] ?? str(p, key);

/** VirtualBox's words for its medium types (VBox manual 5.4). */
const MODE_WORDS: Record<string, string> = {
  normal: 'normal',
  writethrough: 'write-through',
  immutable: 'immutable',
  shareable: 'shareable',
  multiattach: 'multi-attach',
};

export const modeWord = (mode: string): string => (Object.hasOwn(MODE_WORDS, mode) ? MODE_WORDS[mode]! : mode);
