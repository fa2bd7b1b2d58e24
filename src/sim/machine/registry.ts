import type { LabState } from '../snapshots/model/types';
import type { Hardware } from './types';

/**
 * Snapshots keep the hardware they were taken with by key into `LabState.hardware`, a table of
 * the distinct configurations the lab has seen (SPEC M5): fifty snapshots of an unchanged VM
 * share one entry, so saved labs stay small.
 */
export function hardwareKey(hw: Hardware): string {
  const text = JSON.stringify(hw);
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 16777619) >>> 0;
    h2 = Math.imul(h2 ^ c, 2246822519) >>> 0;
  }
  // 53 bits in base 36: short, because every snapshot stores it.
  return (h1 * 0x200000 + (h2 & 0x1fffff)).toString(36);
}

/** The lab with `hw` in its table, and the key it is filed under. */
export function fileHardware(lab: LabState, hw: Hardware): { lab: LabState; key: string } {
  const key = hardwareKey(hw);
  if (Object.hasOwn(lab.hardware, key)) return { lab, key };
  return { lab: { ...lab, hardware: { ...lab.hardware, [key]: hw } }, key };
}

/** The hardware a snapshot recorded; the VM's current hardware if the table lost it (never throws). */
export function hardwareOf(lab: LabState, key: string, fallback: Hardware): Hardware {
  return Object.hasOwn(lab.hardware, key) ? lab.hardware[key]! : fallback;
}
