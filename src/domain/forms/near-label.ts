/**
 * Headers that nearly match a label: a typo (主管主管部门, 全年预算书), a wording with a word more or less
 * (指标目标值, 项目支出名称). The reader asks only where a label it needs is missing, among the cells where that
 * label would be, and reports what it took as an info issue, so a near miss is no missing-column error.
 */
import type { KnownLabel } from './label-index';

/** Shortest key worth comparing: one ideograph says too little. */
const MIN_LENGTH = 2;
/** Keys longer than this are values, not headers. */
const MAX_LENGTH = 16;

/** Edit distance allowed for a key of this length (the shorter of the two). */
function allowedEdits(length: number): number {
  if (length >= 6) return 2;
  return length >= 3 ? 1 : 0;
}

function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + cost,
      );
      current.push(value);
      if (value < best) best = value;
    }
    if (best > limit) return limit + 1;
    previous = current;
  }
  return previous[b.length] ?? limit + 1;
}

function isSubsequence(short: string, long: string): boolean {
  let i = 0;
  for (const ch of long) if (ch === short[i]) i++;
  return i === short.length;
}

/** Shortest label whose characters are worth matching out of order. */
const MIN_SHUFFLED = 4;

/**
 * The label's characters, each as often as in the label, all in the cell in any order, with at most one
 * character more: a two-line header cell copied line-wise or column-wise comes out interleaved
 * (全年完成值 as 年成值全完值, 定性指标 as 性标定指).
 */
function isShuffled(cell: string, label: string): boolean {
  if (label.length < MIN_SHUFFLED || cell.length < label.length || cell.length > label.length + 1)
    return false;
  const left = new Map<string, number>();
  for (const ch of cell) left.set(ch, (left.get(ch) ?? 0) + 1);
  for (const ch of label) {
    const n = left.get(ch) ?? 0;
    if (n === 0) return false;
    left.set(ch, n - 1);
  }
  return true;
}

/**
 * How far a cell's key is from a label's key, or null when they are not near: the label inside the cell
 * with up to four characters around it, the cell inside the label with up to two missing, the label's
 * characters in order with up to two inserted, a few edits, or the label's characters out of order.
 */
export function nearness(cell: string, label: string): number | null {
  if (cell === label || cell.length < MIN_LENGTH || label.length < MIN_LENGTH) return null;
  if (cell.length > MAX_LENGTH) return null;
  const extra = cell.length - label.length;
  if (cell.includes(label) && extra <= 4) return extra;
  if (label.includes(cell) && cell.length >= 3 && -extra <= 2) return -extra;
  if (label.length >= 3 && extra > 0 && extra <= 2 && isSubsequence(label, cell)) return extra;
  const limit = allowedEdits(Math.min(cell.length, label.length));
  if (limit === 0) return null;
  const distance = editDistance(cell, label, limit);
  if (distance <= limit) return distance;
  return isShuffled(cell, label) ? 2 + extra : null;
}

/** The label among `labels` nearest to the key (ties: the first), or null. */
export function nearestLabel(key: string, labels: readonly KnownLabel[]): KnownLabel | null {
  let best: KnownLabel | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const label of labels) {
    const distance = nearness(key, label.key);
    if (distance !== null && distance < bestDistance) {
      best = label;
      bestDistance = distance;
    }
  }
  return best;
}
