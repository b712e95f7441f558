/**
 * `bulletin build --watch` as an editor uses it: each edit, however the editor
 * saves it, builds the issue again; a file that became invalid stays watched and
 * fixing it builds again; a font replaced is built with and recorded; a new issue
 * file in a watched folder is built; Ctrl-C ends the watch as it ends a build.
 *
 * Each test waits for what it expects with a generous deadline, polling: nothing
 * here depends on how fast a busy machine is. The watch acts on changes after
 * BULLETIN_WATCH_SETTLE_MS of quiet, short here.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { has, readPdf, squash } from './helpers/pdf.js';
import { renamedFont } from './helpers/fonts.js';
import { smallIssue, withBundledFonts } from './helpers/issues.js';
import { png } from './helpers/png.js';
import { scaled } from '../bench/scaled.mjs';

const root = path.resolve(import.meta.dirname, '..');
const bin = path.join(root, 'bin', 'bulletin');
const DEADLINE_MS = 45_000;

/** The same issue with an image, captioned 图为督导现场, between its two paragraphs. */
function withImage(n: number, image: string): string {
  return smallIssue(n).replace(
    /        body: \|\n {10}(.*)\n\n {10}(.*)\n/,
    `        body:\n          - $1\n          - image: ${image}\n            caption: 图为督导现场\n            width: 30\n          - $2\n`,
  );
}

const publication = withBundledFonts(readFileSync(path.join(root, 'issues', 'publication.yaml'), 'utf8'));

/** A folder with issues/publication.yaml and the given issue files. */
function folderWith(issues: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'bulletin-watch-'));
  mkdirSync(path.join(dir, 'issues'));
  writeFileSync(path.join(dir, 'issues', 'publication.yaml'), publication);
  for (const [name, text] of Object.entries(issues)) writeFileSync(path.join(dir, 'issues', name), text);
  folders.push(dir);
  return dir;
}

