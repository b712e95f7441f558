/**
 * Bad input, and nothing lost: a catalogue of what editors feed `bulletin` by
 * mistake — text pasted from Word and WeChat, renamed files, broken fonts and
 * images, output paths that cannot be written — each through the real command in
 * a temporary folder holding a copy of issue 91 and its publication file. For each:
 * the exit code (1, or 0 with a warning where that is right); the exact one-line
 * messages on standard error, `file:line:col: path: message` where there is a
 * place, with the hint where there is one; no stack trace; a previous PDF at the
 * output path left byte for byte when the build fails; no temporary file left.
 * Then a batch stopped by SIGINT or SIGTERM: the exit code, no temporary file, the
 * finished PDFs whole and the unfinished ones as they were.
 */
import { spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import jpeg from 'jpeg-js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { aliasAmplifier, aliasBomb } from './helpers/issues.js';
import { has, readPdf, squash } from './helpers/pdf.js';
import { png } from './helpers/png.js';

const root = path.resolve(import.meta.dirname, '..');
const bin = path.join(root, 'bin', 'bulletin');
const ISSUE = 'issues/issue-91.yaml';
const PUBLICATION = 'issues/publication.yaml';
/** Where `bulletin build issues/issue-91.yaml` writes, and what stands there before. */
const OUTPUT = 'output/issue-91.pdf';
const PREVIOUS = Buffer.from('%PDF-1.7\n% the previous build of issue 91: a failed build must leave it byte for byte\n');
/** The hint the README promises with a character no font can draw. */
const GLYPH_HINT = '  hint: replace the character, or add a font that has it; or build with --placeholder 〓 to mark it and go on';
const STRAY_HINT = '  hint: text pasted from another program carries these; nothing is lost in print';
const WIDE_HINT = '  hint: add a space or a hyphen where it may break, or shorten it';

let dir: string;

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  out: string;
  err: string;
}

function run(args: string[], cwd = dir): Run {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', maxBuffer: 64 << 20, timeout: 120_000 });
  return { code: r.status, signal: r.signal, out: r.stdout, err: r.stderr };
}

const build = (...args: string[]) => run(['build', ...args]);

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'bulletin-bad-'));
  mkdirSync(path.join(dir, 'issues'));
  for (const f of ['issue-91.yaml', 'publication.yaml']) cpSync(path.join(root, 'issues', f), path.join(dir, 'issues', f));
  mkdirSync(path.join(dir, 'output'));
  writeFileSync(path.join(dir, OUTPUT), PREVIOUS);
});
afterEach(() => {
  // A test may have made a folder read-only.
  spawnSync('chmod', ['-R', 'u+w', dir]);
  rmSync(dir, { recursive: true, force: true });
});

const file = (name: string) => path.join(dir, name);
const read = (name: string) => readFileSync(file(name), 'utf8');
const write = (name: string, content: string | Uint8Array) => {
  mkdirSync(path.dirname(file(name)), { recursive: true });
  writeFileSync(file(name), content);
};

/** `name` with the first `from` replaced by `to`; fails loudly when `from` is not there. */
function edit(name: string, from: string, to: string): void {
  const text = read(name);
  if (!text.includes(from)) throw new Error(`test setup: ${JSON.stringify(from)} not in ${name}`);
  write(name, text.replace(from, () => to));
}

/**
 * `name:line:col` of the first `needle` in the file (1-based, columns in characters
 * as the loader counts); with `within`, of `needle` on the first line holding `within`.
 */
function at(name: string, needle: string, within = needle): string {
  const lines = read(name).replace(/^\ufeff/, '').split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const from = lines[i]!.indexOf(within);
    if (from >= 0 && lines[i]!.includes(needle, from)) return `${name}:${i + 1}:${[...lines[i]!.slice(0, lines[i]!.indexOf(needle, from))].length + 1}`;
  }
  throw new Error(`test setup: ${JSON.stringify(within)} not in ${name}`);
}

/**
 * The lines of standard error, blank ones left out, without the source line and
 * caret under each message (test/diagnostic.test.ts tests those) and without the
 * count of proofreading's findings that a build prints (issue 91 has four; test/
 * proofcli.test.ts tests it): the messages and hints of the case.
 */
const lines = (text: string) => text.split('\n').filter((l) => l !== '' && !/^ +\d* \| /.test(l) && !/: (warning: proofreading found|note: \d+ notes? on its fonts;) /.test(l) && !/: note: style\.preset: no \S+ font is installed/.test(l));

/** Problem lines only: no hints, no progress or summary lines. */
const problems = (r: Run) => lines(r.err).filter((l) => /^\S.*: /.test(l) && !/^\[\d+\/\d+\]|^\d+ issues: /.test(l));

/**
 * Problem lines but the warning that a photo prints blurred: the tests' photos are
 * 40 × 30 pixels across the measure (6 ppi), which every issue built with them
 * is warned of (README: under 150 ppi); those tests are about something else.
 */
const failures = (r: Run) => problems(r).filter((l) => !/: warning: .*: \S+ prints at \d+ ppi, under 150: /.test(l));

/** Every temporary file under the test folder (`.<name>.<pid>-<thread>.tmp`). */
function temporaries(from = dir): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(from, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && /^\..*\.tmp$/.test(entry.name)) found.push(path.join(entry.parentPath, entry.name));
  }
  return found;
}

/** What every run must show: a documented exit code, no stack trace, no internal error, no temporary file. */
function expectClean(r: Run, codes = [0, 1]): void {
  expect(r.signal, 'killed by a signal (a hang?)').toBeNull();
  expect(codes, `exit ${r.code}\n${r.err}`).toContain(r.code);
  expect(r.err + r.out).not.toMatch(/^\s+at /m);
  expect(r.err).not.toContain('internal error');
  expect(temporaries()).toEqual([]);
}

/** A refused build: exit 1 (2 for bad usage), exactly these lines on standard error, the previous PDF untouched. */
function expectRefused(r: Run, expected: (string | RegExp)[], previous = OUTPUT, code = 1): void {
  expectClean(r, [code]);
  // Hints are compared only where a case names them; that every error has one is its own test below.
  const named = expected.some((e) => typeof e === 'string' && e.startsWith('  hint: '));
  const got = lines(r.err).filter((l) => named || !l.startsWith('  hint: '));
  expect(got).toEqual(expected.map((e) => (typeof e === 'string' ? e : expect.stringMatching(e))));
  expect(readFileSync(file(previous)).equals(PREVIOUS), `${previous} was replaced`).toBe(true);
  expect(r.out).toBe('');
}

/** A build that went through: exit 0, a whole PDF at `output`, these lines (warnings and hints) on standard error. */
function expectBuilt(r: Run, warnings: (string | RegExp)[], output = OUTPUT): void {
  expectClean(r, [0]);
  expect(lines(r.err)).toEqual(warnings.map((e) => (typeof e === 'string' ? e : expect.stringMatching(e))));
  const pdf = readFileSync(file(output));
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  expect(pdf.equals(PREVIOUS)).toBe(false);
  if (has('qpdf')) expect(spawnSync('qpdf', ['--check', file(output)]).status, `qpdf --check ${output}`).toBe(0);
}

/** A small issue of its own, for the tests of images and blocks. */
function smallIssue(body: string, extra = ''): string {
  return `publication: publication.yaml
issue: { number: 92, period: 2020年3月, printed: 2020-04-10 }
sections:
  - title: 本月关注
    articles:
      - title: 图片与正文
        body:
          - 第一段文字，说明下面的图片。
${body}
colophon: { copies: 50 }
${extra}`;
}

/** A JPEG of the given size, encoded in memory. */
function jpg(width: number, height: number): Buffer {
  const data = Buffer.alloc(width * height * 4, 180);
  return Buffer.from(jpeg.encode({ data, width, height }, 80).data);
}

