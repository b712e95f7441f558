/**
 * The loader's contract (shared/docs/issue-format.md): every problem with an issue
 * file is an InputError whose one-line messages name the file, line, column and path;
 * what loads keeps where each character came from.
 *
 * Each test writes its files into a fresh temporary folder. Expected messages are
 * written out in full; line numbers refer to the file text shown in the test.
 */
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { aliasBomb } from '../../test/helpers/issues.js';
import { MAX_FILE_BYTES, loadIssue } from './load.js';
import type { Issue, SourceText } from './model.js';
import { InputError, formatProblem, type Problem } from './problem.js';
import { normalise, positionOf } from './text.js';

/** The publication file of 上街史志, as committed. */
const PUBLICATION = readFileSync(new URL('../../issues/publication.yaml', import.meta.url), 'utf8');

/** A publication file small enough to count its lines in the tests below. */
const SMALL_PUBLICATION = `name: 上街史志
editor: 上街区地方史志办公室编
colophon:
  notice: 内部资料 注意保存
  distribution: [区委书记, 区长]
  supervisor: 上街区人民政府办公室
  publisher: 上街区地方史志办公室
  phone: "68933000"
  email: sjqdfzbg@126.com
style:
  preset: default
`;

/** A valid issue file; the comment gives each line's number. */
const ISSUE = `publication: publication.yaml
issue:
  number: 91
  period: 2020年2月
  printed: 2020-03-16
sections:
  - title: 本月关注
    articles:
      - title: 市领导督导我区疫情防控工作
        body: |
          2月12日，市政府副秘书长李兵到我区督导了疫情防控工作。

          在上街高速路口防疫服务站，李兵详细询问了人员配置。
colophon:
  copies: 130
`;
//  1 publication   2 issue   3 number   4 period   5 printed   6 sections
//  7 - title       8 articles   9 - title   10 body: |   11 paragraph   12 (blank)
// 13 paragraph     14 colophon  15 copies

/** `text` with `from` replaced by `to`; fails loudly when `from` is not there. */
function edit(text: string, from: string | RegExp, to: string): string {
  const out = text.replace(from, to);
  if (out === text) throw new Error(`test setup: ${String(from)} not found`);
  return out;
}

const folders: string[] = [];
afterEach(() => {
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fresh folder holding `files` (name → text or bytes); returns its path. */
function folder(files: Record<string, string | Uint8Array> = {}): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'bulletin-load-'));
  folders.push(dir);
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

/** Writes an issue file (and the committed publication file beside it); returns its path. */
function issueFile(text: string | Uint8Array, publication: string | null = PUBLICATION): string {
  const dir = folder(publication === null ? {} : { 'publication.yaml': publication });
  const file = path.join(dir, 'issue.yaml');
  writeFileSync(file, text);
  return file;
}

/** The problems `loadIssue` reports; fails when the file loads or the loader crashes. */
function problemsOf(file: string): Problem[] {
  try {
    loadIssue(file);
  } catch (e) {
    if (e instanceof InputError) return e.problems;
    throw e; // a crash, not a report: let the test show it
  }
  throw new Error(`expected ${file} to be refused, but it loaded`);
}

const messagesOf = (file: string): string[] => problemsOf(file).map(formatProblem);

/** The 1-based line and column of the first `needle` in `src` (columns in characters, as the loader counts). */
function whereIs(src: string, needle: string): { line: number; col: number } {
  const lines = src.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const col = lines[i]!.indexOf(needle);
    if (col >= 0) return { line: i + 1, col: [...lines[i]!.slice(0, col)].length + 1 };
  }
  throw new Error(`test setup: ${needle} not in the source`);
}

/**
 * Every character of `text` (but the spaces a join adds) stands where `positionOf`
 * says it does in `src`, up to the radical normalisation the loader applies.
 */
function expectExactPositions(src: string, text: SourceText): void {
  // Lines as arrays of characters: columns count code points.
  const lines = src.replace(/^\ufeff/, '').split(/\r?\n/).map((l) => [...l]);
  const wrong: string[] = [];
  for (let i = 0; i < text.text.length; i++) {
    // The second half of a surrogate pair is the same character as the first.
    if (i > 0 && text.text.codePointAt(i - 1)! > 0xffff) continue;
    const ch = String.fromCodePoint(text.text.codePointAt(i)!);
    if (ch === ' ') continue;
    const { line, col } = positionOf(text.source, i);
    const found = lines[line - 1]?.[col - 1];
    if (found === undefined || normalise(found) !== ch) {
      wrong.push(`${text.source.path}[${i}] "${ch}" → ${line}:${col} holds ${JSON.stringify(found)}`);
    }
  }
  expect(wrong).toEqual([]);
}

