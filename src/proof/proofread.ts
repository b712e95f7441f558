/**
 * proofread: Issue → findings. A stage of its own between load and compose: it
 * reads the texts of an issue as a copy editor does and returns located warnings
 * and notes, each citing its rule; it never changes the issue or the layout.
 */
import type { Issue } from '../issue/index.js';
import { dashes, ellipses, fullwidthForms, halfwidthMarks } from './marks.js';
import { datesIn, impossibleDates, numbers } from './numbers.js';
import { pairs } from './pairs.js';
import { textsOf } from './texts.js';
import { traditional } from './traditional.js';
import type { CheckName, Checked, Finding } from './types.js';
import { colophon, contents } from './whole.js';
import { doubled, spaces } from './words.js';

/** The checks of one text at a time. */
const PER_TEXT: [CheckName, (checked: Checked) => Finding[]][] = [
  ['halfwidth', halfwidthMarks],
  ['fullwidth', fullwidthForms],
  ['ellipsis', ellipses],
  ['dashes', dashes],
  ['spaces', spaces],
  ['doubled', doubled],
];

export async function proofread(issue: Issue): Promise<Finding[]> {
  const off = new Set(issue.proof?.off ?? []);
  const on = (check: CheckName) => !off.has(check);
  const texts = textsOf(issue);
  const found: Finding[] = [];
  if (on('traditional')) found.push(...(await traditional(texts)));
  for (const [check, run] of PER_TEXT) if (on(check)) for (const t of texts) found.push(...run(t));
  if (on('pairs')) found.push(...pairsByBody(texts).flatMap(pairs));
  const dates = on('numbers') || on('dates') ? datesIn(texts) : [];
  if (on('numbers')) found.push(...numbers(dates));
  if (on('dates')) found.push(...impossibleDates(issue, dates));
  if (on('colophon')) found.push(...colophon(issue));
  if (on('contents')) found.push(...contents(issue));
  return ordered(found);
}

/** Texts grouped so that the paragraphs of one body are read together (a quotation may run over them). */
function pairsByBody(texts: Checked[]): Checked[][] {
  const groups: Checked[][] = [];
  for (const t of texts) {
    const last = groups.at(-1);
    if (t.role === 'body' && last?.at(-1)?.role === 'body' && last.at(-1)!.text.source.path.replace(/\[\d+\]$/, '') === t.text.source.path.replace(/\[\d+\]$/, '')) last.push(t);
    else groups.push([t]);
  }
  return groups;
}

/** In file order, each once: the contents derived from a title are that title, read once. */
function ordered(found: Finding[]): Finding[] {
  const seen = new Set<string>();
  return found
    .filter((f) => {
      const key = `${f.file}:${f.line}:${f.col}:${f.check}:${f.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line || a.col - b.col);
}