const folders: string[] = [];
const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  for (const d of folders.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A `bulletin build … --watch` running in `dir`, its standard error kept. */
class Watch {
  readonly child: ChildProcess;
  err = '';
  private readonly exited: Promise<number | null>;

  constructor(
    readonly dir: string,
    args: string[],
  ) {
    this.child = spawn(process.execPath, [bin, 'build', ...args, '--watch'], { cwd: dir, env: { ...process.env, BULLETIN_WATCH_SETTLE_MS: '20' } });
    children.push(this.child);
    this.child.stderr!.on('data', (d: Buffer) => (this.err += d.toString()));
    this.exited = new Promise((resolve) => this.child.on('exit', (code) => resolve(code)));
  }

  /** How many times the watch has said it is watching: once at the start, then after each rebuild. */
  rounds(): number {
    return this.err.split('watching for changes').length - 1;
  }

  /** Wait until `done` holds, polling; fails with what the watch said after the deadline. */
  async until(done: () => boolean, what: string): Promise<void> {
    const end = Date.now() + DEADLINE_MS;
    while (!done()) {
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}; the watch said:\n${this.err}`);
      if (this.child.exitCode !== null) throw new Error(`the watch ended (${this.child.exitCode}) before ${what}:\n${this.err}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  /** Do `edit`, then wait for the rebuild it brings to end. */
  async after(edit: () => void, what: string): Promise<void> {
    const before = this.rounds();
    edit();
    await this.until(() => this.rounds() > before, what);
  }

  async stop(signal: NodeJS.Signals = 'SIGINT'): Promise<number | null> {
    this.child.kill(signal);
    return this.exited;
  }
}

async function pdfText(file: string): Promise<string> {
  return squash((await readPdf(file)).map((p) => p.text).join(''));
}

/** The temporary files a build leaves while it writes (atomic.ts names them `.<name>.<pid>-<thread>.tmp`). */
function temporaries(folder: string): string[] {
  return existsSync(folder) ? readdirSync(folder).filter((f) => f.endsWith('.tmp')) : [];
}

describe('bulletin build --watch', () => {
  it('builds again when the issue changes, and ends on Ctrl-C with 130, no temporary file left', async () => {
    const dir = folderWith({ 'issue-2.yaml': smallIssue(2) });
    const w = new Watch(dir, ['issues/issue-2.yaml']);
    await w.until(() => w.rounds() === 1, 'the first build');
    const pdf = path.join(dir, 'output', 'issue-2.pdf');
    expect(await pdfText(pdf)).not.toContain('再加一句');
    await w.after(() => writeFileSync(path.join(dir, 'issues', 'issue-2.yaml'), smallIssue(2, '再加一句。')), 'the rebuild');
    expect(w.err).toContain('changed: issues/issue-2.yaml; building');
    expect(await pdfText(pdf)).toContain('再加一句');
    expect(await w.stop('SIGINT')).toBe(130);
    expect(temporaries(path.join(dir, 'output'))).toEqual([]);
  });

  it('ends on Ctrl-C during a rebuild with 130, the PDF whole and no temporary file left', async () => {
    // A long issue whose style changes: every paragraph is set again, for a second or more.
    const long = scaled(readFileSync(path.join(root, 'issues', 'issue-91.yaml'), 'utf8'), 8);
    const dir = folderWith({ 'issue-91.yaml': long });
    const w = new Watch(dir, ['issues/issue-91.yaml']);
    await w.until(() => w.rounds() === 1, 'the first build');
    const pdf = path.join(dir, 'output', 'issue-91.pdf');
    const built = readFileSync(pdf);
    writeFileSync(path.join(dir, 'issues', 'publication.yaml'), publication.replace('  preset: gongwen', '  preset: gongwen\n  chars: 27'));
    await w.until(() => w.err.includes('changed: issues/publication.yaml; building'), 'the rebuild to begin');
    await new Promise((r) => setTimeout(r, 200));
    expect(await w.stop('SIGINT')).toBe(130);
    expect(temporaries(path.join(dir, 'output'))).toEqual([]);
    // The PDF is the one before, or the whole new one: never a part.
    const now = readFileSync(pdf);
    if (!now.equals(built)) expect((await readPdf(pdf)).length).toBeGreaterThan(0);
  });

  it('ends on a kill (SIGTERM) with 143', async () => {
    const dir = folderWith({ 'issue-3.yaml': smallIssue(3) });
    const w = new Watch(dir, ['issues/issue-3.yaml']);
    await w.until(() => w.rounds() === 1, 'the first build');
    expect(await w.stop('SIGTERM')).toBe(143);
  });

  it('notices a file saved by renaming another over it, and one deleted and written anew (atomic saves)', async () => {
    const dir = folderWith({ 'issue-4.yaml': smallIssue(4) });
    const file = path.join(dir, 'issues', 'issue-4.yaml');
    const pdf = path.join(dir, 'output', 'issue-4.pdf');
    const w = new Watch(dir, ['issues/issue-4.yaml']);
    await w.until(() => w.rounds() === 1, 'the first build');
    // Written beside it, then renamed over it (most editors' "safe write").
    await w.after(() => {
      writeFileSync(path.join(dir, 'issues', '.issue-4.yaml.swp'), smallIssue(4, '改名保存。'));
      renameSync(path.join(dir, 'issues', '.issue-4.yaml.swp'), file);
    }, 'the rebuild after a rename');
    expect(await pdfText(pdf)).toContain('改名保存');
    // Deleted, then written anew: a new file where the watched one was.
    await w.after(() => {
      unlinkSync(file);
      writeFileSync(file, smallIssue(4, '删后重写。'));
    }, 'the rebuild after a delete and a write');
    expect(await pdfText(pdf)).toContain('删后重写');
    // And the file as it is now is still watched.
    await w.after(() => writeFileSync(file, smallIssue(4, '再改一次。')), 'the rebuild after an edit in place');
    expect(await pdfText(pdf)).toContain('再改一次');
    expect(await w.stop()).toBe(130);
  });

  it('keeps watching a publication file that became invalid: fixing it builds the issue', async () => {
    const dir = folderWith({ 'issue-5.yaml': smallIssue(5) });
    const pub = path.join(dir, 'issues', 'publication.yaml');
    const pdf = path.join(dir, 'output', 'issue-5.pdf');
    const w = new Watch(dir, ['issues/issue-5.yaml']);
    await w.until(() => w.rounds() === 1, 'the first build');
    const built = readFileSync(pdf);
    await w.after(() => writeFileSync(pub, `${publication}style: [unclosed\n`), 'the failed rebuild');
    // Said with its place, and the PDF left as it was.
    expect(w.err).toMatch(/^issues\/publication\.yaml:\d+:\d+: /m);
    expect(readFileSync(pdf).equals(built)).toBe(true);
    await w.after(() => writeFileSync(pub, publication.replace('editor: 上街区地方史志办公室编', 'editor: 上街区档案史志办公室编')), 'the rebuild after the fix');
    expect(await pdfText(pdf)).toContain('上街区档案史志办公室编');
    expect(await w.stop()).toBe(130);
  });

  it('watches the publication file an issue failed on from the start, in a folder of its own: fixing it builds the issue', async () => {
    const dir = folderWith({ 'issue-10.yaml': smallIssue(10).replace('publication: publication.yaml', 'publication: common/publication.yaml') });
    mkdirSync(path.join(dir, 'issues', 'common'));
    const pub = path.join(dir, 'issues', 'common', 'publication.yaml');
    writeFileSync(pub, `${publication}colophon: [unclosed\n`);
    const w = new Watch(dir, ['issues/issue-10.yaml']);
    await w.until(() => w.rounds() === 1, 'the first build');
    expect(w.err).toMatch(/^issues\/common\/publication\.yaml:\d+:\d+: /m);
    await w.after(() => writeFileSync(pub, publication), 'the rebuild after the fix');
    expect(await pdfText(path.join(dir, 'output', 'issue-10.pdf'))).toContain('第10期的一篇文章');
    expect(await w.stop()).toBe(130);
  });

  it('builds an issue that failed for an image not there yet once it is copied in', async () => {
    const dir = folderWith({ 'issue-11.yaml': withImage(11, 'later.png') });
    const w = new Watch(dir, ['issues/issue-11.yaml']);
    await w.until(() => w.rounds() === 1, 'the first build');
    expect(w.err).toMatch(/^issues\/issue-11\.yaml:\d+:\d+: .*image: file not found: later\.png$/m);
    await w.after(() => writeFileSync(path.join(dir, 'issues', 'later.png'), png(360, 240)), 'the rebuild with the image');
    expect(await pdfText(path.join(dir, 'output', 'issue-11.pdf'))).toContain('图为督导现场');
    expect(await w.stop()).toBe(130);
  });

  it('keeps watching an image that became invalid, and one that was deleted: restoring it builds the issue', async () => {
    const dir = folderWith({ 'issue-6.yaml': withImage(6, 'photos/site.png') });
    mkdirSync(path.join(dir, 'issues', 'photos'));
    const image = path.join(dir, 'issues', 'photos', 'site.png');
    writeFileSync(image, png(360, 240));
    const pdf = path.join(dir, 'output', 'issue-6.pdf');
    const w = new Watch(dir, ['issues/issue-6.yaml']);
    await w.until(() => w.rounds() === 1, 'the first build');
    expect(await pdfText(pdf)).toContain('图为督导现场');
    const built = readFileSync(pdf);
    let from = w.err.length;
    await w.after(() => writeFileSync(image, 'not a picture'), 'the failed rebuild');
    expect(w.err.slice(from)).toMatch(/^issues\/issue-6\.yaml:\d+:\d+: .*image: photos\/site\.png: /m);
    expect(readFileSync(pdf).equals(built)).toBe(true);
    await w.after(() => writeFileSync(image, png(360, 240, [30, 30, 200])), 'the rebuild after the fix');
    const rebuilt = readFileSync(pdf);
    expect(rebuilt.equals(built)).toBe(false);
    // Deleted: a failure at its key; written again: built again.
    from = w.err.length;
    await w.after(() => unlinkSync(image), 'the failed rebuild without the image');
    expect(w.err.slice(from)).toMatch(/^issues\/issue-6\.yaml:\d+:\d+: .*image: file not found: photos\/site\.png$/m);
    await w.after(() => writeFileSync(image, png(360, 240, [30, 200, 30])), 'the rebuild with the image back');
    const green = readFileSync(pdf);
    expect(green.equals(rebuilt)).toBe(false);
    // Its folder deleted, then made again with the image in it (a checkout, a sync): watched again.
    await w.after(() => rmSync(path.join(dir, 'issues', 'photos'), { recursive: true }), 'the failed rebuild without the folder');
    await w.after(() => {
      mkdirSync(path.join(dir, 'issues', 'photos'));
      writeFileSync(image, png(360, 240, [200, 200, 30]));
    }, 'the rebuild with the folder back');
    await w.until(() => !readFileSync(pdf).equals(green), 'the PDF with the image in the folder made again');
    // Deleted and made again at once, as a checkout does: the new folder is watched, not the old one.
    const yellow = readFileSync(pdf);
    rmSync(path.join(dir, 'issues', 'photos'), { recursive: true });
    mkdirSync(path.join(dir, 'issues', 'photos'));
    writeFileSync(image, png(360, 240, [200, 30, 200]));
    await w.until(() => !readFileSync(pdf).equals(yellow), 'the PDF with the folder replaced');
    const purple = readFileSync(pdf);
    writeFileSync(image, png(360, 240, [30, 30, 30]));
    await w.until(() => !readFileSync(pdf).equals(purple), 'the rebuild after an edit in the folder made again');
    expect(await w.stop()).toBe(130);
  });

  it('builds a new issue file that appears in a watched folder, and not a publication file', async () => {
    const dir = folderWith({ 'issue-7.yaml': smallIssue(7) });
    const w = new Watch(dir, ['issues']);
    await w.until(() => w.rounds() === 1, 'the first build');
    expect(existsSync(path.join(dir, 'output', 'issue-7.pdf'))).toBe(true);
    await w.after(() => writeFileSync(path.join(dir, 'issues', 'issue-8.yaml'), smallIssue(8)), 'the new issue built');
    expect(await pdfText(path.join(dir, 'output', 'issue-8.pdf'))).toContain('第8期的一篇文章');
    // The new one is watched as the others are.
    await w.after(() => writeFileSync(path.join(dir, 'issues', 'issue-8.yaml'), smallIssue(8, '新刊再改。')), 'the new issue rebuilt');
    expect(await pdfText(path.join(dir, 'output', 'issue-8.pdf'))).toContain('新刊再改');
    // A second publication file is no issue: nothing is built for it.
    const rounds = w.rounds();
    writeFileSync(path.join(dir, 'issues', 'other.yaml'), publication);
    await w.after(() => writeFileSync(path.join(dir, 'issues', 'issue-7.yaml'), smallIssue(7, '七期再改。')), 'issue 7 rebuilt');
    expect(w.rounds()).toBeGreaterThan(rounds);
    expect(existsSync(path.join(dir, 'output', 'other.pdf'))).toBe(false);
    expect(w.err).not.toMatch(/other\.yaml:\d|other\.yaml →/);
    expect(await w.stop()).toBe(130);
  });

  it.runIf(has('pdffonts'))('builds with a 仿宋 font copied into the issue\'s folder while it watches, which the gongwen preset then finds', async () => {
    // The publication as the office has it: the gongwen preset, its faces looked for where the fonts are.
    const dir = folderWith({ 'issue-12.yaml': smallIssue(12) });
    writeFileSync(path.join(dir, 'issues', 'publication.yaml'), readFileSync(path.join(root, 'issues', 'publication.yaml'), 'utf8'));
    const pdf = path.join(dir, 'output', 'issue-12.pdf');
    const fonts = () => spawnSync('pdffonts', [pdf], { encoding: 'utf8' }).stdout;
    const w = new Watch(dir, ['issues/issue-12.yaml']);
    await w.until(() => w.rounds() === 1, 'the first build');
    expect(fonts()).not.toMatch(/\+FangSong_GB2312 /);
    await w.after(() => {
      renamedFont(path.join(root, 'fonts', 'NotoSerifSC-Regular.ttf'), path.join(dir, 'issues', '.simfang.part'), { family: 'FangSong_GB2312', zh: '仿宋_GB2312', postscript: 'FangSong_GB2312' });
      renameSync(path.join(dir, 'issues', '.simfang.part'), path.join(dir, 'issues', 'simfang.ttf'));
    }, 'the rebuild with the font found');
    expect(fonts()).toMatch(/\+FangSong_GB2312 /);
    expect(await w.stop()).toBe(130);
  });

  it.runIf(has('pdffonts'))('builds with a font replaced while it watches, and records it: a later build finds the PDF up to date', async () => {
    const dir = folderWith({});
    const issueFile = path.join(dir, 'issues', 'issue-9.yaml');
    writeFileSync(issueFile, smallIssue(9, '', 'style:\n  fonts: { serif: fonts/body.ttf }\n'));
    mkdirSync(path.join(dir, 'issues', 'fonts'));
    const font = path.join(dir, 'issues', 'fonts', 'body.ttf');
    // Two fonts a PDF names apart: what pdffonts lists is the font the body was set in.
    renamedFont(path.join(root, 'fonts', 'NotoSerifSC-Regular.ttf'), font, { family: 'Watch Body One', postscript: 'WatchBodyOne' });
    const pdf = path.join(dir, 'output', 'issue-9.pdf');
    const fonts = (file: string) => spawnSync('pdffonts', [file], { encoding: 'utf8' }).stdout;
    const w = new Watch(dir, ['issues/issue-9.yaml']);
    await w.until(() => w.rounds() === 1, 'the first build');
    expect(fonts(pdf)).toMatch(/\+WatchBodyOne /);
    const state = () => JSON.parse(readFileSync(path.join(dir, 'output', '.bulletin-state.json'), 'utf8'))['issue-9.pdf'] as { inputs: string; pdf: string };
    const before = state();
    // Another font renamed over it, as an installer or a copy does.
    await w.after(() => {
      renamedFont(path.join(root, 'fonts', 'NotoSansSC-Bold.ttf'), path.join(dir, 'issues', 'fonts', '.body.ttf.part'), { family: 'Watch Body Two', postscript: 'WatchBodyTwo' });
      renameSync(path.join(dir, 'issues', 'fonts', '.body.ttf.part'), font);
    }, 'the rebuild with the new font');
    expect(fonts(pdf)).toMatch(/\+WatchBodyTwo /);
    expect(fonts(pdf)).not.toMatch(/\+WatchBodyOne /);
    expect(state().inputs).not.toBe(before.inputs);
    expect(await w.stop()).toBe(130);
    // The record is of the font now there: a plain build skips the PDF, and the PDF is what a fresh build writes.
    const again = spawnSync(process.execPath, [bin, 'build', 'issues/issue-9.yaml'], { cwd: dir, encoding: 'utf8' });
    expect(again.stdout).toContain('(up to date)');
    const fresh = spawnSync(process.execPath, [bin, 'build', 'issues/issue-9.yaml', '-o', 'fresh/issue-9.pdf'], { cwd: dir, encoding: 'utf8' });
    expect(fresh.status, fresh.stderr).toBe(0);
    expect(readFileSync(path.join(dir, 'fresh', 'issue-9.pdf')).equals(readFileSync(pdf))).toBe(true);
    expect(statSync(pdf).size).toBeGreaterThan(0);
  });
});
