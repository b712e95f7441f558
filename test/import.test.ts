/**
 * `bulletin import` as an editorial office uses it, through the command:
 * - back issues printed by other programs (test/fixtures/import: LaTeX, Typst)
 *   and by bulletin itself (in both presets), imported from their PDFs, give
 *   issues whose PDFs carry every section, title and paragraph of the printed
 *   issue 91 (the seed, whose paragraphs issues/issue-91.yaml holds character for
 *   character: seed.test.ts);
 * - issue 91 saved as one Word document imports to issue-91.yaml's content;
 * - contributions in Word (LibreOffice's and the `docx` package's) join an issue
 *   with --into, which keeps the issue file's bytes, and build: every paragraph of
 *   each is in the PDF;
 * - files written into other folders load and find their schema;
 * - what cannot be read is refused with what to do.
 * Read back with pdf.js (test/helpers/pdf.ts), independently of the PDF reader.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AlignmentType, Document, ImageRun, Packer, Paragraph, TextRun } from 'docx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadIssue, type Issue } from '../src/issue/index.js';
import { has, readPdf, squash } from './helpers/pdf.js';
import { issueContent } from './helpers/issues.js';
import { png } from './helpers/png.js';

const root = path.resolve(import.meta.dirname, '..');
const bin = path.join(root, 'bin', 'bulletin');
const fixtures = path.join(root, 'test', 'fixtures', 'import');
let dir: string;

function run(args: string[], cwd = dir) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', maxBuffer: 64 << 20 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** A folder with issues/publication.yaml, as a project has. */
function project(name: string): string {
  const folder = path.join(dir, name);
  mkdirSync(path.join(folder, 'issues'), { recursive: true });
  copyFileSync(path.join(root, 'issues', 'publication.yaml'), path.join(folder, 'issues', 'publication.yaml'));
  return folder;
}

/** What an issue says, spaces aside (a PDF does not tell a space beside a Chinese character from the printer's spacing). */
function content(issue: Issue): unknown {
  const squashed = (v: unknown): unknown =>
    typeof v === 'string' ? squash(v) : Array.isArray(v) ? v.map(squashed) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, squashed(x)])) : v;
  // Titles as one wording: a PDF cannot tell a title's line break from a line that wrapped.
  const { name: _, editor: __, ...said } = issueContent(issue);
  return squashed({ ...said, sections: said.sections.map((s) => ({ ...s, articles: s.articles.map((a) => ({ ...a, title: a.title.join('') })) })) });
}

const ISSUE_91 = () => loadIssue(path.join(root, 'issues', 'issue-91.yaml'));

/** The text of a built PDF, folios (below the type area) left out, white space removed. */
async function printed(pdf: string): Promise<string> {
  const pages = await readPdf(pdf);
  return pages.map((p) => squash(p.runs.filter((r) => r.y <= p.height - 100).map((r) => r.str).join(''))).join('');
}

