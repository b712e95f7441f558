/**
 * Cells → items (box / glue / penalty). Each gap between two cells becomes at most
 * one glue, which is also the place to break there: a break discards it, which
 * sets a line-end mark half width (T9) and lets an opening mark at a line start
 * lose its left half (T10). Forbidden breaks (T4, T5, T6) put an infinite penalty
 * before the glue. Inside a Latin word or an address, penalties mark where a
 * later pass of the breaker may break (T14, T6).
 */
import LineBreaker from 'linebreak';
import { HANGING, MEASURE_WORDS, NO_LINE_END, NO_LINE_START, NOT_FOR_JUSTIFYING, ORDINAL_PREFIX, hyphenationPoints, isCompressible, isNumber, isWide } from '../text/index.js';
import type { Cell, Glue, Item, Penalty, PlacedGlyph, Range } from './types.js';
import { WORD_JOINER, ZERO_WIDTH_SPACE } from '../text/invisible.js';

/** The engine's spacing, in em; each says where it comes from. */
export const SPACING = {
  /** T14: between Han and Latin or digits, ¼ em, shrinking to ⅛ em, growing to ⅓ em. */
  hanLatin: { width: 1 / 4, shrink: 1 / 8, stretch: 1 / 12 },
  /** T13: a word space, ⅓ em (TeX's interword space), shrinking to ¼ em, growing to ½ em. */
  word: { width: 1 / 3, shrink: 1 / 12, stretch: 1 / 6 },
  /**
   * T13: how far a gap between two full-width characters may grow at an adjustment
   * ratio of 1. The breaker's tolerance (params.ts) then keeps gaps under 0.1 em
   * where the paragraph allows: larger gaps make PDF text extraction insert spaces.
   */
  interStretch: 0.08,
} as const;

/**
 * T28: the cost of parting a number from its measure word (`4880／名`), as strong as
 * TeX's tie is meant to be but not a prohibition: with the demerits of linebreak.ts
 * (cost²), more than any line within the second pass's tolerance costs.
 */
export const TIE = 1000;

/** Costs of breaks inside words, as TeX's \hyphenpenalty and \exhyphenpenalty. */
export const WORD_BREAK = {
  /** At a hyphenation point (TeX's default 50). */
  hyphenation: 50,
  /** After a hyphen written in the word (TeX's default 50). */
  explicit: 50,
  /** Inside an e-mail address or URL, after `/ . @ -` (T6: the last resort). */
  address: 1000,
  /** Anywhere in a token wider than the measure, where nothing else can set it. */
  anywhere: 5000,
} as const;

export interface ItemOptions {
  size: number;
  /** Width of the first line's indent, points (T2). */
  indent: number;
  /** The hyphen to draw at a hyphenation break, when the font has one. */
  hyphen: PlacedGlyph | null;
  /**
   * A word or number wider than this (the measure) may break between any two of its
   * characters in the last pass: the last resort for a token no line can hold.
   */
  breakWiderThan?: number;
  /**
   * T30: `quarter`, T14's ¼ em between Han characters and a number written in
   * digits; `none`, numbers set tight against Han (`2月12日`). Latin words keep T14.
   */
  digitSpacing?: 'quarter' | 'none';
  /** T26: break only after these characters (a list of recipients: after `，` and `、`). */
  breaksOnlyAfter?: ReadonlySet<string>;
  /**
   * T16: `，。、` ending a line may hang in the margin: the line holds its
   * characters to the measure and the mark after them.
   */
  hanging?: boolean;
  /**
   * On a character grid (the 公文's, GB/T 9704 §5.2.2: 28 characters a line, each in
   * its cell): a mark ending a line may keep its whole cell, as hanging (T16) lets
   * one stand past the last, so a line of 28 cells stays on the grid instead of
   * being spread by half an em to end flush (T9). Where the engine departs from T9,
   * and why: a 公文's lines end on their 28th cell, not on the ink.
   */
  wholeCells?: boolean;
  /**
   * T10: whether an opening mark that starts the text keeps its blank left half
   * (mainland practice for a paragraph; a colophon row aligns its bracket's ink
   * with the rows above instead, T23).
   */
  openingBlank?: boolean;
}

