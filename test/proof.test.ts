/**
 * Proofreading (issue 17): the issues seeded with copy errors of each kind in
 * test/fixtures/proof/ — each error found at its line and column with the rule it
 * breaks, and nothing else found (the good copy beside the errors, reduplications
 * above all, raises nothing). On issue 91, the two real errors of the printed issue
 * (要強化, 镇(街道)) and the two notes a proofreader would also make (the contents
 * wording of one article, the space in a title), nothing more; the same on the
 * seed's plain text, imported.
 *
 * Places are found in the fixture's text here (columns in characters), not asked of
 * the loader.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importIssue } from '../src/import/index.js';
import { loadIssue } from '../src/issue/index.js';
import { proofread, type Finding } from '../src/proof/index.js';

const root = path.resolve(import.meta.dirname, '..');
const fixture = (name: string) => path.join('test', 'fixtures', 'proof', `${name}.yaml`);

/** Line and column (in characters) of `needle` in the first line holding `within`. */
function place(file: string, needle: string, within = needle): { line: number; col: number } {
  const lines = readFileSync(path.join(root, file), 'utf8').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const from = lines[i]!.indexOf(within);
    if (from < 0) continue;
    const at = lines[i]!.indexOf(needle, from);
    if (at >= 0) return { line: i + 1, col: [...lines[i]!.slice(0, at)].length + 1 };
  }
  throw new Error(`test setup: ${within} not in ${file}`);
}

interface Seeded {
  /** The text of the error as written. */
  at: string;
  /** A longer text around it, where `at` alone is not unique. */
  within?: string;
  check: Finding['check'];
  /** The rule the finding cites (a prefix of it). */
  rule: string;
  severity?: Finding['severity'];
}

async function findings(file: string): Promise<Finding[]> {
  const cwd = process.cwd();
  process.chdir(root);
  try {
    return await proofread(loadIssue(file));
  } finally {
    process.chdir(cwd);
  }
}

/** The findings of a seeded issue are exactly the seeded errors, each at its place with its rule. */
async function expectSeeded(name: string, seeded: Seeded[]): Promise<void> {
  const file = fixture(name);
  const got = (await findings(file)).map((f) => ({ file: f.file, line: f.line, col: f.col, check: f.check, rule: f.rule, severity: f.severity }));
  const want = seeded
    .map((s) => ({ file, ...place(file, s.at, s.within), check: s.check, rule: expect.stringMatching(`^${s.rule.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`), severity: s.severity ?? 'warning' }))
    .sort((a, b) => a.line - b.line || a.col - b.col);
  expect(got).toEqual(want);
}

const GB15834 = 'GB/T 15834-2011';
const GB15835 = 'GB/T 15835-2011';

