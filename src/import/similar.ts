/**
 * How alike two wordings are: the Dice coefficient over their longest common
 * subsequence, 2·LCS / (|a| + |b|), on their comparable forms (NFKC, no white
 * space), counting code points. 1 for the same wording, 0 for nothing in common.
 *
 * `市卫健委领导到我区检查指导工作` and `市卫健委领导到上街区检查指导工作`: 0.90. Two
 * titles of issue 91 that share a name and a phrase, `耿勇军察看我区疫情防控工作`
 * and `耿勇军调研矿山街道疫情防控工作`: 0.64. A paragraph that contains a title
 * scores low, being much longer.
 */
import { comparable } from './text.js';

/** A body line is a title (or heading) of the contents when it is at least this alike. */
export const SAME = 0.7;
/**
 * A line that looks like a title and stands where an unplaced contents entry
 * would, between the titles placed before and after it, is taken for it at this
 * much likeness (with a warning).
 */
export const PLACED = 0.45;

export function similarity(a: string, b: string): number {
  const x = Array.from(comparable(a));
  const y = Array.from(comparable(b));
  if (x.length === 0 && y.length === 0) return 1;
  if (x.length === 0 || y.length === 0) return 0;
  return (2 * lcs(x, y)) / (x.length + y.length);
}

/** The best likeness two texts of these lengths could have: to skip hopeless pairs. */
export function bound(a: string, b: string): number {
  const m = Array.from(comparable(a)).length;
  const n = Array.from(comparable(b)).length;
  return m + n === 0 ? 1 : (2 * Math.min(m, n)) / (m + n);
}

function lcs(x: string[], y: string[]): number {
  let prev = new Array<number>(y.length + 1).fill(0);
  let row = new Array<number>(y.length + 1).fill(0);
  for (let i = 1; i <= x.length; i++) {
    for (let j = 1; j <= y.length; j++) {
      row[j] = x[i - 1] === y[j - 1] ? prev[j - 1]! + 1 : Math.max(prev[j]!, row[j - 1]!);
    }
    [prev, row] = [row, prev];
  }
  return prev[y.length]!;
}
