import { createRng } from '../../core/rng';

/**
 * Deterministic UUIDs: the same lab seed and counter always give the same id, so a preset's
 * `VBoxManage snapshot list` prints the same UUIDs on every page load and in every test.
 */
export function uuidFor(seed: string, n: number): string {
  const rng = createRng(`${seed}#${n}`);
  const hex = Array.from({ length: 32 }, () => rng.int(0, 15).toString(16));
  hex[12] = '4';
  hex[16] = ((rng.int(0, 3) & 0x3) | 0x8).toString(16);
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

export const snapshotId = (seq: number): string => `s${seq}`;
