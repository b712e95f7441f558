/**
 * Document → pages: body pages from the flow, the colophon at the foot of the last
 * (or of a page of its own), folios, and the front page whose contents carry the
 * page numbers the body pages ended up with.
 */
import type { Document } from '../document/index.js';
import type { FontSet } from '../fonts/index.js';
import { InputError, problemAt, type Problem } from '../issue/index.js';
import type { Style } from '../style/index.js';
import { bandsOf } from './bands.js';
import { contextOf, setNatural, type Context, type LayoutOptions, type LineTrace, type Missing } from './context.js';
import { gridOf } from './overlay.js';
import { colophonBlock } from './colophon.js';
import { frontPages } from './front.js';
import { moveItems, shiftGlyphs } from './move.js';
import { structureOf } from './structure.js';
import { forPrint } from './prepress.js';
import { paginate } from './paginate.js';
import type { OutlineEntry, Page, PageItem, Pages } from './types.js';
import { codePointName } from '../text/invisible.js';

export interface Layout extends Pages {
  /** The line breaker's trace of every body paragraph, when asked for. */
  trace: LineTrace[];
  /** What could not be set as the rules want (overfull lines). */
  warnings: Problem[];
}

export function layout(doc: Document, style: Style, fonts: FontSet, options: LayoutOptions = {}): Layout {
  const ctx = contextOf(style, fonts, options);
  const bands = bandsOf(doc.flow, ctx);
  const { pages: body, used } = paginate(bands, style, 1);
  placeColophon(body, used, doc, ctx);
  for (const page of body) {
    page.items.push(...folio(page, ctx));
    if (options.overlay) page.items.push(...gridOf(style));
  }

  // Article pages are numbered from 1 whatever the front matter's length, so the
  // contents can be set once the body is paginated: its numbers cannot move them.
  const numbers = destinations(body);
  const front = frontPages(doc.masthead, doc.contents, numbers, ctx);
  // A missing character is named once at its place, whichever faces each setting tried.
  const missing = distinct(
    ctx.missing.map((m) => problemOf(m, options.placeholder)),
    (p, i) => ctx.missing[i]!.char,
  );
  // In the order of the files, as an editor mends them (the front matter is set last).
  missing.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.col - b.col);
  if (missing.some((p) => p.severity === 'error')) throw new InputError(missing);
  ctx.warnings.push(...missing);
  const pages = forPrint(
    {
      width: style.page.width,
      height: style.page.height,
      bleed: 0,
      slug: 0,
      pages: [...front, ...body],
      outline: outlineOf(doc.contents),
      structure: structureOf(doc),
    },
    options,
    doc,
    ctx,
  );
  return { ...pages, trace: ctx.trace, warnings: distinct(ctx.warnings) };
}

/**
 * Each problem once: a title is set twice (above its article and in the
 * contents), a wrapped contents entry twice more; whatever it raises is named
 * once, at its place.
 */
function distinct(problems: Problem[], what = (p: Problem, _i: number) => p.message): Problem[] {
  const seen = new Set<string>();
  return problems.filter((p, i) => {
    const key = `${p.file}:${p.line}:${p.col}:${what(p, i)}`;
    return !seen.has(key) && seen.add(key);
  });
}

/** The PDF's outline: each section with its articles, in the contents' wording. */
function outlineOf(contents: Document['contents']): OutlineEntry[] {
  const out: OutlineEntry[] = [];
  for (const entry of contents) {
    const item: OutlineEntry = { title: entry.text.text, dest: entry.target, children: [] };
    if (entry.level === 'section' || out.length === 0) out.push(item);
    else out.at(-1)!.children.push(item);
  }
  return out;
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
function placeColophon(pages: Page[], used: number, doc: Document, ctx: Context) {
  const { style } = ctx;
  const block = colophonBlock(doc.colophon, ctx);
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
function folio(page: Page, ctx: Context): PageItem[] {
  const { style } = ctx;
  if (page.folio === null) return [];
  const f = style.folio;
  const line = setNatural(ctx, { text: `— ${page.folio} —` }, f.font, f.size);
  if (!line) return [];
  const x = page.folio % 2 === 1 ? style.area.left + style.area.width - f.size - line.natural : style.area.left + f.size;
  const y = style.area.top + style.area.height + f.below + style.ascent * f.size;
  return [{ type: 'text', glyphs: shiftGlyphs(line.glyphs, x), y, color: style.colors.text, tag: { role: 'Artifact' } }];
}

/**
 * A character no font has: where it is, what it is, and which fonts were tried;
 * and a placeholder that could not stand in for it, because no font has that either.
 */
function problemOf(m: Missing, placeholder: string | undefined): Problem {
  const code = codePointName(m.char);
  const unusable = !m.replaced && placeholder !== undefined;
  return problemAt(
    m.replaced ? 'warning' : 'error',
    m.in.source,
    m.index,
    `no font can draw "${m.char}" (${code}); tried ${m.tried.join(', ')}` +
      (m.replaced ? `; drawn as ${placeholder}` : unusable ? `; nor the placeholder "${placeholder}" (${codePointName(placeholder)})` : ''),
    m.replaced
      ? 'replace the character, or add a font that has it'
      : unusable
        ? 'replace the character, or add a font that has it; or give --placeholder a character the fonts have, such as 〓'
        : 'replace the character, or add a font that has it; or build with --placeholder 〓 to mark it and go on',
  );
}
