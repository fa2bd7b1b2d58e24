import type { Matrix, MatrixCell } from './matrix';

/** A cell of the reachability table as a student reads it: connects, arrives with nothing listening, or stopped on the way. */
export type CellOutcome = 'ok' | 'refused' | 'blocked';

export interface CellChange {
  from: string;
  to: string;
  before: CellOutcome;
  after: CellOutcome;
  /** opened: now connects; closed: no longer connects; changed: still fails, but differently. */
  direction: 'opened' | 'closed' | 'changed';
}

export interface MatrixDiff {
  changes: CellChange[];
  opened: number;
  closed: number;
}

export function cellOutcome(cell: MatrixCell): CellOutcome {
  return cell.ok ? 'ok' : cell.code === 'SERVICE_NOT_LISTENING' ? 'refused' : 'blocked';
}

/**
 * The pairs whose outcome differs between two tables for the same flow (SPEC N49), in the order of
 * `after`'s rows and columns. Pairs present in only one table are left out; tables for different
 * ports or protocols are not comparable (null).
 */
export function diffMatrices(before: Matrix, after: Matrix): MatrixDiff | null {
  if (before.port !== after.port || before.protocol !== after.protocol) return null;
  const earlier = new Map<string, CellOutcome>();
  for (const row of before.cells) for (const cell of row) earlier.set(`${cell.from}\u0000${cell.to}`, cellOutcome(cell));
  const changes: CellChange[] = [];
  for (const row of after.cells) {
    for (const cell of row) {
      const was = earlier.get(`${cell.from}\u0000${cell.to}`);
      const now = cellOutcome(cell);
      if (was === undefined || was === now) continue;
      const direction = now === 'ok' ? 'opened' : was === 'ok' ? 'closed' : 'changed';
      changes.push({ from: cell.from, to: cell.to, before: was, after: now, direction });
    }
  }
  return { changes, opened: changes.filter((c) => c.direction === 'opened').length, closed: changes.filter((c) => c.direction === 'closed').length };
}