export function itemsOf(cells: Cell[], options: ItemOptions): Item[] {
  const { indent } = options;
  const items: Item[] = [];
  if (indent > 0) {
    // T2: the indent is material, never discarded or stretched.
    items.push({
      type: 'box',
      width: indent,
      range: [0, 0],
      cell: { cls: 'han', text: '', range: [0, 0], width: indent, leftBlank: 0, rightBlank: 0, spaceBefore: '', glyphs: [] },
    });
  }
  // On a character grid (T1) an opening mark keeps its whole cell at a line's start
  // too: T10 lets it lose its left half, and a 公文 line then starts half a column
  // early and every character after it is off its column. Its blank goes into its
  // box, which a break does not discard as it does the gap before it.
  const grid = options.wholeCells === true ? cells.map(keepLeftBlank) : cells;
  grid.forEach((cell, i) => {
    const before = grid[i - 1];
    if (before) pushJunction(items, before, cell, options);
    // T10 allows an opening mark to lose its left half at a paragraph's start too;
    // mainland practice keeps it there, so the first cell keeps its whole width.
    const whole = before || options.openingBlank === false ? cell : keepLeftBlank(cell);
    pushWord(items, whole, options);
  });
  // The paragraph's end: the last line is ragged (T13), and must end here.
  const end = cells.at(-1)?.range[1] ?? 0;
  items.push(penalty(Infinity, [end, end]));
  items.push(glue('gap', 0, 1e6, 0, '', [end, end]));
  items.push(penalty(-Infinity, [end, end]));
  return items;
}

/** A cell as boxes, with the places inside a word or address a later pass may break, onto `out`. */
function pushWord(out: Item[], cell: Cell, options: ItemOptions): void {
  if (cell.cls !== 'alnum') {
    out.push({ type: 'box', width: cell.width, cell, range: cell.range });
    return;
  }
  const wide = options.breakWiderThan !== undefined && cell.width > options.breakWiderThan;
  const points = wide ? everywhere(cell.text) : breakPoints(cell.text);
  if (points.length === 0) {
    out.push({ type: 'box', width: cell.width, cell, range: cell.range });
    return;
  }
  let from = 0;
  // The cell's glyphs in text order, taken fragment by fragment: linear in a long word.
  let glyph = 0;
  const glyphsTo = (to: number): PlacedGlyph[] => {
    const first = glyph;
    while (glyph < cell.glyphs.length && cell.glyphs[glyph]!.at < cell.range[0] + to) glyph++;
    return cell.glyphs.slice(first, glyph);
  };
  for (const p of points) {
    out.push(fragmentBox(cell, from, p.at, glyphsTo(p.at)));
    const at = cell.range[0] + p.at;
    const hyphen = p.kind === 'hyphenation' ? options.hyphen : null;
    out.push({
      type: 'penalty',
      width: hyphen ? hyphen.advance : 0,
      cost: WORD_BREAK[p.kind],
      flagged: p.kind === 'hyphenation' || p.kind === 'explicit',
      level: p.kind === 'hyphenation' || p.kind === 'explicit' ? 1 : 2,
      // PDF 1.7 §14.8.2.2.3: a hyphen the layout inserts is a soft hyphen.
      ...(hyphen ? { glyph: { ...hyphen, text: '\u00ad', at, inserted: true } } : {}),
      range: [at, at],
    });
    from = p.at;
  }
  out.push(fragmentBox(cell, from, cell.text.length, glyphsTo(cell.text.length)));
}

interface BreakPoint {
  /** Offset into the word. */
  at: number;
  kind: 'hyphenation' | 'explicit' | 'address' | 'anywhere';
}

/** Between every two characters: a token no line can hold. */
function everywhere(word: string): BreakPoint[] {
  const points: BreakPoint[] = [];
  let at = 0;
  for (const ch of [...word].slice(0, -1)) points.push({ at: (at += ch.length), kind: 'anywhere' });
  return points;
}

