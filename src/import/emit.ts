/**
 * The issue file as text, in the style of issues/issue-91.yaml: two-space
 * indentation, a `body: |` block with a blank line between paragraphs (one
 * paragraph a line) — a list when the body has headings, images or notes — a
 * `title: |-` block for a title printed on two lines, and quotes only where YAML
 * needs them (`phone: "68933000"`). One article writer serves the issue writer and
 * `--into`, which adds an article to an issue file.
 */
import { stringify } from 'yaml';
import type { ImportOptions, PublicationDefaults } from './types.js';

/** A paragraph (one line), or a block of the issue format. */
export type BodyBlock = string | { heading: string } | { image: string; caption?: string } | { note: string };

export interface Article {
  /** The printed lines of the title. */
  title: string[];
  /** The contents' wording, when it differs from the title. */
  toc?: string;
  body: BodyBlock[];
}

export interface Section {
  title: string;
  articles: Article[];
}

/** The colophon's fields as the importer found them. */
export type ColophonValues = NonNullable<PublicationDefaults['colophon']>;

export interface IssueValues {
  number?: number;
  period?: string;
  /** YYYY-MM-DD. */
  printed?: string;
  sections: Section[];
  colophon?: ColophonValues;
}

/** A string or number as a YAML scalar on one line, quoted when it must be. */
export function scalar(value: string | number): string {
  return stringify(value, { lineWidth: 0 }).trimEnd();
}

/** A comment line's text: no line breaks. */
function comment(text: string): string {
  return text.replace(/[\r\n\u2028\u2029\u0085]+/gu, ' ');
}

/** An article as an item of an `articles:` list whose dash stands at `indent`. */
export function articleLines(article: Article, indent: string): string[] {
  const key = `${indent}  `;
  const out: string[] = [];
  if (article.title.length > 1) {
    out.push(`${indent}- title: |-`);
    for (const line of article.title) out.push(`${key}  ${line}`);
  } else {
    out.push(`${indent}- title: ${scalar(article.title[0] ?? '')}`);
  }
  if (article.toc !== undefined) out.push(`${key}toc: ${scalar(article.toc)}`);
  if (article.body.every((b) => typeof b === 'string')) {
    out.push(`${key}body: |`);
    article.body.forEach((paragraph, i) => {
      if (i > 0) out.push('');
      out.push(`${key}  ${paragraph}`);
    });
    return out;
  }
  out.push(`${key}body:`);
  for (const block of article.body) {
    if (typeof block === 'string') out.push(`${key}  - ${scalar(block)}`);
    else if ('heading' in block) out.push(`${key}  - heading: ${scalar(block.heading)}`);
    else if ('note' in block) out.push(`${key}  - note: ${scalar(block.note)}`);
    else {
      out.push(`${key}  - image: ${scalar(block.image)}`);
      if (block.caption !== undefined) out.push(`${key}    caption: ${scalar(block.caption)}`);
    }
  }
  return out;
}

export function emitIssue(values: IssueValues, options: ImportOptions): string {
  const out: string[] = [`# yaml-language-server: $schema=${options.schema ?? '../schema/issue.schema.json'}`];
  const which = [values.period, values.number === undefined ? undefined : `（总第${values.number}期）`]
    .filter((s) => s !== undefined)
    .join('');
  const form = options.form ?? 'the plain text of the printed issue';
  const from = options.source === undefined ? 'the plain text of a printed back issue' : `${options.source}, ${form}`;
  out.push(comment(`# ${which === '' ? 'An issue' : which}: imported by \`bulletin import\` from ${from},`));
  out.push('# its paragraphs split by page breaks joined again. Check it against the printed copy.');
  out.push(`publication: ${scalar(options.publication)}`);
  const known = [values.number, values.period, values.printed].some((v) => v !== undefined);
  out.push(known ? 'issue:' : 'issue: {}');
  if (values.number !== undefined) out.push(`  number: ${values.number}`);
  if (values.period !== undefined) out.push(`  period: ${scalar(values.period)}`);
  if (values.printed !== undefined) out.push(`  printed: ${scalar(values.printed)}`);
  out.push(values.sections.length > 0 ? 'sections:' : 'sections: []');
  for (const section of values.sections) {
    out.push(`  - title: ${scalar(section.title)}`);
    out.push('    articles:');
    for (const article of section.articles) out.push(...articleLines(article, '      '));
  }
  const c = values.colophon;
  if (c && Object.keys(c).length > 0) {
    out.push('colophon:');
    if (c.notice !== undefined) out.push(`  notice: ${scalar(c.notice)}`);
    if (c.distribution !== undefined) {
      out.push('  distribution:');
      for (const name of c.distribution) out.push(`    - ${scalar(name)}`);
    }
    if (c.supervisor !== undefined) out.push(`  supervisor: ${scalar(c.supervisor)}`);
    if (c.publisher !== undefined) out.push(`  publisher: ${scalar(c.publisher)}`);
    if (c.phone !== undefined) out.push(`  phone: ${scalar(c.phone)}`);
    if (c.email !== undefined) out.push(`  email: ${scalar(c.email)}`);
    if (c.copies !== undefined) out.push(`  copies: ${c.copies}`);
  }
  return `${out.join('\n')}\n`;
}
