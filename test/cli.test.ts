/**
 * The `bulletin` command as a user meets it: exit codes (0 success, 1 bad input,
 * 2 bad usage), one-line messages naming file:line:col with no stack trace, the
 * default output path, and a previous PDF never replaced by a failed build.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const bin = path.join(root, 'bin', 'bulletin');
let dir: string;

function run(args: string[], cwd = dir) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', maxBuffer: 64 << 20 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'bulletin-cli-'));
  mkdirSync(path.join(dir, 'issues'));
  for (const f of ['issue-91.yaml', 'publication.yaml']) cpSync(path.join(root, 'issues', f), path.join(dir, 'issues', f));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('bulletin', () => {
  it('prints its version and help, exit 0', () => {
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
    expect(run(['--version'])).toMatchObject({ code: 0, out: `${pkg.version}\n` });
    const help = run(['--help']);
    expect(help.code).toBe(0);
    expect(help.out).toContain('build [options] <issues...>');
    expect(run(['build', '--help']).out).toContain('-o, --output <path>');
  });

  it('builds on one worker thread for every 1.7 cores by default, at least one (a build keeps 1.7 cores busy)', async () => {
    const { defaultJobs } = await import('../src/cli.js');
    expect([1, 2, 3, 4, 8, 16, 64].map((cores) => defaultJobs(cores))).toEqual([1, 1, 1, 2, 4, 9, 37]);
    const help = run(['build', '--help']).out.replace(/\s+/g, ' ');
    expect(help).toMatch(/-j, --jobs <n> build on this many worker threads \(one for every 1\.7 cores by default\) \(default: \d+\)/);
  });

  it('exits 2 on bad usage', () => {
    for (const args of [[], ['build'], ['build', 'a.yaml', '--frobnicate'], ['frob']]) {
      const r = run(args);
      expect(r.code, args.join(' ')).toBe(2);
    }
    expect(run(['build']).err).toContain("missing required argument 'issues'");
  });

  it('writes output/<name>.pdf under the current directory by default', () => {
    const r = run(['build', 'issues/issue-91.yaml']);
    expect(r.code, r.err).toBe(0);
    const pdf = path.join(dir, 'output', 'issue-91.pdf');
    expect(readFileSync(pdf).subarray(0, 8).toString()).toBe('%PDF-1.7');
    expect(r.out).toMatch(/issue-91\.pdf \(\d+ pages\)/);
  });

  it('exits 1 on bad input with one line per problem, file:line:col first, no stack trace', () => {
    const file = path.join(dir, 'issues', 'issue-91.yaml');
    const lines = readFileSync(file, 'utf8').split('\n');
    const at = lines.findIndex((l) => l.startsWith('  number:'));
    lines[at] = '  nubmer: 91';
    writeFileSync(file, lines.join('\n'));
    const r = run(['build', 'issues/issue-91.yaml']);
    expect(r.code).toBe(1);
    // Messages only: no hints, no source line and caret under each.
    const errors = r.err.split('\n').filter((l) => l !== '' && !l.startsWith('  hint:') && !/^ +\d* \| /.test(l));
    expect(errors).toEqual([
      `issues/issue-91.yaml:${at + 1}:3: issue.nubmer: unknown key "nubmer"; did you mean "number"?`,
      `issues/issue-91.yaml:${at + 1}:3: issue: missing required key "number"`,
    ]);
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  it('names the file, line and column of a character no font can draw', () => {
    const file = path.join(dir, 'issues', 'issue-91.yaml');
    const lines = readFileSync(file, 'utf8').split('\n');
    const at = lines.findIndex((l) => l.includes('2月12日，市政府副秘书长李兵'));
    lines[at] = lines[at]!.replace('李兵', '李\u{1F600}兵');
    writeFileSync(file, lines.join('\n'));
    const r = run(['build', 'issues/issue-91.yaml']);
    expect(r.code).toBe(1);
    const col = lines[at]!.indexOf('\u{1F600}') + 1;
    expect(r.err.split('\n')[0]).toBe(
      `issues/issue-91.yaml:${at + 1}:${col}: sections[0].articles[0].body: ` +
        'no font can draw "\u{1F600}" (U+1F600); tried Noto Serif SC Regular, Noto Serif SC Bold, Noto Sans SC Bold',
    );
  });

  it('never replaces an existing PDF with a failed build, and leaves no temporary file', () => {
    const out = path.join(dir, 'output');
    mkdirSync(out);
    writeFileSync(path.join(out, 'issue-91.pdf'), 'the previous build');
    writeFileSync(path.join(dir, 'issues', 'issue-91.yaml'), 'issue: [unclosed\n');
    const r = run(['build', 'issues/issue-91.yaml']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^issues\/issue-91\.yaml:\d+:\d+: YAML syntax: /);
    expect(readFileSync(path.join(out, 'issue-91.pdf'), 'utf8')).toBe('the previous build');
    expect(readdirSync(out)).toEqual(['issue-91.pdf']);
  });

  it('refuses an output path that is a folder or not a PDF, as bad usage', () => {
    mkdirSync(path.join(dir, 'out.pdf'));
    // README: 2 for bad usage.
    const folder = run(['build', 'issues/issue-91.yaml', '-o', 'out.pdf']);
    expect(folder.code).toBe(2);
    expect(folder.err).toContain('out.pdf: is a folder');
    const yaml = run(['build', 'issues/issue-91.yaml', '-o', 'issues/issue-91.yaml']);
    expect(yaml.code).toBe(2);
    expect(yaml.err).toContain('should end in .pdf');
    expect(existsSync(path.join(dir, 'issues', 'issue-91.yaml'))).toBe(true);
  });

  it('exits 2 for what the command was given (-o x.txt, a file or pattern naming nothing), 1 for what an issue names', () => {
    const cases: [string[], number, string][] = [
      [['build', 'issues/issue-91.yaml', '-o', 'x.txt'], 2, 'x.txt: the output file should end in .pdf'],
      [['build', 'issues/issue-92.yaml'], 2, 'issues/issue-92.yaml: no such file'],
      [['check', 'issues/issue-92.yaml'], 2, 'issues/issue-92.yaml: no such file'],
      [['build', 'issues/nothing-*.yaml'], 2, 'issues/nothing-*.yaml: matches no issue file'],
    ];
    for (const [args, code, line] of cases) {
      const r = run(args);
      expect(r.code, args.join(' ')).toBe(code);
      expect(r.err.split('\n')[0], args.join(' ')).toBe(line);
      expect(r.err.split('\n')[1], args.join(' ')).toMatch(/^ {2}hint: \S/);
    }
    const file = path.join(dir, 'issues', 'issue-91.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('publication: publication.yaml', 'publication: 出版物.yaml'));
    const named = run(['build', 'issues/issue-91.yaml']);
    expect(named.code).toBe(1);
    expect(named.err).toMatch(/^issues\/issue-91\.yaml:\d+:\d+: publication: file not found: 出版物\.yaml$/m);
  });

  it('--trace with --json: the record stays on standard output with the trace; standard error holds no JSON', () => {
    const r = run(['build', 'issues/issue-91.yaml', '--trace', 'linebreak', '--json', '-o', 'out.pdf']);
    expect(r.code, r.err).toBe(0);
    const out = r.out.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    const records = out.filter((e) => 'output' in e);
    expect(records).toEqual([expect.objectContaining({ input: 'issues/issue-91.yaml', output: 'out.pdf', errors: [] })]);
    expect(out.length).toBeGreaterThan(1000);
    expect(r.err).not.toMatch(/^\{/m);
  });

  it('labels an issue skipped as up to date "up to date" in the progress lines, not "built"', () => {
    writeFileSync(path.join(dir, 'issues', 'issue-92.yaml'), readFileSync(path.join(dir, 'issues', 'issue-91.yaml'), 'utf8').replace('number: 91', 'number: 92'));
    expect(run(['build', 'issues', '-j', '1']).code).toBe(0);
    const again = run(['build', 'issues', '-j', '1']);
    expect(again.err.split('\n').filter((l) => l.startsWith('['))).toEqual(['[1/2] up to date issues/issue-91.yaml', '[2/2] up to date issues/issue-92.yaml']);
    expect(again.err).toMatch(/^2 issues: 0 built, 2 up to date, 0 failed /m);
  });

  it('--trace linebreak writes the breaker\'s lines as JSON, the chosen ones making each paragraph', () => {
    const r = run(['build', 'issues/issue-91.yaml', '--trace', 'linebreak', '-o', 'out.pdf']);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toMatch(/out\.pdf \(\d+ pages\)/);
    const entries = r.out.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(entries.length).toBeGreaterThan(1000);
    for (const e of entries) expect(Object.keys(e).sort()).toEqual(['at', 'chosen', 'demerits', 'from', 'line', 'para', 'pass', 'path', 'ratio'].sort());
    const chosen = entries.filter((e) => e.chosen);
    const paras = new Set(chosen.map((e) => e.para));
    expect(paras.size).toBe(53);
    for (const p of paras) {
      const lines = chosen.filter((e) => e.para === p);
      // Each paragraph's chosen lines are 1, 2, 3…, each starting where the last broke.
      expect(lines.map((e) => e.line)).toEqual(lines.map((_, i) => i + 1));
      lines.slice(1).forEach((e, i) => expect(e.from as number).toBeGreaterThanOrEqual(lines[i]!.at as number));
    }
    expect(run(['build', 'issues/issue-91.yaml', '--trace', 'pages']).code).toBe(2);
  });

  it('--debug-overlay draws each line\'s adjustment ratio in the margin', () => {
    expect(run(['build', 'issues/issue-91.yaml', '--debug-overlay', '-o', 'overlay.pdf']).code).toBe(0);
    expect(run(['build', 'issues/issue-91.yaml', '-o', 'plain.pdf']).code).toBe(0);
    const text = (f: string) => spawnSync('pdftotext', [path.join(dir, f), '-'], { encoding: 'utf8' }).stdout;
    const ratios = text('overlay.pdf').match(/^-?\d\.\d{3}$|^last$/gm) ?? [];
    // A ratio for every body line of issue 91 (some 290 in its house style, gongwen).
    expect(ratios.length).toBeGreaterThan(250);
    expect(text('plain.pdf')).not.toMatch(/^-?\d\.\d{3}$/m);
  });
});

