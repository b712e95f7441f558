/**
 * The front page: the masthead (T22) and the contents, with dot leaders to the page
 * numbers. Unnumbered (T20); continues onto further unnumbered pages if needed.
 */
import type { ContentsEntry, DocText, Masthead } from '../document/index.js';
import type { FontRole, FontSet } from '../fonts/index.js';
import { uniform, type PlacedGlyph, type SetLine } from '../paragraph/index.js';
import type { Cmyk, Style } from '../style/index.js';
import { setNatural, setText, setTitleText, type Context } from './context.js';
import { shiftGlyphs } from './move.js';
import type { Page, PageItem, RunTag } from './types.js';

/** Dot leaders take this many cells at least, in em of the contents size: an entry that would leave fewer wraps. */
const MIN_LEADERS = 2;

export function frontPages(masthead: Masthead, contents: ContentsEntry[], numbers: Map<string, number>, ctx: Context): Page[] {
  const { style } = ctx;
  const { area, ascent } = style;
  const items: PageItem[] = [];
  const pages: Page[] = [];
  const put = (line: SetLine | undefined, y: number, color: Cmyk, dx: number, tag: RunTag) => {
    if (line) items.push({ type: 'text', glyphs: shiftGlyphs(line.glyphs, area.left + dx), y, color, tag });
  };
  const set = (text: DocText, face: FontRole, size: number, align: 'left' | 'center') => setText(ctx, text, { face, size, align });

  // T22: the name in red, large and centred; period and serial under it; the editing
  // unit left and the print date right on one line; a red rule the width of the area.
  const m = style.masthead;
  const body = style.body.size;
  let y = area.top;
  // T22: the circulation notice top left, when it is to print here.
  if (style.notice === 'masthead' && masthead.notice) {
    const notice = setText(ctx, masthead.notice, { face: style.heading.font, size: m.noticeSize, align: 'left' })[0];
    put(notice, y + ascent * m.noticeSize, style.colors.text, 0, { role: 'Masthead', block: 'masthead.notice' });
    y += m.noticeSize * 2;
  }
  set(masthead.name, m.font, m.nameSize, 'center').forEach((l, i) =>
    put(l, y + ascent * m.nameSize + i * m.nameSize * 1.2, style.colors.masthead, 0, { role: 'Masthead', block: 'masthead.name' }),
  );
  y += m.nameSize * 1.2 + body * 0.5;
  for (const l of set(masthead.period, style.body.font, body, 'center')) put(l, y + ascent * body, style.colors.text, 0, { role: 'Masthead', block: 'masthead.period' });
  y += body * 2;
  const editor = set(masthead.editor, style.body.font, body, 'left')[0];
  const printed = set(masthead.printed, style.body.font, body, 'left')[0];
  put(editor, y + ascent * body, style.colors.text, body, { role: 'Masthead', block: 'masthead.editor' });
  if (printed) put(printed, y + ascent * body, style.colors.text, area.width - printed.natural - body, { role: 'Masthead', block: 'masthead.printed' });
  y += body * 1.6;
  items.push({ type: 'rule', x: area.left, y, length: area.width, thickness: m.rule, color: style.colors.masthead });
  y += body * 1.5;

  // The contents.
  const c = style.contents;
  const heading = set({ text: '目　录' }, style.title.font, c.headingSize, 'center')[0];
  put(heading, y + ascent * c.headingSize, style.colors.text, 0, { role: 'TOC', block: 'toc.title' });
  y += c.headingSize + c.size;
  let baseline = y + ascent * c.size;
  const bottom = area.top + area.height;
  // One column for the numbers, as wide as the widest: every leader ends in the same cell.
  const column = Math.max(0, ...[...numbers.values()].map((n) => setNatural(ctx, { text: String(n) }, c.font, c.size)?.natural ?? 0));
  for (const entry of contents) {
    const lines = entryLines(entry, numbers.get(entry.target), column, ctx);
    if (baseline + (lines.length - 1) * c.pitch > bottom) {
      pages.push({ folio: null, items: items.splice(0) });
      baseline = area.top + ascent * c.size;
    }
    // The whole entry links to where its title stands.
    const top = baseline - ascent * c.size;
    items.push({ type: 'link', x: area.left, y: top, width: area.width, height: (lines.length - 1) * c.pitch + c.size, dest: entry.target });
    lines.forEach((line, i) => {
      const tag: RunTag = { role: 'TOC', block: `toc-${entry.target}`, line: i, lines: lines.length };
      items.push({ type: 'text', glyphs: shiftGlyphs(line, area.left), y: baseline, color: style.colors.text, tag });
      baseline += c.pitch;
    });
  }
  pages.push({ folio: null, items });
  return pages;
}

/**
 * One contents entry as lines of glyphs (x from the measure's left): an article
 * indented 2 em, wrapped with a hanging indent, dot leaders on its last line to the
 * page number set flush right in a column `column` wide; a section flush left in bold.
 */
function entryLines(entry: ContentsEntry, number: number | undefined, column: number, ctx: Context): PlacedGlyph[][] {
  const { style } = ctx;
  const c = style.contents;
  const em = c.size;
  const width = style.area.width;
  if (entry.level === 'section') {
    return setText(ctx, entry.text, { face: style.heading.font, size: em, align: 'left' }).map((l) => l.glyphs);
  }
  // Where the leaders end, on the em grid of the measure, half an em clear of the column.
  const leadersEnd = Math.floor((width - column - em / 2) / em + 1e-6) * em;
  // The text ends half an em clear of at least MIN_LEADERS leader cells.
  const room = leadersEnd - MIN_LEADERS * em - em / 2;
  // First line 2 em in; an entry too long for one line breaks like a title, at a
  // phrase into lines of nearly equal length, continued a further em in (a hanging
  // indent).
  let set = setText(ctx, entry.text, { face: c.font, size: em, align: 'left', shape: uniform(room - 2 * em, 2 * em) });
  if (set.length > 1 || set.some((l) => l.ratio < -1)) {
    set = setTitleText(ctx, entry.text, c.font, em, { width: room - 3 * em, align: 'left' }).map((l, i) => ({
      ...l,
      x: i === 0 ? 2 * em : 3 * em,
      glyphs: shiftGlyphs(l.glyphs, i === 0 ? 2 * em : 3 * em),
    }));
  }
  const lines = set.map((l) => [...l.glyphs]);
  const last = set.at(-1);
  if (!last || number === undefined) return lines;
  const digits = setNatural(ctx, { text: String(number) }, c.font, em);
  const numberGlyphs = digits ? shiftGlyphs(digits.glyphs, width - digits.natural) : [];
  // A line squeezed to its measure ends at the measure (T27).
  const end = last.x + Math.min(last.natural, last.width);
  const leaders = leaderGlyphs(end + em / 2, leadersEnd, em, ctx.fonts, c.font);
  lines[lines.length - 1]!.push(...leaders, ...numberGlyphs);
  return lines;
}

/** Dot leaders: full-width `…` cells on the em grid of the measure, so they align. */
function leaderGlyphs(from: number, to: number, em: number, fonts: FontSet, face: Style['contents']['font']): PlacedGlyph[] {
  const found = fonts.resolve(face, '…');
  if (!found) return [];
  const glyphs: PlacedGlyph[] = [];
  for (let x = Math.ceil(from / em) * em; x + em <= to + 1e-6; x += em) {
    glyphs.push({ face: found.face, size: em, id: found.glyph.id, text: '…', x, advance: found.glyph.advance * em, at: 0 });
  }
  return glyphs;
}