describe('the YAML of the issue file', () => {
  it('a syntax error: an unclosed bracket, at the bracket (as an unclosed quote is named at the quote)', () => {
    edit(ISSUE, '  - title: 重要会议', '  - title: [重要会议');
    const r = build(ISSUE);
    expectClean(r, [1]);
    // The parser gives up on the next line, `    articles:`; the slip is the bracket.
    expect(problems(r)).toEqual([expect.stringMatching(new RegExp(`^${escape(at(ISSUE, '[重要会议'))}: YAML syntax: `))]);
    expect(readFileSync(file(OUTPUT)).equals(PREVIOUS)).toBe(true);
  });

  it('a key indented one space too far: the line that is indented wrongly', () => {
    edit(ISSUE, '  period: 2020年2月', '   period: 2020年2月');
    expectRefused(build(ISSUE), [`${at(ISSUE, 'period:')}: YAML syntax: this line is indented differently from the keys above it`]);
  });

  it('a tab in the indentation', () => {
    edit(ISSUE, '  period: 2020年2月', '\tperiod: 2020年2月');
    expectRefused(build(ISSUE), [`${at(ISSUE, '\tperiod:')}: YAML syntax: Tabs are not allowed as indentation`]);
  });

  it('a colon and a space inside a title (通知: …): the line of the title, not the next one', () => {
    edit(ISSUE, 'title: 市领导督导我区疫情防控工作', 'title: 通知: 市领导督导我区疫情防控工作');
    const r = build(ISSUE);
    expectClean(r, [1]);
    const [first] = problems(r);
    // The value that needs quotes (col 16) or the colon in it (col 18): either is the place.
    const value = at(ISSUE, '通知: ');
    const colon = at(ISSUE, ': 市领导');
    expect([value, colon], first).toContain(first!.split(': ')[0]);
    expect(first).toMatch(/^[^:]+:\d+:\d+: YAML syntax: /);
    expect(first).not.toContain('indented differently');
    expect(readFileSync(file(OUTPUT)).equals(PREVIOUS)).toBe(true);
  });

  it('a full-width colon after a key (title：…), typed with a Chinese input method: its own line', () => {
    edit(ISSUE, '  - title: 重要会议', '  - title：重要会议');
    const r = build(ISSUE);
    expectClean(r, [1]);
    const [first] = problems(r);
    // The key (col 5) or the full-width colon (col 10).
    expect([at(ISSUE, 'title：重要会议'), at(ISSUE, '：重要会议')], first).toContain(first!.split(': ')[0]);
    expect(first).not.toContain('indented differently');
    expect(readFileSync(file(OUTPUT)).equals(PREVIOUS)).toBe(true);
  });

  it('Word\'s “smart quotes” are not YAML quotes: a quoted number stays text, and is refused where a number goes', () => {
    edit(ISSUE, '  copies: 130', '  copies: “130”');
    expectRefused(build(ISSUE), [`${at(ISSUE, '“130”')}: colophon.copies: expected a positive whole number, found "“130”"`]);
  });

  it('“smart quotes” around text are the text\'s own quotation marks, and print', async () => {
    edit(ISSUE, 'title: 市领导督导我区疫情防控工作', 'title: “市领导督导我区疫情防控工作”');
    const r = build(ISSUE);
    expectBuilt(r, []);
    const pages = await readPdf(file(OUTPUT));
    expect(squash(pages[1]!.text)).toContain('“市领导督导我区疫情防控工作”');
  });

  it('an alias bomb is refused quickly, at the alias past the limit', () => {
    write('issues/bomb.yaml', aliasBomb(100));
    const started = performance.now();
    const r = build('issues/bomb.yaml');
    expect(performance.now() - started).toBeLessThan(10_000);
    expectRefused(r, ['issues/bomb.yaml:9:23: sections[0].articles[2].body[1]: more than 200 aliases; refused as an alias bomb']);
  });

  it('aliases that repeat a long paragraph are refused quickly, at the alias past a million characters', () => {
    write('issues/amplified.yaml', aliasAmplifier(400_000, 50));
    const started = performance.now();
    const r = build('issues/amplified.yaml');
    expect(performance.now() - started).toBeLessThan(10_000);
    // 400 000 characters, the first alias 800 000, the second past 1 000 000.
    expectRefused(r, [
      'issues/amplified.yaml:10:13: sections[0].articles[0].body[2]: more than 1000000 characters of text in the file, counting the text each alias repeats; refused',
      '  hint: an alias (*name) prints all the text of its anchor (&name) again: write each text once',
    ]);
  });

  it('a file over the size limit (4 MiB)', () => {
    write(ISSUE, `${read(ISSUE)}\n#${'#'.repeat(4 * 1024 * 1024)}\n`);
    const size = readFileSync(file(ISSUE)).length;
    expectRefused(build(ISSUE), [`${ISSUE}: the file is ${size} bytes; the limit is ${4 * 1024 * 1024}`]);
  });

  it('an empty issue file (made by touch)', () => {
    write('issues/issue-92.yaml', '');
    write('output/issue-92.pdf', PREVIOUS);
    expectRefused(build('issues/issue-92.yaml'), ['issues/issue-92.yaml:1:1: the file is empty; expected a mapping of keys'], 'output/issue-92.pdf');
  });
});

describe('text encodings and line ends', () => {
  it('an issue file saved as GBK', () => {
    const bytes = readFileSync(file(ISSUE));
    const at = bytes.indexOf(Buffer.from('本月关注'));
    // 本月关注 in GBK.
    write(ISSUE, Buffer.concat([bytes.subarray(0, at), Buffer.from([0xb1, 0xbe, 0xd4, 0xc2, 0xb9, 0xd8, 0xd7, 0xa2]), bytes.subarray(at + 12)]));
    expectRefused(build(ISSUE), [`${ISSUE}: the file is not UTF-8 text; save it as UTF-8`]);
  });

  it('a publication file saved as UTF-16 (Notepad\'s "Unicode")', () => {
    write(PUBLICATION, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(read(PUBLICATION), 'utf16le')]));
    expectRefused(build(ISSUE), [`${PUBLICATION}: the file is not UTF-8 text; save it as UTF-8`]);
  });

  it('a BOM and CRLF line ends build the same bytes as the plain file, and positions stay exact', () => {
    const plain = build(ISSUE, '-o', 'plain.pdf');
    expect(plain.code, plain.err).toBe(0);
    write(ISSUE, `\ufeff${read(ISSUE).replaceAll('\n', '\r\n')}`);
    write(PUBLICATION, `\ufeff${read(PUBLICATION).replaceAll('\n', '\r\n')}`);
    expectBuilt(build(ISSUE), []);
    expect(readFileSync(file(OUTPUT)).equals(readFileSync(file('plain.pdf')))).toBe(true);
    // A problem in such a file is still named at its line and column.
    writeFileSync(file(OUTPUT), PREVIOUS);
    edit(ISSUE, '李兵到我区督导', '李兵😀到我区督导');
    expectRefused(build(ISSUE), [
      `${at(ISSUE, '😀')}: sections[0].articles[0].body: no font can draw "😀" (U+1F600); tried Noto Serif SC Regular, Noto Serif SC Bold, Noto Sans SC Bold`,
      GLYPH_HINT,
    ]);
  });
});

describe('the values', () => {
  it('a wrong type: a telephone number without its quotes', () => {
    edit(ISSUE, '  copies: 130', '  copies: 130\n  phone: 68933000');
    expectRefused(build(ISSUE), [
      `${at(ISSUE, '68933000')}: colophon.phone: expected text, found number 68933000`,
      '  hint: put it in quotes: "68933000"',
    ]);
  });

  it('a wrong type: a mapping where the body\'s text goes', () => {
    write(ISSUE, smallIssue('').replace('        body:\n          - 第一段文字，说明下面的图片。\n', '        body:\n          正文: 第一段文字。\n'));
    expectRefused(build(ISSUE), [`${at(ISSUE, '正文: 第一段')}: sections[0].articles[0].body: expected text, or a list of paragraphs and blocks`]);
  });

  it('a missing required key: the period', () => {
    const issueAt = at(ISSUE, 'number: 91');
    edit(ISSUE, '  period: 2020年2月\n', '');
    expectRefused(build(ISSUE), [`${issueAt}: issue: missing required key "period"`]);
  });

  it('an unknown key, with the keys known there', () => {
    edit(ISSUE, '        toc: 市卫健委领导到我区检查指导工作\n', '        toc: 市卫健委领导到我区检查指导工作\n        author: 区卫健委\n');
    expectRefused(build(ISSUE), [`${at(ISSUE, 'author:')}: sections[0].articles[1].author: unknown key "author"`, '  hint: known keys here: title, toc, body']);
  });

  it('a duplicate key names the line of the first', () => {
    const first = at(ISSUE, 'title: 市卫健委领导到上街区检查指导工作').split(':')[1];
    edit(ISSUE, '      - title: 市卫健委领导到上街区检查指导工作\n', '      - title: 市卫健委领导到上街区检查指导工作\n        title: 市卫健委领导检查指导工作\n');
    expectRefused(build(ISSUE), [`${at(ISSUE, 'title: 市卫健委领导检查指导工作')}: sections[0].articles[1].title: duplicate key "title" (first given on line ${first})`]);
  });

  it('a date written 2020-3-16, and one written 2020年3月16日', () => {
    edit(ISSUE, 'printed: 2020-03-16', 'printed: 2020-3-16');
    expectRefused(build(ISSUE), [`${at(ISSUE, '2020-3-16')}: issue.printed: expected a date as YYYY-MM-DD, found "2020-3-16"`]);
    edit(ISSUE, 'printed: 2020-3-16', 'printed: 2020年3月16日');
    expectRefused(build(ISSUE), [`${at(ISSUE, '2020年3月16日')}: issue.printed: expected a date as YYYY-MM-DD, found "2020年3月16日"`]);
  });

  it('a serial of 1e308 or of 23 nines (1e+23 to JavaScript) is refused as written, not printed as 总第1e+308期; 99999 is the last taken', () => {
    for (const written of ['1e308', '99999999999999999999999', '100000']) {
      write(ISSUE, read(ISSUE).replace(/number: \S+/, `number: ${written}`));
      expectRefused(build(ISSUE), [`${at(ISSUE, written, 'number:')}: issue.number: at most 99999, found ${written}`]);
    }
    write(ISSUE, read(ISSUE).replace(/number: \S+/, 'number: 99999'));
    expectBuilt(build(ISSUE), []);
    // bulletin init would start 总第100000期: refused rather than written.
    const init = run(['init', '--from', ISSUE, '-o', 'issues/next.yaml']);
    expectClean(init, [1]);
    expect(problems(init)).toEqual([`${ISSUE}: is 总第99999期: the next serial number would be more than 99999`]);
    expect(existsSync(file('issues/next.yaml'))).toBe(false);
  });

  it('a serial written 第91期', () => {
    edit(ISSUE, 'number: 91', 'number: 第91期');
    expectRefused(build(ISSUE), [`${at(ISSUE, '第91期', 'number:')}: issue.number: expected a positive whole number, found "第91期"`]);
  });

  it('a style value below its minimum says what the minimum is (as one above its maximum does)', () => {
    write(ISSUE, `${read(ISSUE)}style:\n  chars: 61\n`);
    expectRefused(build(ISSUE), [`${at(ISSUE, '61', 'chars:')}: style.chars: at most 60, found 61`]);
    write(ISSUE, read(ISSUE).replace('  chars: 61', '  chars: 7'));
    // "expected a whole number, found 7" would be wrong: 7 is one.
    expectRefused(build(ISSUE), [`${at(ISSUE, '7', 'chars:')}: style.chars: at least 8, found 7`]);
  });

  it('a print run written as 1e20 (a whole number to YAML) is refused, not printed as 共印 100000000000000000000 份', () => {
    edit(ISSUE, 'copies: 130', 'copies: 1e20');
    expectRefused(build(ISSUE), [`${at(ISSUE, '1e20', 'copies:')}: colophon.copies: at most 1000000, found 100000000000000000000`]);
  });

  it('a type area wider than the paper: refused at the key that made it so', () => {
    write(ISSUE, `${read(ISSUE)}style:\n  preset: default\n  size: 30\n`);
    expectRefused(build(ISSUE), [
      `${at(ISSUE, '30', 'size:')}: style.size: the type area (25 characters of 30 pt, 264.6 mm wide) leaves -27.3 mm at the side of a 210.0 mm page; at least 10.0 mm is needed`,
      '  hint: make the type area smaller (size, chars, lines) or move it (margins)',
      // T1: 22 lines of 30 pt do not fit 225 mm (637.8 pt) either.
      `${at(ISSUE, '30', 'size:')}: style.size: 22 lines of 30 pt on a pitch of 28.94 pt would overlap: the pitch must be at least the body size`,
      "  hint: at most 21 lines of 30 pt fit the type area's 225.0 mm: set lines: 21 or fewer",
    ]);
  });

  it('more lines than the type area holds at the body size (T1): refused at lines:, naming the most that fit', () => {
    // The default preset fills 225 mm with `lines` (the gongwen grid's pitch is fixed: more lines make a taller area).
    write(ISSUE, `${read(ISSUE)}style:\n  preset: default\n  lines: 60\n`);
    // 225 mm is 637.8 pt: 60 lines of 16 pt are 10.54 pt apart; 39 lines are 16.36 pt apart, 40 would be 15.94.
    expectRefused(build(ISSUE), [
      `${at(ISSUE, '60', 'lines:')}: style.lines: 60 lines of 16 pt on a pitch of 10.54 pt would overlap: the pitch must be at least the body size`,
      "  hint: at most 39 lines of 16 pt fit the type area's 225.0 mm: set lines: 39 or fewer",
    ]);
    write(ISSUE, read(ISSUE).replace('  lines: 60', '  lines: 39'));
    expectBuilt(build(ISSUE), []);
  });

  it('a type area too narrow for the titles: refused at the key that made it so, in a batch too, the hint pointing the right way', () => {
    write(ISSUE, `${read(ISSUE)}style:\n  chars: 8\n  size: 6\n`);
    const expected = [
      `${at(ISSUE, '8', 'chars:')}: style.chars: titles of 22 pt fit fewer than 4 characters on a line of 16.9 mm`,
      '  hint: make the titles smaller (titleSize: 12 or less) or the type area wider (chars, size)',
    ];
    expectRefused(build(ISSUE), expected);
    cpSync(file(ISSUE), file('issues/issue-92.yaml'));
    const r = build(ISSUE, 'issues/issue-92.yaml', '-o', 'out/');
    expect(lines(r.err).filter((l) => !/^\d+ issues: |^\[\d+\/\d+\] /.test(l))).toEqual([...expected, ...expected.map((l) => l.replace(ISSUE, 'issues/issue-92.yaml'))]);
  });

  it('an alias to an anchor that is not there', () => {
    edit(ISSUE, '  - title: 重要会议', '  - title: *重要会议');
    expectRefused(build(ISSUE), [`${at(ISSUE, '*重要会议')}: sections[1].title: unknown alias *重要会议`]);
  });
});