/**
 * A syntax error: the first message is `first` exactly. The YAML parser may add
 * follow-on messages for the same slip; each must still be a YAML syntax message
 * located in the same file.
 */
function expectSyntax(file: string, first: string, named = file): void {
  const messages = messagesOf(file);
  expect(messages[0]).toBe(first);
  for (const m of messages) expect(m).toMatch(new RegExp(`^${escape(named)}:\\d+:\\d+: YAML syntax: `));
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const article = (issue: Issue, s = 0, a = 0) => issue.sections[s]!.articles[a]!;

describe('YAML syntax errors', () => {
  it('a key indented less than its siblings: the line and column of the bad indentation', () => {
    const file = issueFile(edit(ISSUE, '  period: 2020年2月', ' period: 2020年2月'));
    expectSyntax(file, `${file}:4:1: YAML syntax: All mapping items must start at the same column`);
  });

  it('a key indented more than its siblings: points at the line that is indented wrongly', () => {
    // `body:` one space too far in: a common slip when editing by hand.
    const file = issueFile(edit(ISSUE, '        body: |', '         body: |'));
    const [first] = messagesOf(file);
    expect(first).toMatch(new RegExp(`^${escape(file)}:10:\\d+: YAML syntax: `));
  });

  it('a tab used as indentation', () => {
    const file = issueFile(edit(ISSUE, '  period: 2020年2月', '\tperiod: 2020年2月'));
    expectSyntax(file, `${file}:4:1: YAML syntax: Tabs are not allowed as indentation`);
  });

  it('an unclosed quote: points at the opening quote, not at the end of the file', () => {
    const file = issueFile(edit(ISSUE, '  period: 2020年2月', '  period: "2020年2月'));
    expect(messagesOf(file)).toEqual([`${file}:4:11: YAML syntax: a quote opened here is never closed (")`]);
  });

  it('more than one YAML document', () => {
    const file = issueFile(`${ISSUE}---\nissue: {number: 92}\n`);
    expect(messagesOf(file)).toEqual([
      `${file}:16:1: YAML syntax: a second YAML document starts here (---); a file holds one issue`,
    ]);
  });
});

describe('wrong types', () => {
  it('a mapping where text is expected', () => {
    const file = issueFile(edit(ISSUE, 'period: 2020年2月', 'period: {年: 2020, 月: 2}'));
    expect(messagesOf(file)).toEqual([`${file}:4:11: issue.period: expected text`]);
  });

  it('a list where a mapping is expected', () => {
    const file = issueFile(edit(ISSUE, 'colophon:\n  copies: 130', 'colophon:\n  - copies: 130'));
    expect(messagesOf(file)).toEqual([`${file}:15:3: colophon: expected a mapping of keys`]);
  });

  it('a number where text is expected, with a hint to quote it', () => {
    const file = issueFile(edit(ISSUE, '  copies: 130', '  copies: 130\n  phone: 68933000'));
    const problems = problemsOf(file);
    expect(problems.map(formatProblem)).toEqual([
      `${file}:16:10: colophon.phone: expected text, found number 68933000`,
    ]);
    expect(problems[0]!.hint).toBe('put it in quotes: "68933000"');
  });

  it('a number with a leading zero keeps its digits in the message and the hint', () => {
    const file = issueFile(edit(ISSUE, '  copies: 130', '  copies: 130\n  phone: 0371'));
    const problems = problemsOf(file);
    expect(problems.map(formatProblem)).toEqual([
      `${file}:16:10: colophon.phone: expected text, found number 0371`,
    ]);
    expect(problems[0]!.hint).toBe('put it in quotes: "0371"');
  });

  it('a key with no value', () => {
    const file = issueFile(edit(ISSUE, 'title: 本月关注', 'title:'));
    expect(messagesOf(file)).toEqual([`${file}:7:11: sections[0].title: expected text`]);
  });
});

describe('issue.number', () => {
  it.each([
    ['0', 'expected a positive whole number, found 0'],
    ['-3', 'expected a positive whole number, found -3'],
    ['9.5', 'expected a positive whole number, found 9.5'],
    ['九十一', 'expected a positive whole number, found "九十一"'],
    ['"91"', 'expected a positive whole number, found "91"'],
  ])('number: %s is refused', (written, message) => {
    const file = issueFile(edit(ISSUE, 'number: 91', `number: ${written}`));
    expect(messagesOf(file)).toEqual([`${file}:3:11: issue.number: ${message}`]);
  });
});

describe('missing required keys', () => {
  it('issue.period', () => {
    const file = issueFile(edit(ISSUE, '  period: 2020年2月\n', ''));
    expect(messagesOf(file)).toEqual([`${file}:3:3: issue: missing required key "period"`]);
  });

  it('sections', () => {
    const file = issueFile(edit(ISSUE, /sections:[\s\S]*(?=colophon:)/, ''));
    expect(messagesOf(file)).toEqual([`${file}:1:1: missing required key "sections"`]);
  });

  it("an article's body", () => {
    const file = issueFile(edit(ISSUE, /        body: \|\n.*\n\n.*\n/, ''));
    expect(messagesOf(file)).toEqual([
      `${file}:9:9: sections[0].articles[0]: missing required key "body"`,
    ]);
  });
});

describe('unknown keys', () => {
  it('with a close known key: suggests it', () => {
    const file = issueFile(edit(ISSUE, 'number: 91', 'nubmer: 91'));
    const problems = problemsOf(file);
    expect(problems.map(formatProblem)).toEqual([
      `${file}:3:3: issue.nubmer: unknown key "nubmer"; did you mean "number"?`,
      `${file}:3:3: issue: missing required key "number"`,
    ]);
    expect(problems[0]!.hint).toBe('known keys here: number, period, printed');
  });

  it('with no close known key: no suggestion', () => {
    const file = issueFile(edit(ISSUE, '  printed: 2020-03-16', '  printed: 2020-03-16\n  title: 上街史志'));
    expect(messagesOf(file)).toEqual([`${file}:6:3: issue.title: unknown key "title"`]);
  });

  it('deep inside the file: the whole path', () => {
    const file = issueFile(edit(ISSUE, '        body: |', '        boyd: 正文\n        body: |'));
    expect(messagesOf(file)).toEqual([
      `${file}:10:9: sections[0].articles[0].boyd: unknown key "boyd"; did you mean "body"?`,
    ]);
  });
});

it('a duplicate key names the line of the first', () => {
  const file = issueFile(edit(ISSUE, '  printed: 2020-03-16', '  printed: 2020-03-16\n  period: 2020年3月'));
  expect(messagesOf(file)).toEqual([
    `${file}:6:3: issue.period: duplicate key "period" (first given on line 4)`,
  ]);
});

describe('empty things', () => {
  it.each([
    ['an empty file', ''],
    ['a file of comments only', '# 第92期\n\n# 待写\n'],
  ])('%s', (_, text) => {
    const file = issueFile(text);
    expect(messagesOf(file)).toEqual([`${file}:1:1: the file is empty; expected a mapping of keys`]);
  });

  it('an empty list', () => {
    const file = issueFile(edit(ISSUE, /sections:[\s\S]*(?=colophon:)/, 'sections: []\n'));
    expect(messagesOf(file)).toEqual([`${file}:6:11: sections: the list is empty`]);
  });

  it('a section with no articles loads (a new issue starts so); compose leaves it out with a warning', async () => {
    const file = issueFile(edit(ISSUE, /    articles:[\s\S]*(?=colophon:)/, '    articles: []\n'));
    const issue = loadIssue(file);
    expect(issue.sections[0]!.articles).toEqual([]);
    const { compose } = await import('../document/index.js');
    const doc = compose(issue);
    expect(doc.flow).toEqual([]);
    expect(doc.warnings.map(formatProblem)).toEqual([`${file}:7:12: warning: sections[0]: section "本月关注" has no articles; it is left out`]);
  });

  it.each([
    ['""', '""'],
    ['spaces only', '"   "'],
    ['an ideographic space only', '"\u3000"'],
  ])('empty text: %s', (_, written) => {
    const file = issueFile(edit(ISSUE, 'title: 本月关注', `title: ${written}`));
    expect(messagesOf(file)).toEqual([
      `${file}:7:12: sections[0].title: expected text, found an empty value`,
    ]);
  });
});

describe('dates', () => {
  it('a date that does not exist', () => {
    const file = issueFile(edit(ISSUE, '2020-03-16', '2020-02-30'));
    expect(messagesOf(file)).toEqual([`${file}:5:12: issue.printed: no such date: 2020-02-30`]);
  });

  it('a date in another form', () => {
    const file = issueFile(edit(ISSUE, '2020-03-16', '2020/03/16'));
    expect(messagesOf(file)).toEqual([
      `${file}:5:12: issue.printed: expected a date as YYYY-MM-DD, found "2020/03/16"`,
    ]);
  });
});

it('a value not among the choices suggests the nearest', () => {
  const file = issueFile(`${ISSUE}style: {preset: gongwne}\n`);
  expect(messagesOf(file)).toEqual([
    `${file}:16:17: style.preset: expected one of "default", "gongwen"; did you mean "gongwen"?`,
  ]);
});

describe('the publication file', () => {
  it('missing', () => {
    const file = issueFile(ISSUE, null);
    expect(messagesOf(file)).toEqual([`${file}:1:14: publication: file not found: publication.yaml`]);
  });

  it('a path that leaves the issue folder is refused, even when the file is there', () => {
    const dir = folder({ 'outside.yaml': PUBLICATION });
    const file = path.join(dir, 'issues', 'issue.yaml');
    mkdirSync(path.dirname(file));
    writeFileSync(file, edit(ISSUE, 'publication: publication.yaml', 'publication: ../outside.yaml'));
    expect(messagesOf(file)).toEqual([
      `${file}:1:14: publication: "../outside.yaml" is outside the issue's folder; paths must stay inside it`,
    ]);
  });

  it('an absolute path is refused', () => {
    const file = issueFile(edit(ISSUE, 'publication: publication.yaml', 'publication: /etc/hosts'));
    expect(messagesOf(file)).toEqual([
      `${file}:1:14: publication: "/etc/hosts" is outside the issue's folder; paths must stay inside it`,
    ]);
  });

  it('a symbolic link that leads out of the issue folder is refused', () => {
    const outside = folder({ 'x.yaml': PUBLICATION });
    const file = issueFile(edit(ISSUE, 'publication: publication.yaml', 'publication: link.yaml'));
    symlinkSync(path.join(outside, 'x.yaml'), path.join(path.dirname(file), 'link.yaml'));
    expect(messagesOf(file)).toEqual([
      `${file}:1:14: publication: "link.yaml" leads outside the issue's folder`,
    ]);
  });

  it('a folder named as the publication: reported at the publication key of the issue', () => {
    const file = issueFile(edit(ISSUE, 'publication: publication.yaml', 'publication: shared'));
    mkdirSync(path.join(path.dirname(file), 'shared'));
    const [first] = messagesOf(file);
    expect(first).toMatch(new RegExp(`^${escape(file)}:1:14: publication: `));
  });

  it("problems inside it name the publication file and its own lines", () => {
    const file = issueFile(
      ISSUE,
      edit(edit(SMALL_PUBLICATION, 'name: 上街史志', 'name: [上街史志]'), 'supervisor:', 'supervisr:'),
    );
    const pub = path.join(path.dirname(file), 'publication.yaml');
    expect(messagesOf(file)).toEqual([
      `${pub}:1:7: name: expected text`,
      `${pub}:6:3: colophon.supervisr: unknown key "supervisr"; did you mean "supervisor"?`,
    ]);
  });

  it('a publication in a subfolder is named by its path', () => {
    const dir = folder({ 'shared/pub.yaml': edit(SMALL_PUBLICATION, 'editor:', 'editr:') });
    const file = path.join(dir, 'issue.yaml');
    writeFileSync(file, edit(ISSUE, 'publication: publication.yaml', 'publication: shared/pub.yaml'));
    const pub = path.join(dir, 'shared', 'pub.yaml');
    expect(messagesOf(file)).toEqual([
      `${pub}:2:1: editr: unknown key "editr"; did you mean "editor"?`,
      `${pub}:1:1: missing required key "editor"`,
    ]);
  });

  it('a YAML syntax error inside it names the publication file', () => {
    const file = issueFile(ISSUE, edit(SMALL_PUBLICATION, '  notice:', '\tnotice:'));
    const pub = path.join(path.dirname(file), 'publication.yaml');
    expectSyntax(file, `${pub}:4:1: YAML syntax: Tabs are not allowed as indentation`, pub);
  });

  it('an empty publication file', () => {
    const file = issueFile(ISSUE, '');
    const pub = path.join(path.dirname(file), 'publication.yaml');
    expect(messagesOf(file)).toEqual([`${pub}:1:1: the file is empty; expected a mapping of keys`]);
  });
});

it('no colophon in the issue nor in the publication', () => {
  const file = issueFile(
    edit(ISSUE, 'colophon:\n  copies: 130\n', ''),
    edit(SMALL_PUBLICATION, /colophon:[\s\S]*(?=style:)/, ''),
  );
  expect(messagesOf(file)).toEqual([
    `${file}:1:1: no colophon: give one here or in the publication file`,
  ]);
});

describe('files that cannot be read as an issue', () => {
  it('UTF-16 (starts 0xff 0xfe, then 0x00 after every ASCII byte)', () => {
    const file = issueFile(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(ISSUE, 'utf16le')]));
    expect(messagesOf(file)).toEqual([`${file}: the file is not UTF-8 text; save it as UTF-8`]);
  });

  it('GBK (the bytes of 本月 in GBK are not UTF-8)', () => {
    const text = Buffer.from(edit(ISSUE, '本月关注', '\u0000'), 'utf8');
    const at = text.indexOf(0);
    const gbk = Buffer.concat([text.subarray(0, at), Buffer.from([0xb1, 0xbe, 0xd4, 0xc2]), text.subarray(at + 1)]);
    const file = issueFile(gbk);
    expect(messagesOf(file)).toEqual([`${file}: the file is not UTF-8 text; save it as UTF-8`]);
  });

  it('larger than MAX_FILE_BYTES', () => {
    const file = issueFile(ISSUE + '#'.repeat(MAX_FILE_BYTES - Buffer.byteLength(ISSUE) + 1));
    expect(messagesOf(file)).toEqual([
      `${file}: the file is ${MAX_FILE_BYTES + 1} bytes; the limit is ${MAX_FILE_BYTES}`,
    ]);
  });

  it('far larger than MAX_FILE_BYTES (3 GiB, sparse): the same message, without reading it', () => {
    const file = issueFile('');
    truncateSync(file, 3 * 1024 ** 3);
    expect(messagesOf(file)).toEqual([
      `${file}: the file is ${3 * 1024 ** 3} bytes; the limit is ${MAX_FILE_BYTES}`,
    ]);
  });

  it('a folder', () => {
    const dir = folder();
    const file = path.join(dir, 'issue.yaml');
    mkdirSync(file);
    expect(messagesOf(file)).toEqual([`${file}: is a folder, not a YAML file`]);
  });

  it('a file that does not exist', () => {
    const file = path.join(folder(), 'issue-92.yaml');
    expect(messagesOf(file)).toEqual([`${file}: no such file`]);
  });
});

