/**
 * linebreak: items → breaks, by total fit (Knuth & Plass, "Breaking Paragraphs into
 * Lines", 1981; TeX §813–890). Every way of breaking the paragraph is weighed at
 * once, so a line's breaks can depend on the lines after it (T7: squeeze or push
 * out is decided for the paragraph, not line by line).
 *
 * Steps, one function each: the sums that measure any line in constant time; the
 * ratio, badness and demerits of one line; the scan over the legal breaks keeping
 * the active ones; and the path back from the best last break.
 */
import { fitRatio } from './fit.js';
import { BREAK_PARAMS, type BreakParams } from './params.js';
import { lineBox, type Item, type LineShape } from './types.js';

/** TeX's badness of a line set at a ratio: 100·|r|³, at most 10000 ("infinitely bad"). */
export function badness(ratio: number): number {
  return Math.min(10000, rawBadness(ratio));
}

/**
 * Badness without TeX's cap, for demerits. Unlike TeX (§859), which caps badness
 * at 10000 and demerits at 10⁸, a line spread by three ems here must cost more than
 * one spread by one: Chinese text in a narrow measure is spread (均排) rather than
 * left overfull, and the last pass must still tell bad from worse.
 */
function rawBadness(ratio: number): number {
  if (!Number.isFinite(ratio)) return 1e12;
  const r = Math.abs(ratio);
  return 100 * r * r * r;
}

/** TeX's fitness classes: 0 very loose, 1 loose, 2 decent, 3 tight (§817). */
export function fitnessOf(ratio: number): 0 | 1 | 2 | 3 {
  if (ratio < -0.5) return 3;
  if (ratio <= 0.5) return 2;
  if (ratio <= 1) return 1;
  return 0;
}

/** A breakpoint reached by some way of breaking the lines before it. */
interface Node {
  /** Index of the break item; −1 for the paragraph's start. */
  at: number;
  /** First item of the line after this break. */
  start: number;
  /** Lines before this break. */
  line: number;
  fitness: 0 | 1 | 2 | 3;
  /** Total demerits of the lines up to this break. */
  demerits: number;
  /** Adjustment ratio of the line ending here. */
  ratio: number;
  flagged: boolean;
  prev: Node | null;
  /** Its entry in the trace, when tracing. */
  traced: number;
}

/** One line the breaker found feasible (`--trace linebreak`). */
export interface TraceEntry {
  pass: number;
  /** Where the line starts and where it breaks: offsets in the paragraph's text. */
  from: number;
  at: number;
  /** The line's number in the paragraph, from 1. */
  line: number;
  ratio: number;
  /** Total demerits of the paragraph up to and with this line. */
  demerits: number;
  chosen: boolean;
}

export interface BreakResult {
  /** Indices of the items each line breaks at. */
  breaks: number[];
  ratios: number[];
  /** Total demerits of the paragraph. */
  demerits: number;
  /** The pass that found the breaks (1–4). */
  pass: number;
  trace: TraceEntry[];
}

/** Prefix sums of widths, stretch, shrink and letters: any line measured in O(1). */
export interface Sums {
  width: Float64Array;
  stretch: Float64Array;
  /** Shrink of the gaps that are not punctuation blanks (T13: Han–Latin gaps, word spaces). */
  shrink: Float64Array;
  /** Removable punctuation blanks (T27: each removed whole), and their widths. */
  marks: Int32Array;
  marksShrink: Float64Array;
  letters: Int32Array;
}

export function sumsOf(items: readonly Item[]): Sums {
  const n = items.length;
  const s: Sums = {
    width: new Float64Array(n + 1),
    stretch: new Float64Array(n + 1),
    shrink: new Float64Array(n + 1),
    marks: new Int32Array(n + 1),
    marksShrink: new Float64Array(n + 1),
    letters: new Int32Array(n + 1),
  };
  for (let i = 0; i < n; i++) {
    const it = items[i]!;
    const mark = it.type === 'glue' && it.kind === 'punct' && it.shrink > 0;
    s.width[i + 1] = s.width[i]! + (it.type === 'penalty' ? 0 : it.width);
    s.stretch[i + 1] = s.stretch[i]! + (it.type === 'glue' ? it.stretch : 0);
    s.shrink[i + 1] = s.shrink[i]! + (it.type === 'glue' && !mark ? it.shrink : 0);
    s.marks[i + 1] = s.marks[i]! + (mark ? 1 : 0);
    s.marksShrink[i + 1] = s.marksShrink[i]! + (mark ? it.shrink : 0);
    s.letters[i + 1] = s.letters[i]! + (it.type === 'box' ? letterCount(it.cell.text) : 0);
  }
  return s;
}

