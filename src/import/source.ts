/**
 * The intermediate text model: what every reader (plain text, .docx, PDF) gives,
 * and what the two writers take — the issue importer (import.ts), which reads it
 * as lines of text, and the article importer (article.ts), which also weighs the
 * form the source gave each paragraph (its style, alignment and size).
 */
/** Where a block stands in its source, as the reader names it for messages: `paragraph 12`, `page 3`, `line 7`. */
export type Place = string;

export interface SourceParagraph {
  kind: 'paragraph';
  /** The text, trimmed; a line break the source keeps inside a paragraph (a title on two lines) as \n. */
  text: string;
  at: Place;
  /** The style the source names: Word's Title, Heading n and Caption styles. */
  style?: 'title' | 'heading' | 'caption';
  /** A heading's level, 1 the highest. */
  level?: number;
  /** Set centred in the source. */
  centred?: boolean;
  /** The size most of its text is set in, pt, when the source says. */
  size?: number;
  /** All of its text set bold. */
  bold?: boolean;
  /** An item of an automatically numbered list, whose number is not in the text. */
  numbered?: boolean;
}

export interface SourceImage {
  kind: 'image';
  at: Place;
  bytes: Uint8Array;
  /** Its media type: image/png, image/jpeg, image/x-emf. */
  type: string;
  /** The description the author gave it, if any. */
  alt?: string;
}

export interface SourceTable {
  kind: 'table';
  at: Place;
  /** The text of each cell, row by row. */
  rows: string[][];
}

/** Where a printed page ended. */
export interface SourcePage {
  kind: 'page';
}

export type SourceBlock = SourceParagraph | SourceImage | SourceTable | SourcePage;

/** A footnote or endnote: its mark as set in the text (①) and its text. */
export interface SourceNote {
  mark: string;
  text: string;
  at: Place;
}

export interface ReadProblem {
  at: Place;
  severity: 'warning' | 'error';
  message: string;
}

export interface Source {
  blocks: SourceBlock[];
  notes: SourceNote[];
  /** What the reader itself had to leave out or guess. */
  problems: ReadProblem[];
}

/**
 * The source as the text the issue importer reads (test/fixtures/issue-91.txt is
 * such a text): one paragraph a line, a line break inside it kept, a blank line
 * between paragraphs, a form feed where a page ended; a table's rows as
 * paragraphs, its cells separated by wide gaps. `places[n - 1]` is where line n
 * came from. Images cannot stand in text: they are counted in `images`.
 */
export function sourceText(source: Source): { text: string; places: Place[]; images: SourceImage[] } {
  const lines: string[] = [];
  const places: Place[] = [];
  const images: SourceImage[] = [];
  const push = (text: string, at: Place) => {
    for (const line of text.split('\n')) {
      lines.push(line);
      places.push(at);
    }
    lines.push('');
    places.push(at);
  };
  for (const block of source.blocks) {
    switch (block.kind) {
      case 'paragraph':
        push(block.text, block.at);
        break;
      case 'table':
        for (const row of block.rows) push(row.filter((c) => c !== '').join('  '), block.at);
        break;
      case 'page':
        if (lines.length > 0) lines[lines.length - 1] = '\f';
        break;
      case 'image':
        images.push(block);
        break;
    }
  }
  return { text: lines.join('\n'), places, images };
}

/**
 * Plain text as a source: paragraphs are separated by blank lines (or form feeds);
 * the lines of a paragraph are kept (the article importer joins them, but for a
 * title's).
 */
export function textSource(text: string): Source {
  const blocks: SourceBlock[] = [];
  let lines: { text: string; n: number }[] = [];
  const flush = () => {
    if (lines.length === 0) return;
    blocks.push({ kind: 'paragraph', text: lines.map((l) => l.text).join('\n'), at: `line ${lines[0]!.n}` });
    lines = [];
  };
  (text.startsWith('\ufeff') ? text.slice(1) : text).split(/\r\n|\r|\n/).forEach((raw, i) => {
    raw.split('\f').forEach((segment, s) => {
      if (s > 0) flush();
      const t = segment.replace(/^[\s\u3000]+|[\s\u3000]+$/gu, '');
      if (t === '') flush();
      else lines.push({ text: t, n: i + 1 });
    });
  });
  flush();
  return { blocks, notes: [], problems: [] };
}