describe('aliases', () => {
  it('an alias bomb in the shape the schema allows is refused, quickly', () => {
    // 100 sections × 100 articles × 100 paragraphs from three anchors: a million
    // paragraphs if expanded.
    const text = aliasBomb(100);
    const file = issueFile(text);
    const start = performance.now();
    const messages = messagesOf(file);
    expect(performance.now() - start).toBeLessThan(1000);
    expect(messages).toEqual([
      `${file}:9:23: sections[0].articles[2].body[1]: more than 200 aliases; refused as an alias bomb`,
    ]);
  });

  it('the billion laughs is refused, quickly', () => {
    let laughs = 'l0: &l0 [哈, 哈, 哈, 哈, 哈, 哈, 哈, 哈, 哈, 哈]\n';
    for (let i = 1; i <= 9; i++) laughs += `l${i}: &l${i} [${Array(10).fill(`*l${i - 1}`).join(', ')}]\n`;
    const file = issueFile(`${laughs}${edit(ISSUE, '  copies: 130', '  copies: 130\n  distribution: *l9')}`);
    const start = performance.now();
    const problems = problemsOf(file);
    expect(performance.now() - start).toBeLessThan(1000);
    expect(problems.length).toBeLessThan(40);
    expect(formatProblem(problems[0]!)).toBe(`${file}:1:1: l0: unknown key "l0"`);
  });

  it('an alias to an anchor that is not there', () => {
    const file = issueFile(edit(ISSUE, 'title: 本月关注', 'title: *栏目'));
    expect(messagesOf(file)).toEqual([`${file}:7:12: sections[0].title: unknown alias *栏目`]);
  });

  it('ordinary aliases load', () => {
    const file = issueFile(
      edit(ISSUE, '  copies: 130', '  copies: 130\n  supervisor: &office 上街区人民政府办公室\n  publisher: *office'),
    );
    const issue = loadIssue(file);
    expect(issue.colophon.publisher?.text).toBe('上街区人民政府办公室');
    expect(issue.colophon.publisher?.source.file).toBe(file);
  });
});

