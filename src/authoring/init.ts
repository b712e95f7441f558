/**
 * `bulletin init`: the next issue's file, started from the last one — serial + 1,
 * the next month's period and print date, the same publication, the same sections
 * with no articles yet, and a comment showing how to add one.
 *
 * Written into another folder (`-o elsewhere/n.yaml`), the new file names its
 * publication file and its schema relative to that folder. A publication file
 * outside the new file's folder could not be loaded (paths stay inside the
 * issue's folder): a copy is made beside it, unless one of that name is there.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseDocument, stringify } from 'yaml';
import { InputError, fileProblem, loadIssue, problemAt, readSource, type Issue } from '../issue/index.js';
import { issueSchema } from '../issue/definition.js';
import { movedSchemaComment, relativeTo } from '../paths.js';

export interface NextIssue {
  /** Where the new file goes. */
  file: string;
  yaml: string;
  number: number;
  period: string;
  /** A copy of the publication file to write beside the new issue, when it needs one. */
  publication?: { file: string; yaml: string; from: string };
}

/**
 * The issue after `from` (`issue`: as loaded already, when it was). Throws an
 * InputError when the period is not `YYYY年M月`.
 */
export function nextIssue(from: string, output?: string, issue: Issue = loadIssue(from)): NextIssue {
  const period = nextPeriod(issue);
  const number = issue.number + 1;
  const { maximum = Infinity } = issueSchema.properties.issue.properties.number;
  if (number > maximum) {
    throw new InputError([fileProblem(from, `is 总第${issue.number}期: the next serial number would be more than ${maximum}`, 'start the numbering again by hand: copy the file and set issue.number')]);
  }
  const printed = nextMonth(issue.printed);
  const file = output ?? path.join(path.dirname(from), nextName(path.basename(from), issue.number, number));
  // Read as the loader read it (line ends, byte-order mark), not as raw bytes.
  const source = readSource(from);
  // As plain values, aliases resolved: the new file has no anchors to point at.
  const { publication: named, colophon, style } = parseDocument(source).toJS() as Record<string, unknown>;
  const fromDir = path.dirname(path.resolve(from));
  const toDir = path.dirname(path.resolve(file));
  const { publication, copy } = publicationFor(named, fromDir, toDir);
  const first = source.split('\n', 1)[0]!;
  const head = first.startsWith('# yaml-language-server') ? `${movedSchemaComment(first, fromDir, toDir, 'issue')}\n` : '';
  const field = (key: string, value: unknown) => (value === undefined ? '' : stringify({ [key]: value }, { lineWidth: 0 }));
  const sections = issue.sections
    .map(
      (s, i) =>
        `  - title: ${stringify(s.title.text, { lineWidth: 0 }).trim()}\n    articles: []\n` +
        (i === 0
          ? '    # To add an article, replace [] with a list:\n' +
            '    #   articles:\n' +
            '    #     - title: 文章标题\n' +
            '    #       body: |\n' +
            '    #         第一段。\n' +
            '    #\n' +
            '    #         第二段。\n'
          : ''),
    )
    .join('');
  const yaml =
    head +
    `# ${issue.name.text} ${period}（总第${number}期）: started from ${path.basename(from)} by bulletin init.\n` +
    field('publication', publication) +
    `issue:\n  number: ${number}\n  period: ${period}\n  printed: ${printed}\n` +
    `sections:\n${sections}` +
    field('colophon', colophon) +
    field('style', style);
  return { file, yaml, number, period, ...(copy ? { publication: copy } : {}) };
}

/** The publication as the new file names it, and the copy to make of it when it must stand beside it. */
function publicationFor(named: unknown, fromDir: string, toDir: string): { publication: unknown; copy?: NextIssue['publication'] } {
  if (typeof named !== 'string') return { publication: named };
  const target = path.resolve(fromDir, named);
  const relative = relativeTo(toDir, target);
  if (relative !== '..' && !relative.startsWith('../') && !path.isAbsolute(relative)) return { publication: relative };
  const beside = path.join(toDir, path.basename(target));
  if (existsSync(beside)) return { publication: path.basename(target) };
  const text = readSource(target);
  const [first = '', ...rest] = text.split('\n');
  const yaml = [movedSchemaComment(first, path.dirname(target), toDir, 'publication'), ...rest].join('\n');
  return { publication: path.basename(target), copy: { file: beside, yaml, from: target } };
}

/** `2020年2月` → `2020年3月`; `2020年12月` → `2021年1月`. */
function nextPeriod(issue: Issue): string {
  const m = /^(\d{4})年(\d{1,2})月$/.exec(issue.period.text);
  if (!m) {
    throw new InputError([
      {
        ...problemAt('error', issue.period.source, 0, `cannot tell the next period from "${issue.period.text}"`, 'write the period as 2020年2月, or start the new issue by hand'),
        file: issue.file,
        path: 'issue.period',
      },
    ]);
  }
  const year = Number(m[1]);
  const month = Number(m[2]);
  return month === 12 ? `${year + 1}年1月` : `${year}年${month + 1}月`;
}

/** The same day of the next month (or its last day), as YYYY-MM-DD. */
function nextMonth(d: Issue['printed']): string {
  const year = d.month === 12 ? d.year + 1 : d.year;
  const month = d.month === 12 ? 1 : d.month + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const day = Math.min(d.day, last);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** `issue-91.yaml` → `issue-92.yaml`; a name without the serial → `issue-92.yaml`. */
function nextName(name: string, from: number, to: number): string {
  const re = new RegExp(`(^|\\D)${from}(\\D|$)`);
  return re.test(name) ? name.replace(re, `$1${to}$2`) : `issue-${to}.yaml`;
}

