/**
 * `bulletin import`: the plain text of a printed back issue → an issue file.
 *
 * The seed (test/fixtures/issue-91.txt, the text of the printed issue 91) must
 * import to an issue whose content equals issues/issue-91.yaml's, loaded by the
 * same loader; three small back issues of our own show the other cases, with
 * every problem written out; text that is no back issue gives errors, never a
 * crash, and a YAML file all the same.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { parse } from 'yaml';
import { afterEach, describe, expect, it } from 'vitest';
import { loadIssue, type Issue } from '../issue/index.js';
import { issueContent as content } from '../../test/helpers/issues.js';
import { importIssue, type ImportProblem, type PublicationDefaults } from './index.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const SEED = readFileSync(path.join(root, 'test/fixtures/issue-91.txt'), 'utf8');
const PUBLICATION = path.join(root, 'issues/publication.yaml');
/** The publication file's values, as the CLI would pass them. */
const DEFAULTS = parse(readFileSync(PUBLICATION, 'utf8')) as PublicationDefaults;

const folders: string[] = [];
afterEach(() => {
  for (const f of folders.splice(0)) rmSync(f, { recursive: true, force: true });
});

/** Writes the issue file next to a copy of issues/publication.yaml and loads it. */
function load(yaml: string): Issue {
  const dir = mkdtempSync(path.join(tmpdir(), 'bulletin-import-'));
  folders.push(dir);
  copyFileSync(PUBLICATION, path.join(dir, 'publication.yaml'));
  const file = path.join(dir, 'issue.yaml');
  writeFileSync(file, yaml);
  return loadIssue(file);
}

/** Where `needle` first stands in `text` (after `after`, when given): 1-based line and column. */
function at(text: string, needle: string, after?: string): { line: number; col: number } {
  const start = after === undefined ? 0 : text.indexOf(after);
  const index = start < 0 ? -1 : text.indexOf(needle, start + (after?.length ?? 0));
  if (index < 0) throw new Error(`not in the text: ${needle}`);
  const before = text.slice(0, index).split('\n');
  return { line: before.length, col: before.at(-1)!.length + 1 };
}

function problem(
  text: string,
  needle: string,
  severity: ImportProblem['severity'],
  message: string,
  options: { after?: string; shift?: number; hint?: string } = {},
): ImportProblem {
  const { line, col } = at(text, needle, options.after);
  return { line, col: col + (options.shift ?? 0), severity, message, ...(options.hint === undefined ? {} : { hint: options.hint }) };
}

