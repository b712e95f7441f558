/**
 * The .docx reader: a Word document (saved by Word or WPS) as the intermediate
 * text model. mammoth (BSD-2-Clause) reads the package — the document, its
 * styles, numbering, relationships, images and notes — into a document tree; the
 * tree, taken through mammoth's `transformDocument` hook, also has what its HTML
 * leaves out and a title is known by: a paragraph's alignment and its runs' sizes.
 *
 * What it decides:
 * - Paragraphs keep Word's Title, Heading 1–9 and Caption styles (by the styles'
 *   names, which Word and WPS store in English whatever the language shown), their
 *   alignment, the size most of their text is set in, and whether all of it is bold.
 * - A line break inside a paragraph is kept as \n; a tab before a page number at a
 *   line's end (a contents entry) as a wide gap, other tabs as spaces.
 * - Images are blocks of their own where they stand; linked (not embedded) images
 *   are not read (mammoth's default: nothing outside the file is read).
 * - Tables are blocks of cells' text (the importers report them).
 * - Footnotes and endnotes: their marks are written into the text as ①②… (the
 *   superscript numbers the reader sees), their text kept as notes.
 */
import type { Place, ReadProblem, Source, SourceBlock, SourceNote, SourceParagraph } from './source.js';

/** The parts of mammoth's document tree read here (mammoth/lib/documents.js). */
interface Element {
  type: string;
  children?: Element[];
}
interface Paragraph extends Element {
  type: 'paragraph';
  children: Element[];
  styleName: string | null;
  alignment: string | null;
  numbering: { isOrdered: boolean; level: string } | null;
}
interface Run extends Element {
  type: 'run';
  children: Element[];
  isBold: boolean;
  fontSize: number | null;
  verticalAlignment: string;
}
interface Text extends Element {
  type: 'text';
  value: string;
}
interface Break extends Element {
  type: 'break';
  breakType: 'line' | 'page' | 'column';
}
interface NoteReference extends Element {
  type: 'noteReference';
  noteType: 'footnote' | 'endnote';
  noteId: string;
}
interface Image extends Element {
  type: 'image';
  contentType?: string;
  altText?: string;
  readAsArrayBuffer: () => Promise<ArrayBuffer>;
}
interface Note {
  body: Element[];
}
interface Document extends Element {
  type: 'document';
  children: Element[];
  notes: { resolve(reference: NoteReference): Note | null };
}