/** Where a Latin word, number or address may break, if at all. */
function breakPoints(word: string): BreakPoint[] {
  if (/@|:\/\/|^www\./i.test(word)) {
    // T6: an address or URL only after `/ . @ -`, and only as a last resort.
    const points: BreakPoint[] = [];
    for (let i = 1; i < word.length - 1; i++) {
      if ('/.@-_'.includes(word[i - 1]!) && !'/.@-_'.includes(word[i]!)) points.push({ at: i, kind: 'address' });
    }
    return points;
  }
  // UAX #14 (the linebreak package) finds the breaks a word has of its own: after
  // the hyphens of a compound, after a slash; each run of letters between them
  // may also be hyphenated.
  const points: BreakPoint[] = [];
  const breaker = new LineBreaker(word);
  let offset = 0;
  for (let b = breaker.nextBreak(); b; b = breaker.nextBreak()) {
    const part = word.slice(offset, b.position);
    for (const run of part.matchAll(/[A-Za-z]+/g)) {
      for (const h of hyphenationPoints(run[0])) points.push({ at: offset + run.index + h, kind: 'hyphenation' });
    }
    if (b.position < word.length) points.push({ at: b.position, kind: 'explicit' });
    offset = b.position;
  }
  return points;
}

/** The part of a cell from offset `from` to `to` of its text, drawn with `glyphs`, as a box. */
function fragmentBox(cell: Cell, from: number, to: number, glyphs: PlacedGlyph[]): Item {
  const start = cell.range[0] + from;
  const end = cell.range[0] + to;
  const x0 = glyphs[0]?.x ?? 0;
  const width = glyphs.reduce((w, g) => Math.max(w, g.x - x0 + g.advance), 0);
  const part: Cell = {
    ...cell,
    text: cell.text.slice(from, to),
    range: [start, end],
    width,
    glyphs: glyphs.map((g) => ({ ...g, x: g.x - x0 })),
  };
  return { type: 'box', width, cell: part, range: part.range };
}

/** The items between two adjacent cells, onto `out`. */
function pushJunction(out: Item[], a: Cell, b: Cell, options: ItemOptions): void {
  const { size } = options;
  const range: Range = [a.range[1], b.range[0]];
  const lastOfA = lastChar(a.text);
  const firstOfB = firstChar(b.text);
  // T6: never inside `……`; symbols (`+`, `@`…) stay with their neighbours.
  if (lastOfA === '…' && firstOfB === '…') return;
  // A zero-width space allows a break where none would be (it is a space to the
  // rule below); a word joiner forbids one.
  const joined = b.spaceBefore.includes(WORD_JOINER);
  if (b.spaceBefore === '' && (a.cls === 'symbol' || b.cls === 'symbol')) return;
  const only = options.breaksOnlyAfter;
  const forbidden = joined || NO_LINE_END.has(lastOfA) || NO_LINE_START.has(firstOfB) || (only !== undefined && !only.has(lastOfA));
  if (forbidden) out.push(penalty(Infinity, range));
  else if (tied(a, b)) out.push(penalty(TIE, range));
  else {
    // T16: a break here may hang the mark (the line's width leaves out its ink); on a
    // character grid it may keep its whole cell (the line's width takes in its
    // blank); or it is set half width (T9). The breaker weighs them.
    const hang = options.hanging === true && HANGING.has(lastOfA);
    const cell = options.wholeCells === true && a.rightBlank > 0;
    if (hang) out.push({ type: 'penalty', width: -a.width, cost: 0, flagged: false, level: 0, range });
    if (cell) out.push({ type: 'penalty', width: a.rightBlank, cost: 0, flagged: false, level: 0, range });
    if (hang || cell) out.push(penalty(0, range));
  }
  out.push(gapBetween(a, b, size, range, options.digitSpacing ?? 'quarter', options.wholeCells === true));
}

/**
 * T28: a number and the measure word after it (or `第` and the number after it). A
 * space typed between them is T14's gap, not a place the writer chose to break
 * (`（共印 130 份）`, T23); a zero-width space is one, and unties them.
 */
function tied(a: Cell, b: Cell): boolean {
  if (b.spaceBefore.includes(ZERO_WIDTH_SPACE)) return false;
  if (a.cls === 'alnum' && isNumber(a.text)) return MEASURE_WORDS.has(firstChar(b.text));
  return b.cls === 'alnum' && isNumber(b.text) && lastChar(a.text) === ORDINAL_PREFIX;
}

/** The first character of a text, by code point as `[...text][0]` gives it ('' for none). */
export function firstChar(text: string): string {
  const cp = text.codePointAt(0);
  return cp === undefined ? '' : text.slice(0, cp > 0xffff ? 2 : 1);
}