describe('seeded errors, each found at its place with its rule; no false alarm beside them', () => {
  it('traditional characters (通用规范汉字表); 著名, 乾隆 and an allowed name stay', async () => {
    await expectSeeded('traditional', [
      { at: '監', check: 'traditional', rule: '通用规范汉字表' },
      { at: '強', check: 'traditional', rule: '通用规范汉字表' },
      { at: '後來', check: 'traditional', rule: '通用规范汉字表' },
    ]);
  });

  it('half-width punctuation in Chinese text (GB/T 15834 §4, §5.1); an e-mail address stays', async () => {
    await expectSeeded('halfwidth', [
      { at: ',', within: '日,区长', check: 'halfwidth', rule: `${GB15834} §4.4` },
      { at: '(', within: '镇(街道)', check: 'halfwidth', rule: `${GB15834} §4.9` },
      { at: ':', within: '要求:一要', check: 'halfwidth', rule: `${GB15834} §4.7` },
      { at: ';', within: '责任;二要', check: 'halfwidth', rule: `${GB15834} §4.6` },
      { at: '?', within: '停工?', check: 'halfwidth', rule: `${GB15834} §4.2` },
      { at: '!', within: '查清!', check: 'halfwidth', rule: `${GB15834} §4.3` },
      { at: '.', within: '马克.吐温', check: 'halfwidth', rule: `${GB15834} §4.1` },
      { at: '.', within: '承办.', check: 'halfwidth', rule: `${GB15834} §4.1` },
      { at: '(', within: '总值(GDP)', check: 'halfwidth', rule: `${GB15834} §4.9` },
      { at: '(', within: '年份(2020)', check: 'halfwidth', rule: `${GB15834} §4.9` },
    ]);
  });

  it('full-width digits (GB/T 15835 §5.1.7) and letters', async () => {
    await expectSeeded('fullwidth', [
      { at: '１０８５０', check: 'fullwidth', rule: `${GB15835} §5.1.7` },
      { at: 'ＡＢＣ', check: 'fullwidth', rule: 'T14' },
      { at: '３２', check: 'fullwidth', rule: `${GB15835} §5.1.7` },
    ]);
  });

  it('quotes and brackets unpaired, crossed or nested wrongly, straight quotes (GB/T 15834 §4.8, §4.9, §4.15); a quotation over two paragraphs stays', async () => {
    await expectSeeded('pairs', [
      { at: '“', within: '说：“能及时', check: 'pairs', rule: `${GB15834} §4.8` },
      { at: '”', within: '早报告”', check: 'pairs', rule: `${GB15834} §4.8` },
      { at: '”', within: '防线”’', check: 'pairs', rule: `${GB15834} §4.8` },
      { at: '《', within: '关于《通知', check: 'pairs', rule: `${GB15834} §4.15` },
      { at: '）', within: '要求）', check: 'pairs', rule: `${GB15834} §4.9` },
      { at: '"', within: '他说"', check: 'pairs', rule: `${GB15834} §4.8` },
      { at: '"', within: '阻击战"', check: 'pairs', rule: `${GB15834} §4.8` },
    ]);
  });

  it('ellipses (GB/T 15834 §4.11); …… stays', async () => {
    await expectSeeded('ellipsis', [
      { at: '。。。', check: 'ellipsis', rule: `${GB15834} §4.11` },
      { at: '...', check: 'ellipsis', rule: `${GB15834} §4.11` },
      { at: '…', within: '共计…', check: 'ellipsis', rule: `${GB15834} §4.11` },
    ]);
  });

  it('dashes (GB/T 15834 §4.10); the connection mark of §4.13 (北京—上海, 1949—2019年, 绿城使者—小红象) stays', async () => {
    await expectSeeded('dashes', [
      { at: '--', check: 'dashes', rule: `${GB15834} §4.10` },
      { at: '—', within: '会议—全区', check: 'dashes', rule: `${GB15834} §4.10` },
      { at: '—', within: '会议—在区', check: 'dashes', rule: `${GB15834} §4.10` },
      { at: '—', within: '一个—打赢', check: 'dashes', rule: `${GB15834} §4.10` },
    ]);
  });

  it('spaces between Han characters: a warning in the text, a note in a title; a space beside digits stays', async () => {
    await expectSeeded('spaces', [
      { at: ' ', within: '技防 织密', check: 'spaces', rule: `${GB15834} §3.1`, severity: 'note' },
      { at: ' ', within: '卡口 值守', check: 'spaces', rule: `${GB15834} §3.1` },
    ]);
  });

  it('a function word or a mark typed twice; 紧紧, 牢牢, 天天, 看看, 一份份, 为了了解, 目的的, 的的确确, 实实在在, 松懈懈怠, 滴滴 stay', async () => {
    await expectSeeded('doubled', [
      { at: '了了', within: '完成了了', check: 'doubled', rule: '衍字' },
      { at: '的的', within: '我们的的', check: 'doubled', rule: '衍字' },
      { at: '，，', check: 'doubled', rule: `${GB15834} §5.1.1` },
    ]);
  });

  it('dates in the other form of numerals than the issue\'s, or mixed in one date (GB/T 15835 §4.3); 3日内 is a span, not a date', async () => {
    await expectSeeded('numbers', [
      { at: '二〇二〇年二月十五日', check: 'numbers', rule: `${GB15835} §4.3` },
      { at: '2月十八日', check: 'numbers', rule: `${GB15835} §4.3` },
    ]);
  });

  it('an issue that writes its dates in Chinese numerals: the Arabic one is found; 3日内 and 十日之内 are spans, not dates', async () => {
    await expectSeeded('numbers-chinese', [{ at: '2月15日', check: 'numbers', rule: `${GB15835} §4.3` }]);
  });

  it('an article dated after the print date, a day February does not have; a date announced ahead (自4月1日起) stays', async () => {
    await expectSeeded('dates', [
      { at: '4月2日', check: 'dates', rule: 'the print date' },
      { at: '2月30日', check: 'dates', rule: 'the calendar' },
    ]);
  });

  it('a colophon without its print run (T23)', async () => {
    await expectSeeded('colophon', [{ at: 'notice', check: 'colophon', rule: 'T23' }]);
  });

  it('the contents worded otherwise than the title: a note; a title broken over lines is its contents joined', async () => {
    await expectSeeded('contents', [{ at: '市卫健委领导到我区', check: 'contents', rule: 'the contents repeat the titles', severity: 'note' }]);
  });
});