describe('importing the seed, issue 91', () => {
  const imported = importIssue(SEED, { publication: 'publication.yaml', source: 'issue-91.txt' });

  it('places everything: no problems at all', () => {
    expect(imported.problems).toEqual([]);
  });

  it('gives an issue whose content equals issues/issue-91.yaml', () => {
    const expected = content(loadIssue(path.join(root, 'issues/issue-91.yaml')));
    const actual = content(load(imported.yaml));
    expect(actual.sections.map((s) => s.title)).toEqual(['本月关注', '重要会议', '工作动态', '基层实录']);
    expect(actual).toEqual(expected);
  });

  it('writes the file in the style of issue-91.yaml: the same YAML, its toc kept where the wordings differ', () => {
    const defaults = importIssue(SEED, { publication: 'publication.yaml', source: 'issue-91.txt', defaults: DEFAULTS });
    expect(defaults.problems).toEqual([]);
    const expected = parse(readFileSync(path.join(root, 'issues/issue-91.yaml'), 'utf8')) as {
      sections: { articles: { title: string; toc?: string }[] }[];
    };
    // The printed contents join the two-line title without the space its lines are
    // joined with by default (会议 研究部署): the importer writes that toc, as
    // issue-91.yaml does.
    const twoLines = expected.sections[1]!.articles[1]!;
    expect(twoLines.toc).toBe(twoLines.title.replace('\n', ''));
    expect(parse(defaults.yaml)).toEqual(expected);
    // Comments, quoting and block style as in issue-91.yaml.
    const lines = defaults.yaml.split('\n');
    expect(lines.slice(0, 4)).toEqual([
      '# yaml-language-server: $schema=../schema/issue.schema.json',
      '# 2020年2月（总第91期）: imported by `bulletin import` from issue-91.txt, the plain text of the printed issue,',
      '# its paragraphs split by page breaks joined again. Check it against the printed copy.',
      'publication: publication.yaml',
    ]);
    expect(defaults.yaml).toContain(
      '      - title: |-\n          区委召开常委会（扩大）会议\n          研究部署疫情防控工作\n        toc: 区委召开常委会（扩大）会议研究部署疫情防控工作\n        body: |\n          2月4日，',
    );
    expect(defaults.yaml).toContain('      - title: 市卫健委领导到上街区检查指导工作\n        toc: 市卫健委领导到我区检查指导工作\n        body: |\n');
    expect(defaults.yaml.endsWith('colophon:\n  copies: 130\n')).toBe(true);
    expect(imported.yaml).toContain('  phone: "68933000"\n');
  });

  it('is a pure function: the same text gives the same file', () => {
    expect(importIssue(SEED, { publication: 'publication.yaml', source: 'issue-91.txt' })).toEqual(imported);
  });

  it('reads Windows line ends, a BOM, form feeds and ideographic indents alike', () => {
    const variant = `\ufeff${SEED.replace(/\n\n(?=常生活提供便利)/u, '\n\f').replace(/\n/gu, '\r\n').replace(/\r\n(?=2月)/gu, '\r\n\u3000\u3000')}`;
    const again = importIssue(variant, { publication: 'publication.yaml', source: 'issue-91.txt' });
    expect(again.problems).toEqual([]);
    expect(again.yaml).toBe(imported.yaml);
  });

  it('leaves out characters that mean nothing in print, with a warning where they stood', () => {
    const variant = SEED.replace('李兵详细询问了', '李兵详细\u00ad询问了').replace('(共印 130 份)', '(共印 130\u0007 份)');
    const again = importIssue(variant, { publication: 'publication.yaml', source: 'issue-91.txt' });
    expect(again.problems).toEqual([
      problem(variant, '\u00ad', 'warning', 'left out 1 character that means nothing in print (U+00AD)'),
      problem(variant, '\u0007', 'warning', 'left out 1 character that means nothing in print (U+0007)'),
    ]);
    expect(again.yaml).toBe(imported.yaml);
  });

  it('takes a two-line title given as two lines, and a title with no blank line after it, alike', () => {
    const variant = SEED.replace('区委召开常委会（扩大）会议 研究部署疫情防控工作', '区委召开常委会（扩大）会议\n研究部署疫情防控工作').replace(
      /^(市领导督导我区疫情防控工作|耿勇军察看我区疫情防控工作)\n\n/gmu,
      '$1\n',
    );
    const again = importIssue(variant, { publication: 'publication.yaml', source: 'issue-91.txt' });
    expect(again.problems).toEqual([]);
    expect(again.yaml).toBe(imported.yaml);
  });

  it('takes a title given as a short line and a long one, the long one alike enough to the entry on its own (T29)', () => {
    const variant = SEED.replace(/^宋洁实地督导新型冠状病毒感染的肺炎疫情防控工作$/mu, '宋洁实地督导\n新型冠状病毒感染的肺炎疫情防控工作');
    const again = importIssue(variant, { publication: 'publication.yaml', source: 'issue-91.txt' });
    expect(again.problems).toEqual([]);
    const issue = load(again.yaml);
    const article = issue.sections[2]!.articles[0]!;
    expect(article.title.map((t) => t.text)).toEqual(['宋洁实地督导', '新型冠状病毒感染的肺炎疫情防控工作']);
    // The contents print it joined without the space two lines of a title take by default.
    expect(article.toc.text).toBe('宋洁实地督导新型冠状病毒感染的肺炎疫情防控工作');
    expect(article.body[0]).toMatchObject({ text: expect.stringMatching(/^2月1日，区委书记宋洁实地督导/u) });
  });

  it('still finds the articles of a section whose heading is missing', () => {
    const variant = SEED.replace(/\n\n重要会议\n\n(?=我区召开疫情防控工作调度会)/u, '\n\n');
    const again = importIssue(variant, { publication: 'publication.yaml', source: 'issue-91.txt' });
    expect(again.problems).toEqual([
      problem(variant, '我区召开疫情防控工作调度会', 'warning', 'the heading of section "重要会议" is not in the body; the section starts at this title', {
        after: '区委书记宋洁表示',
      }),
    ]);
    expect(again.yaml).toBe(imported.yaml);
  });
});

/**
 * Back issue 104: the serial in full-width brackets, a 目录 line, extra blank
 * lines, no two-line title, a paragraph split by a page break (a form feed), a
 * title worded a little differently (toc written) and one worded much
 * differently, known only by where it stands; the colophon with full-width
 * brackets, recipients over two lines and two fields on one line.
 */
