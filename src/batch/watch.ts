/**
 * `bulletin build --watch`: after the first build, build again what an edit
 * touched, until interrupted.
 *
 * What an issue is built from is what its last build said (BuildRecord.inputs:
 * the issue, its publication file, images, the font files its style resolves
 * to). An issue that failed keeps what it was built from before, with the files
 * its problems name, and is tried again on any change in its folder: a
 * publication file or an image that became invalid stays watched, and fixing it
 * builds the issue. The folders and patterns given are looked into again when a
 * YAML file appears in them or leaves them: a new issue file is built. A font file
 * added or changed in a watched folder weighs every issue again (a style naming a
 * font by family may now find it); those up to date are skipped as in any build.
 *
 * Folders are watched, not files, with node:fs `watch` on each folder: an editor
 * saves by writing the file, by writing another and renaming it over, or by
 * deleting it and writing it anew, and each is an event in the folder. A folder
 * that does not exist yet is waited for in the nearest one that does; one deleted
 * and made again is watched again, and what it holds counts as changed. (Node's
 * recursive watch on Linux watches each file, and loses a file deleted and made
 * again; chokidar 5 left a folder made again unwatched and reported a new file
 * in a watched folder only with the next event.)
 *
 * Changes are acted on once they settle (`BULLETIN_WATCH_SETTLE_MS`, 30 ms by
 * default: an editor's save is a burst of events well within it); one rebuild
 * runs at a time, and what changes meanwhile is built after it.
 */
import { statSync, watch, type FSWatcher } from 'node:fs';
import path from 'node:path';
import { removeTemporaries } from '../atomic.js';
import type { BuildRecord } from '../build.js';
import type { Io } from '../cli.js';
import { FONT_FILE } from '../fonts/files.js';
import { printable, shown } from '../issue/problem.js';

export interface WatchSetup {
  /** The issue files the arguments named, as given, and the records of their first build. */
  first: BuildRecord[];
  /** Folders looked into for issue files (folder arguments, the folders of patterns). */
  folders: string[];
  /** Folders the PDFs are written to: what changes there is the watch's own doing. */
  outputs: string[];
  /** Build these issue files (as given, or new ones), report, and give their records. */
  rebuild: (files: string[]) => Promise<BuildRecord[]>;
  /** The issue files the arguments name now. */
  expand: () => Promise<string[]>;
}

/** How long changes must be quiet before they are acted on, ms (BULLETIN_WATCH_SETTLE_MS). */
export function settleMs(env: NodeJS.ProcessEnv = process.env): number {
  const given = Number(env.BULLETIN_WATCH_SETTLE_MS);
  return env.BULLETIN_WATCH_SETTLE_MS !== undefined && Number.isFinite(given) && given >= 0 ? given : 30;
}

/** Watch until interrupted; resolves with the exit code of an interrupt (130, 143). */
export function watchIssues(setup: WatchSetup, io: Io): Promise<number> {
  return new Watcher(setup, io, settleMs()).run();
}

const YAML = /\.ya?ml$/i;

/** What the watch knows of an issue. */
interface Watched {
  /** The issue file as given. */
  file: string;
  /** The files it is built from, absolute (the issue's own among them). */
  inputs: Set<string>;
  /** Its last build failed: any change in its folder tries it again. */
  failing: boolean;
}

/** A folder watched, and which folder it was when the watch began (its device and inode). */
interface Folder {
  watcher: FSWatcher;
  identity: string;
}

class Watcher {
  /** By absolute issue file. */
  private readonly issues = new Map<string, Watched>();
  private readonly folders: string[];
  private readonly outputs: string[];
  private readonly watched = new Map<string, Folder>();
  /** Folders wanted but not there at the last arming: being made since is a change of all in them. */
  private missing = new Set<string>();
  /** Folders whose watcher heard the folder itself go (its inode may be the new folder's): watched anew. */
  private readonly renew = new Set<string>();
  /** Paths changed since the last rebuild began. */
  private pending = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  /** The interrupt that ended the watch. */
  private ended: NodeJS.Signals | undefined;
  private end: (code: number) => void = () => {};