describe('empty things', () => {
  it('a section with no articles is left out with a warning; the issue builds', () => {
    edit(ISSUE, '  - title: 重要会议', '  - title: 空栏目\n    articles: []\n  - title: 重要会议');
    expectBuilt(build(ISSUE), [`${at(ISSUE, '空栏目')}: warning: sections[1]: section "空栏目" has no articles; it is left out`, '  hint: add articles to it, or remove it']);
  });

  it('a section without its articles key', () => {
    edit(ISSUE, '  - title: 重要会议', '  - title: 空栏目\n  - title: 重要会议');
    expectRefused(build(ISSUE), [`${at(ISSUE, 'title: 空栏目')}: sections[1]: missing required key "articles"`]);
  });

  it('an article with an empty body', () => {
    edit(ISSUE, '  - title: 重要会议\n    articles:\n', '  - title: 重要会议\n    articles:\n      - title: 待写的文章\n        body: ""\n');
    expectRefused(build(ISSUE), [`${at(ISSUE, '""', 'body: ""')}: sections[1].articles[0].body: expected text, found an empty value`]);
  });

  it('an empty paragraph in a list of paragraphs', () => {
    edit(ISSUE, '  - title: 重要会议\n    articles:\n', '  - title: 重要会议\n    articles:\n      - title: 三段\n        body:\n          - 第一段。\n          - ""\n          - 第三段。\n');
    expectRefused(build(ISSUE), [`${at(ISSUE, '""', '- ""')}: sections[1].articles[0].body[1]: expected text, found an empty value`]);
  });

  it('a title of nothing but pasted invisible characters is empty once they are removed', () => {
    edit(ISSUE, '  - title: 重要会议', '  - title: \u00ad\u200b\u2060\n    articles: [{title: 文章, body: 正文。}]\n  - title: 重要会议');
    const r = build(ISSUE);
    expectClean(r, [1]);
    expect(problems(r)).toContain(`${at(ISSUE, '\u00ad')}: sections[1].title: expected text, found an empty value`);
    expect(readFileSync(file(OUTPUT)).equals(PREVIOUS)).toBe(true);
  });
});

