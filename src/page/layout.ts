/**
 * Document → pages: body pages from the flow, the colophon at the foot of the last
 * (or of a page of its own), folios, and the front page whose contents carry the
 * page numbers the body pages ended up with.
 */
import type { Document } from '../document/index.js';
import type { FontSet } from '../fonts/index.js';
import { InputError, positionOf, type Problem } from '../issue/index.js';
import { setParagraph } from '../paragraph/index.js';
import type { Style } from '../style/index.js';
import { bandsOf, type Missing } from './bands.js';
import { colophonBlock } from './colophon.js';
import { frontPages } from './front.js';
import { moveItems, shiftGlyphs } from './move.js';
import { paginate } from './paginate.js';
import type { Page, PageItem, Pages } from './types.js';

export function layout(doc: Document, style: Style, fonts: FontSet): Pages {
  const missing: Missing[] = [];
  const bands = bandsOf(doc.flow, style, fonts, missing);
  const { pages: body, used } = paginate(bands, style, 1);
  placeColophon(body, used, doc, style, fonts, missing);
  for (const page of body) page.items.push(...folio(page, style, fonts));

  // Article pages are numbered from 1 whatever the front matter's length, so the
  // contents can be set once the body is paginated: its numbers cannot move them.
  const numbers = destinations(body);
  const front = frontPages(doc.masthead, doc.contents, numbers, style, fonts, missing);
  if (missing.length > 0) throw new InputError(missing.map(problemOf));
  return { width: style.page.width, height: style.page.height, pages: [...front, ...body] };
}

/** The folio of the page each destination stands on. */
export function destinations(pages: Page[]): Map<string, number> {
  const found = new Map<string, number>();
  for (const page of pages) {
    for (const it of page.items) {
      if (it.type === 'dest' && page.folio !== null && !found.has(it.name)) found.set(it.name, page.folio);
    }
  }
  return found;
}

/**
 * T23: the colophon sits at the foot of the last page, its last rule on the bottom
 * edge of the type area, a grid line clear of the text; when it does not fit there
 * it goes to the foot of a new page.
 */
function placeColophon(pages: Page[], used: number, doc: Document, style: Style, fonts: FontSet, missing: Missing[]) {
  const block = colophonBlock(doc.colophon, style, fonts, missing);
  if (block.rows === 0) return;
  const capacity = style.body.lines;
  let page = pages.at(-1)!;
  if (used + block.rows + 1 > capacity) {
    page = { folio: (page.folio ?? 0) + 1, items: [] };
    pages.push(page);
  }
  const top = style.area.top + style.area.height - block.rows * style.body.pitch;
  page.items.push(...moveItems(block.items, style.area.left, top));
}

/** T20: `— 1 —` in 4号, 7 mm below the type area; odd pages right, even left, one character in. */
function folio(page: Page, style: Style, fonts: FontSet): PageItem[] {
  if (page.folio === null) return [];
  const f = style.folio;
  const line = setParagraph(`— ${page.folio} —`, { face: f.font, size: f.size, indent: 0, align: 'left', shape: () => ({ x: 0, width: style.area.width }) }, fonts).lines[0];
  if (!line) return [];
  const x = page.folio % 2 === 1 ? style.area.left + style.area.width - f.size - line.natural : style.area.left + f.size;
  const y = style.area.top + style.area.height + f.below + style.ascent * f.size;
  return [{ type: 'text', glyphs: shiftGlyphs(line.glyphs, x), y, color: style.colors.text }];
}

/** A character no font has: where it is, what it is, and which fonts were tried. */
function problemOf(m: Missing): Problem {
  const code = `U+${m.char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
  const source = m.in.source;
  const pos = source ? positionOf(source, m.index) : { line: 0, col: 0 };
  return {
    severity: 'error',
    file: source?.file ?? '',
    line: pos.line,
    col: pos.col,
    path: source?.path ?? '',
    message: `no font can draw "${m.char}" (${code}); tried ${m.tried.join(', ')}`,
    hint: 'replace the character, or add a font that has it',
  };
}
