/**
 * Sizes and durations as scenario files and the guest shell write them. Kept apart from the
 * schema so the console (which ships to the browser) does not pull in the validator.
 */

export const SIZE = /^(\d+(?:\.\d+)?)\s*([KMGT]?)B?$/i;

/** `512`, `"640K"`, `"1.5G"` → bytes. */
export function parseSize(value: number | string): number {
  if (typeof value === 'number') return value;
  const m = SIZE.exec(value.trim())!;
  const power = ' KMGT'.indexOf((m[2] || ' ').toUpperCase());
  return Math.round(Number(m[1]) * 1024 ** power);
}

export const DURATION = /^(\d+(?:\.\d+)?)\s*(s|m|h|d|w)$/;
const UNIT_MS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** `"90s"`, `"30m"`, `"5h"`, `"3d"`, `"2w"` → milliseconds. */
export function parseDuration(value: string): number {
  const m = DURATION.exec(value.trim())!;
  return Math.round(Number(m[1]) * UNIT_MS[m[2]!]!);
}
