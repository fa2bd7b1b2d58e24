/**
 * Reading a typed number with an optional unit: "8", "8 GB", "8GB", "-1.5e3 W". Unicode is folded
 * first (NFKC, and the minus sign U+2212 read as "-") so pasted or full-width digits work.
 * A comma is not a decimal separator: "8,5" is not a number, rather than silently 8 with unit ",5".
 */
export type ParsedNumber = { ok: true; value: number; unit: string | null } | { ok: false };

const NUMBER_THEN_REST = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?)\s*(.*)$/iu;
/** A unit starts with a letter, %, ° or µ and has no spaces: GB, kWh, vCPUs, km/h, %. */
const UNIT = /^[\p{L}%°µ][\p{L}\p{N}%°µ/·^*-]*$/u;

export function parseNumberWithUnit(text: string): ParsedNumber {
  const folded = text.normalize('NFKC').replace(/\u2212/g, '-').replace(/\s+/gu, ' ').trim();
  const m = NUMBER_THEN_REST.exec(folded);
  if (!m) return { ok: false };
  const value = Number(m[1]);
  if (!Number.isFinite(value)) return { ok: false };
  const rest = m[2] ?? '';
  if (rest === '') return { ok: true, value, unit: null };
  if (!UNIT.test(rest)) return { ok: false };
  return { ok: true, value, unit: rest };
}

export function sameUnit(a: string, b: string): boolean {
  return a.normalize('NFKC').toLowerCase() === b.normalize('NFKC').toLowerCase();
}