/** The paragraphs of issue 91 — sections, titles, paragraphs, as the seed prints them — that `text` lacks. */
function missing(text: string): string[] {
  const issue = ISSUE_91();
  const all = issue.sections.flatMap((s) => [s.title.text, ...s.articles.flatMap((a) => [a.title.map((t) => t.text).join(''), ...a.body.map((b) => (b.kind === 'paragraph' ? b.text : ''))])]);
  return all.filter((p) => !text.includes(squash(p)));
}

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'bulletin-import-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a back issue from its printed PDF', () => {
  for (const [maker, file] of [
    ['LaTeX (xelatex, ctex)', 'issue-91-latex.pdf'],
    ['Typst', 'issue-91-typst.pdf'],
  ] as const) {
    it(`set by ${maker}: every paragraph of issue 91 imported, built and printed`, async () => {
      const folder = project(file);
      const r = run(['import', path.join(fixtures, file)], folder);
      expect(r.code, r.err).toBe(0);
      expect(r.err).toBe('');
      expect(r.out).toMatch(/→ issues\/issue-91\.yaml \(4 sections, 12 articles\)/u);
      const imported = loadIssue(path.join(folder, 'issues', 'issue-91.yaml'));
      expect(content(imported)).toEqual(content(ISSUE_91()));
      const built = run(['build', 'issues/issue-91.yaml', '-q'], folder);
      expect(built.code, built.err).toBe(0);
      const text = await printed(path.join(folder, 'output', 'issue-91.pdf'));
      // 4 sections, 12 titles, 53 paragraphs: all 69 there.
      expect(missing(text)).toEqual([]);
    });
  }

  /** Issue 91 in a project, set in a preset, with its text changed by `edit`; its path. */
  function own(name: string, preset: 'gongwen' | 'default', edit: (yaml: string) => string = (y) => y): string {
    const folder = project(name);
    const file = path.join(folder, 'issues', 'issue-91.yaml');
    const yaml = readFileSync(path.join(root, 'issues', 'issue-91.yaml'), 'utf8');
    expect(yaml).not.toMatch(/^style:/mu);
    writeFileSync(file, `${edit(yaml)}style:\n  preset: ${preset}\n`);
    return file;
  }

  /** Builds the issue, imports its PDF as issues/again.yaml: the issue read back. */
  function roundTrip(file: string): Issue {
    const folder = path.dirname(path.dirname(file));
    expect(run(['build', file, '-o', 'own.pdf', '-q'], folder).code).toBe(0);
    const r = run(['import', 'own.pdf', '-o', 'issues/again.yaml'], folder);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toBe('');
    return loadIssue(path.join(folder, 'issues', 'again.yaml'));
  }

  const titleLines = (issue: Issue) => issue.sections.flatMap((s) => s.articles.map((a) => a.title.map((t) => squash(t.text))));

  // gongwen: 28 ems of 15.75 pt, section headings 黑体 in the body's size, marks
  // hung at line ends (T16); default: 25 ems of 16 pt. Titles of 22 pt in both.
  for (const preset of ['gongwen', 'default'] as const) {
    it(`set by bulletin itself (${preset}): the round trip gives issue 91 again, each title on one line`, () => {
      const again = roundTrip(own(`own-${preset}`, preset));
      expect(content(again)).toEqual(content(ISSUE_91()));
      // The PDF sets the long titles on two lines, broken at phrases (宋洁实地督导／
      // 新型冠状病毒感染的肺炎疫情防控工作, T29); none was broken in the source where
      // its lines would fit on one, so each imports as one line. 区委召开常委会（扩大）
      // 会议／研究部署疫情防控工作 was broken in the source where it had to break anyway:
      // a PDF cannot show that (src/import/pdf.ts).
      expect(titleLines(again)).toEqual(titleLines(ISSUE_91()).map((lines) => [lines.join('')]));
    });
  }

  it('set by bulletin itself: a title broken in the source where its lines would fit on one keeps its lines', () => {
    const file = own('own-break', 'gongwen', (yaml) => yaml.replace('      - title: 耿勇军察看我区疫情防控工作\n', '      - title: |-\n          耿勇军察看\n          我区疫情防控工作\n'));
    const again = roundTrip(file);
    expect(content(again)).toEqual(content(loadIssue(file)));
    expect(titleLines(again)[7]).toEqual(['耿勇军察看', '我区疫情防控工作']);
  });

  it('says on which page what it had to guess stood; refuses a damaged PDF with what to do', () => {
    const folder = project('pages');
    const publication = path.join(folder, 'issues', 'publication.yaml');
    writeFileSync(publication, readFileSync(publication, 'utf8').replace('editor: 上街区地方史志办公室编', 'editor: 上街区史志办编'));
    const r = run(['import', path.join(fixtures, 'issue-91-typst.pdf')], folder);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toBe(
      `${path.join(fixtures, 'issue-91-typst.pdf')}: warning: page 1: the editor line "上街区地方史志办公室编" differs from the publication's "上街区史志办编"; an issue file cannot change it\n`,
    );
    writeFileSync(path.join(folder, 'broken.pdf'), readFileSync(path.join(fixtures, 'issue-91-latex.pdf')).subarray(0, 2000));
    const broken = run(['import', 'broken.pdf'], folder);
    expect(broken.code).toBe(1);
    expect(broken.err).toMatch(/^broken\.pdf: cannot be read as a PDF \(.+\)\n {2}hint: open it and save or print it again as PDF\n$/u);
  });
});