it('several problems in one file are all reported, in file order', () => {
  let text = edit(ISSUE, 'number: 91', 'number: 0');
  text = edit(text, '2020-03-16', '2020-02-30');
  text = edit(text, 'title: 本月关注', 'title: ""');
  text = edit(text, '        body: |', '        toc: 目录\n        tco: 目录\n        body: |');
  text = edit(text, '  copies: 130', '  copies: 130\n  phone: 68933000');
  const file = issueFile(text);
  expect(messagesOf(file)).toEqual([
    `${file}:3:11: issue.number: expected a positive whole number, found 0`,
    `${file}:5:12: issue.printed: no such date: 2020-02-30`,
    `${file}:7:12: sections[0].title: expected text, found an empty value`,
    `${file}:11:9: sections[0].articles[0].tco: unknown key "tco"; did you mean "toc"?`,
    `${file}:18:10: colophon.phone: expected text, found number 68933000`,
  ]);
});

it('an image that is a folder is reported, not a crash', () => {
  const file = issueFile(edit(ISSUE, /body: \|\n.*\n\n.*\n/, 'body:\n          - image: photos\n'));
  mkdirSync(path.join(path.dirname(file), 'photos'));
  const [first] = messagesOf(file);
  expect(first).toMatch(new RegExp(`^${escape(file)}:11:20: sections\\[0\\]\\.articles\\[0\\]\\.body\\[0\\]\\.image: `));
});

