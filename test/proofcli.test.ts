/**
 * Proofreading through the command (issue 17): `bulletin check` lists every finding
 * with its place and rule and reports all the problems one run can find, whatever
 * stage they come from; `build` counts the findings in one warning; `check --fix`
 * makes the unambiguous corrections in the YAML, changing no other byte, and a
 * second check finds nothing more to fix.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withBundledFonts } from './helpers/issues.js';

const root = path.resolve(import.meta.dirname, '..');
const bin = path.join(root, 'bin', 'bulletin');
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'bulletin-proofcli-'));
  mkdirSync(path.join(dir, 'issues'));
  for (const f of ['issue-91.yaml', 'publication.yaml']) cpSync(path.join(root, 'issues', f), path.join(dir, 'issues', f));
  // Proofreading's findings only: no note of a gongwen face standing in.
  writeFileSync(path.join(dir, 'issues', 'publication.yaml'), withBundledFonts(readFileSync(path.join(root, 'issues', 'publication.yaml'), 'utf8')));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
const read = (name: string) => readFileSync(path.join(dir, name), 'utf8');
const write = (name: string, text: string) => writeFileSync(path.join(dir, name), text);
/** Message lines: no source lines, carets or hints. */
const messages = (err: string) => err.split('\n').filter((l) => /^\S.*: /.test(l));

describe('bulletin check', () => {
  it('issue 91: the two errors and two notes, each at its place with its rule; exit 0', () => {
    const r = run('check', 'issues/issue-91.yaml');
    expect(r.code, r.err).toBe(0);
    expect(messages(r.err)).toEqual([
      expect.stringMatching(/^issues\/issue-91\.yaml:22:14: note: sections\[0\]\.articles\[1\]\.toc: the contents read "市卫健委领导到我区检查指导工作" /),
      expect.stringMatching(/^issues\/issue-91\.yaml:62:17: warning: sections\[1\]\.articles\[2\]\.body: .*"強".*"强" \(通用规范汉字表\)$/),
      expect.stringMatching(/^issues\/issue-91\.yaml:62:152: warning: sections\[1\]\.articles\[2\]\.body: .*"\(街道\)".*"（街道）" \(GB\/T 15834-2011 §4\.9, §5\.1\.3\)$/),
      expect.stringMatching(/^issues\/issue-91\.yaml:129:34: note: sections\[3\]\.articles\[0\]\.title: a space between "防" and "织".*\(GB\/T 15834-2011 §3\.1\)$/),
    ]);
    expect(r.out).toMatch(/^issues\/issue-91\.yaml: 2 proofreading warnings, 2 notes \(\d+ pages\)\n$/);
  });

  it('--json: the findings with their check, rule, suggestion and whether --fix makes them', () => {
    const r = run('check', 'issues/issue-91.yaml', '--json');
    const record = JSON.parse(r.out) as { proofreading: Record<string, unknown>[] };
    expect(record.proofreading.map((f) => [f.check, f.rule, f.found, f.suggestion, f.fixable])).toEqual([
      ['contents', 'the contents repeat the titles', '市卫健委领导到我区检查指导工作', '市卫健委领导到上街区检查指导工作', false],
      ['traditional', '通用规范汉字表', '強', '强', false],
      ['halfwidth', 'GB/T 15834-2011 §4.9, §5.1.3', '(街道)', '（街道）', true],
      ['spaces', 'GB/T 15834-2011 §3.1', ' ', '', false],
    ]);
  });

  it('reports in one run what each stage finds: an image, a character no font has, proofreading', () => {
    write(
      'issues/issue-91.yaml',
      read('issues/issue-91.yaml')
        .replace('2月12日，市政府副秘书长李兵', '2月12日，市政府副秘书长李兵\u{1F600}')
        .replace('  - title: 重要会议\n    articles:\n', '  - title: 重要会议\n    articles:\n      - title: 图片\n        body:\n          - image: 没有这张.png\n'),
    );
    const r = run('check', 'issues/issue-91.yaml');
    expect(r.code).toBe(1);
    const found = messages(r.err).join('\n');
    expect(found).toContain('body[0].image: file not found: 没有这张.png');
    expect(found).toContain('no font can draw "😀"');
    expect(found).toContain('"強"');
  });

  it('reports a type area that does not fit and the proofreading findings together', () => {
    write('issues/issue-91.yaml', `${read('issues/issue-91.yaml')}style:\n  chars: 60\n`);
    const r = run('check', 'issues/issue-91.yaml');
    expect(r.code).toBe(1);
    const found = messages(r.err).join('\n');
    expect(found).toMatch(/style\.chars: .*type area/);
    expect(found).toContain('"強"');
  });

  it('every check can be turned off in the publication file', () => {
    write('issues/publication.yaml', `${read('issues/publication.yaml')}proof:\n  traditional: false\n  halfwidth: false\n  spaces: false\n  contents: false\n`);
    const r = run('check', 'issues/issue-91.yaml');
    expect(r.code, r.err).toBe(0);
    expect(r.err).toBe('');
    expect(r.out).toMatch(/^issues\/issue-91\.yaml: ok \(\d+ pages\)\n$/);
  });
});