/** Reads a .docx; an Error when it is no Word document mammoth can open. */
export async function readDocx(bytes: Uint8Array): Promise<Source> {
  const mammoth = (await import('mammoth')).default;
  let tree: Document | undefined;
  await mammoth.convertToHtml(
    { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
    {
      transformDocument: (document: Document) => {
        tree = document;
        return document;
      },
      // The HTML is not used: leave the images unread there.
      convertImage: mammoth.images.imgElement(() => Promise.resolve({ src: '' })),
    },
  );
  if (!tree) throw new Error('mammoth gave no document');
  return new DocxReader(tree).read();
}

/** ① … ⑳, then [21]: the marks a Chinese text gives its notes. */
export function noteMark(n: number): string {
  return n >= 1 && n <= 20 ? String.fromCodePoint(0x2460 + n - 1) : `[${n}]`;
}

/** A paragraph's content as it is gathered: text pieces with their sizes and weights, and images. */
interface Gathered {
  pieces: { text: string; size: number | null; bold: boolean }[];
  images: Image[];
}

class DocxReader {
  private readonly blocks: SourceBlock[] = [];
  private readonly notes: SourceNote[] = [];
  private readonly problems: ReadProblem[] = [];
  /** Images found, with the blocks that will hold their bytes. */
  private readonly pending: { image: Image; block: Extract<SourceBlock, { kind: 'image' }> }[] = [];
  private paragraphs = 0;
  private tables = 0;

  constructor(private readonly document: Document) {}

  async read(): Promise<Source> {
    for (const child of this.document.children) this.block(child);
    for (const { image, block } of this.pending) block.bytes = new Uint8Array(await image.readAsArrayBuffer());
    return { blocks: this.blocks, notes: this.notes, problems: this.problems };
  }

  private block(element: Element): void {
    if (element.type === 'paragraph') this.paragraph(element as Paragraph);
    else if (element.type === 'table') this.table(element);
    else for (const child of element.children ?? []) this.block(child);
  }

  private paragraph(p: Paragraph): void {
    const at = `paragraph ${++this.paragraphs}`;
    const gathered: Gathered = { pieces: [], images: [] };
    // Text before an image, the image, text after it: blocks in that order.
    const flush = () => {
      const paragraph = this.paragraphOf(p, gathered, at);
      if (paragraph) this.blocks.push(paragraph);
      gathered.pieces = [];
      for (const image of gathered.images) {
        const block = {
          kind: 'image' as const,
          at: `${at}, image ${this.pending.length + 1}`,
          bytes: new Uint8Array(),
          type: image.contentType ?? '',
          ...(image.altText ? { alt: image.altText } : {}),
        };
        this.pending.push({ image, block });
        this.blocks.push(block);
      }
      gathered.images = [];
    };
    this.gather(p.children, gathered, { size: null, bold: false }, flush, at);
    flush();
  }

  private paragraphOf(p: Paragraph, g: Gathered, at: Place): SourceParagraph | undefined {
    const raw = g.pieces.map((x) => x.text).join('');
    const text = raw
      .replace(/\t+(?=\s*\d{1,4}\s*$)/u, '  ')
      .replace(/\t/gu, ' ')
      .split('\n')
      .map((l) => l.replace(/^[\s\u3000]+|[\s\u3000]+$/gu, ''))
      .filter((l) => l !== '')
      .join('\n');
    if (text === '') return undefined;
    const out: SourceParagraph = { kind: 'paragraph', text, at };
    const style = styleOf(p.styleName);
    if (style) Object.assign(out, style);
    if (p.alignment === 'center') out.centred = true;
    const size = mostUsed(g.pieces.filter((x) => x.text.trim() !== ''));
    if (size !== null) out.size = size;
    if (g.pieces.every((x) => x.bold || x.text.trim() === '')) out.bold = true;
    // Headings carry the outline numbering of their styles, most often with no number shown.
    if (p.numbering?.isOrdered && out.style !== 'heading') out.numbered = true;
    return out;
  }

  /** Text, breaks, notes and images of a paragraph's runs (and of hyperlinks and other wrappers). */
  private gather(elements: Element[], g: Gathered, run: { size: number | null; bold: boolean }, flush: () => void, at: Place): void {
    for (const e of elements) {
      switch (e.type) {
        case 'run': {
          const r = e as Run;
          this.gather(r.children, g, { size: r.fontSize, bold: r.isBold }, flush, at);
          break;
        }
        case 'text':
          g.pieces.push({ text: (e as Text).value, ...run });
          break;
        case 'tab':
          g.pieces.push({ text: '\t', ...run });
          break;
        case 'break':
          if ((e as Break).breakType === 'line') g.pieces.push({ text: '\n', ...run });
          break;
        case 'noteReference': {
          const mark = this.note(e as NoteReference, at);
          if (mark) g.pieces.push({ text: mark, ...run });
          break;
        }
        case 'image':
          g.images.push(e as Image);
          // Text after the image is a paragraph of its own, after it.
          if (g.pieces.some((x) => x.text.trim() !== '')) flush();
          break;
        default:
          if (e.children) this.gather(e.children, g, run, flush, at);
      }
    }
  }

  /** A note's mark, its text kept among the notes (placed at the paragraph that refers to it). */
  private note(reference: NoteReference, at: Place): string | undefined {
    const note = this.document.notes.resolve(reference);
    if (!note) return undefined;
    const mark = noteMark(this.notes.length + 1);
    this.notes.push({ mark, text: plainText(note.body), at });
    return mark;
  }

  private table(table: Element): void {
    const at = `table ${++this.tables}`;
    const rows = (table.children ?? [])
      .filter((r) => r.type === 'tableRow')
      .map((row) => (row.children ?? []).map((cell) => plainText(cell.children ?? []).replace(/\s*\n\s*/gu, ' ')));
    this.blocks.push({ kind: 'table', at, rows });
  }
}

/** Word's built-in styles by the names its styles part stores (and the Chinese names some files carry). */
function styleOf(name: string | null): Pick<SourceParagraph, 'style' | 'level'> | undefined {
  if (!name) return undefined;
  const n = name.trim().toLowerCase();
  if (n === 'title' || n === '标题') return { style: 'title' };
  const heading = /^(?:heading|标题)\s*([1-9])$/u.exec(n);
  if (heading) return { style: 'heading', level: Number(heading[1]) };
  if (n === 'caption' || n === '题注') return { style: 'caption' };
  return undefined;
}

/** The size most of the characters are set in, or null when no run says. */
function mostUsed(pieces: { text: string; size: number | null }[]): number | null {
  const count = new Map<number, number>();
  for (const p of pieces) if (p.size !== null) count.set(p.size, (count.get(p.size) ?? 0) + Array.from(p.text).length);
  let best: number | null = null;
  for (const [size, n] of count) if (best === null || n > count.get(best)! || (n === count.get(best)! && size > best)) best = size;
  return best;
}

/** The text of a note or a table cell: its paragraphs on lines of their own. */
function plainText(elements: Element[]): string {
  const paragraphs: string[] = [];
  const walk = (e: Element, into: string[]): void => {
    if (e.type === 'text') into.push((e as Text).value);
    else if (e.type === 'tab') into.push(' ');
    else if (e.type === 'break' && (e as Break).breakType === 'line') into.push('\n');
    else for (const c of e.children ?? []) walk(c, into);
  };
  for (const e of elements) {
    const into: string[] = [];
    walk(e, into);
    const text = into.join('').trim();
    if (text !== '') paragraphs.push(text);
  }
  return paragraphs.join('\n');
}
