/**
 * For the print shop: bleed, crop marks with a slug line naming the issue and the
 * page, and the imposition of a saddle-stitched booklet (two pages a side of an A3
 * landscape sheet, in signature order). All of it is a transformation of pages into
 * pages; the writer only draws what it is given.
 */
import type { Document } from '../document/index.js';
import { MM, type Cmyk } from '../style/index.js';
import { setNatural, type Context } from './context.js';
import { moveItems, shiftGlyphs } from './move.js';
import type { Page, PageItem, Pages, TextRun } from './types.js';

export interface PrintOptions {
  /** Bleed around every page, mm (3 is usual). */
  bleed?: number;
  /** Crop marks outside the bleed, and a slug line. */
  marks?: boolean;
  /** Two pages a side of an A3 sheet, in saddle-stitch order. */
  impose?: 'booklet';
}

/** Registration colour: marks print on every plate. */
const REGISTRATION: Cmyk = [100, 100, 100, 100];
/** Marks start this far beyond the bleed and run this long (the usual 2 mm and 5 mm). */
const MARK_GAP = 2 * MM;
const MARK_LENGTH = 5 * MM;
/** Room beyond the bleed for the marks and, under them, the slug line. */
const SLUG = 10 * MM;
const SLUG_SIZE = 6;
const MARK_WEIGHT = 0.25;

export function forPrint(pages: Pages, options: PrintOptions, doc: Document, ctx: Context): Pages {
  const bleed = (options.bleed ?? 0) * MM;
  let out: Pages = { ...pages, bleed, slug: options.marks ? SLUG : 0 };
  if (options.impose === 'booklet') out = booklet(out);
  if (options.marks) out = withMarks(out, doc, ctx, options.impose === 'booklet');
  return out;
}

/**
 * Pad to a multiple of four with blank pages where a printer puts them: before the
 * last page when it holds the colophon alone (which then, after blanks, carries no
 * folio: GB/T 9704 §7.5), else at the end — never inside an article.
 */
export function padToFour(pages: Page[]): Page[] {
  const blanks = (4 - (pages.length % 4)) % 4;
  if (blanks === 0) return pages;
  const blank = (): Page => ({ folio: null, items: [] });
  const last = pages.at(-1)!;
  // Alone: no text on the page but the colophon's and the folio, and no image.
  const colophonAlone =
    pages.length > 1 &&
    last.items.some((i) => i.type === 'text' && i.tag?.role === 'Colophon') &&
    !last.items.some((i) => i.type === 'image' || (i.type === 'text' && i.tag?.role !== 'Colophon' && i.tag?.role !== 'Artifact'));
  if (!colophonAlone) return [...pages, ...Array.from({ length: blanks }, blank)];
  const unnumbered: Page = { folio: null, items: last.items.filter((i) => !(i.type === 'text' && i.tag?.role === 'Artifact')) };
  return [...pages.slice(0, -1), ...Array.from({ length: blanks }, blank), unnumbered];
}

/**
 * The pages of a saddle-stitched booklet in the order they print: for n pages,
 * sheet i carries pages n−2i and 2i+1 on its front, 2i+2 and n−2i−1 on its back
 * (1-based, left then right).
 */
export function signatureOrder(n: number): [number, number][] {
  const sides: [number, number][] = [];
  for (let i = 0; i < n / 4; i++) {
    sides.push([n - 2 * i, 2 * i + 1]);
    sides.push([2 * i + 2, n - 2 * i - 1]);
  }
  return sides;
}

function booklet(pages: Pages): Pages {
  const padded = padToFour(pages.pages);
  const sides = signatureOrder(padded.length).map(([left, right], s): Page => {
    const l = padded[left - 1]!;
    const r = padded[right - 1]!;
    const slug = `第 ${Math.floor(s / 2) + 1} 张${s % 2 === 0 ? '正面' : '反面'}：第 ${left}、${right} 页（共 ${padded.length} 页）`;
    return { folio: null, items: [...l.items, ...moveItems(r.items, pages.width, 0)], slug };
  });
  return { ...pages, width: pages.width * 2, pages: sides };
}

/** Crop marks at the corners (and, on a booklet sheet, fold marks at the spine), and a slug line. */
function withMarks(pages: Pages, doc: Document, ctx: Context, isBooklet: boolean): Pages {
  const { width, height, bleed } = pages;
  const start = bleed + MARK_GAP;
  const rule = (x: number, y: number, length: number, vertical: boolean): PageItem => ({
    type: 'rule',
    x,
    y,
    length,
    thickness: MARK_WEIGHT,
    color: REGISTRATION,
    ...(vertical ? { vertical: true } : {}),
  });
  const marks: PageItem[] = [];
  for (const x of [0, width]) {
    for (const y of [0, height]) {
      const outX = x === 0 ? -1 : 1;
      const outY = y === 0 ? -1 : 1;
      marks.push(rule(outX < 0 ? -start - MARK_LENGTH : x + start, y, MARK_LENGTH, false));
      marks.push(rule(x, outY < 0 ? -start - MARK_LENGTH : y + start, MARK_LENGTH, true));
    }
  }
  const spine = width / 2;
  if (isBooklet) {
    marks.push(rule(spine, -start - MARK_LENGTH, MARK_LENGTH, true));
    marks.push(rule(spine, height + start, MARK_LENGTH, true));
  }
  const total = pages.pages.length;
  return {
    ...pages,
    pages: pages.pages.map((page, i) => {
      // The slug line, under the bottom marks and clear of the left one.
      const text = `${doc.meta.title}　${page.slug ?? `第 ${i + 1} 页（共 ${total} 页）`}`;
      const label = setNatural(ctx, { text }, ctx.style.body.font, SLUG_SIZE);
      const slug: TextRun[] = label
        ? [{ type: 'text', glyphs: shiftGlyphs(label.glyphs, start + MARK_LENGTH), y: height + bleed + SLUG - 2 * MM, color: REGISTRATION, tag: { role: 'Artifact' } }]
        : [];
      return { ...page, items: [...page.items, ...marks, ...slug] };
    }),
  };
}