  constructor(
    private readonly setup: WatchSetup,
    private readonly io: Io,
    private readonly settle: number,
  ) {
    this.folders = setup.folders.map((f) => path.resolve(f));
    this.outputs = setup.outputs.map((f) => path.resolve(f));
    for (const r of setup.first) this.heard(r);
  }

  run(): Promise<number> {
    return new Promise((resolve) => {
      this.end = resolve;
      process.on('SIGINT', this.stop);
      process.on('SIGTERM', this.stop);
      this.arm();
      this.io.err('watching for changes (Ctrl-C to stop)');
    });
  }

  /**
   * An interrupt: the watch ends. While a batch builds, its own handler (run.ts)
   * stops it, removes its temporary files and exits; otherwise the watch ends
   * here, or when the rebuild under way has finished, with the same code.
   */
  private readonly stop = (signal: NodeJS.Signals) => {
    this.ended = signal;
    for (const f of this.watched.values()) f.watcher.close();
    this.watched.clear();
    clearTimeout(this.timer);
    process.off('SIGINT', this.stop);
    process.off('SIGTERM', this.stop);
    if (!this.running) this.close(signal);
  };

  private close(signal: NodeJS.Signals): void {
    for (const folder of this.outputs) removeTemporaries(folder);
    this.io.err(`\nbulletin: stopped watching (${signal})`);
    this.end(signal === 'SIGINT' ? 130 : 143);
  }

  /** What a build said of an issue: what it is built from, or that it failed. */
  private heard(r: BuildRecord): void {
    const file = path.resolve(r.input);
    const before = this.issues.get(file);
    const inputs = new Set([file, ...(r.inputs ?? []).map((f) => path.resolve(f))]);
    if (!r.inputs) {
      // Not loaded: what it was built from before, and the files its problems are in.
      for (const f of before?.inputs ?? []) inputs.add(f);
      for (const p of r.errors) if (p.file !== '') inputs.add(path.resolve(p.file));
    }
    this.issues.set(file, { file: r.input, inputs, failing: r.errors.length > 0 });
  }

  /** Watch the folders of everything of interest; a folder made or made again since counts as changed. */
  private arm(): void {
    const wanted = new Set<string>();
    const missing = new Set<string>();
    const want = (folder: string) => {
      // A folder that is not there is waited for in the nearest one that is.
      for (let f = folder; ; f = path.dirname(f)) {
        if (isFolder(f)) return void wanted.add(f);
        missing.add(f);
        if (path.dirname(f) === f) return;
      }
    };
    for (const issue of this.issues.values()) {
      for (const f of issue.inputs) want(path.dirname(f));
    }
    for (const f of this.folders) want(f);
    const before = this.missing;
    this.missing = missing;
    for (const [folder, w] of this.watched) {
      if (wanted.has(folder) && !this.renew.has(folder) && identityOf(folder) === w.identity) continue;
      w.watcher.close();
      this.watched.delete(folder);
      // Deleted, or deleted and made again: what it holds may have changed unheard.
      if (wanted.has(folder)) this.pending.add(folder);
    }
    for (const folder of wanted) {
      if (this.watched.has(folder)) continue;
      if (before.has(folder)) this.pending.add(folder);
      this.watchFolder(folder);
    }
    this.renew.clear();
    if (this.pending.size > 0) this.schedule();
  }

  private watchFolder(folder: string): void {
    try {
      const watcher = watch(folder, (_event, name) => {
        // The folder itself deleted or moved (its own name): its watcher is done.
        if (name?.toString() === path.basename(folder)) this.renew.add(folder);
        this.changed(name ? path.join(folder, name.toString()) : folder);
      });
      watcher.on('error', () => {
        this.renew.add(folder);
        this.changed(folder);
      });
      this.watched.set(folder, { watcher, identity: identityOf(folder) });
    } catch {
      // Gone since it was looked at, or not readable: waited for as a missing one.
      this.missing.add(folder);
    }
  }

  private changed(file: string): void {
    this.pending.add(file);
    this.schedule();
  }

