/**
 * Titles (T19): a title too long for one line is broken at a phrase boundary into
 * lines of nearly equal length (梯形/菱形), never one long line and a stub. The
 * lines are chosen by dynamic programming over the legal breaks (T4–T6 hold here
 * too), weighing how far each line is from the average against how good a place
 * each break is: after a pause mark, between words, or, at worst, inside one.
 * Word boundaries come from ICU's dictionary segmentation (Intl.Segmenter).
 */
import type { FontRole, FontSet } from '../fonts/index.js';
import { classify } from '../text/index.js';
import { cellsOf, glyphOf } from './cells.js';
import { TIE, itemsOf } from './items.js';
import { setLine } from './justify.js';
import { breakable, startAfter, sumsOf } from './linebreak.js';
import type { Item, MissingGlyph, SetLine } from './types.js';

/** How much a break costs, by where it falls, in the units of the balance (em²). */
export const TITLE_BREAK = {
  /** After a pause or stop mark, or at a typed space: where a title breaks best. */
  punctuation: 0,
  /** T29: after a word that ends a phrase (的 与 和 及). */
  phrase: 2,
  /** T29: before the verb that opens a verb phrase (召开, 督导 …). */
  verb: 3,
  /** Before an opening mark. */
  opening: 5,
  /** Between two words of two or more characters each. */
  words: 10,
  /** Beside a one-character word (ICU's dictionary splits unknown words so). */
  short: 30,
  /** Inside a word. */
  inside: 200,
  /** Each line beyond the fewest the title fits in. */
  extraLine: 1000,
  /** T29: inside a compound of TITLE_COMPOUNDS: worse than another line. */
  compound: 3000,
} as const;

/**
 * T29: compounds that read as one word in a bulletin's titles, which a title never
 * breaks inside (ICU's dictionary splits most of them: 疫情/防控, 开工/复工). A
 * small list of the words of this kind of title; it grows with the titles that
 * need it.
 */
export const TITLE_COMPOUNDS = [
  '疫情防控',
  '防控工作',
  '新型冠状病毒',
  '新型冠状病毒感染的肺炎',
  '新冠肺炎',
  '新冠肺炎疫情',
  '开工复工',
  '复工复产',
  '企业开工',
  '视频日调度会',
  '调度会',
  '联合审批',
  '常委会',
  '敬老院',
  '派出所',
  '管委会',
  '办事处',
  '全力以赴',
  '人民医院',
  '疾控中心',
] as const;

/** T29: words after which a phrase ends: a title may break after them. */
const PHRASE_ENDS = new Set([...'的与和及']);

/**
 * T29: the verbs (and the adverbs and conjunctions before them) that open the verb phrase of a
 * bulletin's title: `我区／召开…`, `宋洁／实地督导…`. A title may break before them.
 */
export const TITLE_VERBS = [
  '召开',
  '督导',
  '察看',
  '调研',
  '检查',
  '指导',
  '研究',
  '部署',
  '做好',
  '开展',
  '推进',
  '落实',
  '举办',
  '举行',
  '印发',
  '启动',
  '主持',
  '出席',
  '视察',
  '走访',
  '慰问',
  '看望',
  '实地',
  '全力以赴',
  '织密',
  '到',
  // The conjunction that joins a second verb phrase (`…工作／并看望慰问…`).
  '并',
] as const;

/** Titles of more lines are filled line by line, not balanced: the balance weighs every set of n lines. */
const MAX_BALANCED_LINES = 12;

/** Made on first use: loading ICU's word dictionary takes some 13 ms. */
let segmenter: Intl.Segmenter | undefined;

export interface TitleParams {
  face: FontRole;
  size: number;
  /** The measure, points. */
  width: number;
  /** Centred (a title), or flush left (a contents entry). */
  align?: 'center' | 'left';
  placeholder?: string;
  /** T30, as for paragraphs. */
  digitSpacing?: 'quarter' | 'none';
}

