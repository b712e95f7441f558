/**
 * Back issues and the editor's month, as the command does them: a batch built on
 * worker threads with a broken issue among it; incremental rebuilds that skip what
 * is up to date and rebuild what changed (by time and by content); `check`;
 * `init` then `build`; folders and patterns (`--watch`: watch.test.ts).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPdf } from './helpers/pdf.js';
import { smallIssue, withBundledFonts } from './helpers/issues.js';

const root = path.resolve(import.meta.dirname, '..');
const bin = path.join(root, 'bin', 'bulletin');
let dir: string;

function run(args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: dir, encoding: 'utf8', maxBuffer: 64 << 20 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function records(out: string): Record<string, unknown>[] {
  return out
    .trim()
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'bulletin-batch-'));
  mkdirSync(path.join(dir, 'issues'));
  // No note of a gongwen face standing in (test/fonts.test.ts tests those).
  writeFileSync(path.join(dir, 'issues', 'publication.yaml'), withBundledFonts(readFileSync(path.join(root, 'issues', 'publication.yaml'), 'utf8')));
  for (let n = 1; n <= 6; n++) writeFileSync(path.join(dir, 'issues', `issue-${n}.yaml`), smallIssue(n));
  writeFileSync(path.join(dir, 'issues', 'issue-7.yaml'), smallIssue(7).replace('  number: 7\n', '  nubmer: 7\n'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('batch builds', () => {
  it('builds a folder on two workers; a broken issue fails alone, the run exits 1 with JSON records', async () => {
    const r = run(['build', 'issues', '--jobs', '2', '--json']);
    expect(r.code).toBe(1);
    const recs = records(r.out);
    expect(recs.map((x) => x.input)).toEqual([1, 2, 3, 4, 5, 6, 7].map((n) => `issues/issue-${n}.yaml`));
    for (const rec of recs.slice(0, 6)) {
      expect(rec).toMatchObject({ skipped: false, errors: [], warnings: [] });
      expect(rec.pages as number).toBeGreaterThanOrEqual(2);
      expect(typeof rec.milliseconds).toBe('number');
      const pages = await readPdf(path.join(dir, rec.output as string));
      expect(pages).toHaveLength(rec.pages as number);
    }
    const broken = recs[6]!;
    expect(broken.pages).toBe(0);
    expect(broken.errors).toEqual([
      { file: 'issues/issue-7.yaml', line: 3, col: 3, path: 'issue.nubmer', message: 'unknown key "nubmer"; did you mean "number"?', hint: 'known keys here: number, period, printed' },
      { file: 'issues/issue-7.yaml', line: 3, col: 3, path: 'issue', message: 'missing required key "number"', hint: 'add number: here; it is serial number: 总第91期' },
    ]);
    expect(existsSync(path.join(dir, 'output', 'issue-7.pdf'))).toBe(false);
    expect(r.err).toContain('issues/issue-7.yaml:3:3: issue.nubmer: unknown key "nubmer"');
  });

  it('skips what is up to date; a touched publication file rebuilds everything', () => {
    rmSync(path.join(dir, 'issues', 'issue-7.yaml'));
    const again = records(run(['build', 'issues', '-j', '2', '--json']).out);
    expect(again.map((x) => x.skipped)).toEqual([true, true, true, true, true, true]);
    const pub = path.join(dir, 'issues', 'publication.yaml');
    // As `touch` does: the file's time moves to now, past the PDFs'; its bytes stay.
    const now = new Date();
    utimesSync(pub, now, now);
    const touched = records(run(['build', 'issues', '-j', '2', '--json']).out);
    expect(touched.map((x) => x.skipped)).toEqual([false, false, false, false, false, false]);
    expect(records(run(['build', 'issues', '--json']).out).every((x) => x.skipped)).toBe(true);
  });

  it('rebuilds an issue whose content changed though its time did not, and all with --force', () => {
    const file = path.join(dir, 'issues', 'issue-3.yaml');
    const { atime, mtime } = statSync(file);
    writeFileSync(file, smallIssue(3, '新增一句。'));
    utimesSync(file, atime, mtime);
    const recs = records(run(['build', 'issues', '-j', '2', '--json']).out);
    expect(recs.map((x) => x.skipped)).toEqual([true, true, false, true, true, true]);
    const forced = records(run(['build', 'issues', '--force', '--json']).out);
    expect(forced.every((x) => !x.skipped)).toBe(true);
  });

  it('builds the PDFs when the build record cannot be written, and says so as a warning', () => {
    const out = path.join(dir, 'unrecorded');
    mkdirSync(path.join(out, '.bulletin-state.json'), { recursive: true });
    const r = run(['build', 'issues/issue-1.yaml', 'issues/issue-2.yaml', '-o', 'unrecorded/', '--json']);
    expect(r.code, r.err).toBe(0);
    const recs = records(r.out);
    expect(recs.map((x) => [x.output, x.skipped, (x.errors as unknown[]).length])).toEqual([
      ['unrecorded/issue-1.pdf', false, 0],
      ['unrecorded/issue-2.pdf', false, 0],
    ]);
    for (const rec of recs) {
      expect(existsSync(path.join(dir, rec.output as string))).toBe(true);
      expect(rec.warnings).toEqual([
        expect.objectContaining({ file: 'unrecorded/.bulletin-state.json', message: expect.stringMatching(/^cannot write the build record \(E[A-Z]+\)$/), hint: 'the PDFs are built; without the record, the next build builds them again' }),
      ]);
    }
    expect(r.err).toMatch(/^unrecorded\/\.bulletin-state\.json: warning: cannot write the build record \(E[A-Z]+\)$/m);
  });

  it('takes patterns, prints a line per issue when not on a terminal, and a summary', () => {
    const r = run(['build', 'issues/issue-[12].yaml', '--force', '-j', '2']);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/^\[1\/2\] built issues\/issue-[12]\.yaml$/m);
    expect(r.err).toMatch(/^\[2\/2\] built issues\/issue-[12]\.yaml$/m);
    expect(r.err).toMatch(/^2 issues: 2 built, 0 up to date, 0 failed \(\d+\.\d s\)$/m);
    expect(run(['build', 'issues/nothing-*.yaml']).err).toContain('issues/nothing-*.yaml: matches no issue file');
    const quiet = run(['build', 'issues', '--quiet', '--force']);
    expect(quiet.code).toBe(0);
    expect(quiet.err + quiet.out).toBe('');
  });
});

describe('bulletin check', () => {
  it('reports every problem of bad issues with its place, and exits 1; --json too', () => {
    writeFileSync(path.join(dir, 'bad.yaml'), smallIssue(8).replace('printed: 2020-09-16', 'printed: 2020-02-30').replace('copies: 130', 'copies: -1'));
    writeFileSync(path.join(dir, 'emoji.yaml'), smallIssue(9).replace('区委召开常委会议', '区委召开😀常委会议'));
    cpSync(path.join(dir, 'issues', 'publication.yaml'), path.join(dir, 'publication.yaml'));
    const r = run(['check', 'bad.yaml', 'emoji.yaml', 'issues/issue-1.yaml']);
    expect(r.code).toBe(1);
    // The errors (proofreading's warnings and notes on these issues are not the case here).
    expect(r.err.split('\n').filter((l) => /^\S+:\d+:\d+: (?!warning: |note: )/.test(l))).toEqual([
      'bad.yaml:5:12: issue.printed: no such date: 2020-02-30',
      'bad.yaml:15:11: colophon.copies: expected a positive whole number, found -1',
      'emoji.yaml:13:15: sections[0].articles[0].body: no font can draw "😀" (U+1F600); tried Noto Serif SC Regular, Noto Serif SC Bold, Noto Sans SC Bold',
    ]);
    expect(r.out).toContain('issues/issue-1.yaml: ok (');
    const json = records(run(['check', 'bad.yaml', 'issues/issue-1.yaml', '--json']).out);
    expect(json.map((x) => (x.errors as unknown[]).length)).toEqual([2, 0]);
    expect(existsSync(path.join(dir, 'output', 'bad.pdf'))).toBe(false);
  });
});

describe('bulletin check, a title set twice', () => {
  it('names what the title raises once, though it is set above its section and in the contents', () => {
    const word = `A${'a'.repeat(80)}`;
    // Beside the issues of the batch tests (not one of them: init starts from the latest there).
    mkdirSync(path.join(dir, 'titles'), { recursive: true });
    cpSync(path.join(dir, 'issues', 'publication.yaml'), path.join(dir, 'titles', 'publication.yaml'));
    writeFileSync(path.join(dir, 'titles', 'issue-41.yaml'), smallIssue(41).replace('  - title: 本月关注', `  - title: 本月关注${word}`));
    const r = run(['check', 'titles/issue-41.yaml']);
    expect(r.code, r.err).toBe(0);
    const warnings = r.err.split('\n').filter((l) => l.includes(': warning: '));
    expect(warnings).toEqual([`titles/issue-41.yaml:7:16: warning: sections[0].title: "${word.slice(0, 40)}…" is wider than the measure and was broken where it had to be`]);
  });
});

describe('bulletin init', () => {
  it('writes the next issue from the last, which builds; refuses to overwrite', () => {
    const r = run(['init', '--from', 'issues/issue-6.yaml']);
    expect(r.code, r.err).toBe(0);
    const next = readFileSync(path.join(dir, 'issues', 'issue-7.yaml'), 'utf8');
    expect(next).toMatch(/^issue:\n {2}number: 7\n {2}period: 2020年8月\n {2}printed: 2020-08-16\n/m);
    expect(next).toContain('publication: publication.yaml');
    expect(next).toContain('  - title: 本月关注\n    articles: []\n    # To add an article');
    expect(next).toContain('colophon:\n  copies: 130');
    const built = run(['build', 'issues/issue-7.yaml']);
    expect(built.code).toBe(0);
    expect(built.err).toContain('warning: sections[0]: section "本月关注" has no articles; it is left out');
    const again = run(['init', '--from', 'issues/issue-6.yaml']);
    expect(again.code).toBe(1);
    expect(again.err).toContain('issues/issue-7.yaml: already exists; bulletin init does not overwrite');
  });

  it('rolls December over into January, and starts from the latest issue by default', () => {
    writeFileSync(path.join(dir, 'issues', 'issue-11.yaml'), smallIssue(11).replace(/period: .*/, 'period: 2020年12月').replace(/printed: .*/, 'printed: 2021-01-31'));
    const r = run(['init']);
    expect(r.code, r.err).toBe(0);
    const next = readFileSync(path.join(dir, 'issues', 'issue-12.yaml'), 'utf8');
    expect(next).toContain('period: 2021年1月');
    expect(next).toContain('printed: 2021-02-28');
  });

  it('starts from an issue saved with old Mac line ends (CR alone) and a byte-order mark, as the loader reads it', () => {
    const text = `\ufeff# yaml-language-server: $schema=../schema/issue.schema.json\n${smallIssue(21)}`.replaceAll('\n', '\r');
    writeFileSync(path.join(dir, 'issues', 'issue-21.yaml'), text);
    const r = run(['init', '--from', 'issues/issue-21.yaml']);
    expect(r.code, r.err).toBe(0);
    const next = readFileSync(path.join(dir, 'issues', 'issue-22.yaml'), 'utf8');
    expect(next.split('\n')[0]).toBe('# yaml-language-server: $schema=../schema/issue.schema.json');
    expect(next).toMatch(/^issue:\n {2}number: 22\n/m);
    expect(run(['check', 'issues/issue-22.yaml']).code).toBe(0);
  });
});

