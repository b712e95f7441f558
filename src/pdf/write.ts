/**
 * write: pages → PDF bytes. The only module that imports pdfkit, used as a back end
 * only: it holds the document structure, embeds and subsets the fonts, and
 * compresses; every glyph is placed here with one TJ array per run
 * (shared/docs/pdf-notes.md).
 */
import PDFDocument from 'pdfkit';
import type { FontRole, FontSet } from '../fonts/index.js';
import type { PlacedGlyph } from '../paragraph/index.js';
import type { OutlineEntry, Page, Pages, TextRun } from '../page/index.js';
import type { Cmyk } from '../style/index.js';

export interface PdfMeta {
  title: string;
  author: string;
  subject: string;
  keywords: string[];
  /** Creation and modification date: from the issue, never the clock. */
  date: Date;
  creator: string;
}

/** The parts of pdfkit's embedded font this writer uses (pdfkit does not type them). */
interface EmbeddedFont {
  id: string;
  subset: { includeGlyph(glyphId: number): number; glyphs: number[] };
  widths: number[];
  unicode: number[][];
  ref(): unknown;
  /** This writer's: the code of each glyph and text it has drawn. */
  codes?: Map<string, number>;
}

interface Doc extends PDFKit.PDFDocument {
  _font: EmbeddedFont;
  page: PDFKit.PDFPage & { fonts: Record<string, unknown>; height: number };
}

export function writePdf(pages: Pages, meta: PdfMeta, fonts: FontSet): Promise<Buffer> {
  const doc = new PDFDocument({
    autoFirstPage: false,
    compress: true,
    pdfVersion: '1.7',
    lang: 'zh-CN',
    displayTitle: true,
    // No standard font: nothing here is set in Helvetica.
    font: null as unknown as string,
    info: {
      Title: meta.title,
      Author: meta.author,
      Subject: meta.subject,
      Keywords: meta.keywords.join('；'),
      Creator: meta.creator,
      Producer: meta.creator,
      CreationDate: meta.date,
      ModDate: meta.date,
    },
  }) as Doc;
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const embedded = new Map<FontRole, EmbeddedFont>();
  const fontOf = (role: FontRole): EmbeddedFont => {
    let f = embedded.get(role);
    if (!f) {
      doc.font(fonts.face(role).font as unknown as string);
      f = doc._font;
      embedded.set(role, f);
    }
    return f;
  };
  for (const page of pages.pages) {
    doc.addPage({ size: [pages.width, pages.height], margin: 0 });
    drawPage(doc, page, fontOf);
  }
  writeOutline(doc, pages.outline);
  doc.end();
  return done;
}

function drawPage(doc: Doc, page: Page, fontOf: (role: FontRole) => EmbeddedFont): void {
  for (const item of page.items) {
    // A named destination at the top of what it marks; a link to one.
    if (item.type === 'dest') doc.addNamedDestination(item.name, 'XYZ', null, item.y, null);
    if (item.type === 'link') doc.goTo(item.x, item.y, item.width, item.height, item.dest);
    if (item.type === 'image') doc.image(item.file, item.x, item.y, { width: item.width, height: item.height });
    if (item.type === 'rect') {
      doc.save().lineWidth(item.thickness).strokeColor(cmyk(item.color)).rect(item.x, item.y, item.width, item.height).stroke().restore();
    }
    if (item.type === 'rule') {
      doc
        .save()
        .lineWidth(item.thickness)
        .strokeColor(cmyk(item.color))
        .moveTo(item.x, item.y)
        .lineTo(item.x + item.length, item.y)
        .stroke()
        .restore();
    }
  }
  const runs = page.items.filter((it): it is TextRun => it.type === 'text' && it.glyphs.length > 0);
  if (runs.length === 0) return;
  // pdfkit draws with y downwards; text goes in PDF's own space.
  doc.save();
  doc.transform(1, 0, 0, -1, 0, doc.page.height);
  let color: string | undefined;
  for (const run of runs) {
    const key = run.color.join(' ');
    if (key !== color) {
      doc.fillColor(cmyk(run.color));
      color = key;
    }
    for (const piece of pieces(run.glyphs)) {
      doc.addContent(textObject(doc, piece, doc.page.height - run.y, fontOf));
    }
  }
  doc.restore();
}