describe('pasted characters', () => {
  it('controls, soft hyphens, direction controls and BOMs are removed with a warning at their place; zero-width spaces and word joiners are kept', async () => {
    edit(ISSUE, '李兵到我区督导', '李\u0007兵\u200b到\u00ad我\u202e区\ufeff督\u2060导');
    const r = build(ISSUE);
    const body = 'sections[0].articles[0].body';
    expectBuilt(r, [
      `${at(ISSUE, '\u0007')}: warning: ${body}: control character (U+0007) removed`,
      STRAY_HINT,
      `${at(ISSUE, '\u00ad')}: warning: ${body}: soft hyphen (U+00AD) removed`,
      STRAY_HINT,
      `${at(ISSUE, '\u202e')}: warning: ${body}: direction control (U+202E) removed`,
      STRAY_HINT,
      `${at(ISSUE, '\ufeff')}: warning: ${body}: byte-order mark (U+FEFF) removed`,
      STRAY_HINT,
    ]);
    const text = squash((await readPdf(file(OUTPUT))).map((p) => p.text).join(''));
    expect(text).toContain('李兵到我区督导');
    expect(text).not.toMatch(/[\u0007\u00ad\u202e\ufeff]/u);
  });

  it('a lone surrogate written as an escape is removed with a warning on its line', () => {
    edit(ISSUE, '  - title: 重要会议', '  - title: "重要\\ud800会议"');
    const r = build(ISSUE);
    expectClean(r, [0]);
    expect(problems(r)).toEqual([expect.stringMatching(new RegExp(`^${escape(ISSUE)}:${at(ISSUE, '重要\\ud800').split(':')[1]}:\\d+: warning: sections\\[1\\]\\.title: lone surrogate half \\(U\\+D800\\) removed$`))]);
  });

  it('a character no font can draw: an error naming it, its code point, its place and the fonts tried; the previous PDF stays', () => {
    edit(ISSUE, '李兵到我区督导', '李兵到我区𠀀督导');
    expectRefused(build(ISSUE), [
      `${at(ISSUE, '𠀀')}: sections[0].articles[0].body: no font can draw "𠀀" (U+20000); tried Noto Serif SC Regular, Noto Serif SC Bold, Noto Sans SC Bold`,
      GLYPH_HINT,
    ]);
  });

  it('--placeholder 〓 draws the placeholder with a warning; the text still extracts as the character', async () => {
    edit(ISSUE, '李兵到我区督导', '李兵😀到我区督导');
    expectBuilt(build(ISSUE, '--placeholder', '〓'), [
      `${at(ISSUE, '😀')}: warning: sections[0].articles[0].body: no font can draw "😀" (U+1F600); tried Noto Serif SC Regular, Noto Serif SC Bold, Noto Sans SC Bold; drawn as 〓`,
      '  hint: replace the character, or add a font that has it',
    ]);
    const text = squash((await readPdf(file(OUTPUT))).map((p) => p.text).join(''));
    expect(text).toContain('李兵😀到我区督导');
    // A placeholder is one character: anything else is bad usage, and nothing is built.
    writeFileSync(file(OUTPUT), PREVIOUS);
    const usage = build(ISSUE, '--placeholder', '〓〓');
    expectClean(usage, [2]);
    expect(usage.err).toContain("option '--placeholder <char>' argument '〓〓' is invalid. expected one character, such as 〓");
    expect(readFileSync(file(OUTPUT)).equals(PREVIOUS)).toBe(true);
  });

  it('--placeholder reaches a contents entry long enough to wrap: the character is there, not dropped', async () => {
    edit(ISSUE, 'title: 市领导督导我区疫情防控工作', 'title: 市领导督导😀我区疫情防控工作并检查复工复产和社区防控措施的落实情况');
    const r = build(ISSUE, '--placeholder', '〓');
    expectClean(r, [0]);
    const pages = await readPdf(file(OUTPUT));
    // Page 1 holds the contents, where this entry takes two lines.
    expect(squash(pages[0]!.text)).toContain('市领导督导😀我区');
    expect(squash(pages.slice(1).map((p) => p.text).join(''))).toContain('市领导督导😀我区');
  });

  it('a character no font can draw, wherever it is: each named once, at its own place', () => {
    edit(ISSUE, 'period: 2020年2月', 'period: 2020年😃月');
    edit(ISSUE, '  - title: 本月关注', '  - title: 本月😂关注');
    edit(ISSUE, 'title: 市领导督导我区疫情防控工作', 'title: 市领导督导😀我区疫情防控工作');
    edit(ISSUE, 'toc: 市卫健委领导到我区检查指导工作', 'toc: 市卫健委😁领导到我区检查指导工作');
    edit(PUBLICATION, 'name: 上街史志', 'name: 上街😄史志');
    edit(PUBLICATION, '    - 区长', '    - 区😅长');
    edit(PUBLICATION, 'supervisor: 上街区', 'supervisor: 上街😆区');
    const r = build(ISSUE);
    expectClean(r, [1]);
    // The faces tried, by the role the text is set in: its own, the other of its
    // weight, then the other weight's.
    const [regular, serifBold, sansBold] = ['Noto Serif SC Regular', 'Noto Serif SC Bold', 'Noto Sans SC Bold'];
    const chains = [[regular, serifBold, sansBold], [serifBold, sansBold, regular], [sansBold, serifBold, regular]].map((c) => c.join(', '));
    const places = problems(r).map((l) => l.replace(/; tried .*/, ''));
    expect(places.sort()).toEqual(
      [
        `${at(ISSUE, '😃')}: issue.period: no font can draw "😃" (U+1F603)`,
        `${at(ISSUE, '😂')}: sections[0].title: no font can draw "😂" (U+1F602)`,
        `${at(ISSUE, '😀')}: sections[0].articles[0].title: no font can draw "😀" (U+1F600)`,
        `${at(ISSUE, '😁')}: sections[0].articles[1].toc: no font can draw "😁" (U+1F601)`,
        `${at(PUBLICATION, '😄')}: name: no font can draw "😄" (U+1F604)`,
        `${at(PUBLICATION, '😅')}: colophon.distribution[1]: no font can draw "😅" (U+1F605)`,
        `${at(PUBLICATION, '😆')}: colophon.supervisor: no font can draw "😆" (U+1F606)`,
      ].sort(),
    );
    for (const l of problems(r)) expect(l).toMatch(new RegExp(`; tried (${chains.map(escape).join('|')})$`));
    expect(readFileSync(file(OUTPUT)).equals(PREVIOUS)).toBe(true);
  });

  it('a token wider than the measure is broken as a last resort, with a warning at its place; a zero-width space in it is the place to break', () => {
    const long = `${'x'.repeat(40)}${'y'.repeat(40)}`;
    edit(ISSUE, '李兵到我区督导', `李兵到我区 ${long} 督导`);
    expectBuilt(build(ISSUE), [
      `${at(ISSUE, long)}: warning: sections[0].articles[0].body: "${long.slice(0, 40)}…" is wider than the measure and was broken where it had to be`,
      WIDE_HINT,
    ]);
    edit(ISSUE, long, `${'x'.repeat(40)}\u200b${'y'.repeat(40)}`);
    expectBuilt(build(ISSUE), []);
  });

  it('a number wider than the measure in the distribution list: the warning names its own item', () => {
    const digits = '0123456789'.repeat(8);
    edit(PUBLICATION, '    - 区长', `    - 区长${digits}`);
    expectBuilt(build(ISSUE), [
      `${at(PUBLICATION, digits)}: warning: colophon.distribution[1]: "${digits.slice(0, 40)}…" is wider than the measure and was broken where it had to be`,
      WIDE_HINT,
    ]);
  });
});

