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
import type { SetMemo } from './memo.js';
import { colophonBlock, type ColophonBlock } from './colophon.js';
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

/** `memo`: the text as the last build of the document set it (--watch), taken where unchanged. */
export function layout(doc: Document, style: Style, fonts: FontSet, options: LayoutOptions = {}, memo?: SetMemo): Layout {
  memo?.begin();
  const ctx = contextOf(style, fonts, options, memo);
  const bands = bandsOf(doc.flow, ctx);
  const colophon = colophonBlock(doc.colophon, ctx);
  // T25: the colophon needs its rows and a grid line clear of the text.
  const { pages: body, used } = paginate(bands, style, 1, colophon.rows > 0 ? colophon.rows + 1 : 0);
  placeColophon(body, used, colophon, ctx);

  // Article pages are numbered from 1 whatever the front matter's length, so the
  // contents can be set once the body is paginated: its numbers cannot move them.
  const numbers = destinations(body);
  const front = frontPages(doc.masthead, doc.contents, numbers, ctx);
  // T20: a folio's side is the physical page's, so it is placed once the front matter is counted.
  body.forEach((page, i) => {
    page.items.push(...folio(page, front.length + i + 1, ctx));
    if (options.overlay) page.items.push(...gridOf(style));
  });
  const missing = missingProblems(ctx.missing, options.placeholder);
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
 * T23, T25: the colophon sits at the foot of the last page, its last rule on the
 * bottom edge of the type area, a grid line clear of the text; when it does not fit
 * there (the page builder has made it fit where it could) it goes to the foot of a
 * new page.
 */
function placeColophon(pages: Page[], used: number, block: ColophonBlock, ctx: Context) {
  const { style } = ctx;
  if (block.rows === 0) return;
  const capacity = style.body.lines;
  let page = pages.at(-1)!;
  if (used === 0 || used + block.rows + 1 > capacity) {
    page = { folio: (page.folio ?? 0) + 1, items: [] };
    pages.push(page);
  }
  const top = style.area.top + style.area.height - block.rows * style.body.pitch;
  page.items.push(...moveItems(block.items, style.area.left, top));
}

/**
 * The characters the faces lacked, in the order of the files, as an editor mends
 * them (the front matter is set last). One missing from every face is named once
 * at each place, whichever faces each setting tried. One drawn from a stand-in
 * face is named once, at its first place, with the count of the others: one
 * warning a character and face, not one an occurrence.
 */
function missingProblems(all: Missing[], placeholder: string | undefined): Problem[] {
  const problems = all.map((m) => problemOf(m, placeholder));
  const once = distinct(problems, (_p, i) => `${all[i]!.char}:${all[i]!.from ?? ''}`);
  const order = once.map((p) => problems.indexOf(p));
  order.sort((i, j) => problems[i]!.file.localeCompare(problems[j]!.file) || problems[i]!.line - problems[j]!.line || problems[i]!.col - problems[j]!.col);
  const out: Problem[] = [];
  const standIns = new Map<string, { at: number; more: number }>();
  for (const i of order) {
    const m = all[i]!;
    const key = `${m.char}\u0000${m.from}`;
    const seen = m.from === undefined ? undefined : standIns.get(key);
    if (seen) seen.more++;
    else {
      if (m.from !== undefined) standIns.set(key, { at: out.length, more: 0 });
      out.push(problems[i]!);
    }
  }
  for (const { at, more } of standIns.values()) {
    if (more > 0) out[at] = { ...out[at]!, message: `${out[at]!.message} (and at ${more} more place${more === 1 ? '' : 's'})` };
  }
  return out;
}

/**
 * T20: `— 1 —` in 4号, the dashes' upper edge 7 mm below the type area, one
 * character in from the outer edge of the physical page: the right of a recto
 * (the 1st, 3rd, 5th… page of the file, counting the masthead page), the left of a
 * verso, whatever number it prints.
 */
function folio(page: Page, physical: number, ctx: Context): PageItem[] {
  const { style } = ctx;
  if (page.folio === null) return [];
  const f = style.folio;
  const line = setNatural(ctx, { text: `— ${page.folio} —` }, f.font, f.size);
  if (!line) return [];
  const recto = physical % 2 === 1;
  const x = recto ? style.area.left + style.area.width - f.size - line.natural : style.area.left + f.size;
  // The baseline that puts the dash's top 7 mm below the type area.
  const dash = line.glyphs.find((g) => g.text === '—');
  const top = dash ? ctx.fonts.face(dash.face).top(dash.id) * f.size : style.ascent * f.size;
  const y = style.area.top + style.area.height + f.below + top;
  return [{ type: 'text', glyphs: shiftGlyphs(line.glyphs, x), y, color: style.colors.text, tag: { role: 'Artifact' } }];
}

/**
 * A character no font has: where it is, what it is, and which fonts were tried;
 * or one its role's own faces lack, drawn from another face: where, and which;
 * and a placeholder that could not stand in for it, because no font has that either.
 */
function problemOf(m: Missing, placeholder: string | undefined): Problem {
  const code = codePointName(m.char);
  if (m.from !== undefined) {
    return problemAt(
      'warning',
      m.in.source,
      m.index,
      `"${m.char}" (${code}) is not in ${m.tried.join(', ')}; drawn from ${m.from}`,
      'check it on paper; to choose its face, name one that has it in the role\'s list or in style.fonts.fallback',
    );
  }
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
