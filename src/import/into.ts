/**
 * `--into`: an article added to an issue file, the file otherwise kept byte for
 * byte — its comments, blank lines, quoting and line ends. The `yaml` library's
 * Document API finds where the section's `articles:` list ends (its nodes keep
 * their source ranges); the article is written there, as the issue writer writes
 * one, at the indentation of the list's items. An empty flow list (`articles: []`,
 * as `bulletin init` writes it) is replaced by the article; a section not in the
 * issue is added after the last.
 */
import { isMap, isSeq, parseDocument, type YAMLSeq } from 'yaml';
import { articleLines, scalar, type Article } from './emit.js';
import { SAME, similarity } from './similar.js';

export interface Insertion {
  /** The issue file with the article. */
  text: string;
  /** Where the new text starts in it. */
  at: number;
  /** The new text. */
  inserted: string;
  /** What it replaced there (`" []"`, or nothing). */
  replaced: string;
  /** Whether the section was added for it. */
  newSection: boolean;
}

/** Why the article cannot be added: a message and a hint. */
export interface Refusal {
  message: string;
  hint: string;
}

export function insertArticle(source: string, article: Article, section: string): Insertion | Refusal {
  const doc = parseDocument(source);
  if (doc.errors.length > 0) return { message: `is not valid YAML: ${doc.errors[0]!.message.split('\n')[0]}`, hint: 'run bulletin check on it and mend it first' };
  const eol = source.includes('\r\n') ? '\r\n' : '\n';
  const sections = isMap(doc.contents) ? doc.contents.get('sections', true) : undefined;
  if (!isSeq(sections)) return { message: 'has no sections: list', hint: 'add the article to an issue file, such as one bulletin init wrote' };
  const wanted = section.trim();
  const titles = sections.items.map((s) => (isMap(s) ? s.get('title') : undefined));
  const index = titles.findIndex((t) => typeof t === 'string' && t.trim() === wanted);
  if (index >= 0) {
    const articles = (sections.items[index] as { get(k: string, keep: true): unknown }).get('articles', true);
    if (!isSeq(articles)) return { message: `section "${wanted}" has no articles: list`, hint: 'give it one (articles: []) and import again' };
    if (articles.flow && articles.items.length > 0) return FLOW;
    return { ...append(source, articles, (dash) => articleLines(article, dash), eol), newSection: false };
  }
  const near = titles.find((t): t is string => typeof t === 'string' && similarity(t, wanted) >= SAME);
  if (near !== undefined) {
    return { message: `has no section "${wanted}"; "${near}" is the closest`, hint: `name it exactly: --section ${near}` };
  }
  if (sections.flow && sections.items.length > 0) return FLOW;
  const lines = (dash: string) => [`${dash}- title: ${scalar(wanted)}`, `${dash}  articles:`, ...articleLines(article, `${dash}    `)];
  return { ...append(source, sections, lines, eol), newSection: true };
}

/** The text with `lines` added as the last item of `list`, at its items' indentation. */
function append(source: string, list: YAMLSeq, lines: (dash: string) => string[], eol: string): Omit<Insertion, 'newSection'> {
  const [start = 0, valueEnd = 0] = list.range ?? [];
  if (list.flow) {
    // `articles: []` → `articles:` and the item below it, two spaces further in than the key.
    const colon = source.lastIndexOf(':', start);
    const key = source.slice(lineStart(source, colon), colon);
    const indent = key.length - key.trimStart().length;
    // A comment after the brackets stays on the key's line.
    const newline = source.indexOf('\n', valueEnd);
    const end = newline < 0 ? source.length : source[newline - 1] === '\r' ? newline - 1 : newline;
    const comment = source.slice(valueEnd, end).trimEnd();
    return splice(source, colon + 1, end, comment + eol + lines(' '.repeat(indent + 2)).join(eol));
  }
  const dash = ' '.repeat(start - lineStart(source, start));
  let at = valueEnd;
  // After the last item's last line (a comment after it stays after the new one).
  if (source[at - 1] !== '\n') {
    const next = source.indexOf('\n', at);
    at = next < 0 ? source.length : next + 1;
  }
  const before = at === source.length && !source.endsWith('\n') ? eol : '';
  return splice(source, at, at, before + lines(dash).join(eol) + eol);
}

function splice(source: string, from: number, to: number, inserted: string): Omit<Insertion, 'newSection'> {
  return { text: source.slice(0, from) + inserted + source.slice(to), at: from, inserted, replaced: source.slice(from, to) };
}

function lineStart(source: string, at: number): number {
  return source.lastIndexOf('\n', at - 1) + 1;
}

/** A non-empty flow list (`articles: [{…}]`) cannot be extended in place; rare in an issue file. */
const FLOW: Refusal = {
  message: 'writes the list the article would join in flow style ([…])',
  hint: 'write it as a block list, one "- " item a line, and import again',
};