  /** Act once the changes have settled: a burst of events (an editor's save) is one rebuild. */
  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.rebuild(), this.settle);
  }

  /** Build what the changes touched, then watch what the builds said they were built from. */
  private async rebuild(): Promise<void> {
    // A rebuild under way: what changed meanwhile is built after it (arm schedules it).
    if (this.running || this.ended) return;
    const changes = [...this.pending].filter((c) => !this.ours(c));
    this.pending = new Set();
    this.running = true;
    let built = false;
    try {
      const files = changes.length === 0 ? [] : await this.affected(changes);
      if (files.length > 0) {
        // Named by what touched an issue (an editor's temporary files left out), or all when none did.
        const touching = changes.filter((c) => this.mayBeIssue(c) || [...this.issues].some(([file, issue]) => this.touches(c, file, issue)));
        const said = touching.length > 0 ? touching : changes;
        const named = said.slice(0, 3).map((c) => shown(c));
        if (said.length > 3) named.push(`${said.length - 3} more`);
        this.io.err(`changed: ${printable(named.join(', '))}; building`);
        for (const r of await this.setup.rebuild(files)) this.heard(r);
        built = true;
      }
    } catch (e) {
      // The command's rebuild reports its own failures; this is the watch's.
      this.io.err(`bulletin: internal error while watching: ${printable((e as Error).message)}; watching on`);
    } finally {
      this.running = false;
    }
    if (this.ended) return this.close(this.ended);
    this.arm();
    if (built && this.pending.size === 0) this.io.err('watching for changes (Ctrl-C to stop)');
  }

  /** The issue files to build for these changes, the new ones found in the folders given among them. */
  private async affected(changes: string[]): Promise<string[]> {
    const out = new Set<string>();
    const fonts = changes.some((c) => FONT_FILE.test(c));
    for (const [file, issue] of this.issues) {
      // A font added or changed where fonts are looked for may change what any issue resolves to: each is weighed.
      if (fonts || changes.some((c) => this.touches(c, file, issue))) out.add(issue.file);
    }
    if (changes.some((c) => this.mayBeIssue(c))) {
      const now = await this.setup.expand();
      const listed = new Set(now.map((f) => path.resolve(f)));
      for (const f of now) if (!this.issues.has(path.resolve(f))) out.add(f);
      for (const [file, issue] of this.issues) {
        // An issue file gone from a folder given: no longer an issue to build (its PDF stays).
        if (listed.has(file) || isFile(file) || !this.folders.includes(path.dirname(file))) continue;
        this.issues.delete(file);
        out.delete(issue.file);
        this.io.err(`${printable(shown(file))}: removed; no longer watched (its PDF is kept)`);
      }
    }
    return [...out];
  }

  /** Whether a change concerns an issue: one of its files, a folder above one, or anything in its folder while it fails. */
  private touches(change: string, file: string, issue: Watched): boolean {
    if (issue.inputs.has(change)) return true;
    for (const f of issue.inputs) if (inside(change, f)) return true;
    return issue.failing && inside(path.dirname(file), change) && !path.basename(change).startsWith('.');
  }

  /** A YAML file that appeared in, or left, a folder given (or the folder itself, made again): an issue file new or gone. */
  private mayBeIssue(change: string): boolean {
    if (this.folders.includes(change)) return true;
    if (!YAML.test(change) || path.basename(change).startsWith('.') || !this.folders.includes(path.dirname(change))) return false;
    return !this.issues.has(change) || !isFile(change);
  }

  /** What the builds write beside the PDFs: the PDFs, their temporary files, the build record, proofs. */
  private ours(change: string): boolean {
    const name = path.basename(change);
    return this.outputs.includes(path.dirname(change)) && (/\.pdf$/i.test(name) || name.startsWith('.') || /\.proof(-\d+)?\.png$/i.test(name));
  }
}

/** Whether `file` is strictly inside `folder`. */
function inside(folder: string, file: string): boolean {
  return file.startsWith(folder.endsWith(path.sep) ? folder : folder + path.sep);
}

function isFolder(f: string): boolean {
  try {
    return statSync(f).isDirectory();
  } catch {
    return false;
  }
}

function isFile(f: string): boolean {
  try {
    return statSync(f).isFile();
  } catch {
    return false;
  }
}

/** Which folder a path is now: its device and inode, empty when it is not there. */
function identityOf(folder: string): string {
  try {
    const s = statSync(folder);
    return `${s.dev}:${s.ino}`;
  } catch {
    return '';
  }
}