/** The last character of a text, by code point as `[...text].at(-1)` gives it ('' for none). */
export function lastChar(text: string): string {
  const n = text.length;
  if (n === 0) return '';
  const low = text.charCodeAt(n - 1);
  const high = n > 1 ? text.charCodeAt(n - 2) : 0;
  const pair = low >= 0xdc00 && low <= 0xdfff && high >= 0xd800 && high <= 0xdbff;
  return text.slice(pair ? n - 2 : n - 1);
}

const ZERO_WIDTH = new RegExp(`[${ZERO_WIDTH_SPACE}${WORD_JOINER}]`, 'g');

function gapBetween(a: Cell, b: Cell, size: number, range: Range, digitSpacing: 'quarter' | 'none', wholeCells: boolean): Glue {
  // Only visible spaces make a gap; zero-width spaces and word joiners do not.
  const typed = b.spaceBefore.replace(ZERO_WIDTH, '');
  const hanLatin =
    (a.cls === 'han' && b.cls === 'alnum') || (a.cls === 'alnum' && b.cls === 'han');
  // T30: a number set tight against Han; a space typed there is this gap (T14), so
  // it is none too (kept in the text, for extraction).
  const tight = hanLatin && digitSpacing === 'none' && isNumber(a.cls === 'alnum' ? a.text : b.text);
  if (tight) return glue('gap', 0, stretchOf(a, b, size), 0, typed, range);
  if (hanLatin) {
    // T14: ¼ em between Han and Latin; a typed space there is this gap, not another.
    const s = SPACING.hanLatin;
    return glue('hanlatin', s.width * size, s.stretch * size, s.shrink * size, typed, range);
  }
  const blank = a.rightBlank + b.leftBlank;
  // On a character grid (the 公文 grid, T1) a mark inside a line keeps its whole
  // cell, alone or beside another: each character stands on its column. Only a
  // line's ends adjust (T9's whole cell or T16's hanging, pushJunction).
  if (wholeCells && blank > 0 && typed === '') return glue('gap', blank, 0, 0, '', range);
  if (isCompressible(a.cls) && isCompressible(b.cls)) {
    // T11: two adjacent marks take 1.5 em: the blank between them loses half an em
    // (never both blanks: glyphs must start 0.5 em apart for text extraction).
    // The pair is rigid: 1.5 em, never spread by justification either.
    const kept = Math.max(0, blank - size / 2);
    return glue('gap', kept + spaceWidth(typed, size), 0, 0, typed, range);
  }
  if (typed !== '') {
    // A typed space between words (or between Han characters: kept as a word space).
    const s = SPACING.word;
    return glue('space', blank + s.width * size, s.stretch * size, s.shrink * size, typed, range);
  }
  if (blank > 0) {
    // T9–T11, T12: a punctuation blank shrinks first, except after `。？！`.
    const keep = a.rightBlank > 0 && NOT_FOR_JUSTIFYING.has(lastChar(a.text));
    // T27: the blank is there whole or not at all; spreading goes to the gaps
    // between other characters, so a mark's cell is exactly 1 em or ½ em.
    return glue(keep ? 'gap' : 'punct', blank, 0, keep ? 0 : blank, '', range);
  }
  return glue('gap', 0, stretchOf(a, b, size), 0, '', range);
}

function keepLeftBlank(cell: Cell): Cell {
  if (cell.leftBlank === 0) return cell;
  return {
    ...cell,
    width: cell.width + cell.leftBlank,
    leftBlank: 0,
    glyphs: cell.glyphs.map((g) => ({ ...g, x: g.x + cell.leftBlank })),
  };
}

function spaceWidth(typed: string, size: number): number {
  return typed === '' ? 0 : SPACING.word.width * size;
}

/** T13: gaps between full-width cells may grow; Latin letters are never letter-spaced. */
function stretchOf(a: Cell, b: Cell, size: number): number {
  return isWide(a.cls) || isWide(b.cls) ? SPACING.interStretch * size : 0;
}

function glue(kind: Glue['kind'], width: number, stretch: number, shrink: number, text: string, range: Range): Glue {
  return { type: 'glue', kind, width, stretch, shrink, text, range };
}

function penalty(cost: number, range: Range): Penalty {
  return { type: 'penalty', width: 0, cost, flagged: false, level: 0, range };
}