const LETTER = /[\p{L}\p{N}]/gu;

/**
 * Letters and digits in a cell's text (T15 counts them). A cell is nearly always
 * one Han character or one ASCII character: those are answered from their code
 * point (every code point of U+3400–U+4DBF and U+4E00–U+9FEF is a letter, Lo), the
 * rest by the Unicode property classes.
 */
export function letterCount(text: string): number {
  if (text.length === 1) {
    const c = text.charCodeAt(0);
    if ((c >= 0x4e00 && c <= 0x9fef) || (c >= 0x3400 && c <= 0x4dbf)) return 1;
    if (c < 0x80) return (c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a) ? 1 : 0;
  }
  return text.match(LETTER)?.length ?? 0;
}

/** Whether the breaker may break at item `j` in a pass. */
export function breakable(items: readonly Item[], j: number, pass: number): boolean {
  const it = items[j]!;
  if (it.type === 'penalty') return it.cost < Infinity && it.level <= levelOf(pass);
  if (it.type === 'glue') return items[j - 1]?.type === 'box';
  return false;
}

/** The penalty levels (types.ts) open in each pass. */
function levelOf(pass: number): number {
  return pass <= 2 ? 0 : pass === 3 ? 1 : 2;
}

/** The first item of the line after a break: discardable glue and penalties are dropped. */
export function startAfter(items: readonly Item[], b: number): number {
  let k = b + 1;
  while (k < items.length) {
    const it = items[k]!;
    if (it.type === 'box' || (it.type === 'penalty' && it.cost === -Infinity)) break;
    k++;
  }
  return k;
}

/** The adjustment ratio of the line from item `start` to the break at `b` (fit.ts: T13, T27). */
export function ratioOf(items: readonly Item[], sums: Sums, start: number, b: number, width: number): number {
  const end = items[b]!;
  const natural = sums.width[b]! - sums.width[start]! + (end.type === 'penalty' ? end.width : 0);
  return fitRatio(
    width - natural,
    sums.marks[b]! - sums.marks[start]!,
    sums.marksShrink[b]! - sums.marksShrink[start]!,
    sums.shrink[b]! - sums.shrink[start]!,
    sums.stretch[b]! - sums.stretch[start]!,
  );
}

/** Demerits of one line (TeX §859), with T15's cost for a lone last character. */
export function lineDemerits(
  ratio: number,
  end: Item,
  previousFlagged: boolean,
  previousFitness: number,
  letters: number,
  params: BreakParams,
): number {
  let d = params.linePenalty + rawBadness(ratio);
  d *= d;
  const cost = end.type === 'penalty' ? end.cost : 0;
  if (cost > 0) d += cost * cost;
  else if (cost > -Infinity) d -= cost * cost;
  const last = end.type === 'penalty' && end.cost === -Infinity;
  const flagged = end.type === 'penalty' && end.flagged;
  if (previousFlagged && last) d += params.finalHyphenDemerits;
  else if (previousFlagged && flagged) d += params.doubleHyphenDemerits;
  if (Math.abs(fitnessOf(ratio) - previousFitness) > 1) d += params.adjacentDemerits;
  if (last && letters < 2) d += params.loneCharacterDemerits;
  // T1: on a character grid, a line that is not set at its natural width has its
  // characters off their columns (the last line, ragged, is set at its own).
  if (!last && Math.abs(ratio) > 1e-3) d += params.offColumnDemerits;
  return d;
}

/**
 * The best breaks for the paragraph: the first of four passes (params.ts) that
 * finds a way to set every line; the last always does, with an overfull line
 * where an unbreakable run is wider than the measure.
 */
