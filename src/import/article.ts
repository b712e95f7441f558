/**
 * A contribution → one article: what `bulletin import contribution.docx --into
 * issue.yaml` adds to an issue. It takes the intermediate model of any reader.
 *
 * What it decides:
 * - The title: the first paragraph in Word's Title style; else a first paragraph
 *   in a heading style, set centred or larger than the body text — if it has the
 *   form of a title (`titleShaped`, as the plain-text importer asks of a title);
 *   else a first paragraph of that form followed by more text; else the source's
 *   file name, with a warning. Its lines are the title's lines; paragraphs right
 *   after it with the same form (a title set as two paragraphs) add lines.
 * - Text before a Title-style paragraph is kept as the first paragraphs, with a warning.
 * - Paragraphs in a heading style, and bold paragraphs of a title's form, are
 *   `{heading}` blocks; a Caption-style paragraph right after an image, or a short
 *   centred one beginning 图 (图1, 图一), is its caption.
 * - Images that bulletin can place (PNG, JPEG) become `{image}` blocks and files
 *   beside the issue; others are left out with a warning naming them.
 * - Tables are not supported yet: a warning names each, and its rows are kept as
 *   paragraphs, the cells separated by an ideographic space.
 * - Footnotes: their marks (①) stay in the text and their text follows the article
 *   as `{note}` blocks, with a warning that says so.
 * - The lines of a body paragraph are joined as a printed line break joins them.
 */
import { readHeader } from '../image/index.js';
import type { Article, BodyBlock } from './emit.js';
import type { Place, ReadProblem, Source, SourceBlock, SourceImage, SourceParagraph } from './source.js';
import { joinPieces, printed, titleShaped } from './text.js';

export interface ArticleOptions {
  /** The source's file name without its extension: the title of last resort. */
  name: string;
  /** The file, relative to the issue file, that the n-th image placed is saved as (ext: png or jpg). */
  imageFile: (n: number, ext: string) => string;
}

export interface ImportedArticle {
  article: Article;
  /** The images to save beside the issue, by the names the article gives them. */
  images: { file: string; bytes: Uint8Array }[];
  problems: ReadProblem[];
}

/** Larger than the body text by at least this much (pt): a title set by hand, not a size picked at random. */
const LARGER = 2;

export function importArticle(source: Source, options: ArticleOptions): ImportedArticle {
  const problems: ReadProblem[] = [...source.problems];
  const blocks = source.blocks.map((b) => (b.kind === 'paragraph' ? clean(b, problems) : b)).filter((b) => b.kind !== 'paragraph' || b.text !== '');
  const paragraphs = blocks.filter((b): b is SourceParagraph => b.kind === 'paragraph');
  const title = findTitle(blocks, bodySize(paragraphs));
  let lines: string[];
  let rest: SourceBlock[];
  if (title) {
    lines = title.blocks.flatMap((p) => p.text.split('\n'));
    const before = blocks.slice(0, blocks.indexOf(title.blocks[0]!));
    const after = blocks.slice(blocks.indexOf(title.blocks.at(-1)!) + 1);
    if (before.length > 0) {
      problems.push({ at: placeOf(before[0]!), severity: 'warning', message: 'text before the title; kept as the first paragraphs of the article' });
    }
    rest = [...before, ...after];
  } else {
    lines = [options.name];
    rest = blocks;
    problems.push({
      at: 'the document',
      severity: 'warning',
      message: `no title found (no Title style, no centred or larger first line): the file's name "${options.name}" is used`,
    });
  }
  const body = new BodyWriter(options, problems);
  rest.forEach((block, i) => body.add(block, rest[i - 1]));
  body.notes(source);
  if (body.blocks.length === 0) problems.push({ at: 'the document', severity: 'error', message: 'the article has no text' });
  return { article: { title: lines, body: body.blocks }, images: body.images, problems };
}

/** A paragraph without the characters that mean nothing in print (warned of, as the loader would). */
function clean(p: SourceParagraph, problems: ReadProblem[]): SourceParagraph {
  const { clean: text, message } = printed(p.text);
  if (message) problems.push({ at: p.at, severity: 'warning', message });
  return text === p.text ? p : { ...p, text: text.trim() };
}

function placeOf(block: SourceBlock): Place {
  return block.kind === 'page' ? 'a page break' : block.at;
}

/** The size most body text is set in (by characters), when the source gives sizes. */
function bodySize(paragraphs: SourceParagraph[]): number | undefined {
  const count = new Map<number, number>();
  for (const p of paragraphs) if (p.size !== undefined) count.set(p.size, (count.get(p.size) ?? 0) + Array.from(p.text).length);
  return [...count].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0];
}

/** The title's paragraphs, or none. */
function findTitle(blocks: SourceBlock[], body: number | undefined): { blocks: SourceParagraph[] } | undefined {
  const shaped = (p: SourceParagraph) => p.text.split('\n').every(titleShaped);
  const styled = blocks.find((b): b is SourceParagraph => b.kind === 'paragraph' && b.style === 'title');
  if (styled) return { blocks: following(blocks, styled, (p) => p.style === 'title') };
  const first = blocks.find((b) => b.kind !== 'page');
  if (first?.kind !== 'paragraph' || !shaped(first)) return undefined;
  const larger = (p: SourceParagraph) => p.size !== undefined && body !== undefined && p.size >= body + LARGER;
  if (first.style === 'heading' || first.centred || larger(first)) {
    // A second paragraph of the same form is the title's second line (but not a second heading).
    const same = (p: SourceParagraph) => first.style !== 'heading' && shaped(p) && p.centred === first.centred && p.size === first.size && p.style === first.style;
    return { blocks: following(blocks, first, same) };
  }
  const next = blocks[blocks.indexOf(first) + 1];
  if (next?.kind === 'paragraph' || next?.kind === 'image' || next?.kind === 'table') return { blocks: [first] };
  return undefined;
}