describe('text too long to set in a moment', () => {
  it('a title of 4 160 characters is refused at its key, with a hint, at once', () => {
    const title = '市领导督导我区疫情防控工作'.repeat(320);
    edit(ISSUE, 'title: 市领导督导我区疫情防控工作', `title: ${title}`);
    const started = performance.now();
    expectRefused(build(ISSUE), [
      `${at(ISSUE, title)}: sections[0].articles[0].title: 4160 characters; at most 100 are taken here`,
      '  hint: a title takes a few lines at most: shorten it, and put the rest in the body',
    ]);
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it('a run of 200 000 digits in a paragraph is broken as a word wider than the measure is, with its warning, well within a minute', () => {
    const digits = '1234567890'.repeat(20_000);
    edit(ISSUE, '李兵到我区督导', `李兵到我区${digits}督导`);
    const started = performance.now();
    expectBuilt(build(ISSUE), [
      `${at(ISSUE, digits)}: warning: sections[0].articles[0].body: "${digits.slice(0, 40)}…" is wider than the measure and was broken where it had to be`,
      WIDE_HINT,
    ]);
    expect(performance.now() - started).toBeLessThan(60_000);
  });
});

describe('fonts named by the style', () => {
  const style = (fonts: string) => `${read(ISSUE)}style:\n  fonts: { serif: ${fonts} }\n`;

  it('a font file that is not there', () => {
    write(ISSUE, style('fonts/MySerif.ttf'));
    expectRefused(build(ISSUE), [`${at(ISSUE, 'fonts/MySerif.ttf')}: style.fonts.serif: file not found: fonts/MySerif.ttf`]);
  });

  it('a file that is not a font', () => {
    write(ISSUE, style('fonts/MySerif.ttf'));
    write('issues/fonts/MySerif.ttf', '这不是字体文件');
    expectRefused(build(ISSUE), [
      `${at(ISSUE, 'fonts/MySerif.ttf')}: style.fonts.serif: not a usable font file (Unknown font format): issues/fonts/MySerif.ttf`,
      '  hint: name a TrueType or OpenType font file, or a collection of them (.ttc, .otc)',
    ]);
  });

  it('a font file cut short (an interrupted copy): refused at the key, not an internal error', () => {
    write(ISSUE, style('fonts/MySerif.ttf'));
    write('issues/fonts/MySerif.ttf', readFileSync(path.join(root, 'fonts', 'NotoSerifSC-Regular.ttf')).subarray(0, 300_000));
    const r = build(ISSUE);
    expectClean(r, [1]);
    expect(problems(r)).toEqual([expect.stringMatching(new RegExp(`^${escape(at(ISSUE, 'fonts/MySerif.ttf'))}: style\\.fonts\\.serif: .*issues/fonts/MySerif\\.ttf`))]);
    expect(readFileSync(file(OUTPUT)).equals(PREVIOUS)).toBe(true);
  });

  it('a font outside the issue\'s folder is refused, even when it is there', () => {
    cpSync(path.join(root, 'fonts', 'NotoSerifSC-Regular.ttf'), file('MySerif.ttf'));
    write(ISSUE, style('../MySerif.ttf'));
    expectRefused(build(ISSUE), [`${at(ISSUE, '../MySerif.ttf')}: style.fonts.serif: "../MySerif.ttf" is outside the issue's folder; paths must stay inside it`]);
  });

  it('a folder named as a font', () => {
    mkdirSync(file('issues/fonts'));
    write(ISSUE, style('fonts'));
    expectRefused(build(ISSUE), [`${at(ISSUE, 'fonts }', 'serif: fonts')}: style.fonts.serif: "fonts" is a folder, not a file`]);
  });
});

describe('files the issue names', () => {
  it('a renamed publication file', () => {
    cpSync(file(PUBLICATION), file('issues/上街史志.yaml'));
    rmSync(file(PUBLICATION));
    expectRefused(build(ISSUE), [`${at(ISSUE, 'publication.yaml')}: publication: file not found: publication.yaml`]);
  });

  it('a name not found through a link to a folder outside: the hint names nothing from there, and nothing there is read', async () => {
    write('secret/shadow', 'root:*:19000:0:99999:7:::');
    symlinkSync(file('secret'), file('issues/sub'));
    edit(ISSUE, 'publication: publication.yaml', 'publication: sub/shadw');
    const traced = start(['build', ISSUE]);
    expectRefused(await traced.done, [`${at(ISSUE, 'sub/shadw')}: publication: file not found: sub/shadw`, '  hint: paths are relative to the folder of the file that names them, and stay inside it']);
    // Not even listed: the folder is never opened.
    expect(traced.opened()?.filter((f) => f.startsWith(file('secret'))) ?? []).toEqual([]);
  });

  it('a publication file outside the issue\'s folder', () => {
    cpSync(file(PUBLICATION), file('publication.yaml'));
    edit(ISSUE, 'publication: publication.yaml', 'publication: ../publication.yaml');
    expectRefused(build(ISSUE), [`${at(ISSUE, '../publication.yaml')}: publication: "../publication.yaml" is outside the issue's folder; paths must stay inside it`]);
  });

  it('a publication file that is itself an issue file: named at the key that names it, not as the other issue\'s faults', () => {
    cpSync(file(ISSUE), file('issues/issue-90.yaml'));
    edit(ISSUE, 'publication: publication.yaml', 'publication: issue-90.yaml');
    const r = build(ISSUE);
    expectClean(r, [1]);
    const found = problems(r);
    // issue-90.yaml is a good issue: telling the editor to remove its `issue` and
    // `sections` would destroy it.
    expect(found.filter((l) => l.startsWith('issues/issue-90.yaml')), r.err).toEqual([]);
    expect(found).toEqual([expect.stringMatching(new RegExp(`^${escape(at(ISSUE, 'issue-90.yaml'))}: publication: .*issue-90\\.yaml`))]);
    expect(readFileSync(file(OUTPUT)).equals(PREVIOUS)).toBe(true);
  });

  it('a publication file given as the issue to build: one message saying so', () => {
    const r = build(PUBLICATION);
    expectClean(r, [1]);
    expect(problems(r), r.err).toEqual([expect.stringMatching(/^issues\/publication\.yaml(:\d+:\d+)?: .*publication file/)]);
    expect(existsSync(file('output/publication.pdf'))).toBe(false);
  });

  it('an image that is a JPEG with a .png name builds', async () => {
    // Large enough to print at over 150 ppi: no warning about its resolution.
    write('issues/photo.png', jpg(1200, 900));
    write(ISSUE, smallIssue('          - image: photo.png\n            caption: 图为防疫服务站'));
    expectBuilt(build(ISSUE), []);
    expect(squash((await readPdf(file(OUTPUT)))[1]!.text)).toContain('图为防疫服务站');
  });

  it('an image that is not there', () => {
    write(ISSUE, smallIssue('          - image: 照片 1.png'));
    expectRefused(build(ISSUE), [`${at(ISSUE, '照片 1.png')}: sections[0].articles[0].body[1].image: file not found: 照片 1.png`]);
  });

  it('an image outside the issue\'s folder, by a relative path or a symbolic link', () => {
    write('photo.png', png(40, 30));
    write(ISSUE, smallIssue('          - image: ../photo.png'));
    expectRefused(build(ISSUE), [`${at(ISSUE, '../photo.png')}: sections[0].articles[0].body[1].image: "../photo.png" is outside the issue's folder; paths must stay inside it`]);
    symlinkSync(file('photo.png'), file('issues/link.png'));
    write(ISSUE, smallIssue('          - image: link.png'));
    expectRefused(build(ISSUE), [`${at(ISSUE, 'link.png')}: sections[0].articles[0].body[1].image: "link.png" leads outside the issue's folder`]);
  });

  it('a JPEG cut short (an interrupted download): refused at the image key, not an internal error', () => {
    write('issues/photo.jpg', jpg(40, 30).subarray(0, 200));
    write(ISSUE, smallIssue('          - image: photo.jpg'));
    const r = build(ISSUE);
    expectClean(r, [1]);
    expect(problems(r)).toEqual([expect.stringMatching(new RegExp(`^${escape(at(ISSUE, 'photo.jpg'))}: sections\\[0\\]\\.articles\\[0\\]\\.body\\[1\\]\\.image: photo\\.jpg: `))]);
    expect(readFileSync(file(OUTPUT)).equals(PREVIOUS)).toBe(true);
  });

  it('a PNG whose image data is damaged: refused at the image key, no crash', () => {
    const good = png(40, 30);
    // The IDAT chunk's data (after the signature, IHDR and the IDAT header) overwritten.
    const bad = Buffer.from(good);
    bad.fill(0x55, 8 + 25 + 8, 8 + 25 + 8 + 6);
    write('issues/photo.png', bad);
    write(ISSUE, smallIssue('          - image: photo.png'));
    const r = build(ISSUE);
    expectClean(r, [1]);
    expect(problems(r)).toEqual([expect.stringMatching(new RegExp(`^${escape(at(ISSUE, 'photo.png'))}: sections\\[0\\]\\.articles\\[0\\]\\.body\\[1\\]\\.image: photo\\.png: `))]);
    expect(readFileSync(file(OUTPUT)).equals(PREVIOUS)).toBe(true);
  });

  it('`check` finds a damaged image too', () => {
    const bad = Buffer.from(png(40, 30));
    bad.fill(0x55, 8 + 25 + 8, 8 + 25 + 8 + 6);
    write('issues/photo.png', bad);
    write(ISSUE, smallIssue('          - image: photo.png'));
    const r = run(['check', ISSUE]);
    expectClean(r, [1]);
    expect(problems(r)).toEqual([expect.stringMatching(new RegExp(`^${escape(at(ISSUE, 'photo.png'))}: sections\\[0\\]\\.articles\\[0\\]\\.body\\[1\\]\\.image: photo\\.png: `))]);
  });

  it('a damaged image in a batch fails alone: the other issues are built', () => {
    const bad = Buffer.from(png(40, 30));
    bad.fill(0x55, 8 + 25 + 8, 8 + 25 + 8 + 6);
    write('issues/photo.png', bad);
    write('issues/issue-92.yaml', smallIssue('          - image: photo.png'));
    cpSync(file(ISSUE), file('issues/issue-93.yaml'));
    for (const jobs of ['1', '2']) {
      rmSync(file('output'), { recursive: true, force: true });
      const r = build('issues', '-j', jobs);
      expectClean(r, [1]);
      expect(readdirSync(file('output')).filter((f) => f.endsWith('.pdf')).sort(), `-j ${jobs}\n${r.err}`).toEqual(['issue-91.pdf', 'issue-93.pdf']);
      expect(problems(r).filter((l) => !l.includes('warning:')), `-j ${jobs}`).toEqual([
        expect.stringMatching(/^issues\/issue-92\.yaml:\d+:\d+: sections\[0\]\.articles\[0\]\.body\[1\]\.image: photo\.png: /),
      ]);
    }
  });

  it('an image whose header claims an impossible size (100000 × 100000 pixels)', () => {
    const good = png(40, 30);
    const huge = Buffer.from(good);
    huge.writeUInt32BE(100_000, 16);
    huge.writeUInt32BE(100_000, 20);
    write('issues/photo.png', huge);
    write(ISSUE, smallIssue('          - image: photo.png'));
    const r = build(ISSUE);
    expectClean(r, [1]);
    expect(problems(r)).toEqual([expect.stringMatching(new RegExp(`^${escape(at(ISSUE, 'photo.png'))}: sections\\[0\\]\\.articles\\[0\\]\\.body\\[1\\]\\.image: photo\\.png: `))]);
    expect(readFileSync(file(OUTPUT)).equals(PREVIOUS)).toBe(true);
  });
});

describe('what the command is given', () => {
  it('an issue file that is not there (renamed)', () => {
    // README: 2 for bad usage; the issue file named on the command line is the command's.
    expectRefused(build('issues/issue-92.yaml'), ['issues/issue-92.yaml: no such file'], OUTPUT, 2);
  });

  it('a folder with no issue files', () => {
    mkdirSync(file('drafts'));
    write('drafts/notes.txt', '第92期的稿件还没有到。');
    cpSync(file(PUBLICATION), file('drafts/publication.yaml'));
    expectRefused(build('drafts'), ['drafts: holds no issue file'], OUTPUT, 2);
  });

  it('an issue file given twice is built once', () => {
    const r = build(ISSUE, `./${ISSUE}`, path.join(dir, ISSUE));
    expectBuilt(r, []);
    expect(lines(r.out)).toEqual([expect.stringMatching(/^issues\/issue-91\.yaml → output\/issue-91\.pdf \(\d+ pages\)$/)]);
  });

  it('two issues that would write the same PDF: refused before either is built', () => {
    mkdirSync(file('back'));
    cpSync(file(PUBLICATION), file('back/publication.yaml'));
    cpSync(file(ISSUE), file('back/issue-91.yaml'));
    expectRefused(build(ISSUE, 'back/issue-91.yaml'), ['back/issue-91.yaml: another issue also writes output/issue-91.pdf']);
  });

  it('a folder and a file name with Chinese characters and spaces', () => {
    mkdirSync(file('第91期 简报'));
    cpSync(file(PUBLICATION), file('第91期 简报/publication.yaml'));
    cpSync(file(ISSUE), file('第91期 简报/二月 简报.yaml'));
    const name = '第91期 简报/二月 简报.yaml';
    const ok = build(name);
    expectBuilt(ok, [], 'output/二月 简报.pdf');
    expect(ok.out).toMatch(/^第91期 简报\/二月 简报\.yaml → output\/二月 简报\.pdf \(\d+ pages\)$/m);
    writeFileSync(file('output/二月 简报.pdf'), PREVIOUS);
    edit(name, 'number: 91', 'number: 第91期');
    expectRefused(build(name), [`${at(name, '第91期', 'number:')}: issue.number: expected a positive whole number, found "第91期"`], 'output/二月 简报.pdf');
  });

  it('bad options are bad usage: exit 2, nothing built', () => {
    for (const args of [['-j', '0'], ['--bleed', '30'], ['--impose', 'quarto'], ['--frobnicate']]) {
      const r = build(ISSUE, ...args);
      expectClean(r, [2]);
      expect(r.err, args.join(' ')).toContain('(run bulletin --help for usage)');
    }
    expect(readFileSync(file(OUTPUT)).equals(PREVIOUS)).toBe(true);
  });
});

describe('the output path', () => {
  it('a folder: refused, named as given', () => {
    mkdirSync(file('out'));
    expectRefused(build(ISSUE, '-o', 'out'), ['out: is a folder; name a file to write the PDF to'], OUTPUT, 2);
  });

  it('under a file that is not a folder (cannot be written): exit 1, not an internal error', () => {
    write('notes.txt', '不是文件夹');
    const r = build(ISSUE, '-o', 'notes.txt/issue-91.pdf');
    expectClean(r, [1]);
    expect(problems(r)).toEqual([expect.stringMatching(/^(.*\/)?notes\.txt\/issue-91\.pdf: cannot write the PDF/)]);
    expect(read('notes.txt')).toBe('不是文件夹');
  });

  it.skipIf(process.getuid?.() === 0)('in a read-only folder: exit 1, the previous PDF untouched', () => {
    chmodSync(file('output'), 0o555);
    const r = build(ISSUE);
    expectClean(r, [1]);
    expect(problems(r)).toEqual([expect.stringMatching(/^(.*\/)?output\/issue-91\.pdf: cannot write the PDF/)]);
    expect(readFileSync(file(OUTPUT)).equals(PREVIOUS)).toBe(true);
  });
});

describe('files that are not files', () => {
  const fifo = (name: string) => spawnSync('mkfifo', [file(name)]).status === 0;

  it('a named pipe given as the issue: refused at once, not waited on', () => {
    if (!fifo('issues/issue-92.yaml')) return;
    expectRefused(build('issues/issue-92.yaml'), ['issues/issue-92.yaml: is a named pipe (FIFO), not a YAML file']);
    expectClean(run(['check', 'issues/issue-92.yaml']), [1]);
  });

  it('a named pipe among the issues of a folder: reported, the others built', () => {
    if (!fifo('issues/issue-92.yaml')) return;
    const r = build('issues', '-o', 'out/');
    expectClean(r, [1]);
    expect(problems(r)).toEqual(['issues/issue-92.yaml: is a named pipe (FIFO), not a YAML file']);
    expect(readdirSync(file('out')).filter((f) => f.endsWith('.pdf'))).toEqual(['issue-91.pdf']);
  });

  it('a device (its size is 0 to stat, its reads never end): refused, nothing read from it', () => {
    if (!existsSync('/dev/zero')) return;
    expectRefused(build('/dev/zero', '-o', OUTPUT), ['/dev/zero: is a device, not a YAML file']);
    const r = run(['import', '/dev/zero']);
    expectClean(r, [1]);
    expect(problems(r)).toEqual(['/dev/zero: is a device, not a file']);
  });

  it('a named pipe as the publication file, an image or a font: named for what it is, not "a folder"', () => {
    if (!fifo('issues/pipe.png')) return;
    write(ISSUE, smallIssue('          - image: pipe.png'));
    expectRefused(build(ISSUE), [`${at(ISSUE, 'pipe.png')}: sections[0].articles[0].body[1].image: "pipe.png" is a named pipe (FIFO), not a file`]);
  });
});

describe('an output path that is a source', () => {
  it('the issue file itself (an issue file named issue.pdf): refused, the issue untouched', () => {
    cpSync(file(ISSUE), file('issues/issue.pdf'));
    const r = build('issues/issue.pdf', '-o', 'issues/issue.pdf');
    expectClean(r, [1]);
    expect(lines(r.err)).toEqual(['issues/issue.pdf: is the issue file itself; the PDF would overwrite it', '  hint: name another file for the PDF with -o']);
    expect(read('issues/issue.pdf')).toBe(read(ISSUE));
  });

  it('its publication file, one of its images, one of its fonts, by another name too (a link): refused, each untouched', () => {
    cpSync(file(PUBLICATION), file('issues/publication.pdf'));
    write('issues/photo.pdf', jpg(40, 30));
    cpSync(path.join(root, 'fonts', 'NotoSerifSC-Regular.ttf'), file('issues/fonts/serif.pdf'));
    symlinkSync('serif.pdf', file('issues/fonts/link.pdf'));
    write(ISSUE, smallIssue('          - image: photo.pdf', 'style:\n  fonts: { serif: fonts/serif.pdf }\n').replace('publication: publication.yaml', 'publication: publication.pdf'));
    const before = ['issues/publication.pdf', 'issues/photo.pdf', 'issues/fonts/serif.pdf'].map((f) => readFileSync(file(f)));
    for (const [output, what] of [
      ['issues/publication.pdf', "the issue's publication file"],
      ['issues/photo.pdf', 'an image of the issue'],
      ['issues/fonts/serif.pdf', 'a font of the issue'],
      ['issues/fonts/link.pdf', 'a font of the issue'],
    ]) {
      const r = build(ISSUE, '-o', output!);
      expectClean(r, [1]);
      expect(problems(r)).toEqual([`${output}: is ${what}; the PDF would overwrite it`]);
    }
    const after = ['issues/publication.pdf', 'issues/photo.pdf', 'issues/fonts/serif.pdf'].map((f) => readFileSync(file(f)));
    expect(after.map((bytes, i) => bytes.equals(before[i]!))).toEqual([true, true, true]);
  });

  it('a named pipe or a device: refused, not replaced by a file', () => {
    if (spawnSync('mkfifo', [file('pipe.pdf')]).status !== 0) return;
    const r = build(ISSUE, '-o', 'pipe.pdf');
    expectClean(r, [2]);
    expect(problems(r)).toEqual(['pipe.pdf: is a named pipe (FIFO); name a file to write the PDF to']);
    expect(statSync(file('pipe.pdf')).isFIFO()).toBe(true);
  });
});

describe('messages', () => {
  it('every error is followed by a hint (README: "each problem on one line … then a hint")', () => {
    const cases: Record<string, (text: string) => string> = {
      tab: (t) => t.replace('  period:', '\tperiod:'),
      colon: (t) => t.replace('title: 市领导督导', 'title: 通知: 市领导督导'),
      unknown: (t) => t.replace('  number: 91', '  nubmer: 91'),
      duplicate: (t) => t.replace('  period: 2020年2月', '  period: 2020年2月\n  period: 2020年3月'),
      missing: (t) => t.replace('  period: 2020年2月\n', ''),
      mapping: (t) => t.replace('period: 2020年2月', 'period: {年: 2020, 月: 2}'),
      serial: (t) => t.replace('number: 91', 'number: 第91期'),
      date: (t) => t.replace('2020-03-16', '2020-3-16'),
      empty: (t) => t.replace('  - title: 重要会议', '  - title: ""'),
      alias: (t) => t.replace('  - title: 重要会议', '  - title: *重要会议'),
      renamed: (t) => t.replace('publication: publication.yaml', 'publication: 出版物.yaml'),
      outside: (t) => t.replace('publication: publication.yaml', 'publication: ../publication.yaml'),
      glyph: (t) => t.replace('李兵到我区', '李兵𠀀到我区'),
      image: (t) => t.replace('  - title: 重要会议\n    articles:\n', '  - title: 重要会议\n    articles:\n      - title: 图片\n        body:\n          - image: 没有这张.png\n'),
      font: (t) => `${t}style:\n  fonts: { serif: fonts/MySerif.ttf }\n`,
    };
    mkdirSync(file('cases'));
    cpSync(file(PUBLICATION), file('cases/publication.yaml'));
    for (const [name, change] of Object.entries(cases)) {
      const text = change(read(ISSUE));
      if (text === read(ISSUE)) throw new Error(`test setup: case ${name} changed nothing`);
      write(`cases/${name}.yaml`, text);
    }
    write('cases/gbk.yaml', Buffer.concat([readFileSync(file(ISSUE)), Buffer.from('\n# \xb1\xbe\xd4\xc2\n', 'latin1')]));
    const r = run(['check', 'cases']);
    expectClean(r, [1]);
    const all = lines(r.err);
    const bare = all.filter((l, i) => /^\S.*: /.test(l) && !l.includes(': warning: ') && !all[i + 1]?.startsWith('  hint: '));
    expect(bare).toEqual([]);
  });

  it('a batch\'s summary counts the errors and the warnings', () => {
    mkdirSync(file('batch'));
    cpSync(file(PUBLICATION), file('batch/publication.yaml'));
    cpSync(file(ISSUE), file('batch/a.yaml'));
    write('batch/b.yaml', read(ISSUE).replace('李兵到我区', '李\u0007兵\u00ad到我区'));
    write('batch/c.yaml', read(ISSUE).replace('  number: 91', '  nubmer: 91'));
    const r = build('batch', '-j', '2', '-o', 'out/');
    expectClean(r, [1]);
    const summary = lines(r.err).find((l) => /^\d+ issues: /.test(l));
    expect(summary, r.err).toMatch(/^3 issues: 2 built, 0 up to date, 1 failed\b/);
    expect(summary).toMatch(/\b2 errors?\b/);
    expect(summary).toMatch(/\b2 warnings\b/);
  });
});

describe('messages that say what is wrong', () => {
  it('brackets nested thousands deep: said so at the first bracket, not "Maximum call stack size exceeded" with a hint on indentation', () => {
    write('issues/deep.yaml', `publication: publication.yaml\nissue: ${'['.repeat(5000)}${']'.repeat(5000)}\n`);
    expectRefused(build('issues/deep.yaml'), [
      'issues/deep.yaml:2:8: YAML syntax: nested too deeply to read (brackets or indentation thousands of levels deep)',
      '  hint: an issue nests a few levels (sections, articles, body); look for [ or { opened again and again, and never closed',
    ]);
  });

  it('a second YAML document in the file: said so at its ---, not "please use YAML.parseAllDocuments()"', () => {
    write(ISSUE, `${read(ISSUE)}---\nissue: {number: 92}\n`);
    expectRefused(build(ISSUE), [
      `${at(ISSUE, '---')}: YAML syntax: a second YAML document starts here (---); a file holds one issue`,
      '  hint: remove this --- line and what follows it, or save that part as a file of its own',
    ]);
  });

  it('a --placeholder no font can draw is named with the character it could not stand in for', () => {
    edit(ISSUE, '李兵到我区督导', '李兵😀到我区督导');
    expectRefused(build(ISSUE, '--placeholder', '🙂'), [
      `${at(ISSUE, '😀')}: sections[0].articles[0].body: no font can draw "😀" (U+1F600); tried Noto Serif SC Regular, Noto Serif SC Bold, Noto Sans SC Bold; nor the placeholder "🙂" (U+1F642)`,
      '  hint: replace the character, or add a font that has it; or give --placeholder a character the fonts have, such as 〓',
    ]);
  });

  it('import: every error with its hint', () => {
    write('notes.txt', '# 说明\n\n这不是一期简报。\n');
    const r = run(['import', 'notes.txt', '-o', 'issues/imported.yaml']);
    expectClean(r, [1]);
    // No contents, no period, no serial, no print date: each followed by what to do.
    const all = lines(r.err);
    expect(all).toHaveLength(8);
    for (let i = 0; i < all.length; i += 2) {
      expect(all[i]).toMatch(/^notes\.txt:1:1: /);
      expect(all[i + 1]).toMatch(/^ {2}hint: \S/);
    }
    expect(existsSync(file('issues/imported.yaml'))).toBe(false);
  });

  it('a direction control echoed from the input is written as an escape, so the line reads as it is', () => {
    edit(ISSUE, '  number: 91', '  number: 91\n  n\u202eumber: 91');
    edit(ISSUE, 'printed: 2020-03-16', 'printed: "2020-03-16\u202e"');
    const r = build(ISSUE);
    expectClean(r, [1]);
    expect(r.err).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
    expect(problems(r)).toEqual([
      `${at(ISSUE, 'n\u202eumber')}: issue.n\\u202eumber: unknown key "n\\u202eumber"; did you mean "number"?`,
      `${at(ISSUE, '"2020-03-16')}: issue.printed: expected a date as YYYY-MM-DD, found "2020-03-16\\u202e"`,
    ]);
  });

  it('100 000 soft hyphens: three warnings shown, the rest counted on one line; --json keeps every one', () => {
    edit(ISSUE, '李兵到我区督导', `李兵到我区${'督\u00ad'.repeat(100_000)}导`);
    const r = build(ISSUE);
    expectClean(r, [0]);
    const warned = lines(r.err);
    expect(warned).toHaveLength(3 * 2 + 1);
    expect(warned.slice(0, 6).filter((_, i) => i % 2 === 0)).toEqual(
      [0, 1, 2].map((n) => `${ISSUE}:${at(ISSUE, '\u00ad').split(':')[1]}:${Number(at(ISSUE, '\u00ad').split(':')[2]) + 2 * n}: warning: sections[0].articles[0].body: soft hyphen (U+00AD) removed`),
    );
    expect(warned[6]).toBe(`${ISSUE}: warning: 99997 more like the above: soft hyphen (U+00AD) removed`);
    const json = run(['build', ISSUE, '--json', '--force']);
    expect((JSON.parse(json.out) as { warnings: unknown[] }).warnings).toHaveLength(100_000);
  });
});

describe('interrupted', () => {
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('a batch stopped by %s exits %i: no temporary file, the finished PDFs whole, the others as they were', async (signal, code) => {
    // The previous PDFs: a real build of another version of the issue.
    edit(ISSUE, '  copies: 130', '  copies: 131');
    const prev = build(ISSUE, '-o', 'previous.pdf');
    expect(prev.code, prev.err).toBe(0);
    edit(ISSUE, '  copies: 131', '  copies: 130');
    const previous = readFileSync(file('previous.pdf'));
    const names = Array.from({ length: 12 }, (_, i) => `issue-${String(i + 1).padStart(2, '0')}`);
    mkdirSync(file('batch'));
    mkdirSync(file('out'));
    cpSync(file(PUBLICATION), file('batch/publication.yaml'));
    for (const n of names) {
      cpSync(file(ISSUE), file(`batch/${n}.yaml`));
      writeFileSync(file(`out/${n}.pdf`), previous);
    }

    const child = spawn(process.execPath, [bin, 'build', 'batch', '-j', '2', '--force', '-o', 'out/'], { cwd: dir });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    for (let i = 0; i < 600 && !/\] built /.test(err); i++) await new Promise((r) => setTimeout(r, 25));
    expect(err, 'no PDF was finished in time').toMatch(/\] built /);
    child.kill(signal);
    const status = await Promise.race([exited, new Promise<'hung'>((r) => setTimeout(() => r('hung'), 30_000))]);
    if (status === 'hung') child.kill('SIGKILL');
    expect(status, err).toBe(code);
    expect(err).toContain(`stopped by ${signal}`);
    expect(err).not.toMatch(/^\s+at /m);
    expect(temporaries()).toEqual([]);

    const finished = new Set([...err.matchAll(/\] built batch\/(issue-\d+)\.yaml/g)].map((m) => m[1]!));
    expect(finished.size).toBeGreaterThan(0);
    expect(finished.size, 'the batch ended before the signal: nothing was interrupted').toBeLessThan(names.length);
    const pdfs = readdirSync(file('out')).filter((f) => f.endsWith('.pdf'));
    expect(pdfs.sort()).toEqual(names.map((n) => `${n}.pdf`));
    const fresh = readFileSync(file(`out/${[...finished][0]}.pdf`));
    expect(fresh.equals(previous)).toBe(false);
    for (const n of names) {
      const bytes = readFileSync(file(`out/${n}.pdf`));
      if (finished.has(n)) expect(bytes.equals(fresh), `${n}.pdf was finished`).toBe(true);
      // One renamed into place as the signal came may not have been reported: then it is whole and new.
      else expect(bytes.equals(previous) || bytes.equals(fresh), `${n}.pdf is neither the previous nor a finished PDF`).toBe(true);
      if (has('qpdf')) expect(spawnSync('qpdf', ['--check', file(`out/${n}.pdf`)]).status, `qpdf --check ${n}.pdf`).toBe(0);
    }
  });
});