export function totalFit(
  items: readonly Item[],
  shape: LineShape,
  params: BreakParams = BREAK_PARAMS,
  trace = false,
): BreakResult {
  const sums = sumsOf(items);
  const log: TraceEntry[] = [];
  let best: Node | null = null;
  let bestPass = 0;
  for (let pass = 1; pass <= 4; pass++) {
    const found = scan(items, sums, shape, params, pass, trace ? log : null);
    if (!found) continue;
    if (!best || found.demerits < best.demerits) {
      best = found;
      bestPass = pass;
    }
    // T15: a lone last character is worth a later pass, whose looser lines may pull
    // one down at a lower cost, and so is a break at a tie (T28); anything else
    // found is as good as it gets, and so is a single line (no line above to pull
    // from: a folio, a label).
    const lastLine = found.prev!;
    const lastLetters = sums.letters[items.length - 1]! - sums.letters[lastLine.start]!;
    if ((lastLetters >= 2 || lastLine.at < 0) && !breaksAtTie(items, found, params)) break;
  }
  if (!best) throw new Error('internal: the last pass of the line breaker found no breaks');
  return pathTo(best, bestPass, log);
}

/**
 * T24 (TeX's \looseness): the best breaks for every number of lines the paragraph
 * can be set in within a pass's tolerance, by number of lines. The page builder
 * asks for them when a page would end short: a paragraph one line longer or
 * shorter may fill it.
 */
export function breaksByLines(items: readonly Item[], shape: LineShape, pass: number, params: BreakParams = BREAK_PARAMS): Map<number, BreakResult> {
  const sums = sumsOf(items);
  const out = new Map<number, BreakResult>();
  for (const node of scan(items, sums, shape, params, pass, null, true)) {
    if (!out.has(node.line) || node.demerits < out.get(node.line)!.demerits) out.set(node.line, pathTo(node, pass, []));
  }
  return out;
}

/** Whether the breaks end a line at a penalty as high as a tie (params.retryPenalty). */
function breaksAtTie(items: readonly Item[], node: Node, params: BreakParams): boolean {
  for (let n: Node | null = node; n && n.at >= 0; n = n.prev) {
    const it = items[n.at]!;
    if (it.type === 'penalty' && it.cost >= params.retryPenalty && it.cost < Infinity) return true;
  }
  return false;
}

type Candidate = { from: Node; demerits: number; ratio: number; traced: number };

/** One pass over the legal breaks; the best node at the paragraph's end, if any. */
function scan(items: readonly Item[], sums: Sums, shape: LineShape, params: BreakParams, pass: number, log: TraceEntry[] | null): Node | null;
/** With `byLines`: the best nodes at the paragraph's end, one for each number of lines. */
function scan(items: readonly Item[], sums: Sums, shape: LineShape, params: BreakParams, pass: number, log: null, byLines: true): Node[];
function scan(
  items: readonly Item[],
  sums: Sums,
  shape: LineShape,
  params: BreakParams,
  pass: number,
  log: TraceEntry[] | null,
  byLines = false,
): Node | Node[] | null {
  const tolerance = params.tolerances[pass - 1]!;
  const final = pass === 4;
  const first = startAfter(items, -1);
  let active: Node[] = [{ at: -1, start: first, line: 0, fitness: 2, demerits: 0, ratio: 0, flagged: false, prev: null, traced: -1 }];
  const start = log?.length ?? 0;
  // The best way to reach a break, per fitness class and (for a hanging indent)
  // per first-or-later line: 8 slots, reused from break to break, and the keys in
  // the order first found (the order the new active nodes are made in). By lines,
  // 8 slots more for every number of lines.
  const best: (Candidate | undefined)[] = new Array(8).fill(undefined);
  const order: number[] = [];
  let spare: Node[] = [];
  const leastByLine: number[] = [];

  for (let b = first; b < items.length; b++) {
    if (!breakable(items, b, pass)) continue;
    const end = items[b]!;
    const forced = end.type === 'penalty' && end.cost === -Infinity;
    for (const key of order) best[key] = undefined;
    order.length = 0;
    // The nodes that stay active, into the spare list (two lists, swapped at each break).
    const survivors = spare;
    survivors.length = 0;
    for (let i = 0; i < active.length; i++) {
      const a = active[i]!;
      // No line from `a` yet: this break is among the discardable items right after
      // `a`'s (a junction's two penalties: T9's half mark and the grid's whole cell,
      // or T16's hanging mark), and a line there would be empty.
      if (a.start > b) {
        survivors.push(a);
        continue;
      }
      const { width } = lineBox(shape, a.line);
      let ratio = ratioOf(items, sums, a.start, b, width);
      const overfull = ratio < -1;
      if (!overfull && !forced) survivors.push(a);
      let feasible = !overfull && badness(ratio) <= tolerance;
      // TeX's final pass (§851): when the last active node can only reach this
      // break overfull, take it rather than find no breaks at all.
      const lastHope = final && overfull && order.length === 0 && i === active.length - 1 && survivors.length === 0;
      if (lastHope) {
        feasible = true;
        ratio = Math.max(ratio, -1e6);
      }
      if (!feasible) continue;
      const letters = sums.letters[b]! - sums.letters[a.start]!;
      const d = a.demerits + (lastHope ? 0 : lineDemerits(ratio, end, a.flagged, a.fitness, letters, params));
      const key = fitnessOf(ratio) * 2 + (a.line === 0 ? 0 : 1) + (byLines ? 8 * a.line : 0);
      const traced = log ? log.push({ pass, from: items[a.start]?.range[0] ?? 0, at: end.range[0], line: a.line + 1, ratio, demerits: d, chosen: false }) - 1 : -1;
      const seen = best[key];
      if (!seen) order.push(key);
      if (!seen || d < seen.demerits) best[key] = { from: a, demerits: d, ratio, traced };
    }
    spare = active;
    active = survivors;
    if (order.length > 0) {
      // The best demerits here (TeX §836); by lines, the best of each number of lines.
      let least = Infinity;
      if (byLines) leastByLine.length = 0;
      for (const key of order) {
        const d = best[key]!.demerits;
        least = Math.min(least, d);
        if (byLines) leastByLine[key >> 3] = Math.min(leastByLine[key >> 3] ?? Infinity, d);
      }
      for (const key of order) {
        const c = best[key]!;
        // Hopeless next to the best way of reaching here (TeX §836) in as many lines.
        if (c.demerits > (byLines ? leastByLine[key >> 3]! : least) + params.adjacentDemerits) continue;
        active.push({
          at: b,
          start: startAfter(items, b),
          line: c.from.line + 1,
          fitness: fitnessOf(c.ratio),
          demerits: c.demerits,
          ratio: c.ratio,
          flagged: end.type === 'penalty' && end.flagged,
          prev: c.from,
          traced: c.traced,
        });
      }
    }
    if (active.length === 0) {
      if (log) log.length = start;
      return byLines ? [] : null;
    }
    if (forced) break;
  }
  const last = active.filter((n) => n.at === items.length - 1);
  if (byLines) return last;
  if (last.length === 0) return null;
  return last.reduce((x, y) => (y.demerits < x.demerits ? y : x));
}