const ISSUE_104 = `上街史志

2021年第3期
（总第104期）

上街区地方史志办公室编

2021年4月2日印


目录

要闻

- 区委召开全会部署年度工作...... 1
- 区政府召开第一次全体会议...... 2

专题

- 上街区启动全民阅读活动...... 3



要闻


区委召开全会部署年度工作

3月30日，区委召开全会，部署全年工作。


会议强调，要坚持稳中求进，抓好
\f重点工作落实。

上街区政府召开2021年第一次全体会议

4月1日，区政府召开第一次全体会议。

专题

全民阅读活动在我区启动

4月2日，区图书馆举行全民阅读活动启动仪式。

（内部资料 注意保存）
发放范围：区委书记，区长，
区委常委。
主管：上街区人民政府办公室  编辑出版：上街区地方史志办公室
电话：68933000
（共印 120 份）
`;

/**
 * Back issue 105: a contents entry whose article is missing (an error), text
 * before the first heading, a title printed on two lines that extracts as two
 * lines, a subheading, a title not in the contents right after a heading, an
 * article that stops mid-sentence, no editor line, only the print run.
 */
const ISSUE_105 = `2021年5月
(总第105期)
2021年6月1日印
本月关注
市领导调研我区防汛工作..... 1
区委召开常委会（扩大）会议研究部署防汛工作..... 2
区政府召开安全生产工作会议..... 3
工作动态
宋洁督导防汛工作..... 4

编者按：本期聚焦防汛工作。

本月关注

市领导调研我区防汛工作

5月10日，市领导调研我区防汛工作。

区委召开常委会（扩大）会议
研究部署防汛工作

5月12日，区委召开常委会（扩大）会议。

一、提高认识

会议要求，要提高认识。

工作动态

耿勇军检查河道治理工作

5月20日，区长耿勇军检查河道治理工作。

宋洁督导防汛工作

5月21日，区委书记宋洁督导防汛工作

(共印 100 份)
`;

/**
 * Back issue 106: period and serial on one line, the print date in Chinese
 * numerals, an editor line unlike the publication's, a heading worded unlike
 * the contents, a title with a space of its own and one with a space where it
 * broke, an e-mail address that is none.
 */
const ISSUE_106 = `2021年7月（总第106期）
上街区史志办编
二〇二一年七月一日印

工作动向
“人防+技防” 织密防控网..... 1
区委召开常委会会议研究部署工作..... 2

工作动态

“人防+技防” 织密防控网

7月1日，峡窝镇织密防控网。

区委召开常委会会议 研究部署工作

7月2日，区委召开常委会会议。

(内部资料 注意保存)
邮箱：shizhi@example
(共印 90 份)
`;

