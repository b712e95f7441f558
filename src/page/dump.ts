/**
 * A text dump of pages, one line per text run: baseline, left edge, size and the
 * text; for a line of a paragraph or note, what the rules did to its spacing, read
 * from where its glyphs stand. For golden tests (test/golden/*.expected): it diffs
 * well in review, where a PDF does not, and a change to a rule shows as a change
 * of the marks after the lines it touches.
 *
 * The marks, each in em of the line's size, only where the spacing is not natural:
 * - `T13+0.031×21`: gaps between full-width characters spread by 0.031 em, 21 of them;
 * - `T13½:，、`: marks whose blank half was taken to shrink the line (T13, whole: T27);
 * - `T27:，0.812`: a mark squeezed to an in-between width (T27's last resort);
 * - `T11:。”`: two adjacent marks set in 1.5 em;
 * - `T14:0.250×2`: gaps between Han and Latin or digits (T14, T30), by width;
 * - `word:0.333`: word spaces between Latin words or numbers, by width.
 */
import { classify, isCompressible, isWide } from '../text/index.js';
import type { PlacedGlyph } from '../paragraph/index.js';
import type { Pages, TextRun } from './types.js';

export function dumpPages(pages: Pages): string {
  const out: string[] = [];
  pages.pages.forEach((page, i) => {
    out.push(`# page ${i + 1}${page.folio === null ? '' : ` (folio ${page.folio})`}`);
    for (const item of page.items) {
      if (item.type !== 'text' || item.glyphs.length === 0) continue;
      const x = item.glyphs[0]!.x;
      const size = item.glyphs[0]!.size;
      const text = item.glyphs.map((g) => g.text).join('');
      const marks = item.tag?.role === 'P' || item.tag?.role === 'Note' ? spacingOf(item) : [];
      out.push(`${item.y.toFixed(2).padStart(7)} ${x.toFixed(2).padStart(7)} ${size.toFixed(2).padStart(5)}  ${[text, ...marks].join('  ')}`);
    }
  });
  return `${out.join('\n')}\n`;
}

/** Below this, a difference of widths is rounding (em). */
const EPS = 5e-4;

/** What the rules did to a line's spacing, as the marks above. */
function spacingOf(run: TextRun): string[] {
  const spread: number[] = [];
  const taken: string[] = [];
  const between: string[] = [];
  const pairs: string[] = [];
  const hanLatin: number[] = [];
  const words: number[] = [];
  let prev: PlacedGlyph | undefined;
  let spaced = false;
  for (const g of run.glyphs) {
    if (g.text.trim() === '' || g.inserted) {
      spaced ||= g.text.trim() === '';
      continue;
    }
    if (prev) {
      const em = prev.size;
      // The room between the two glyphs' cells: 0 when both keep their natural width.
      const gap = (g.x - (prev.x + prev.advance)) / em;
      const a = classify([...prev.text][0]!);
      const b = classify([...g.text][0]!);
      if (isCompressible(a) && isCompressible(b)) {
        if (Math.abs(gap + 0.5) < EPS) pairs.push(prev.text + g.text);
        else if (Math.abs(gap) > EPS) between.push(`${prev.text}${g.text}${signed(gap)}`);
      } else if (isWide(a) && isWide(b)) {
        if (gap > EPS) spread.push(gap);
        else if (Math.abs(gap + 0.5) < EPS) taken.push(isCompressible(a) ? prev.text : g.text);
        else if (gap < -EPS) between.push(`${isCompressible(a) ? prev.text : g.text}${(1 + gap).toFixed(3)}`);
      } else if ((a === 'han' && b === 'alnum') || (a === 'alnum' && b === 'han')) hanLatin.push(gap);
      else if (spaced && a === 'alnum' && b === 'alnum') words.push(gap);
    }
    prev = g;
    spaced = false;
  }
  return [
    ...(spread.length > 0 ? [`T13${counted(spread, signed)}`] : []),
    ...(taken.length > 0 ? [`T13½:${taken.join('')}`] : []),
    ...(between.length > 0 ? [`T27:${between.join(',')}`] : []),
    ...(pairs.length > 0 ? [`T11:${pairs.join(',')}`] : []),
    ...(hanLatin.length > 0 ? [`T14:${counted(hanLatin, (v) => v.toFixed(3))}`] : []),
    ...(words.length > 0 ? [`word:${counted(words, (v) => v.toFixed(3))}`] : []),
  ];
}

/** Widths by value, in order of first appearance: `0.031×20,0.062`. */
function counted(values: number[], format: (v: number) => string): string {
  const counts = new Map<string, number>();
  for (const v of values) {
    const key = format(Math.abs(v) < EPS ? 0 : v);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].map(([v, n]) => (n === 1 ? v : `${v}×${n}`)).join(',');
}

function signed(v: number): string {
  return `${v >= 0 ? '+' : ''}${v.toFixed(3)}`;
}
