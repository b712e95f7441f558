/**
 * `--into`: an article added to an issue file keeps the rest of the file byte for
 * byte — its comments, blank lines, quoting and line ends — and the file loads
 * with the article where it was asked for.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { afterEach, describe, expect, it } from 'vitest';
import { loadIssue } from '../issue/index.js';
import type { Article } from './emit.js';
import { insertArticle, type Insertion, type Refusal } from './into.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const ISSUE_91 = readFileSync(path.join(root, 'issues/issue-91.yaml'), 'utf8');

const ARTICLE: Article = {
  title: ['区卫健委开展义诊活动'],
  body: ['3月5日，区卫健委组织专家开展义诊活动。', { heading: '一、义诊情况' }, '共接待群众200余人次: 发放资料500份。', { note: '①见区卫健委通报。' }],
};

/** An issue as `bulletin init` writes it: empty sections, a comment after the first. */
const STARTED = `# yaml-language-server: $schema=../schema/issue.schema.json
# 上街史志 2020年3月（总第92期）: started from issue-91.yaml by bulletin init.
publication: publication.yaml
issue:
  number: 92
  period: 2020年3月
  printed: 2020-04-16
sections:
  - title: 本月关注
    articles: []
    # To add an article, replace [] with a list:
    #   articles:
    #     - title: 文章标题
  - title: 工作动态
    articles: []
colophon:
  copies: 130
`;

const folders: string[] = [];
afterEach(() => {
  for (const f of folders.splice(0)) rmSync(f, { recursive: true, force: true });
});

function inserted(result: Insertion | Refusal): Insertion {
  if (!('text' in result)) throw new Error(result.message);
  return result;
}

/** The file with the new text taken out and what it replaced put back: the original, byte for byte. */
function without(r: Insertion): string {
  return r.text.slice(0, r.at) + r.replaced + r.text.slice(r.at + r.inserted.length);
}

function load(text: string) {
  const dir = mkdtempSync(path.join(tmpdir(), 'bulletin-into-'));
  folders.push(dir);
  copyFileSync(path.join(root, 'issues/publication.yaml'), path.join(dir, 'publication.yaml'));
  writeFileSync(path.join(dir, 'issue.yaml'), text);
  return loadIssue(path.join(dir, 'issue.yaml'));
}

describe('an article added to an issue file', () => {
  it('after the last article of a section of issue 91, everything else kept byte for byte', () => {
    const r = inserted(insertArticle(ISSUE_91, ARTICLE, '工作动态'));
    expect(r.replaced).toBe('');
    expect(without(r)).toBe(ISSUE_91);
    expect(r.newSection).toBe(false);
    // At a line's start, the items' indentation, ending with its line.
    expect(r.text[r.at - 1]).toBe('\n');
    expect(r.inserted.startsWith('      - title: 区卫健委开展义诊活动\n        body:\n          - 3月5日')).toBe(true);
    expect(r.inserted).toContain('\n          - heading: 一、义诊情况\n');
    expect(r.inserted).toContain('\n          - "共接待群众200余人次: 发放资料500份。"\n');
    expect(r.inserted.endsWith('\n')).toBe(true);
    const issue = load(r.text);
    const section = issue.sections.find((s) => s.title.text === '工作动态')!;
    const last = section.articles.at(-1)!;
    expect(last.title.map((t) => t.text)).toEqual(['区卫健委开展义诊活动']);
    expect(last.body.map((b) => b.kind)).toEqual(['paragraph', 'heading', 'paragraph', 'note']);
    // The article before it is whole.
    expect(section.articles.map((a) => a.title.map((t) => t.text).join(''))).toContain('宋洁实地督导我区敬老院疫情防控工作');
  });

  it('in place of the empty list that bulletin init writes, its comment kept below', () => {
    const r = inserted(insertArticle(STARTED, ARTICLE, '本月关注'));
    expect(r.replaced).toBe(' []');
    expect(without(r)).toBe(STARTED);
    expect(r.text).toContain('    articles:\n      - title: 区卫健委开展义诊活动\n');
    expect(r.text).toContain('发放资料500份。"\n          - note: ①见区卫健委通报。\n    # To add an article, replace [] with a list:\n');
    expect(load(r.text).sections.map((s) => [s.title.text, s.articles.length])).toEqual([['本月关注', 1], ['工作动态', 0]]);
  });

  it('in a new section after the last, when the issue has none of that name', () => {
    const r = inserted(insertArticle(ISSUE_91, ARTICLE, '专题报道'));
    expect(r.newSection).toBe(true);
    expect(without(r)).toBe(ISSUE_91);
    expect(r.inserted.startsWith('  - title: 专题报道\n    articles:\n      - title: 区卫健委开展义诊活动\n')).toBe(true);
    expect(load(r.text).sections.map((s) => s.title.text)).toEqual(['本月关注', '重要会议', '工作动态', '基层实录', '专题报道']);
  });

  it('keeps Windows line ends and writes its own with them; a comment after [] stays on its line', () => {
    const crlf = STARTED.replace('    articles: []\n    # To add', '    articles: [] # none yet\n    # To add').replaceAll('\n', '\r\n');
    const r = inserted(insertArticle(crlf, ARTICLE, '本月关注'));
    expect(without(r)).toBe(crlf);
    expect(r.text).toContain('    articles: # none yet\r\n      - title: 区卫健委开展义诊活动\r\n');
    expect(r.inserted.replaceAll('\r\n', '')).not.toContain('\n');
    expect(parse(r.text).sections[0].articles[0].title).toBe('区卫健委开展义诊活动');
  });

  it('writes a title of two lines as issue-91.yaml does', () => {
    const r = inserted(insertArticle(STARTED, { title: ['区委召开常委会（扩大）会议', '研究部署防汛工作'], body: ['一段。'] }, '工作动态'));
    expect(r.inserted).toBe('\n      - title: |-\n          区委召开常委会（扩大）会议\n          研究部署防汛工作\n        body: |\n          一段。');
    expect(without(r)).toBe(STARTED);
  });

  it('at the end of a file without a last line end', () => {
    const text = `${STARTED.replace('colophon:\n  copies: 130\n', '')}  - title: 基层实录\n    articles:\n    - title: 甲\n      body: 乙。`;
    const r = inserted(insertArticle(text, ARTICLE, '基层实录'));
    expect(without(r)).toBe(text);
    expect(r.text).toContain('      body: 乙。\n    - title: 区卫健委开展义诊活动\n      body:\n');
    expect(parse(r.text).sections[2].articles.map((a: { title: string }) => a.title)).toEqual(['甲', '区卫健委开展义诊活动']);
  });

  it('refuses a section name that is nearly one of the issue\'s, a flow list with items, and a file that is not YAML', () => {
    expect(insertArticle(ISSUE_91, ARTICLE, '工做动态')).toEqual({
      message: 'has no section "工做动态"; "工作动态" is the closest',
      hint: 'name it exactly: --section 工作动态',
    });
    const flow = STARTED.replace('  - title: 工作动态\n    articles: []', '  - title: 工作动态\n    articles: [{title: 甲, body: 乙。}]');
    expect(insertArticle(flow, ARTICLE, '工作动态')).toMatchObject({ message: 'writes the list the article would join in flow style ([…])' });
    expect(insertArticle('sections: [\n', ARTICLE, '工作动态')).toMatchObject({ message: expect.stringMatching(/^is not valid YAML: /u) });
  });
});