describe('bulletin build', () => {
  it('counts proofreading\'s findings in one warning and names check for the details', () => {
    const r = run('build', 'issues/issue-91.yaml');
    expect(r.code, r.err).toBe(0);
    expect(r.err).toBe('issues/issue-91.yaml: warning: proofreading found 2 warnings and 2 notes; bulletin check issues/issue-91.yaml lists them\n');
  });
});

describe('bulletin check --fix', () => {
  it('issue 91: the brackets become full-width, no other byte changes, the file loads, a second run finds nothing to fix', () => {
    const before = read('issues/issue-91.yaml');
    const r = run('check', '--fix', 'issues/issue-91.yaml');
    expect(r.code, r.err).toBe(0);
    expect(r.out.split('\n').slice(0, 3)).toEqual(['issues/issue-91.yaml:62:152: fixed "(" → "（"', 'issues/issue-91.yaml:62:155: fixed ")" → "）"', '2 corrections made']);
    expect(read('issues/issue-91.yaml')).toBe(before.replace('镇(街道)', '镇（街道）'));
    // The check after the corrections: what is left is not fixable.
    expect(r.out).toMatch(/issues\/issue-91\.yaml: 1 proofreading warning, 2 notes \(\d+ pages\)/);
    const again = run('check', '--fix', 'issues/issue-91.yaml');
    expect(again.out.split('\n')[0]).toBe('0 corrections made');
    expect(read('issues/issue-91.yaml')).toBe(before.replace('镇(街道)', '镇（街道）'));
  });

  it('in every kind of scalar, comments, quoting and layout kept; a double-quoted text with escapes is left alone', () => {
    const text = [
      '# 一期简报: comments stay',
      'publication: publication.yaml',
      'issue: { number: 92, period: 2020年3月, printed: 2020-04-10 }   # flow mapping',
      'sections:',
      '  - title: 工作动态,二   # a plain scalar',
      '    articles:',
      "      - title: '区长督导复工复产(一)'",
      '        toc: "区长督导复工复产(一)"',
      '        body:',
      '          - |   # a literal block',
      '            全区共有３２家企业复工,其中',
      '            12家为外资企业。。。',
      '          - >-',
      '            折叠的段落,',
      '            第二行也要改正!',
      '          - "转义的\\u6bb5落,不改"',
      '          - [不是段落]',
      'colophon: { copies: 50 }',
      '',
    ].join('\r\n');
    write('issues/kinds.yaml', `\ufeff${text}`);
    // Not an issue (a list where a paragraph belongs): drop the flow list; keep CRLF and BOM.
    write('issues/kinds.yaml', `\ufeff${text.replace('          - [不是段落]\r\n', '')}`);
    const before = read('issues/kinds.yaml');
    const r = run('check', '--fix', 'issues/kinds.yaml');
    expect(r.code, r.err).toBe(0);
    const after = read('issues/kinds.yaml');
    const expected = before
      .replace('工作动态,二', '工作动态，二')
      .replace("'区长督导复工复产(一)'", "'区长督导复工复产（一）'")
      .replace('"区长督导复工复产(一)"', '"区长督导复工复产（一）"')
      .replace('３２家企业复工,其中', '32家企业复工，其中')
      .replace('外资企业。。。', '外资企业……')
      .replace('折叠的段落,', '折叠的段落，')
      .replace('第二行也要改正!', '第二行也要改正！');
    expect(after).toBe(expected);
    // The escaped one is reported, not fixed.
    expect(after).toContain('"转义的\\u6bb5落,不改"');
    expect(messages(r.err).some((l) => l.includes('half-width comma'))).toBe(true);
    const again = run('check', '--fix', 'issues/kinds.yaml');
    expect(again.code, again.err).toBe(0);
    expect(again.out.split('\n')[0]).toBe('0 corrections made');
  });
});
