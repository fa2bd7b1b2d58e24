import { createRng } from '../../core/rng';

const HEX = '0123456789abcdef';

/**
 * Deterministic UUIDs: the same lab seed and counter always give the same id, so a preset's
 * `VBoxManage snapshot list` prints the same UUIDs on every page load and in every test.
 * 32 hex digits drawn from the seeded generator, then the version (4) and variant (8–b) digits.
 */
export function uuidFor(seed: string, n: number | string): string {
  const rng = createRng(`${seed}#${n}`);
  const digits = new Uint8Array(32);
  for (let i = 0; i < 32; i++) digits[i] = rng.int(0, 15);
  digits[12] = 4;
  digits[16] = (rng.int(0, 3) & 0x3) | 0x8;
  let s = '';
  for (let i = 0; i < 32; i++) {
    if (i === 8 || i === 12 || i === 16 || i === 20) s += '-';
    s += HEX[digits[i]!];
  }
  return s;
}

export const snapshotId = (seq: number): string => `s${seq}`;
