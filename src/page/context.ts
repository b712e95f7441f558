/**
 * What every step of the page stage shares: the style, the fonts, and what it
 * collects on the way (characters no font has, the line breaker's trace), with
 * the one way to set a piece of text.
 */
import type { DocText } from '../document/index.js';
import type { FontRole, FontSet } from '../fonts/index.js';
import { setParagraph, setTitle, uniform, type Alternative, type LineShape, type MissingGlyph, type SetLine, type SetParagraph, type SetParams, type TraceEntry } from '../paragraph/index.js';
import { problemAt, type Problem } from '../issue/index.js';
import type { Style } from '../style/index.js';
import type { PrintOptions } from './prepress.js';
import { keyOf, type SetMemo } from './memo.js';

/** A character no font has, with the text it is in. */
export interface Missing extends MissingGlyph {
  in: DocText;
}

/** A line the breaker weighed (`--trace linebreak`), with the paragraph it is in. */
export interface LineTrace extends TraceEntry {
  /** The paragraph's number in the issue, from 0, and where it is in the issue file. */
  para: number;
  path: string;
}

export interface LayoutOptions extends PrintOptions {
  /** Draw this character where no font has one, with a warning, instead of failing. */
  placeholder?: string;
  /** Keep the line breaker's trace of every body paragraph. */
  trace?: boolean;
  /** Draw the grid, the line boxes and each line's adjustment ratio. */
  overlay?: boolean;
}

export interface Context {
  style: Style;
  fonts: FontSet;
  options: LayoutOptions;
  missing: Missing[];
  /** What could not be set as the rules want: overfull lines. */
  warnings: Problem[];
  trace: LineTrace[];
  /** Body paragraphs set so far: numbers the trace. */
  paragraphs: number;
  /** Text as set by the last build of the document (--watch), taken where unchanged. */
  memo?: SetMemo;
}

export function contextOf(style: Style, fonts: FontSet, options: LayoutOptions = {}, memo?: SetMemo): Context {
  return { style, fonts, options, missing: [], warnings: [], trace: [], paragraphs: 0, ...(memo ? { memo } : {}) };
}

export interface SetOptions {
  face: FontRole;
  size: number;
  align: 'justify' | 'left' | 'center';
  /** First-line indent, points. */
  indent?: number;
  /** The lines; the whole measure of the type area by default. */
  shape?: LineShape;
  /** Trace this text's breaks as a body paragraph. */
  traced?: boolean;
  /** T26: break only after these characters. */
  breaksOnlyAfter?: ReadonlySet<string>;
  /** T10: an opening mark starting the text keeps its blank left half (yes by default). */
  openingBlank?: boolean;
}

/** Set a piece of text, noting characters no font has (and the breaks, if traced). */
export function setText(ctx: Context, text: DocText, o: SetOptions): SetLine[] {
  return setBody(ctx, text, o).lines;
}

/** As setText, with the paragraph's other numbers of lines to be had (T24). */
export function setBody(ctx: Context, text: DocText, o: SetOptions): { lines: SetLine[]; alternatives: () => Alternative[]; possibleCounts: () => number[] } {
  const traced = (o.traced ?? false) && (ctx.options.trace ?? false);
  const params: SetParams = {
    face: o.face,
    size: o.size,
    indent: o.indent ?? 0,
    align: o.align,
    shape: o.shape ?? uniform(ctx.style.area.width),
    trace: traced,
    digitSpacing: ctx.style.digitSpacing,
    ...(o.breaksOnlyAfter ? { breaksOnlyAfter: o.breaksOnlyAfter } : {}),
    // T16: only justified text hangs its marks (body paragraphs and notes), and
    // keeps a line-end mark's whole cell on a character grid.
    ...(ctx.style.hanging && o.align === 'justify' ? { hanging: true } : {}),
    ...(ctx.style.columns && o.align === 'justify' ? { wholeCells: true } : {}),
    ...(o.openingBlank === false ? { openingBlank: false } : {}),
    ...(ctx.options.placeholder === undefined ? {} : { placeholder: ctx.options.placeholder }),
  };
  const set = memoised(ctx, 'paragraph', params, text.text, () => kept(setParagraph(text.text, params, ctx.fonts)));
  for (const m of set.missing) ctx.missing.push({ ...m, in: text });
  for (const line of set.lines) if (line.ratio < -1 - 1e-9) ctx.warnings.push(overfull(text, line));
  for (const at of set.brokenWords) ctx.warnings.push(brokenWord(text, at));
  if (traced) {
    const para = ctx.paragraphs;
    const path = text.source?.path ?? '';
    for (const t of set.trace) ctx.trace.push({ para, path, ...t });
  }
  if (o.traced) ctx.paragraphs++;
  return set;
}

/** Text set with `make`, or as the last build of the document set it with the same parameters and fonts (memo.ts). */
function memoised<T>(ctx: Context, what: string, params: object, text: string, make: () => T): T {
  return ctx.memo ? ctx.memo.take(keyOf(ctx.fonts.identity, what, params, text), make) : make();
}

/**
 * A paragraph whose other numbers of lines (T24), once worked out, are kept with it
 * (a memo gives them again), and what they were worked out from (its items) let go.
 */
function kept(set: SetParagraph): SetParagraph {
  let alternatives: Alternative[] | undefined;
  let make: (() => Alternative[]) | undefined = set.alternatives;
  return {
    ...set,
    alternatives: () => {
      if (make) [alternatives, make] = [make(), undefined];
      return alternatives!;
    },
  };
}

function clip(text: string, n: number): string {
  return text.length > n ? `${text.slice(0, n)}…` : text;
}

/** A line that could not be set within the measure: an unbreakable run wider than it. */
function overfull(text: DocText, line: SetLine): Problem {
  const words = text.text.slice(line.range[0], line.range[1]);
  return problemAt(
    'warning',
    text.source,
    line.range[0],
    `a line runs past the measure: "${clip(words, 30)}" cannot be broken anywhere allowed`,
    'add a break point (a space, or a hyphen in a long word), or shorten it',
  );
}

/** A word or number wider than the measure, broken where no rule would break it. */
function brokenWord(text: DocText, at: number): Problem {
  const word = /^[^\s\u3000-\u303f\uff00-\uffef]+/u.exec(text.text.slice(at))?.[0] ?? '';
  return problemAt(
    'warning',
    text.source,
    at,
    `"${clip(word, 40)}" is wider than the measure and was broken where it had to be`,
    'add a space or a hyphen where it may break, or shorten it',
  );
}

/** The natural width and glyphs of a text on one line (a label, a folio, a number). */
/**
 * A title line (an explicit break in the source makes two), broken into balanced
 * lines at phrase boundaries when too long for the measure (T19); characters no
 * font has are recorded as setText records them.
 */
export function setTitleText(
  ctx: Context,
  text: DocText,
  face: FontRole,
  size: number,
  { width = ctx.style.area.width, align = 'center' }: { width?: number; align?: 'center' | 'left' } = {},
): SetLine[] {
  const placeholder = ctx.options.placeholder;
  const params = { face, size, width, align, digitSpacing: ctx.style.digitSpacing, ...(placeholder === undefined ? {} : { placeholder }) };
  const set = memoised(ctx, 'title', params, text.text, () => setTitle(text.text, params, ctx.fonts));
  for (const m of set.missing) ctx.missing.push({ ...m, in: text });
  return set.lines;
}

export function setNatural(ctx: Context, text: DocText, face: FontRole, size: number): SetLine | undefined {
  return setText(ctx, text, { face, size, align: 'left', shape: uniform(1e6) })[0];
}