describe('a whole issue saved as one .docx', () => {
  it('imports as its plain text would: masthead, sections, articles, a title on two lines, the colophon', () => {
    const folder = project('docx-issue');
    const r = run(['import', path.join(fixtures, 'issue-91.docx')], folder);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toBe('');
    const issue = loadIssue(path.join(folder, 'issues', 'issue-91.yaml'));
    expect(content(issue)).toEqual(content(ISSUE_91()));
    // Word keeps what a PDF loses: the spaces and the title's line break.
    const titles = (i: Issue) => i.sections.flatMap((s) => s.articles.map((a) => a.title.map((t) => t.text)));
    expect(titles(issue)).toEqual(titles(ISSUE_91()));
  });
});

describe('contributions added to an issue with --into', () => {
  let folder: string;
  let before: string;
  beforeAll(() => {
    folder = project('contributions');
    copyFileSync(path.join(root, 'issues', 'issue-91.yaml'), path.join(folder, 'issues', 'issue-91.yaml'));
    expect(run(['init'], folder).code).toBe(0);
    before = readFileSync(path.join(folder, 'issues', 'issue-92.yaml'), 'utf8');
  });

  it('keeps the issue file byte for byte outside the article it adds', () => {
    const r = run(['import', path.join(fixtures, 'contribution-styles.docx'), '--into', 'issues/issue-92.yaml', '--section', '工作动态'], folder);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toBe(`${path.join(fixtures, 'contribution-styles.docx')} → issues/issue-92.yaml: "区卫健委开展“健康义诊进社区”活动" in section 工作动态 (4 paragraphs)\n`);
    expect(r.err).toContain('contribution-styles.docx: warning: paragraph 2: 2 notes: their marks stay in the text (①…), their text follows the article as notes\n');
    const after = readFileSync(path.join(folder, 'issues', 'issue-92.yaml'), 'utf8');
    // What was added: the lines of one article, in place of the empty list's " []"; the rest the same bytes.
    let start = 0;
    while (before[start] === after[start]) start++;
    expect(before.slice(start - 9, start + 3)).toBe('articles: []');
    const rest = before.slice(start + 3);
    expect(after.endsWith(rest)).toBe(true);
    const added = after.slice(start, after.length - rest.length);
    expect(after.slice(0, start) + ' []' + after.slice(start + added.length)).toBe(before);
    expect(added.startsWith('\n      - title: 区卫健委开展“健康义诊进社区”活动\n        body:\n')).toBe(true);
    expect(added).toContain('\n          - heading: 一、群众参与踊跃\n');
    expect(added).toContain('\n          - note: ②数据由区卫健委医政科统计。');
  });

  it('adds a contribution formatted by hand, its picture saved beside the issue, and one written by the docx package into a new section', async () => {
    const direct = run(['import', path.join(fixtures, 'contribution-direct.docx'), '--into', 'issues/issue-92.yaml', '--section', '本月关注'], folder);
    expect(direct.code, direct.err).toBe(0);
    expect(direct.out).toContain('"上街区召开2021年防汛工作会议" in section 本月关注 (8 paragraphs, 1 image)');
    expect(direct.err).toBe(`${path.join(fixtures, 'contribution-direct.docx')}: warning: table 1: tables are not supported yet: its 3 rows of 3 cells are kept as paragraphs, a row each\n`);
    expect(existsSync(path.join(folder, 'issues', 'contribution-direct-1.png'))).toBe(true);
    const doc = new Document({
      sections: [
        {
          children: [
            new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: '峡窝镇开展植树活动', size: 44 })] }),
            new Paragraph({ children: [new TextRun({ text: '3月12日，峡窝镇组织干部群众200余人开展义务植树活动。', size: 32 })] }),
            new Paragraph({ alignment: AlignmentType.CENTER, children: [new ImageRun({ type: 'png', data: png(20, 12), transformation: { width: 200, height: 120 } })] }),
            new Paragraph({ children: [new TextRun({ text: '活动共植树1200余株。', size: 32 })] }),
          ],
        },
      ],
    });
    // Named .txt: known by its bytes all the same.
    writeFileSync(path.join(folder, '植树.txt'), await Packer.toBuffer(doc));
    const generated = run(['import', '植树.txt', '--into', 'issues/issue-92.yaml', '--section', '专题'], folder);
    expect(generated.code, generated.err).toBe(0);
    expect(generated.out).toBe('植树.txt → issues/issue-92.yaml: "峡窝镇开展植树活动" in the new section 专题 (2 paragraphs, 1 image)\n');
    expect(existsSync(path.join(folder, 'issues', '植树-1.png'))).toBe(true);
  });

  it('builds, every paragraph of every contribution in the PDF, the pictures placed', async () => {
    const built = run(['build', 'issues/issue-92.yaml', '-q'], folder);
    expect(built.code, built.err).toBe(0);
    const pdf = await printed(path.join(folder, 'output', 'issue-92.pdf'));
    // The notes' marks (①) are the import's: the documents' own text has none.
    const text = pdf.replace(/[\u2460-\u2473]/gu, '');
    const mammoth = (await import('mammoth')).default;
    for (const file of [path.join(fixtures, 'contribution-styles.docx'), path.join(fixtures, 'contribution-direct.docx'), path.join(folder, '植树.txt')]) {
      // The documents' paragraphs as mammoth's plain-text reading gives them: the table's cells each alone.
      const raw = (await mammoth.extractRawText({ path: file })).value;
      const paragraphs = raw.split(/\n+/u).map((p) => p.trim()).filter((p) => p !== '');
      expect(paragraphs.length).toBeGreaterThanOrEqual(3);
      expect(paragraphs.filter((p) => !text.includes(squash(p))), file).toEqual([]);
    }
    // The footnotes' text, after their articles.
    expect(pdf).toContain('活动①。');
    expect(pdf).toContain('①“健康义诊进社区”是区卫健委2021年为民办实事项目之一。');
    if (has('pdfimages')) {
      const list = spawnSync('pdfimages', ['-list', path.join(folder, 'output', 'issue-92.pdf')], { encoding: 'utf8' }).stdout;
      expect(list.trim().split('\n').slice(2)).toHaveLength(2);
    }
  });

  it('needs the section when the issue has several; --section needs --into', () => {
    const r = run(['import', path.join(fixtures, 'contribution-styles.docx'), '--into', 'issues/issue-92.yaml'], folder);
    expect(r.code).toBe(2);
    expect(r.err).toBe('error: name the section of issues/issue-92.yaml that the article joins with --section\n  hint: its sections: 本月关注, 重要会议, 工作动态, 基层实录, 专题\n');
    const alone = run(['import', path.join(fixtures, 'contribution-styles.docx'), '--section', '工作动态'], folder);
    expect(alone.code).toBe(2);
    expect(alone.err).toContain('error: --section goes with --into');
  });

  it('without --into says how to add a contribution; with it, refuses a whole issue', () => {
    const file = path.join(fixtures, 'contribution-direct.docx');
    const r = run(['import', file], folder);
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      `error: ${file} is one article, not a whole issue (it has no serial number and contents): add it to an issue\n  hint: bulletin import ${file} --into issues/issue-92.yaml --section 工作动态\n`,
    );
    const whole = run(['import', path.join(fixtures, 'issue-91.docx'), '--into', 'issues/issue-92.yaml', '--section', '工作动态'], folder);
    expect(whole.code).toBe(2);
    expect(whole.err).toContain('is a whole issue (it has a serial number and contents), not an article');
  });
});