describe('a folder of issues', () => {
  it('every YAML file in it is an issue but the publication file: a half-written one, a mistyped key, a BOM are built or reported, never skipped', () => {
    mkdirSync(file('back'));
    cpSync(file(PUBLICATION), file('back/publication.yaml'));
    for (const n of ['issue-88', 'issue-89']) cpSync(file(ISSUE), file(`back/${n}.yml`));
    // Saved by Notepad: a byte-order mark, and CRLF line ends.
    write('back/issue-90.yaml', `\ufeff${read(ISSUE).replaceAll('\n', '\r\n')}`);
    // A mistyped key, and an issue whose saving was cut short.
    write('back/issue-91.yaml', read(ISSUE).replace('sections:', 'section:'));
    write('back/issue-92.yaml', read(ISSUE).slice(0, read(ISSUE).indexOf('  period:')));
    const r = build('back', '-o', 'out/', '-j', '2');
    expectClean(r, [1]);
    expect(readdirSync(file('out')).filter((f) => f.endsWith('.pdf')).sort()).toEqual(['issue-88.pdf', 'issue-89.pdf', 'issue-90.pdf']);
    const failed = problems(r).map((l) => l.split(':')[0]);
    expect([...new Set(failed)].sort()).toEqual(['back/issue-91.yaml', 'back/issue-92.yaml']);
    expect(problems(r)).toContain(`${at('back/issue-91.yaml', 'section:')}: section: unknown key "section"; did you mean "sections"?`);
    for (const l of problems(r)) expect(l).toMatch(/^back\/issue-9[12]\.yaml:\d+:\d+: /);
    expect(r.err).toMatch(/^5 issues: 3 built, 0 up to date, 2 failed \(\d+ errors\) /m);
  });

  it('a YAML file that is neither an issue nor the publication is reported, and the others build', () => {
    mkdirSync(file('back'));
    cpSync(file(PUBLICATION), file('back/publication.yaml'));
    cpSync(file(ISSUE), file('back/issue-91.yaml'));
    write('back/notes.yaml', '待办: 第92期的稿件\n');
    const r = build('back', '-o', 'out/');
    expectClean(r, [1]);
    expect(existsSync(file('out/issue-91.pdf'))).toBe(true);
    expect(problems(r)).toEqual(['back/notes.yaml: is not an issue file: it has no publication:, issue: or sections:']);
  });

  it('the publication file an issue names is no issue, whatever its shape; nor is one with the publication\'s shape that none names', () => {
    mkdirSync(file('back'));
    // Named by the issues, and broken: its errors are theirs, reported once each.
    write('back/上街史志.yaml', `${read(PUBLICATION)}\nstyle: { size: 16 }\n`);
    write('back/issue-91.yaml', read(ISSUE).replace('publication: publication.yaml', 'publication: 上街史志.yaml'));
    cpSync(file(PUBLICATION), file('back/other-publication.yaml'));
    const r = build('back', '-o', 'out/');
    expectClean(r, [1]);
    expect(problems(r)).toEqual([expect.stringMatching(/^back\/上街史志\.yaml:\d+:\d+: .*duplicate key "style"/)]);
  });

  it('an unquoted pattern the shell expands (issues/*.yaml, the publication file among them) builds the issues', () => {
    cpSync(file(ISSUE), file('issues/issue-92.yaml'));
    // The shell's expansion, in its order: issue-91, issue-92, publication.
    const r = build('issues/issue-91.yaml', 'issues/issue-92.yaml', 'issues/publication.yaml');
    expectClean(r, [0]);
    expect(readdirSync(file('output')).filter((f) => f.endsWith('.pdf')).sort()).toEqual(['issue-91.pdf', 'issue-92.pdf']);
    expect(r.err).toMatch(/^2 issues: 2 built, 0 up to date, 0 failed /m);
  });
});

