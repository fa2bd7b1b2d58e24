import type { ResourceLine } from './engine';

export type SegmentKind = 'reserved' | 'storage' | 'allocated' | 'free' | 'over';

export interface BarSegment {
  kind: SegmentKind;
  amount: number;
  /** Share of the bar's width, 0–100. */
  percent: number;
}

export interface Bar {
  segments: BarSegment[];
  /** Where the physical total sits (percent) when an allocation ratio makes capacity differ from it. */
  physicalMark: number | null;
}

/**
 * One stacked bar per resource: the host's reserve, what its storage keeps (course policy), then
 * what VMs were given up to the capacity, then the free capacity, then anything given beyond the
 * capacity. The scale stretches to the larger of capacity, allocation and physical amount, so
 * overcommit and over-allocation both show.
 */
export function barFor(line: ResourceLine): Bar {
  const usable = line.total - line.reserved - line.storage;
  const scale = line.reserved + line.storage + Math.max(line.capacity, line.allocated, usable);
  const pct = (amount: number): number => (scale > 0 ? (amount / scale) * 100 : 0);
  const parts: [SegmentKind, number][] = [
    ['reserved', line.reserved],
    ['storage', line.storage],
    ['allocated', Math.min(line.allocated, line.capacity)],
    ['free', Math.max(0, line.capacity - line.allocated)],
    ['over', Math.max(0, line.allocated - line.capacity)],
  ];
  return {
    segments: parts.filter(([, amount]) => amount > 0).map(([kind, amount]) => ({ kind, amount, percent: pct(amount) })),
    physicalMark: line.allocationRatio === 1 ? null : pct(line.total),
  };
}
