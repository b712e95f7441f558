/**
 * Flow blocks → bands: each block set into lines (the paragraph engine) and given
 * a whole number of grid lines (T1: headings and titles take whole grid lines).
 * A band's content is placed relative to the top of its first grid line's em box.
 */
import type { FlowBlock } from '../document/index.js';
import { uniform, type SetLine } from '../paragraph/index.js';
import type { Style } from '../style/index.js';
import { setBody, setText, setTitleText, type Context } from './context.js';
import { figureBand } from './figure.js';
import { overlayOf } from './overlay.js';
import type { PageItem, RunTag } from './types.js';

export interface Band {
  kind: 'space' | 'section' | 'title' | 'line' | 'image';
  /** Grid lines the band takes. */
  lines: number;
  /** Content, with y measured from the top of the band's first em box. */
  items: PageItem[];
  /** Keep with what follows (T18): never the last band on a page. */
  keep: boolean;
  /** Start a new page before this band (a section, when the style says so). */
  breakBefore?: boolean;
  /** For body lines: the paragraph they belong to, and their place in it. */
  paragraph?: {
    id: number;
    index: number;
    count: number;
    /** On its first line: the paragraph in one line more or less, what that costs, its bands when asked for (T24). */
    alternatives?: () => { count: number; cost: number; bands: () => Band[] }[];
    /** On its first line: the numbers of lines `alternatives` may have, known without the search. */
    possibleCounts?: () => number[];
  };
}

export function bandsOf(flow: FlowBlock[], ctx: Context): Band[] {
  const bands: Band[] = [];
  const { style } = ctx;
  const { pitch, size } = style.body;
  let paragraphs = 0;
  flow.forEach((block, i) => {
    const previous = flow[i - 1];
    const afterText = previous !== undefined && previous.kind !== 'section' && previous.kind !== 'title';
    switch (block.kind) {
      case 'section': {
        if (afterText) bands.push(space());
        const h = style.heading;
        const lines = setText(ctx, block.text, { face: h.font, size: h.size, align: 'left' });
        // The heading sits in the middle of two grid lines' em boxes, over a rule.
        const top = (pitch + size - h.size) / 2;
        bands.push({
          kind: 'section',
          lines: 2,
          breakBefore: style.sectionsOnNewPage && i > 0,
          items: [
            dest(block.id),
            ...runs(lines, top + style.ascent * h.size, pitch, style, { role: 'H1', block: block.id }),
            { type: 'rule', x: 0, y: pitch + size + 1, length: style.area.width, thickness: 0.5, color: style.colors.text },
          ],
          keep: true,
        });
        break;
      }
      case 'title': {
        if (afterText) bands.push(space());
        const t = style.title;
        const lines = block.lines.flatMap((l) => setTitleText(ctx, l, t.font, t.size));
        // T19: n title lines on the body pitch, centred in n + 1 grid lines.
        const top = (pitch + size - t.size) / 2;
        bands.push({
          kind: 'title',
          lines: lines.length + 1,
          items: [dest(block.id), ...runs(lines, top + style.ascent * t.size, pitch, style, { role: 'H2', block: block.id })],
          keep: true,
        });
        break;
      }
      case 'paragraph':
      case 'note': {
        // T2: every paragraph starts with a 2 em indent; a note is also set 2 em in
        // from both edges of the measure.
        const inset = block.kind === 'note' ? 2 * size : 0;
        const set = setBody(ctx, block.text, {
          face: block.kind === 'note' ? style.note.font : style.body.font,
          size,
          align: 'justify',
          indent: 2 * size,
          shape: uniform(style.area.width - 2 * inset, inset),
          traced: true,
        });
        const id = paragraphs++;
        const role = block.kind === 'note' ? 'Note' : 'P';
        const lineBands = (lines: SetLine[]): Band[] =>
          lines.map((line, index) => {
            const tag = { role, block: block.id, line: index, lines: lines.length } as const;
            const items = runs([line], style.ascent * size, pitch, style, tag);
            if (ctx.options.overlay) items.push(...overlayOf(line, ctx));
            return { kind: 'line', lines: 1, items, keep: false, paragraph: { id, index, count: lines.length } };
          });
        const own = lineBands(set.lines);
        if (own[0]) {
          own[0].paragraph!.alternatives = () => set.alternatives().map((a) => ({ count: a.count, cost: a.cost, bands: () => lineBands(a.lines()) }));
          own[0].paragraph!.possibleCounts = set.possibleCounts;
        }
        bands.push(...own);
        break;
      }
      case 'subheading': {
        // Set like a paragraph's first line (T2), in the level-2 heading's face.
        const lines = setText(ctx, block.text, { face: style.subheading.font, size: style.subheading.size, align: 'left', indent: 2 * size });
        lines.forEach((line, index) => {
          const tag = { role: 'H3', block: block.id, line: index, lines: lines.length } as const;
          bands.push({ kind: 'line', lines: 1, items: runs([line], style.ascent * size, pitch, style, tag), keep: true });
        });
        break;
      }
      case 'figure':
        bands.push(figureBand(block, ctx));
        break;
    }
  });
  return bands;
}

function space(): Band {
  return { kind: 'space', lines: 1, items: [], keep: false };
}

function dest(name: string): PageItem {
  return { type: 'dest', name, y: 0 };
}

/** Lines as text runs, the first baseline at `baseline`, then one `pitch` apart. */
export function runs(lines: SetLine[], baseline: number, pitch: number, style: Style, tag: RunTag): PageItem[] {
  return lines.map((line, i) => ({
    type: 'text',
    glyphs: line.glyphs,
    y: baseline + i * pitch,
    color: style.colors.text,
    tag: tag.line === undefined ? { ...tag, line: i, lines: lines.length } : tag,
  }));
}