/**
 * The command started in the background, so that a test can act while it runs;
 * under strace where it is installed, so the test can then list every file the
 * command and its threads opened.
 */
function start(args: string[]) {
  const trace = file('strace.txt');
  const traced = canTrace();
  const command = traced ? ['strace', '-f', '-qq', '-e', 'trace=open,openat', '-o', trace, process.execPath, bin, ...args] : [process.execPath, bin, ...args];
  const child = spawn(command[0]!, command.slice(1), { cwd: dir });
  const got = { out: '', err: '' };
  child.stdout.on('data', (d: Buffer) => (got.out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (got.err += d.toString()));
  const done = new Promise<Run>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, ...got })));
  return {
    got,
    done,
    /** Every file opened (successfully or not), as absolute paths; undefined without strace. */
    opened: (): string[] | undefined =>
      traced ? [...read('strace.txt').matchAll(/open(?:at)?\((?:AT_FDCWD, )?"([^"]+)"/g)].map((m) => path.resolve(dir, m[1]!)) : undefined,
  };
}

/** Whether strace is installed and may trace here (a container may forbid it); where tools are required, it must. */
let traceable: boolean | undefined;
function canTrace(): boolean {
  if (traceable === undefined) {
    traceable = has('strace') && spawnSync('strace', ['-qq', '-e', 'trace=none', 'true']).status === 0;
    if (!traceable && process.env.BULLETIN_REQUIRE_TOOLS === '1' && has('strace')) throw new Error('strace is installed but cannot trace here');
  }
  return traceable;
}

