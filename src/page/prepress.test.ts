/**
 * Imposition of a saddle-stitched booklet: the signature order of the pages on each
 * sheet side, and where the blank pages that pad to a multiple of four go.
 */
import { describe, expect, it } from 'vitest';
import { padToFour, signatureOrder } from './prepress.js';
import type { Page, PageItem, TextRun } from './types.js';

function page(role: 'P' | 'Colophon', folio: number | null): Page {
  const run = (r: 'P' | 'Colophon' | 'Artifact'): TextRun => ({ type: 'text', glyphs: [], y: 0, color: [0, 0, 0, 100], tag: { role: r } });
  return { folio, items: [run(role), run('Artifact')] };
}

describe('booklet imposition', () => {
  it('puts pages n−2i and 2i+1 on the front of sheet i, 2i+2 and n−2i−1 on its back', () => {
    expect(signatureOrder(8)).toEqual([
      [8, 1],
      [2, 7],
      [6, 3],
      [4, 5],
    ]);
    // Every page once; facing pages of each side add up to n + 1.
    const sides = signatureOrder(20);
    expect(sides.flat().sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    for (const [l, r] of sides) expect(l + r).toBe(21);
  });

  it('pads with blanks before a colophon page of its own, which then has no folio (GB/T 9704 §7.5)', () => {
    const pages = [page('P', null), page('P', 1), page('P', 2), page('P', 3), page('Colophon', 4)];
    const padded = padToFour(pages);
    expect(padded).toHaveLength(8);
    expect(padded.slice(0, 4)).toEqual(pages.slice(0, 4));
    expect(padded.slice(4, 7).every((p) => p.items.length === 0)).toBe(true);
    const last = padded[7]!;
    expect(last.items.some((i) => i.type === 'text' && i.tag?.role === 'Colophon')).toBe(true);
    expect(last.items.some((i) => i.type === 'text' && i.tag?.role === 'Artifact')).toBe(false);
  });

  it('pads at the end when the colophon shares the last page with an article, and not at all when it need not', () => {
    const shared: Page = { folio: 2, items: [...page('P', 2).items, ...page('Colophon', 2).items] };
    const pages = [page('P', null), page('P', 1), shared];
    const padded = padToFour(pages);
    expect(padded.slice(0, 3)).toEqual(pages);
    expect(padded[3]!.items).toEqual([]);
    const four = [page('P', null), page('P', 1), page('P', 2), page('Colophon', 3)];
    expect(padToFour(four)).toBe(four);
  });

  it('pads at the end when the last page holds a note, a caption or an image beside the colophon', () => {
    const note: TextRun = { type: 'text', glyphs: [], y: 0, color: [0, 0, 0, 100], tag: { role: 'Note' } };
    const image: PageItem = { type: 'image', file: 'photo.png', x: 0, y: 0, width: 10, height: 10 };
    for (const extra of [note, { ...note, tag: { role: 'Caption' } } as TextRun, image]) {
      const last: Page = { folio: 2, items: [extra, ...page('Colophon', 2).items] };
      const pages = [page('P', null), page('P', 1), last];
      const padded = padToFour(pages);
      expect(padded.slice(0, 3)).toEqual(pages);
      expect(padded[3]!.items).toEqual([]);
    }
  });
});
