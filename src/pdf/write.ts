/**
 * write: pages → PDF bytes. The only module that imports pdfkit, used as a back end
 * only: it holds the document structure, embeds and subsets the fonts, and
 * compresses; every glyph is placed here with one TJ array per run
 * (shared/docs/pdf-notes.md). The PDF is tagged: text runs are marked content of
 * the structure tree's leaves, everything else is an artifact.
 */
import PDFDocument from 'pdfkit';
import type { FontRole, FontSet } from '../fonts/index.js';
import type { OutlineEntry, Page, PageItem, Pages, StructNode, TextRun } from '../page/index.js';
import type { PlacedGlyph } from '../paragraph/index.js';
import type { Cmyk } from '../style/index.js';
import { codeOf, fastSubset, tagSubset, type EmbeddedFont } from './fonts.js';
import { keywordsOf, xmpDescriptions, type PdfMeta } from './metadata.js';
import { CmykImage, cmykOf } from './images.js';
import type { Rgba } from '../image/index.js';

export type { PdfMeta } from './metadata.js';

/** pdfkit's document as this writer uses it (pdfkit's types miss these parts). */
type Doc = Omit<PDFKit.PDFDocument, 'markContent' | 'markStructureContent' | 'struct' | 'addStructure' | 'endMarkedContent' | 'goTo' | 'page'> & {
  _font: EmbeddedFont;
  _root: { data: Record<string, unknown> };
  _addInfo: () => void;
  appendXML: (xml: string) => void;
  page: PDFKit.PDFPage & { fonts: Record<string, unknown>; height: number; dictionary: { data: Record<string, unknown> } };
  struct(type: string, options?: Record<string, unknown>): StructElement;
  addStructure(element: StructElement): void;
  markStructureContent(tag: string): unknown;
  markContent(tag: string, options?: Record<string, unknown>): void;
  endMarkedContent(): void;
  goTo(x: number, y: number, w: number, h: number, name: string, options?: { structParent?: StructElement }): void;
};

interface StructElement {
  add(child: unknown): void;
  end(): void;
}

/** Where a page's trim sits on its sheet: the bleed and the slug around it, points. */
interface Frame {
  /** Offset of the trim from the media box's edges. */
  offset: number;
  bleed: number;
}

/** `pixels`: the images' pixels by file, as the caller read them (the writer reads no file). */
export async function writePdf(pages: Pages, meta: PdfMeta, fonts: FontSet, pixels: ReadonlyMap<string, Rgba> = new Map()): Promise<Buffer> {
  // Each image once, in CMYK, labelled in the order first drawn.
  const images = new Map<string, CmykImage>();
  const imageOf = (file: string): CmykImage => {
    let image = images.get(file);
    if (!image) images.set(file, (image = new CmykImage(cmykOf(file, pixels.get(file)), `I${images.size + 1}`)));
    return image;
  };
  const doc = new PDFDocument({
    autoFirstPage: false,
    compress: true,
    pdfVersion: '1.7',
    lang: meta.lang,
    displayTitle: true,
    tagged: true,
    // No standard font: nothing here is set in Helvetica.
    font: null as unknown as string,
    info: {
      Title: meta.title,
      Author: meta.author,
      Subject: meta.subject,
      Keywords: keywordsOf(meta),
      Creator: meta.creator,
      Producer: meta.creator,
      CreationDate: meta.date,
      ModDate: meta.date,
    },
  }) as unknown as Doc;
  // pdfkit's XMP is unescaped; this one is escaped and agrees with Info.
  doc._addInfo = () => doc.appendXML(xmpDescriptions(meta));
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
      const face = fonts.face(role);
      doc.font(face.font as unknown as string);
      f = doc._font;
      fastSubset(f, face);
      embedded.set(role, f);
    }
    return f;
  };
  const tree = structureTree(doc, pages.structure);
  const frame: Frame = { offset: pages.bleed + pages.slug, bleed: pages.bleed };
  for (const page of pages.pages) {
    doc.addPage({ size: [pages.width + 2 * frame.offset, pages.height + 2 * frame.offset], margin: 0 });
    setBoxes(doc, pages, frame);
    drawPage(doc, page, { frame, fontOf, tree, imageOf });
  }
  tree.root.end();
  writeOutline(doc, pages.outline);
  for (const font of embedded.values()) tagSubset(font);
  doc.end();
  return done;
}

/**
 * T: the trim (the finished page), the bleed around it, the media around both
 * with room for marks (PDF 1.7 §14.11.2).
 */
function setBoxes(doc: Doc, pages: Pages, frame: Frame): void {
  const { offset, bleed } = frame;
  const box = (grow: number) => [offset - grow, offset - grow, offset + pages.width + grow, offset + pages.height + grow];
  doc.page.dictionary.data.TrimBox = box(0);
  doc.page.dictionary.data.BleedBox = box(bleed);
  doc.page.dictionary.data.CropBox = box(offset);
}

