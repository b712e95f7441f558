/**
 * A text dump of pages, one line per text run: page, folio, baseline, left edge and
 * the text. For golden tests (test/golden/*.expected) and `--dump pages`: it diffs
 * well in review, where a PDF does not.
 */
import type { Pages } from './types.js';

export function dumpPages(pages: Pages): string {
  const out: string[] = [];
  pages.pages.forEach((page, i) => {
    out.push(`# page ${i + 1}${page.folio === null ? '' : ` (folio ${page.folio})`}`);
    for (const item of page.items) {
      if (item.type !== 'text' || item.glyphs.length === 0) continue;
      const x = item.glyphs[0]!.x;
      const text = item.glyphs.map((g) => g.text).join('');
      out.push(`${item.y.toFixed(2).padStart(7)} ${x.toFixed(2).padStart(7)}  ${text}`);
    }
  });
  return `${out.join('\n')}\n`;
}