describe('files written into another folder', () => {
  /** Where the file's `# yaml-language-server: $schema=` comment leads. */
  const schemaOf = (file: string) => {
    const m = /^# yaml-language-server: \$schema=(\S+)$/mu.exec(readFileSync(file, 'utf8'));
    return m ? path.resolve(path.dirname(file), m[1]!) : undefined;
  };

  it('init -o: names its publication (copied beside it) and its schema from where it is written', () => {
    const folder = project('init-elsewhere');
    copyFileSync(path.join(root, 'issues', 'issue-91.yaml'), path.join(folder, 'issues', 'issue-91.yaml'));
    const r = run(['init', '--from', 'issues/issue-91.yaml', '-o', 'next/issue-92.yaml'], folder);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toBe('issues/issue-91.yaml → next/issue-92.yaml (总第92期, 2020年3月)\n  and next/publication.yaml, a copy of issues/publication.yaml\n');
    const file = path.join(folder, 'next', 'issue-92.yaml');
    expect(readFileSync(file, 'utf8')).toContain('\npublication: publication.yaml\n');
    expect(schemaOf(file)).toBe(path.join(root, 'schema', 'issue.schema.json'));
    expect(schemaOf(path.join(folder, 'next', 'publication.yaml'))).toBe(path.join(root, 'schema', 'publication.schema.json'));
    expect(run(['check', 'next/issue-92.yaml'], folder).code).toBe(0);
    // Into a folder below the publication's: named relative to it.
    const below = run(['init', '--from', 'issues/issue-91.yaml', '-o', 'issues/2020/issue-92.yaml'], folder);
    expect(below.code, below.err).toBe(0);
    expect(schemaOf(path.join(folder, 'issues', '2020', 'issue-92.yaml'))).toBe(path.join(root, 'schema', 'issue.schema.json'));
  });

  it('import -o without a publication there: writes one beside the issue from what the printed issue gave; both load', () => {
    const folder = path.join(dir, 'import-elsewhere');
    mkdirSync(folder);
    const r = run(['import', path.join(root, 'test', 'fixtures', 'issue-91.txt'), '-o', 'archive/issue-91.yaml'], folder);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toBe(
      `${path.join(root, 'test', 'fixtures', 'issue-91.txt')} → archive/issue-91.yaml (4 sections, 12 articles)\n` +
        '  and archive/publication.yaml, what the issues share: answer its questions (name （刊名） is a placeholder)\n',
    );
    const issue = path.join(folder, 'archive', 'issue-91.yaml');
    const publication = path.join(folder, 'archive', 'publication.yaml');
    expect(schemaOf(issue)).toBe(path.join(root, 'schema', 'issue.schema.json'));
    expect(schemaOf(publication)).toBe(path.join(root, 'schema', 'publication.schema.json'));
    // The colophon went to the publication; the issue keeps its print run.
    expect(readFileSync(issue, 'utf8').endsWith('colophon:\n  copies: 130\n')).toBe(true);
    const loaded = loadIssue(issue);
    expect(loaded.editor.text).toBe('上街区地方史志办公室编');
    expect(loaded.name.text).toBe('（刊名）');
    expect(content(loaded)).toEqual(content(ISSUE_91()));
  });

  it('init --publication: a publication file of questions, which an imported issue then names and loads', () => {
    const folder = path.join(dir, 'new-publication');
    mkdirSync(path.join(folder, 'issues'), { recursive: true });
    const r = run(['init', '--publication'], folder);
    expect(r.code, r.err).toBe(0);
    const file = path.join(folder, 'issues', 'publication.yaml');
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('# 刊名: what is the bulletin called? Printed large at the top of the front page.\nname: （刊名）\n');
    expect(text).toContain('  # 主管: which office supervises the bulletin?\n  # supervisor: 上街区人民政府办公室\n');
    expect(schemaOf(file)).toBe(path.join(root, 'schema', 'publication.schema.json'));
    expect(run(['init', '--publication'], folder).code).toBe(1);
    const imported = run(['import', path.join(fixtures, 'issue-91-latex.pdf')], folder);
    expect(imported.code, imported.err).toBe(0);
    expect(loadIssue(path.join(folder, 'issues', 'issue-91.yaml')).name.text).toBe('（刊名）');
  });
});

describe('what import refuses', () => {
  it('an old Word or WPS file: save it as .docx; a Word file is never taken for GBK text', () => {
    const folder = project('refused');
    const ole2 = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]);
    for (const name of ['来稿.doc', '来稿.wps']) {
      writeFileSync(path.join(folder, name), ole2);
      const r = run(['import', name], folder);
      expect(r.code).toBe(1);
      expect(r.err).toBe(
        `${name}: is an old Word (.doc) or WPS (.wps) file, which bulletin does not read\n  hint: open it in Word or WPS and save it as a Word document (.docx), then import that\n`,
      );
    }
    writeFileSync(path.join(folder, 'gbk.txt'), Buffer.from([0xc9, 0xcf, 0xbd, 0xd6]));
    expect(run(['import', 'gbk.txt'], folder).err).toContain('gbk.txt: cannot read it as UTF-8 text\n  hint: text files saved as GBK or GB 18030 give this');
    const docx = run(['import', path.join(fixtures, 'contribution-styles.docx')], folder);
    expect(docx.err).not.toContain('GBK');
  });
});
