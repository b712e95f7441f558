/**
 * The input of `bulletin import`: the plain text extracted from a printed back
 * issue, read as lines that remember where they stand, and the character classes
 * the importer reasons with.
 */
import type { ImportProblem } from './types.js';
import { isWide } from '../issue/text.js';
import { STRAY, codePointName } from '../text/invisible.js';

/** One line of the input, trimmed; a page break (form feed) counts as a blank line. */
export interface Line {
  /** The text without surrounding white space (ideographic spaces included); '' when blank. */
  text: string;
  /** 1-based line in the input. */
  line: number;
  /** 1-based column (UTF-16 code units) of the first character of `text`. */
  col: number;
  /** Its place among the lines read. */
  index: number;
}

/**
 * Characters that mean nothing in print, as the loader removes them
 * (text/invisible.ts), some of which YAML cannot even carry: left out of the text,
 * with a warning (after the white space below is read as spaces).
 */
const UNPRINTABLE = new RegExp(`[${STRAY}]`, 'gu');
/** White space that is not a line break for an editor: read as a space. */
const SPACES = /[\t\u000b\u0085\u2028\u2029]/g;

/** The input's lines. Line breaks: \n, \r\n and \r; a form feed also ends a paragraph. */
export function readLines(input: string, problems: ImportProblem[]): Line[] {
  const text = input.startsWith('\ufeff') ? input.slice(1) : input;
  const out: Line[] = [];
  text.split(/\r\n|\r|\n/).forEach((raw, i) => {
    const line = i + 1;
    let offset = 0;
    raw.split('\f').forEach((segment, s) => {
      if (s > 0) out.push({ text: '', line, col: offset, index: out.length });
      const spaced = segment.replace(SPACES, ' ');
      const { clean, message } = printed(spaced);
      if (message) problems.push({ line, col: offset + spaced.search(UNPRINTABLE) + 1, severity: 'warning', message });
      const lead = clean.length - clean.trimStart().length;
      out.push({ text: clean.trim(), line, col: offset + lead + 1, index: out.length });
      offset += segment.length + 1;
    });
  });
  return out;
}

/** The text without the characters that mean nothing in print, and the warning that says which were left out. */
export function printed(text: string): { clean: string; message?: string } {
  const bad = text.match(UNPRINTABLE);
  if (!bad) return { clean: text };
  const codes = [...new Set(bad)].map(codePointName);
  const n = bad.length;
  return {
    clean: text.replace(UNPRINTABLE, ''),
    message: `left out ${n} character${n > 1 ? 's' : ''} that mean${n > 1 ? '' : 's'} nothing in print (${codes.join(', ')})`,
  };
}

/** Wide characters as the loader counts them. */
export { isWide };

/**
 * Two pieces of one paragraph, joined where a printed line or page broke them: no
 * space when either side is a wide character (`闪烁着` + `64 个` → `闪烁着64 个`), one
 * space between two Latin words or numbers.
 */
export function joinPieces(before: string, after: string): string {
  if (before === '') return after;
  if (after === '') return before;
  const a = /.$/su.exec(before)?.[0] ?? '';
  const b = /^./su.exec(after)?.[0] ?? '';
  return isWide(a) || isWide(b) ? before + after : `${before} ${after}`;
}

/**
 * What a paragraph may end with and still be whole: the sentence-final marks
 * (。！？ and their ASCII forms, the ellipsis, closing quotes and brackets) and also
 * the colon and semicolon, which end the paragraphs that introduce or make up a list.
 */
const PARAGRAPH_END = /[。！？!?.．…”’）)》」』】〉；;：:]$/u;

export function endsParagraph(text: string): boolean {
  return PARAGRAPH_END.test(text);
}

/**
 * The form of a title or a subheading (`一、提高认识`): one short line without
 * paragraph-final punctuation or commas, not ending in an enumeration comma.
 */
export function titleShaped(text: string): boolean {
  return Array.from(text).length <= 40 && !endsParagraph(text) && !/[，,。]|、$/u.test(text);
}

/** What a title or heading cannot end with: a full stop (。！？ may end a title but 。 never does). */
export function endsSentence(text: string): boolean {
  return /[。．.]$/u.test(text);
}

/**
 * The form in which wordings are compared: NFKC (full-width and half-width forms
 * alike) without white space.
 */
export function comparable(text: string): string {
  return text.normalize('NFKC').replace(/\s+/gu, '');
}