/** Wait until `done` says so, up to 60 s. */
async function until(done: () => boolean): Promise<void> {
  for (let i = 0; i < 2400 && !done(); i++) await new Promise((r) => setTimeout(r, 25));
}

describe('files swapped while a batch runs', () => {
  it('an image swapped for a link to a file outside the folder is never read: the issues built before it are whole, those after fail at the image', async () => {
    write('secret.png', png(40, 30, [0, 0, 255]));
    write('issues/photo.png', png(40, 30, [128, 128, 128]));
    const withImage = read(ISSUE).replace(
      '  - title: 重要会议',
      '  - title: 图片\n    articles:\n      - title: 防疫服务站\n        body:\n          - 图为防疫服务站。\n          - image: photo.png\n  - title: 重要会议',
    );
    const names = Array.from({ length: 20 }, (_, i) => `batch-${String(i + 1).padStart(2, '0')}`);
    for (const n of names) write(`issues/${n}.yaml`, withImage);
    const reference = build(`issues/${names[0]}.yaml`, '-o', 'reference.pdf');
    expect(reference.code, reference.err).toBe(0);

    const batch = start(['build', 'issues', '--jobs', '4', '--force', '-o', 'out/']);
    await until(() => /\] built /.test(batch.got.err));
    rmSync(file('issues/photo.png'));
    symlinkSync(file('secret.png'), file('issues/photo.png'));
    const before = batch.got.err.match(/^\[\d+\/\d+\] /gm)?.length ?? 0;
    expect(before, 'the batch ended before the image was swapped').toBeLessThan(names.length);
    const r = await batch.done;
    expectClean(r, [0, 1]);
    // Every PDF written holds the image from inside the folder: byte for byte the reference.
    for (const n of readdirSync(file('out')).filter((f) => f.startsWith('batch-'))) {
      expect(readFileSync(file(`out/${n}`)).equals(readFileSync(file('reference.pdf'))), `${n} holds another image`).toBe(true);
    }
    for (const l of failures(r)) expect(l).toMatch(/^issues\/batch-\d+\.yaml:\d+:\d+: sections\[1\]\.articles\[0\]\.body\[1\]\.image: (?:"photo\.png"|photo\.png:) leads outside the issue's folder$/);
    expect(batch.opened()?.filter((f) => f === file('secret.png')) ?? []).toEqual([]);
  });
});

describe('one issue failing in a batch', () => {
  /** Issue 91 with an article holding `photo.png`, as several issues of one batch. */
  function withImage(): string {
    return read(ISSUE).replace(
      '  - title: 重要会议',
      '  - title: 图片\n    articles:\n      - title: 防疫服务站\n        body:\n          - 图为防疫服务站。\n          - image: photo.png\n  - title: 重要会议',
    );
  }

  it('a font whose outlines are damaged fails its issue at the key naming it; the other four build', () => {
    const font = Buffer.from(readFileSync(path.join(root, 'fonts', 'NotoSerifSC-Regular.ttf')));
    // The glyf table overwritten with 0xff (every outline a composite glyph of
    // nonsense): every table opening the font checks is intact.
    // Its head checksum differs from the vendored face's, as any other font's does:
    // the gongwen preset sets folios in the vendored Noto Serif SC Regular, and
    // pdfkit takes a font of the same name and checksum for the one it embedded.
    const tables = font.readUInt16BE(4);
    for (let i = 0; i < tables; i++) {
      const tag = font.toString('latin1', 12 + 16 * i, 16 + 16 * i);
      const offset = font.readUInt32BE(20 + 16 * i);
      const length = font.readUInt32BE(24 + 16 * i);
      if (tag === 'glyf') font.fill(0xff, offset, offset + length);
      if (tag === 'head') font.writeUInt32BE(font.readUInt32BE(offset + 8) ^ 1, offset + 8);
    }
    write('issues/fonts/Damaged.ttf', font);
    for (const n of ['a', 'b', 'c', 'd']) cpSync(file(ISSUE), file(`issues/${n}.yaml`));
    write('issues/e.yaml', `${read(ISSUE)}style:\n  fonts: { serif: fonts/Damaged.ttf }\n`);
    rmSync(file(ISSUE));
    for (const jobs of ['1', '2']) {
      rmSync(file('out'), { recursive: true, force: true });
      const r = build('issues', '-j', jobs, '-o', 'out/');
      expectClean(r, [1]);
      expect(readdirSync(file('out')).filter((f) => f.endsWith('.pdf')).sort(), `-j ${jobs}`).toEqual(['a.pdf', 'b.pdf', 'c.pdf', 'd.pdf']);
      expect(problems(r), `-j ${jobs}`).toEqual([
        expect.stringMatching(new RegExp(`^${escape(at('issues/e.yaml', 'fonts/Damaged.ttf'))}: style\\.fonts\\.serif: a damaged font: .*issues/fonts/Damaged\\.ttf$`)),
      ]);
      expect(r.err).toMatch(/^5 issues: 4 built, 0 up to date, 1 failed \(1 error\) /m);
    }
  });

  it('an image deleted while the batch runs fails the issues built after, each at its image key; the others build, exit 1', async () => {
    write('issues/photo.png', png(40, 30));
    const names = Array.from({ length: 12 }, (_, i) => `batch-${String(i + 1).padStart(2, '0')}`);
    for (const n of names) write(`issues/${n}.yaml`, withImage());
    const batch = start(['build', 'issues', '--jobs', '2', '--force', '-o', 'out/']);
    await until(() => /\] built /.test(batch.got.err));
    rmSync(file('issues/photo.png'));
    const before = batch.got.err.match(/^\[\d+\/\d+\] /gm)?.length ?? 0;
    expect(before, 'the batch ended before the image was deleted').toBeLessThan(names.length + 1);
    const r = await batch.done;
    expectClean(r, [1]);
    expect(failures(r).length).toBeGreaterThan(0);
    for (const l of failures(r)) expect(l).toMatch(/^issues\/batch-\d+\.yaml:\d+:\d+: sections\[1\]\.articles\[0\]\.body\[1\]\.image: (?:file not found: photo\.png|photo\.png: (?:no such file|cannot read the file \(ENOENT\)))$/);
    // Every issue has its record: built, or failed with its error.
    expect(r.err.match(/^\[\d+\/\d+\] /gm)).toHaveLength(names.length + 1);
    expect(readdirSync(file('out')).filter((f) => f.startsWith('batch-')).length).toBe(names.length - failures(r).length);
  });
});

describe('a single build interrupted', () => {
  /**
   * Whether process `pid` is well into its build: 0.4 s of processor time (Linux:
   * /proc/<pid>/stat), when starting takes 0.1 s; elsewhere, a second after `since`.
   */
  function busy(pid: number, since: number): boolean {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      // utime and stime, fields 14 and 15 of stat(5), in ticks of 1/100 s.
      return (Number(fields[11]) + Number(fields[12])) / 100 >= 0.4;
    } catch {
      return performance.now() - since > 1000;
    }
  }

  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('stopped by %s while it lays out, it exits %i: the previous PDF untouched, no temporary file', async (signal, code) => {
    // Issue 91's sections six times over: a build of a second or two, long enough to be stopped.
    const text = read(ISSUE);
    const sections = text.slice(text.indexOf('sections:\n') + 'sections:\n'.length, text.indexOf('colophon:'));
    write(ISSUE, text.replace(sections, sections.repeat(6)));
    const child = spawn(process.execPath, [bin, 'build', ISSUE, '--force'], { cwd: dir });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    const since = performance.now();
    await until(() => busy(child.pid!, since) || child.exitCode !== null);
    child.kill(signal);
    expect(await exited, err).toBe(code);
    expect(err).toContain(`stopped by ${signal}`);
    expect(readFileSync(file(OUTPUT)).equals(PREVIOUS), 'the previous PDF was replaced').toBe(true);
    expect(temporaries()).toEqual([]);
  });
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