export function setTitle(text: string, params: TitleParams, fonts: FontSet): { lines: SetLine[]; missing: MissingGlyph[] } {
  const { cells, missing } = cellsOf(text, fonts, params.face, params.size, params.placeholder);
  if (cells.length === 0) return { lines: [], missing };
  const items = itemsOf(cells, { size: params.size, indent: 0, hyphen: null, digitSpacing: params.digitSpacing ?? 'quarter' });
  const breaks = titleBreaks(text, items, params);
  let from = startAfter(items, -1);
  const lines = breaks.map((b, i) => {
    const line = setLine({
      items,
      from,
      to: b,
      x: 0,
      width: params.width,
      last: i === breaks.length - 1,
      align: params.align ?? 'center',
      size: params.size,
      space: glyphOf(fonts, params.face, params.size, ' '),
    });
    from = startAfter(items, b);
    return line;
  });
  return { lines, missing };
}

/** The breaks of the best-balanced set of lines. */
function titleBreaks(text: string, items: readonly Item[], params: TitleParams): number[] {
  const sums = sumsOf(items);
  const end = items.length - 1;
  const candidates = [-1];
  for (let j = 0; j < end; j++) if (breakable(items, j, 3)) candidates.push(j);
  candidates.push(end);
  const em = params.size;
  // Where the line after each candidate break starts, found once.
  const starts = candidates.map((c) => startAfter(items, c));
  const widthOf = (s: number, to: number) => {
    const it = items[to]!;
    return {
      natural: sums.width[to]! - sums.width[s]! + (it.type === 'penalty' ? it.width : 0),
      shrink: sums.shrink[to]! - sums.shrink[s]! + sums.marksShrink[to]! - sums.marksShrink[s]!,
    };
  };
  const whole = widthOf(starts[0]!, end);
  const total = whole.natural;
  // T7: marks squeeze before a line is added, so the fewest lines are counted with
  // the title squeezed (a title half an em too long with a comma in it is one line).
  const fewest = Math.max(1, Math.ceil((total - whole.shrink) / params.width - 1e-9));
  const fits = (p: number, c: number) => {
    const w = widthOf(starts[p]!, candidates[c]!);
    return w.natural - w.shrink <= params.width + 1e-6;
  };
  if (fewest > MAX_BALANCED_LINES) return filled(candidates, fits);
  // Word boundaries are needed only to weigh a break inside the title.
  let boundaries: Map<number, { before: number; after: number }> | undefined;
  // The cost of breaking at each candidate, weighed once (not once a line count and a line).
  const breakCosts: number[] = [];
  const placeCostAt = (c: number) => (breakCosts[c] ??= breakCost(text, items[candidates[c]!]!, () => (boundaries ??= wordBoundaries(text))));

  // A line wider than the measure is taken only when nothing else fits, and then only
  // if it cannot be broken but at a tie (T6: a number wider than the measure stands
  // on a line of its own, its measure word kept with it by T28).
  const unbreakable = (p: number, c: number) => {
    for (let q = p + 1; q < c; q++) if (!isTie(items[candidates[q]!]!)) return false;
    return true;
  };
  let best: { cost: number; breaks: number[] } | null = null;
  for (const overfull of [false, true]) {
    if (best) break;
    // With a line past the measure the count by widths says nothing: every count from
    // one is tried, and the lines added are counted from the fewest that were found.
    let least = overfull ? Infinity : fewest;
    for (let n = overfull ? 1 : fewest; n <= fewest + 2 && n <= candidates.length - 1; n++) {
      // Every cost is at least 0: n lines cannot beat a set of fewer that costs no
      // more than the lines n adds (a title that fits one line needs no more).
      if (best && best.cost <= (n - least) * TITLE_BREAK.extraLine) break;
      const target = total / n;
      // cost[k][c]: the least cost of k lines ending at candidate c.
      const cost: number[][] = Array.from({ length: n + 1 }, () => new Array(candidates.length).fill(Infinity));
      const from: number[][] = Array.from({ length: n + 1 }, () => new Array(candidates.length).fill(-1));
      cost[0]![0] = 0;
      for (let k = 1; k <= n; k++) {
        for (let c = 1; c < candidates.length; c++) {
          const last = c === candidates.length - 1;
          if (k === n && !last) continue;
          if (k < n && last) continue;
          const at = candidates[c]!;
          const breakCost = last ? 0 : placeCostAt(c);
          for (let p = 0; p < c; p++) {
            const before = cost[k - 1]![p]!;
            if (before === Infinity) continue;
            const w = widthOf(starts[p]!, at);
            if (w.natural - w.shrink > params.width + 1e-6 && !(overfull && unbreakable(p, c))) continue;
            const off = (w.natural - target) / em;
            const sum = before + off * off + breakCost;
            if (sum < cost[k]![c]!) {
              cost[k]![c] = sum;
              from[k]![c] = p;
            }
          }
        }
      }
      const found = cost[n]![candidates.length - 1]!;
      if (found === Infinity) continue;
      least = Math.min(least, n);
      const weighed = found + (n - least) * TITLE_BREAK.extraLine;
      if (!best || weighed < best.cost) {
        const breaks: number[] = [];
        for (let k = n, c = candidates.length - 1; k > 0; c = from[k]![c]!, k--) breaks.unshift(candidates[c]!);
        best = { cost: weighed, breaks };
      }
    }
  }
  // Nothing balances even so (more lines than the balance weighs): filled line by
  // line, so only a piece that cannot fit runs past the measure, alone on its line.
  return best?.breaks ?? filled(candidates, fits);
}