/** `first` and the paragraphs right after it that `more` accepts: at most three lines of title in all. */
function following(blocks: SourceBlock[], first: SourceParagraph, more: (p: SourceParagraph) => boolean): SourceParagraph[] {
  const out = [first];
  for (let i = blocks.indexOf(first) + 1; i < blocks.length; i++) {
    const b = blocks[i]!;
    const lines = out.reduce((n, p) => n + p.text.split('\n').length, 0);
    if (b.kind !== 'paragraph' || !more(b) || lines + b.text.split('\n').length > 3) break;
    out.push(b);
  }
  return out;
}

/** The article's body, block by block. */
class BodyWriter {
  readonly blocks: BodyBlock[] = [];
  readonly images: { file: string; bytes: Uint8Array }[] = [];
  /** In a run of numbered list items (warned of once a run). */
  private numbered = false;

  constructor(
    private readonly options: ArticleOptions,
    private readonly problems: ReadProblem[],
  ) {}

  add(block: SourceBlock, before: SourceBlock | undefined): void {
    if (block.kind !== 'paragraph' || !block.numbered) this.numbered = false;
    switch (block.kind) {
      case 'paragraph':
        this.paragraph(block, before);
        break;
      case 'image':
        this.image(block);
        break;
      case 'table': {
        const columns = Math.max(0, ...block.rows.map((r) => r.length));
        this.problems.push({
          at: block.at,
          severity: 'warning',
          message: `tables are not supported yet: its ${block.rows.length} row${block.rows.length === 1 ? '' : 's'} of ${columns} cell${columns === 1 ? '' : 's'} are kept as paragraphs, a row each`,
        });
        for (const row of block.rows) {
          const text = row.map((c) => c.trim()).filter((c) => c !== '').join('\u3000');
          if (text !== '') this.blocks.push(text);
        }
        break;
      }
      case 'page':
        break;
    }
  }

  private paragraph(p: SourceParagraph, before: SourceBlock | undefined): void {
    const text = p.text.split('\n').reduce(joinPieces, '');
    const last = this.blocks.at(-1);
    if (before?.kind === 'image' && typeof last === 'object' && 'image' in last && isCaption(p)) {
      last.caption = text;
      return;
    }
    if (p.numbered && !this.numbered) {
      this.problems.push({
        at: p.at,
        severity: 'warning',
        message: 'an automatically numbered list: its numbers are not part of the text and are not imported; write them in if they matter',
      });
    }
    this.numbered = p.numbered === true;
    if (p.style === 'heading' || (p.bold && titleShaped(text) && !p.numbered)) this.blocks.push({ heading: text });
    else this.blocks.push(text);
  }

  private image(image: SourceImage): void {
    const ext = image.type === 'image/png' ? 'png' : image.type === 'image/jpeg' ? 'jpg' : undefined;
    const kind = image.type.replace(/^image\/(x-)?/u, '').toUpperCase() || 'of an unknown kind';
    const named = image.alt ? ` ("${image.alt}")` : '';
    if (!ext) {
      this.problems.push({ at: image.at, severity: 'warning', message: `the image${named} is ${kind}, which bulletin cannot place (PNG and JPEG only); left out` });
      return;
    }
    const decoded = readHeader(image.bytes, image.bytes.length);
    if (typeof decoded === 'string') {
      this.problems.push({ at: image.at, severity: 'warning', message: `the image${named} cannot be placed: ${decoded}; left out` });
      return;
    }
    const file = this.options.imageFile(this.images.length + 1, ext);
    this.images.push({ file, bytes: image.bytes });
    this.blocks.push({ image: file });
  }

  /** The source's notes after the text, their marks kept where they stood. */
  notes(source: Source): void {
    if (source.notes.length === 0) return;
    const n = source.notes.length;
    this.problems.push({
      at: source.notes[0]!.at,
      severity: 'warning',
      message: `${n} note${n === 1 ? '' : 's'}: ${n === 1 ? 'its mark stays' : 'their marks stay'} in the text (${source.notes[0]!.mark}${n > 1 ? '…' : ''}), ${n === 1 ? 'its' : 'their'} text follows the article as notes`,
    });
    for (const note of source.notes) {
      const { clean: text, message } = printed(note.text.split('\n').reduce(joinPieces, ''));
      if (message) this.problems.push({ at: note.at, severity: 'warning', message });
      this.blocks.push({ note: `${note.mark}${text}` });
    }
  }
}

/** A caption: in Word's Caption style, or a short centred line that begins 图 (图1, 图一). */
function isCaption(p: SourceParagraph): boolean {
  if (p.style === 'caption') return true;
  return p.centred === true && /^图\s*[0-9０-９一二三四五六七八九十]/u.test(p.text) && Array.from(p.text).length <= 60;
}