describe('bulletin init, from an issue written with anchors and a long title', () => {
  it('writes the aliased values themselves, and a title of any length on one line: the new file loads', () => {
    const title = 'Notes on the 2020 county work plan and the quarterly review of all the district offices';
    const text = smallIssue(31)
      .replace('  - title: 本月关注', `  - title: ${title}`)
      .replace('colophon:\n  copies: 130', 'colophon:\n  supervisor: &office 上街区人民政府办公室\n  publisher: *office\n  copies: 130');
    writeFileSync(path.join(dir, 'issues', 'issue-31.yaml'), text);
    expect(run(['check', 'issues/issue-31.yaml']).code).toBe(0);
    const r = run(['init', '--from', 'issues/issue-31.yaml']);
    expect(r.code, r.err).toBe(0);
    const next = readFileSync(path.join(dir, 'issues', 'issue-32.yaml'), 'utf8');
    expect(next).toContain(`  - title: ${title}\n`);
    expect(next).toContain('  supervisor: 上街区人民政府办公室\n  publisher: 上街区人民政府办公室\n');
    const check = run(['check', 'issues/issue-32.yaml']);
    expect(check.code, check.err).toBe(0);
  });
});

describe('bulletin import', () => {
  it('turns the printed text of issue 91 into an issue file with its content, which builds', async () => {
    const folder = path.join(dir, 'imported');
    mkdirSync(path.join(folder, 'issues'), { recursive: true });
    cpSync(path.join(root, 'issues', 'publication.yaml'), path.join(folder, 'issues', 'publication.yaml'));
    const r = spawnSync(process.execPath, [bin, 'import', path.join(root, 'test', 'fixtures', 'issue-91.txt')], { cwd: folder, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/→ issues\/issue-91\.yaml \(4 sections, 12 articles\)/);
    const { loadIssue } = await import('../src/issue/index.js');
    const text = (file: string) => {
      const issue = loadIssue(file);
      return issue.sections.map((s) => [s.title.text, s.articles.map((a) => [a.title.map((t) => t.text), a.toc.text, a.body.map((b) => (b.kind === 'paragraph' ? b.text : b.kind))])]);
    };
    expect(text(path.join(folder, 'issues', 'issue-91.yaml'))).toEqual(text(path.join(root, 'issues', 'issue-91.yaml')));
    const built = spawnSync(process.execPath, [bin, 'build', 'issues/issue-91.yaml'], { cwd: folder, encoding: 'utf8' });
    expect(built.status, built.stderr).toBe(0);
    const again = spawnSync(process.execPath, [bin, 'import', path.join(root, 'test', 'fixtures', 'issue-91.txt')], { cwd: folder, encoding: 'utf8' });
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('issues/issue-91.yaml: already exists; bulletin import does not overwrite');
  });

  it('reports what it could not place, with its line, and writes nothing then', () => {
    writeFileSync(path.join(dir, 'notes.txt'), '这不是一期简报。\n只是几行字。\n');
    const r = run(['import', 'notes.txt', '-o', 'notes.yaml']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^notes\.txt:\d+:\d+: /m);
    expect(existsSync(path.join(dir, 'notes.yaml'))).toBe(false);
  });
});