/**
 * The lines of a title too long to balance (the loader refuses titles longer than
 * a few lines), filled one after another: each ends at the last break that fits.
 */
function filled(candidates: readonly number[], fits: (p: number, c: number) => boolean): number[] {
  const breaks: number[] = [];
  let from = 0;
  for (let c = 1; c < candidates.length; c++) {
    if (c === from + 1 || fits(from, c)) continue;
    breaks.push(candidates[c - 1]!);
    from = c - 1;
  }
  breaks.push(candidates.at(-1)!);
  return breaks;
}

/** Offsets where ICU's dictionary puts a word boundary, with the length of the words on each side. */
function wordBoundaries(text: string): Map<number, { before: number; after: number }> {
  segmenter ??= new Intl.Segmenter('zh', { granularity: 'word' });
  const segments = [...segmenter.segment(text)];
  const out = new Map<number, { before: number; after: number }>();
  segments.forEach((s, i) => {
    const next = segments[i + 1];
    if (next) out.set(next.index, { before: [...s.segment].length, after: [...next.segment].length });
  });
  return out;
}

/** T28: a break at a tie (a number and its measure word, 第 and its number). */
function isTie(item: Item): boolean {
  return item.type === 'penalty' && item.cost >= TIE;
}

/** The cost of breaking a title at an item: where it falls, and T28's tie. */
function breakCost(text: string, item: Item, boundaries: () => Map<number, { before: number; after: number }>): number {
  const tie = isTie(item) ? TITLE_BREAK.inside : 0;
  return tie + placeCost(text, item.range[0], boundaries);
}

/** How good a place to break the offset in the title's text is (TITLE_BREAK). */
function placeCost(text: string, at: number, words: () => Map<number, { before: number; after: number }>): number {
  // T29: never inside a compound that reads as one word.
  if (insideCompound(text, at)) return TITLE_BREAK.compound;
  const before = [...text.slice(0, at).trimEnd()].at(-1) ?? '';
  const after = [...text.slice(at).trimStart()][0] ?? '';
  const cls = classify(before);
  if (cls === 'stop' || /\s/.test(text[at - 1] ?? '') || /\s/.test(text[at] ?? '')) return TITLE_BREAK.punctuation;
  // A closing bracket or quote often ends a term inside a word (`常委会（扩大）会议`).
  if (cls === 'close') return TITLE_BREAK.words;
  if (classify(after) === 'open') return TITLE_BREAK.opening;
  // T29: between phrases: after 的 与 和 及, or before a verb phrase.
  if (PHRASE_ENDS.has(before)) return TITLE_BREAK.phrase;
  if (TITLE_VERBS.some((v) => text.startsWith(v, at))) {
    // Unless the phrase has begun: after an adverb, a conjunction or another verb
    // of the list the break is inside it (`实地／督导`, `并／看望`, `看望／慰问`).
    const head = text.slice(0, at).trimEnd();
    return TITLE_VERBS.some((v) => head.endsWith(v)) ? TITLE_BREAK.short : TITLE_BREAK.verb;
  }
  const b = words().get(at);
  if (!b) return TITLE_BREAK.inside;
  return b.before >= 2 && b.after >= 2 ? TITLE_BREAK.words : TITLE_BREAK.short;
}

/** Whether offset `at` falls inside one of the title compounds (T29). */
function insideCompound(text: string, at: number): boolean {
  for (const word of TITLE_COMPOUNDS) {
    for (let i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + 1)) {
      if (at > i && at < i + word.length) return true;
    }
  }
  return false;
}
