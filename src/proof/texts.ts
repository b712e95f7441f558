/**
 * The texts of an issue that proofreading reads, each with its role, and the
 * helpers every check uses to name a place in one of them.
 */
import { joinTexts, positionOf, problemAt, type Issue, type SourceText } from '../issue/index.js';
import type { CheckName, Checked, Edit, Finding, Role } from './types.js';

/** Every text the issue prints, in reading order, with the characters `allow` covers. */
export function textsOf(issue: Issue): Checked[] {
  const allow = issue.proof?.allow ?? [];
  const out: Checked[] = [];
  const add = (text: SourceText | undefined, role: Role) => {
    if (text && text.text !== '') out.push({ text, role, allowed: allowedIn(text.text, allow) });
  };
  add(issue.name, 'masthead');
  add(issue.editor, 'masthead');
  add(issue.period, 'period');
  for (const section of issue.sections) {
    add(section.title, 'section');
    for (const article of section.articles) {
      // The title's lines as one text: a bracket opened on one line may close on the next.
      add(joinTexts(article.title), 'title');
      // The contents wording, when given (else it is the title, read above).
      if (article.toc.source.path === `${article.path}.toc`) add(article.toc, 'toc');
      for (const block of article.body) {
        if (block.kind === 'image') add(block.caption, 'caption');
        else if (block.kind === 'images') {
          add(block.caption, 'caption');
          for (const image of block.images) add(image.caption, 'caption');
        } else add(block, block.kind === 'paragraph' ? 'body' : block.kind);
      }
    }
  }
  const c = issue.colophon;
  add(c.notice, 'notice');
  for (const d of c.distribution ?? []) add(d, 'colophon');
  add(c.supervisor, 'colophon');
  add(c.publisher, 'colophon');
  return out;
}

function allowedIn(text: string, words: string[]): Set<number> {
  const allowed = new Set<number>();
  for (const word of words) {
    for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
      for (let i = at; i < at + word.length; i++) allowed.add(i);
    }
  }
  return allowed;
}

/** Whether any character of `text[index, index + length)` is allowed as written. */
export function isAllowed(checked: Checked, index: number, length: number): boolean {
  for (let i = index; i < index + length; i++) if (checked.allowed.has(i)) return true;
  return false;
}

export interface Report {
  check: CheckName;
  rule: string;
  message: string;
  hint?: string;
  severity?: Finding['severity'];
  suggestion?: string;
  /** Replacements that make the correction, by index into the text: given only when unambiguous. */
  replace?: { index: number; from: string; to: string }[];
}

/** A finding at `text[index, index + length)`: its place, the rule in its message, its edits. */
export function findingAt(checked: Checked, index: number, length: number, r: Report): Finding {
  const { text, source } = checked.text;
  const severity = r.severity ?? 'warning';
  const edits = r.replace?.map((x) => editAt(checked.text, x.index, x.from, x.to));
  const fix = edits && edits.every((e): e is Edit => e !== undefined) ? edits : undefined;
  const hint = fix ? `${r.hint ? `${r.hint}; ` : ''}bulletin check --fix makes this change` : r.hint;
  return {
    ...problemAt(severity, source, index, `${r.message} (${r.rule})`, hint),
    severity,
    check: r.check,
    rule: r.rule,
    found: text.slice(index, index + length),
    ...(r.suggestion === undefined ? {} : { suggestion: r.suggestion }),
    ...(fix ? { fix } : {}),
  };
}

/**
 * The source edit replacing `from` at `index` of a text, when its characters stand
 * side by side on one source line (not joined from two lines, not in a quoted
 * scalar with escapes, whose characters have no column of their own).
 */
function editAt(text: SourceText, index: number, from: string, to: string): Edit | undefined {
  if (text.text.slice(index, index + from.length) !== from) return undefined;
  const first = positionOf(text.source, index);
  if (first.fixed || first.line === 0) return undefined;
  const count = [...from].length;
  const last = positionOf(text.source, index + from.length - 1);
  if (last.fixed || last.line !== first.line || last.col !== first.col + count - 1) return undefined;
  return { file: text.source.file, line: first.line, col: first.col, from, to };
}

/** Han characters (with the compatibility and extension blocks). */
export const HAN = /\p{Script=Han}/u;

/** The character (whole code point) at `index`, or '' outside the text. */
export function charAt(text: string, index: number): string {
  if (index < 0 || index >= text.length) return '';
  const cp = text.codePointAt(index)!;
  // The second half of a pair: the character is the pair.
  if (cp >= 0xdc00 && cp <= 0xdfff && index > 0 && text.codePointAt(index - 1)! > 0xffff) return String.fromCodePoint(text.codePointAt(index - 1)!);
  return String.fromCodePoint(cp);
}

/** The character before `index`. */
export function charBefore(text: string, index: number): string {
  return index <= 0 ? '' : charAt(text, index - 1);
}