interface Tree {
  root: StructElement;
  /** The leaf element of each block, and its structure type. */
  leaves: Map<string, { element: StructElement; role: string }>;
}

/** The structure tree's elements, made before any content so content can join them. */
function structureTree(doc: Doc, root: StructNode): Tree {
  const leaves = new Map<string, { element: StructElement; role: string }>();
  const make = (node: StructNode): StructElement => {
    const element = doc.struct(node.role, node.alt === undefined ? {} : { alt: node.alt });
    if (node.children.length === 0) leaves.set(node.id, { element, role: node.role });
    for (const child of node.children) element.add(make(child));
    return element;
  };
  const top = make(root);
  doc.addStructure(top);
  return { root: top, leaves };
}

/** What drawing a page needs besides the page. */
interface Drawing {
  frame: Frame;
  fontOf: (role: FontRole) => EmbeddedFont;
  tree: Tree;
  imageOf: (file: string) => CmykImage;
}

function drawPage(doc: Doc, page: Page, d: Drawing): void {
  doc.save();
  doc.translate(d.frame.offset, d.frame.offset);
  for (const item of page.items) {
    const leaf = leafOf(item, d.tree);
    if (leaf) {
      const content = doc.markStructureContent(leaf.role);
      drawItem(doc, item, d);
      doc.endMarkedContent();
      leaf.element.add(content);
    } else if (item.type === 'dest' || item.type === 'link') {
      drawItem(doc, item, d);
    } else {
      // Folios, rules, marks, the overlay: not part of what the issue says.
      doc.markContent('Artifact', { type: item.type === 'text' ? 'Pagination' : 'Layout' });
      drawItem(doc, item, d);
      doc.endMarkedContent();
    }
  }
  doc.restore();
}

function leafOf(item: PageItem, tree: Tree): { element: StructElement; role: string } | undefined {
  if (item.type === 'text' && item.tag?.block && item.tag.role !== 'Artifact') return tree.leaves.get(item.tag.block);
  if (item.type === 'image' && item.block) return tree.leaves.get(item.block);
  return undefined;
}

function drawItem(doc: Doc, item: PageItem, d: Drawing): void {
  const { frame, tree } = d;
  switch (item.type) {
    case 'dest':
      // A named destination at the top of what it marks (pdfkit measures y from the
      // media box's top, not the translated origin).
      doc.addNamedDestination(item.name, 'XYZ', null, item.y + frame.offset, null);
      break;
    case 'link': {
      // The contents entry's link belongs to the entry in the structure tree.
      const entry = tree.leaves.get(`toc-${item.dest}`);
      doc.goTo(item.x, item.y, item.width, item.height, item.dest, entry ? { structParent: entry.element } : {});
      break;
    }
    case 'image': {
      doc.image(d.imageOf(item.file) as unknown as string, item.x, item.y, { width: item.width, height: item.height });
      break;
    }
    case 'rect':
      doc.lineWidth(item.thickness).strokeColor(cmyk(item.color)).rect(item.x, item.y, item.width, item.height).stroke();
      break;
    case 'rule':
      doc
        .lineWidth(item.thickness)
        .strokeColor(cmyk(item.color))
        .moveTo(item.x, item.y)
        .lineTo(item.vertical ? item.x : item.x + item.length, item.vertical ? item.y + item.length : item.y)
        .stroke();
      break;
    case 'text':
      drawText(doc, item, frame, d.fontOf);
      break;
  }
}

/** A run of text in PDF's own space (y upwards), in its colour, glyph by glyph. */
function drawText(doc: Doc, run: TextRun, frame: Frame, fontOf: (role: FontRole) => EmbeddedFont): void {
  if (run.glyphs.length === 0) return;
  const height = doc.page.height - 2 * frame.offset;
  doc.save();
  doc.transform(1, 0, 0, -1, 0, height);
  doc.fillColor(cmyk(run.color));
  for (const piece of pieces(run.glyphs)) doc.addContent(textObject(doc, piece, height - run.y, fontOf));
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
  doc._root.data.PageMode = 'UseOutlines';
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
    parts.push(`<${codeOf(font, g)}>`);
    pen = g.x + g.advance;
  }
  return `BT\n/${font.id} ${num(size)} Tf\n1 0 0 1 ${num(first.x)} ${num(y)} Tm\n[${parts.join(' ')}] TJ\nET`;
}

function cmyk(c: Cmyk): [number, number, number, number] {
  return [c[0], c[1], c[2], c[3]];
}

/** A number for a content stream: at most 4 decimals, no exponent, no trailing zeros. */
function num(n: number): string {
  const s = n.toFixed(4).replace(/\.?0+$/, '');
  return s === '-0' ? '0' : s;
}