describe('importing back issues of our own', () => {
  it('104: a page break joined, titles found by their wording and by their place', () => {
    const { yaml, problems } = importIssue(ISSUE_104, { publication: 'publication.yaml' });
    expect(problems).toEqual([
      problem(ISSUE_104, '上街史志', 'warning', 'not recognised as a masthead line (period, serial number, editor, print date): "上街史志"; left out'),
      problem(
        ISSUE_104,
        '全民阅读活动在我区启动',
        'warning',
        `taken for the contents entry "上街区启动全民阅读活动" (line ${at(ISSUE_104, '- 上街区启动').line}) by its place, though worded differently (55% alike)`,
      ),
    ]);
    const issue = content(load(yaml));
    expect(issue).toEqual({
      name: '上街史志',
      editor: '上街区地方史志办公室编',
      number: 104,
      period: '2021年第3期',
      printed: { year: 2021, month: 4, day: 2 },
      sections: [
        {
          title: '要闻',
          articles: [
            {
              title: ['区委召开全会部署年度工作'],
              toc: '区委召开全会部署年度工作',
              body: ['3月30日，区委召开全会，部署全年工作。', '会议强调，要坚持稳中求进，抓好重点工作落实。'],
            },
            {
              title: ['上街区政府召开2021年第一次全体会议'],
              toc: '区政府召开第一次全体会议',
              body: ['4月1日，区政府召开第一次全体会议。'],
            },
          ],
        },
        {
          title: '专题',
          articles: [
            {
              title: ['全民阅读活动在我区启动'],
              toc: '上街区启动全民阅读活动',
              body: ['4月2日，区图书馆举行全民阅读活动启动仪式。'],
            },
          ],
        },
      ],
      colophon: {
        notice: '内部资料 注意保存',
        distribution: ['区委书记', '区长', '区委常委'],
        supervisor: '上街区人民政府办公室',
        publisher: '上街区地方史志办公室',
        phone: '68933000',
        email: 'sjqdfzbg@126.com',
        copies: 120,
      },
    });
    // Knowing the publication's name, the masthead's first line is no problem.
    expect(importIssue(ISSUE_104, { publication: 'publication.yaml', defaults: DEFAULTS }).problems).toHaveLength(1);
  });

  it('105: a missing article is an error naming its contents line; the rest still loads', () => {
    const { yaml, problems } = importIssue(ISSUE_105, { publication: 'publication.yaml', defaults: DEFAULTS });
    const last = '5月21日，区委书记宋洁督导防汛工作';
    expect(problems).toEqual([
      problem(
        ISSUE_105,
        '区政府召开安全生产工作会议',
        'error',
        'contents entry "区政府召开安全生产工作会议" (page 3) has no title in the body: its article is missing',
        { hint: 'copy that page of the printed issue too, or remove the entry from the contents' },
      ),
      problem(ISSUE_105, '编者按', 'warning', 'text before the first section heading; left out'),
      problem(ISSUE_105, '一、提高认识', 'warning', '"一、提高认识" looks like a title but is not in the contents; kept as a paragraph of its own'),
      problem(ISSUE_105, '耿勇军检查河道治理工作', 'warning', 'title "耿勇军检查河道治理工作" is not in the contents; imported as an article'),
      problem(ISSUE_105, last, 'warning', 'the article ends in the middle of a sentence: is text missing?', { shift: last.length }),
    ]);
    expect(yaml).toContain('colophon:\n  copies: 100\n');
    const issue = content(load(yaml));
    expect(issue.sections).toEqual([
      {
        title: '本月关注',
        articles: [
          { title: ['市领导调研我区防汛工作'], toc: '市领导调研我区防汛工作', body: ['5月10日，市领导调研我区防汛工作。'] },
          {
            title: ['区委召开常委会（扩大）会议', '研究部署防汛工作'],
            toc: '区委召开常委会（扩大）会议研究部署防汛工作',
            body: ['5月12日，区委召开常委会（扩大）会议。', '一、提高认识', '会议要求，要提高认识。'],
          },
        ],
      },
      {
        title: '工作动态',
        articles: [
          { title: ['耿勇军检查河道治理工作'], toc: '耿勇军检查河道治理工作', body: ['5月20日，区长耿勇军检查河道治理工作。'] },
          { title: ['宋洁督导防汛工作'], toc: '宋洁督导防汛工作', body: [last] },
        ],
      },
    ]);
    expect(issue.colophon.copies).toBe(100);
    expect(issue.colophon.distribution).toHaveLength(12);
  });

  it('a print run past the loader\'s maximum is an error, not an issue file the loader refuses', () => {
    const text = ISSUE_106.replace('(共印 90 份)', '(共印 2000000 份)');
    const { problems } = importIssue(text, { publication: 'publication.yaml', defaults: DEFAULTS });
    expect(problems).toContainEqual(problem(text, '2000000', 'error', 'the print run "2000000" is more than 1000000', { hint: 'check the number against the printed issue' }));
  });

  it('a serial number past the loader\'s maximum (99999) is an error too', () => {
    const text = ISSUE_106.replace('总第106期', '总第100000期');
    const { problems } = importIssue(text, { publication: 'publication.yaml', defaults: DEFAULTS });
    expect(problems).toContainEqual(problem(text, '2021年7月（总第100000期）', 'error', 'the serial number 100000 is more than 99999', { hint: 'check the number against the printed issue' }));
  });

  it('106: one-line masthead, Chinese numerals, a heading and spaces worded unlike the contents', () => {
    const { yaml, problems } = importIssue(ISSUE_106, { publication: 'publication.yaml', defaults: DEFAULTS });
    expect(problems).toEqual([
      problem(
        ISSUE_106,
        '上街区史志办编',
        'warning',
        'the editor line "上街区史志办编" differs from the publication\'s "上街区地方史志办公室编"; an issue file cannot change it',
      ),
      problem(ISSUE_106, '工作动态', 'warning', 'the contents names this section "工作动向"; the heading\'s wording is kept'),
      problem(ISSUE_106, 'shizhi@example', 'error', '"shizhi@example" is not an e-mail address; left out', { hint: 'write the address as printed, such as sjqdfzbg@126.com' }),
    ]);
    expect(yaml).toContain('      - title: |-\n          区委召开常委会会议\n          研究部署工作\n');
    expect(yaml).toContain('colophon:\n  copies: 90\n');
    const issue = content(load(yaml));
    expect([issue.number, issue.period, issue.printed]).toEqual([106, '2021年7月', { year: 2021, month: 7, day: 1 }]);
    expect(issue.sections).toEqual([
      {
        title: '工作动态',
        articles: [
          { title: ['“人防+技防” 织密防控网'], toc: '“人防+技防” 织密防控网', body: ['7月1日，峡窝镇织密防控网。'] },
          { title: ['区委召开常委会会议', '研究部署工作'], toc: '区委召开常委会会议研究部署工作', body: ['7月2日，区委召开常委会会议。'] },
        ],
      },
    ]);
    expect(issue.colophon.email).toBe('sjqdfzbg@126.com');
  });
});

