/**
 * What is checked of the issue as a whole: the colophon's print run and
 * distribution list (T23), and the contents worded as the titles are.
 */
import { joinTexts, type Issue } from '../issue/index.js';
import { findingAt } from './texts.js';
import type { Finding } from './types.js';

/** A colophon without its print run (共印 N 份) or its distribution list (发放范围). */
export function colophon(issue: Issue): Finding[] {
  const c = issue.colophon;
  const at = c.at ?? { file: issue.file, line: 0, col: 0, path: 'colophon' };
  const missing = (key: string, what: string): Finding => ({
    severity: 'warning',
    ...at,
    check: 'colophon',
    rule: 'T23',
    found: '',
    message: `the colophon has no ${what} (T23)`,
    hint: `add ${key}: to the colophon, here or in the publication file`,
  });
  return [...(c.copies === undefined ? [missing('copies', 'print run (共印 N 份)')] : []), ...(c.distribution ? [] : [missing('distribution', 'distribution list (发放范围)')])];
}

/**
 * Contents wording that differs from the title: a note, since an office may word
 * the contents so on purpose (the printed issue 91 does it once).
 */
export function contents(issue: Issue): Finding[] {
  const out: Finding[] = [];
  for (const section of issue.sections) {
    for (const article of section.articles) {
      const title = joinTexts(article.title).text;
      if (article.toc.text === title) continue;
      out.push(
        findingAt({ text: article.toc, role: 'toc', allowed: new Set() }, 0, article.toc.text.length, {
          check: 'contents',
          rule: 'the contents repeat the titles',
          severity: 'note',
          message: `the contents read "${article.toc.text}" where the title reads "${title}"`,
          suggestion: title,
          hint: 'leave out toc: to print the title in the contents',
        }),
      );
    }
  }
  return out;
}