/** What issue 91 raises: the printed issue's two errors and two notes a proofreader would make. */
const ISSUE_91 = [
  { check: 'contents', severity: 'note', found: '市卫健委领导到我区检查指导工作' },
  { check: 'traditional', severity: 'warning', found: '強' },
  { check: 'halfwidth', severity: 'warning', found: '(街道)' },
  { check: 'spaces', severity: 'note', found: ' ' },
];

describe('issue 91: its two errors, two notes, nothing else', () => {
  it('from the issue file, each at its place', async () => {
    const file = 'issues/issue-91.yaml';
    const found = await findings(file);
    expect(found.map((f) => ({ check: f.check, severity: f.severity, found: f.found }))).toEqual(ISSUE_91);
    expect(found.map((f) => ({ line: f.line, col: f.col }))).toEqual([place(file, '市卫健委领导到我区'), place(file, '強'), place(file, '(', '镇(街道)'), place(file, ' ', '技防 织密')]);
    expect(found.find((f) => f.check === 'traditional')?.suggestion).toBe('强');
    expect(found.find((f) => f.check === 'halfwidth')?.suggestion).toBe('（街道）');
  });

  it('from the seed, the plain text of the printed issue, imported', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'bulletin-proof-'));
    try {
      cpSync(path.join(root, 'issues', 'publication.yaml'), path.join(dir, 'publication.yaml'));
      const { yaml } = importIssue(readFileSync(path.join(root, 'test', 'fixtures', 'issue-91.txt'), 'utf8'), { publication: 'publication.yaml', source: 'issue-91.txt' });
      writeFileSync(path.join(dir, 'issue-91.yaml'), yaml);
      const found = await proofread(loadIssue(path.join(dir, 'issue-91.yaml')));
      expect(found.map((f) => [f.check, f.found])).toEqual(ISSUE_91.map((x) => [x.check, x.found]));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('settings', () => {
  it('every check can be turned off: proof: { traditional: false, … } leaves issue 91 with nothing', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'bulletin-proof-'));
    try {
      cpSync(path.join(root, 'issues', 'publication.yaml'), path.join(dir, 'publication.yaml'));
      const off = '\nproof: { traditional: false, halfwidth: false, spaces: false, contents: false }\n';
      writeFileSync(path.join(dir, 'issue-91.yaml'), readFileSync(path.join(root, 'issues', 'issue-91.yaml'), 'utf8') + off);
      expect(await proofread(loadIssue(path.join(dir, 'issue-91.yaml')))).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