/**
 * The outline (bookmarks): sections with their articles, each going to its named
 * destination (pdf-notes: pdfkit's own destinations for outline items put the
 * left edge wrong, so each item's Dest is replaced with the name). The outline
 * panel opens with the document.
 */
function writeOutline(doc: Doc, entries: OutlineEntry[]): void {
  if (entries.length === 0) return;
  const add = (parent: PDFKit.PDFOutline, entry: OutlineEntry) => {
    const item = parent.addItem(entry.title, { expanded: true }) as PDFKit.PDFOutline & { outlineData: Record<string, unknown> };
    item.outlineData.Dest = new String(entry.dest);
    for (const child of entry.children) add(item, child);
  };
  for (const entry of entries) add(doc.outline, entry);
  (doc as unknown as { _root: { data: Record<string, unknown> } })._root.data.PageMode = 'UseOutlines';
}

/** Consecutive glyphs of one font and size: one TJ array each. */
function pieces(glyphs: PlacedGlyph[]): PlacedGlyph[][] {
  const out: PlacedGlyph[][] = [];
  for (const g of glyphs) {
    const last = out.at(-1);
    const prev = last?.at(-1);
    if (last && prev && prev.face === g.face && prev.size === g.size) last.push(g);
    else out.push([g]);
  }
  return out;
}

/**
 * A text object placing each glyph exactly: the TJ adjustments move each glyph
 * from where the previous one's advance left the pen to its own x.
 */
function textObject(doc: Doc, glyphs: PlacedGlyph[], y: number, fontOf: (role: FontRole) => EmbeddedFont): string {
  const first = glyphs[0]!;
  const font = fontOf(first.face);
  if (doc.page.fonts[font.id] == null) doc.page.fonts[font.id] = font.ref();
  const size = first.size;
  const parts: string[] = [];
  let pen = first.x;
  for (const g of glyphs) {
    const gap = g.x - pen;
    if (Math.abs(gap) > 1e-6) parts.push(num((-gap * 1000) / size));
    parts.push(`<${encode(font, g)}>`);
    pen = g.x + g.advance;
  }
  return `BT\n/${font.id} ${num(size)} Tf\n1 0 0 1 ${num(first.x)} ${num(y)} Tm\n[${parts.join(' ')}] TJ\nET`;
}

/**
 * The glyph's code in the subset, with its width and text recorded for W and
 * ToUnicode. A code has one text, and a glyph may stand for several (the hyphen
 * for `-` and for the soft hyphen a hyphenated line ends with; `・` for `·`): each
 * further text gets a copy of the glyph under a code of its own, so every
 * character extracts as itself (pdf-notes: ToUnicode).
 */
function encode(font: EmbeddedFont, g: PlacedGlyph): string {
  font.codes ??= new Map();
  const key = `${g.id}\u0000${g.text}`;
  let cid = font.codes.get(key);
  if (cid === undefined) {
    cid = font.subset.includeGlyph(g.id);
    if (font.unicode[cid] != null && font.unicode[cid]!.map((c) => String.fromCodePoint(c)).join('') !== g.text) {
      font.subset.glyphs.push(g.id);
      cid = font.subset.glyphs.length - 1;
    }
    font.codes.set(key, cid);
    font.widths[cid] = (g.advance / g.size) * 1000;
    font.unicode[cid] = [...g.text].map((c) => c.codePointAt(0)!);
  }
  return cid.toString(16).padStart(4, '0');
}

function cmyk(c: Cmyk): [number, number, number, number] {
  return [c[0], c[1], c[2], c[3]];
}

/** A number for a content stream: at most 4 decimals, no exponent, no trailing zeros. */
function num(n: number): string {
  const s = n.toFixed(4).replace(/\.?0+$/, '');
  return s === '-0' ? '0' : s;
}