describe('files that load', () => {
  it('a UTF-8 byte order mark is skipped and columns do not count it', () => {
    const file = issueFile(`\ufeff${ISSUE}`);
    const issue = loadIssue(file);
    expect(issue.number).toBe(91);
    expect(issue.period.text).toBe('2020年2月');
    expect(positionOf(issue.period.source, 0)).toMatchObject({ line: 4, col: 11 });
  });

  it('CRLF line ends: the text has no CR and positions are right', () => {
    const src = ISSUE.replaceAll('\n', '\r\n');
    const file = issueFile(src, PUBLICATION.replaceAll('\n', '\r\n'));
    const issue = loadIssue(file);
    const body = article(issue).body;
    expect(body.map((b) => ('text' in b ? b.text : ''))).toEqual([
      '2月12日，市政府副秘书长李兵到我区督导了疫情防控工作。',
      '在上街高速路口防疫服务站，李兵详细询问了人员配置。',
    ]);
    expect(issue.colophon.distribution?.map((d) => d.text)).toContain('区委书记');
    for (const b of body) if (b.kind === 'paragraph') expectExactPositions(src, b);
  });

  it('a BOM and CRLF together', () => {
    const file = issueFile(`\ufeff${ISSUE.replaceAll('\n', '\r\n')}`);
    expect(loadIssue(file).sections[0]!.title.text).toBe('本月关注');
  });

  it('an inline publication mapping', () => {
    const src = edit(
      ISSUE,
      'publication: publication.yaml',
      'publication:\n  name: 上街史志\n  editor: 史志办编\n  colophon: {notice: 内部资料, phone: "68933000"}\n  style: {preset: gongwen}',
    );
    const file = issueFile(src, null);
    const issue = loadIssue(file);
    expect(issue.publicationFile).toBeUndefined();
    expect(issue.name.text).toBe('上街史志');
    expect(issue.name.source).toEqual({ file, path: 'publication.name', anchors: [{ at: 0, line: 2, col: 9 }] });
    expect(issue.editor.text).toBe('史志办编');
    expect(issue.colophon.notice?.text).toBe('内部资料');
    expect(issue.colophon.notice?.source.path).toBe('publication.colophon.notice');
    expect(issue.colophon.copies).toBe(130);
    expect(issue.style).toMatchObject({ preset: 'gongwen' });
  });

  it("the issue's colophon and style override the publication's key by key", () => {
    const file = issueFile(
      edit(ISSUE, '  copies: 130', '  copies: 130\n  phone: "68933001"\nstyle:\n  preset: gongwen'),
      SMALL_PUBLICATION,
    );
    const pub = path.join(path.dirname(file), 'publication.yaml');
    const issue = loadIssue(file);
    const { colophon } = issue;
    expect(issue.publicationFile).toBe(pub);
    expect(colophon.phone?.text).toBe('68933001');
    expect(colophon.phone?.source).toEqual({ file, path: 'colophon.phone', anchors: [{ at: 0, line: 16, col: 11 }] });
    expect(colophon.notice?.text).toBe('内部资料 注意保存');
    expect(colophon.notice?.source.file).toBe(pub);
    expect(colophon.distribution?.map((d) => d.text)).toEqual(['区委书记', '区长']);
    expect(colophon.supervisor?.text).toBe('上街区人民政府办公室');
    expect(colophon.email?.text).toBe('sjqdfzbg@126.com');
    expect(colophon.copies).toBe(130);
    const { sources, ...style } = issue.style;
    expect(style).toEqual({ preset: 'gongwen' });
    // Each style key remembers where it was given, for messages about the style.
    expect(sources?.preset).toEqual({ file, line: 18, col: 11, path: 'style.preset' });
  });

  it('the committed issue 91 loads', () => {
    const issue = loadIssue(fileURLToPath(new URL('../../issues/issue-91.yaml', import.meta.url)));
    expect(issue.number).toBe(91);
    expect(issue.sections.length).toBeGreaterThan(0);
  });
});