/**
 * The demerits of any given breaks, by the same measure the breaker minimises, with
 * the worst badness and the highest penalty level among its lines: to compare the
 * breaker's choice with another's (the first-fit baseline).
 */
export function pathCost(
  items: readonly Item[],
  breaks: readonly number[],
  shape: LineShape,
  params: BreakParams = BREAK_PARAMS,
): { demerits: number; worstBadness: number; level: number } {
  const sums = sumsOf(items);
  let start = startAfter(items, -1);
  let demerits = 0;
  let worstBadness = 0;
  let level = 0;
  let fitness = 2;
  let flagged = false;
  breaks.forEach((b, line) => {
    const end = items[b]!;
    const ratio = ratioOf(items, sums, start, b, lineBox(shape, line).width);
    const letters = sums.letters[b]! - sums.letters[start]!;
    demerits += lineDemerits(ratio, end, flagged, fitness, letters, params);
    worstBadness = Math.max(worstBadness, ratio < -1 ? Infinity : badness(ratio));
    if (end.type === 'penalty') level = Math.max(level, end.level);
    fitness = fitnessOf(ratio);
    flagged = end.type === 'penalty' && end.flagged;
    start = startAfter(items, b);
  });
  return { demerits, worstBadness, level };
}

/** The tolerance and the penalty level of a pass. */
export function passLimits(pass: number, params: BreakParams = BREAK_PARAMS): { tolerance: number; level: number } {
  return { tolerance: params.tolerances[pass - 1]!, level: levelOf(pass) };
}

/** The breaks of the best path, from its last node back to the start. */
function pathTo(node: Node, pass: number, log: TraceEntry[]): BreakResult {
  const breaks: number[] = [];
  const ratios: number[] = [];
  for (let n: Node | null = node; n && n.at >= 0; n = n.prev) {
    breaks.unshift(n.at);
    ratios.unshift(n.ratio);
    if (n.traced >= 0) log[n.traced]!.chosen = true;
  }
  return { breaks, ratios, demerits: node.demerits, pass, trace: log };
}