describe('importing what is no back issue', () => {
  const MASTHEAD = 'the masthead of the printed issue has it above the contents; copy the text again from the PDF, or add the line';
  const ENTRY = 'copy that page of the printed issue too, or remove the entry from the contents';

  it('reports errors, not a crash, and still writes YAML', () => {
    const text = '# README\n\nThis is a project description.\nIt has no contents, 2 lines and a number 3\n';
    const { yaml, problems } = importIssue(text, { publication: 'publication.yaml' });
    expect(problems).toEqual([
      {
        line: 1,
        col: 1,
        severity: 'error',
        message: 'no contents found: expected entries such as "市领导督导我区疫情防控工作..... 1"',
        hint: 'copy the whole printed issue from its PDF: the masthead, the contents with their page numbers, then the articles',
      },
      { line: 1, col: 1, severity: 'error', message: 'no period line (such as 2020年2月) before the contents', hint: MASTHEAD },
      { line: 1, col: 1, severity: 'error', message: 'no serial number (such as (总第91期)) before the contents', hint: MASTHEAD },
      { line: 1, col: 1, severity: 'error', message: 'no print date (such as 2020年3月16日印) before the contents', hint: MASTHEAD },
    ]);
    expect(parse(yaml)).toEqual({ publication: 'publication.yaml', issue: {}, sections: [] });
  });

  it('reports errors for an empty text and for a contents without a body', () => {
    expect(importIssue('', { publication: 'p.yaml' }).problems.map((p) => p.severity)).toEqual(['error', 'error', 'error', 'error']);
    const contentsOnly = '2020年2月\n(总第91期)\n2020年3月16日印\n本月关注\n标题甲..... 1\n标题乙..... 2\n';
    expect(importIssue(contentsOnly, { publication: 'p.yaml' }).problems).toEqual([
      { line: 5, col: 1, severity: 'error', message: 'contents entry "标题甲" (page 1) has no title in the body: its article is missing', hint: ENTRY },
      { line: 6, col: 1, severity: 'error', message: 'contents entry "标题乙" (page 2) has no title in the body: its article is missing', hint: ENTRY },
      { line: 6, col: 1, severity: 'warning', message: "no colophon found (such as 发放范围：… or (共印 130 份)); the publication's is used" },
    ]);
  });

  it('never throws, always writes YAML, and places every problem in the text, every error with a hint (random text)', () => {
    const pieces = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 40 }),
      fc.constantFrom('\n', '\n\n', '\f', '\r\n', '..... 3', '(总第', '期)', '本月关注', '发放范围：', '年', '月', '日印', '：', '。'),
    );
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 40 }), (parts) => {
        const text = parts.join('');
        const { yaml, problems } = importIssue(text, { publication: 'publication.yaml' });
        expect(() => parse(yaml)).not.toThrow();
        const lines = text.split(/\r\n|\r|\n/u);
        for (const p of problems) {
          expect(p.line).toBeGreaterThanOrEqual(1);
          expect(p.line).toBeLessThanOrEqual(lines.length);
          expect(p.col).toBeGreaterThanOrEqual(1);
          expect(p.col).toBeLessThanOrEqual(lines[p.line - 1]!.length + 1);
          if (p.severity === 'error') expect(p.hint, p.message).toMatch(/\S/);
        }
      }),
      { seed: 20200316, numRuns: 300 },
    );
  });

  it('loads whenever it reports no error (the seed with lines left out)', () => {
    const lines = SEED.split('\n');
    let loaded = 0;
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: lines.length, maxLength: lines.length }), (keep) => {
        // Leave out about one line in eight: titles, headings, masthead lines, paragraphs.
        const text = lines.filter((_, i) => keep[i] || keep[(i * 7) % lines.length] || keep[(i * 13) % lines.length]).join('\n');
        const { yaml, problems } = importIssue(text, { publication: 'publication.yaml' });
        expect(() => parse(yaml)).not.toThrow();
        if (problems.some((p) => p.severity === 'error')) return;
        expect(() => load(yaml)).not.toThrow();
        loaded++;
      }),
      { seed: 20200316, numRuns: 60 },
    );
    expect(loaded).toBeGreaterThan(0);
  });
});