describe('paragraphs', () => {
  const body = `|
          第一段第一行，
          第一段第二行。

          Latin words
          continue here.

            缩进的第三段，中文接
          English 与中文。
`;
  const src = edit(ISSUE, /\|\n.*\n\n.*\n/, body);

  it('a block literal splits at blank lines; lines join with no space between Chinese, one between Latin words', () => {
    const issue = loadIssue(issueFile(src));
    expect(article(issue).body.map((b) => ('text' in b ? b.text : ''))).toEqual([
      '第一段第一行，第一段第二行。',
      'Latin words continue here.',
      '缩进的第三段，中文接 English 与中文。',
    ]);
  });

  it('more than one blank line, and blank lines at the ends, make no empty paragraphs', () => {
    const issue = loadIssue(issueFile(edit(ISSUE, /\|\n.*\n\n.*\n/, '|\n\n          第一段。\n\n\n\n          第二段。\n\n')));
    expect(article(issue).body.map((b) => ('text' in b ? b.text : ''))).toEqual(['第一段。', '第二段。']);
  });

  it('a chosen character of a block literal stands where the file has it', () => {
    const issue = loadIssue(issueFile(src));
    const [first, , third] = article(issue).body as SourceText[];
    // 第二行 of the first paragraph: line 12 of the file.
    const second = first!.text.indexOf('第二行');
    expect(positionOf(first!.source, second)).toMatchObject(whereIs(src, '第二行'));
    expect(positionOf(first!.source, second)).toMatchObject({ line: 12, col: 14 });
    // "English" on the last line of the indented paragraph.
    expect(positionOf(third!.source, third!.text.indexOf('English'))).toMatchObject({ line: 18, col: 11 });
    // 缩 after two spaces of extra indentation.
    expect(positionOf(third!.source, 0)).toMatchObject({ line: 17, col: 13 });
  });

  it('every character of a block literal stands where the file has it', () => {
    const issue = loadIssue(issueFile(src));
    for (const b of article(issue).body) if (b.kind === 'paragraph') expectExactPositions(src, b);
    expectExactPositions(src, issue.period);
    expectExactPositions(src, article(issue).title[0]!);
  });

  it('positions in a block literal with a comment on its header line', () => {
    const text = edit(src, 'body: |', 'body: | # 正文');
    const issue = loadIssue(issueFile(text));
    for (const b of article(issue).body) if (b.kind === 'paragraph') expectExactPositions(text, b);
  });

  it('positions in a block literal with an indentation indicator', () => {
    // `|2`: the block is indented 2 past `body`, so the text keeps two leading spaces.
    const text = edit(ISSUE, /\|\n.*\n\n.*\n/, '|2\n            第一段，\n            第二行。\n');
    const issue = loadIssue(issueFile(text));
    const [first] = article(issue).body as SourceText[];
    expect(first!.text).toBe('第一段，第二行。');
    expect(positionOf(first!.source, 0)).toMatchObject({ line: 11, col: 13 });
    expectExactPositions(text, first!);
  });

  it('list items written over several lines join like block paragraphs (no space between Chinese)', () => {
    const text = edit(
      ISSUE,
      /\|\n.*\n\n.*\n/,
      '\n          - 第一段第一行，\n            第一段第二行。\n          - "第二段第一行，\n            第二段第二行。"\n          - Latin words\n            continue here.\n',
    );
    const issue = loadIssue(issueFile(text));
    expect(article(issue).body.map((b) => ('text' in b ? b.text : ''))).toEqual([
      '第一段第一行，第一段第二行。',
      '第二段第一行，第二段第二行。',
      'Latin words continue here.',
    ]);
  });

  it('a Han character outside the BMP at a line end is wide too: no space is put in', () => {
    const text = edit(ISSUE, /\|\n.*\n\n.*\n/, '\n          - 第一行𠀀\n            𠀁第二行。\n');
    const issue = loadIssue(issueFile(text));
    expect(article(issue).body.map((b) => ('text' in b ? b.text : ''))).toEqual(['第一行𠀀𠀁第二行。']);
  });

  it('columns count characters: after an emoji or a Han character outside the BMP, the next is one column on', () => {
    // In UTF-16 😀 and 𠀀 are two units each; an editor shows them as one character.
    const text = edit(ISSUE, /\|\n.*\n\n.*\n/, '|\n          开头😀第二𠀀第三，结尾。\n');
    const issue = loadIssue(issueFile(text));
    const [first] = article(issue).body as SourceText[];
    expect(first!.text).toBe('开头😀第二𠀀第三，结尾。');
    // 开 in column 11; 😀 in 13; 第 of 第二 in 14; 𠀀 in 16; 第 of 第三 in 17.
    expect(positionOf(first!.source, first!.text.indexOf('第二'))).toMatchObject({ line: 11, col: 14 });
    expect(positionOf(first!.source, first!.text.indexOf('第三'))).toMatchObject({ line: 11, col: 17 });
    expectExactPositions(text, first!);
  });

  it('columns count characters in a plain scalar and in a problem the validator reports', () => {
    const text = edit(ISSUE, 'colophon:\n  copies: 130', 'colophon: { copies: 130, 😀: x, 备注: y }');
    const problems = problemsOf(issueFile(text));
    // `colophon: { copies: 130, 😀: x, 备注: y }`: 😀 in column 26, 备 in 32 (33 in UTF-16 units).
    expect(problems.map((p) => [p.message.replace(/;.*/, ''), p.line, p.col])).toEqual([
      ['unknown key "😀"', 14, 26],
      ['unknown key "备注"', 14, 32],
    ]);
    const loaded = loadIssue(issueFile(edit(ISSUE, 'period: 2020年2月', 'period: 😀二〇二〇年')));
    // `  period: 😀二〇二〇年`: 😀 in column 11, 二 in 12.
    expect(positionOf(loaded.period.source, loaded.period.text.indexOf('二'))).toMatchObject({ line: 4, col: 12 });
    expectExactPositions(edit(ISSUE, 'period: 2020年2月', 'period: 😀二〇二〇年'), loaded.period);
  });

  it('a syntax error after an emoji is placed in characters', () => {
    const text = edit(ISSUE, '  - title: 本月关注', '  - title: 😀本月: 关注');
    const [first] = problemsOf(issueFile(text));
    // The value holds a colon and a space: named at the value's start, column 12 (😀).
    expect(first).toMatchObject({ line: 7, col: 12, message: expect.stringContaining('colon') });
  });

  it('a one-piece text written as a block literal with a blank line: positions stay exact', () => {
    const text = edit(ISSUE, 'period: 2020年2月', 'period: |\n    二〇二〇年\n\n    二月');
    const issue = loadIssue(issueFile(text));
    expect(issue.period.text).toBe('二〇二〇年二月');
    expect(positionOf(issue.period.source, 5)).toMatchObject({ line: 7, col: 5 });
    expectExactPositions(text, issue.period);
  });

  it('a title broken over two lines: its lines and its contents wording keep their positions', () => {
    const text = edit(
      ISSUE,
      'title: 市领导督导我区疫情防控工作',
      'title: |-\n          区委召开常委会（扩大）会议\n          研究部署疫情防控工作',
    );
    const issue = loadIssue(issueFile(text));
    const { title, toc } = article(issue);
    expect(title.map((t) => t.text)).toEqual(['区委召开常委会（扩大）会议', '研究部署疫情防控工作']);
    expect(positionOf(title[1]!.source, 0)).toMatchObject({ line: 11, col: 11 });
    // The contents join the lines with a space where no punctuation parts them (as
    // the printed contents of issue 91 print the title: 会议 研究部署).
    expect(toc.text).toBe('区委召开常委会（扩大）会议 研究部署疫情防控工作');
    expect(positionOf(toc.source, toc.text.indexOf('研'))).toMatchObject({ line: 11, col: 11 });
  });
});

describe('radicals', () => {
  it('Kangxi radicals become the unified ideographs (⼈ U+2F08 → 人 U+4EBA)', () => {
    const text = edit(edit(ISSUE, '本月关注', '⼈⼤动态'), '李兵', '李⼈');
    const issue = loadIssue(issueFile(text));
    expect(issue.sections[0]!.title.text).toBe('人大动态');
    expect((article(issue).body[0] as SourceText).text).toContain('李人');
    expect((article(issue).body[0] as SourceText).text).not.toMatch(/[\u2f00-\u2fdf]/u);
  });

  it('radicals of the CJK Radicals Supplement become the unified ideographs (⺠ U+2EA0 → 民 U+6C11)', () => {
    const issue = loadIssue(issueFile(edit(ISSUE, '本月关注', '⺠生')));
    expect(issue.sections[0]!.title.text).toBe('民生');
  });
});
