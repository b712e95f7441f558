// The editing loop: `bulletin build --watch` running on issue 91, the issue file
// edited again and again (a different sentence in its first paragraph each time);
// for each edit, the time from the write to the new PDF renamed into place, as the
// output folder's own watcher hears it. The first edits warm the watching process
// and are not counted.
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, statSync, watch, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const WARM_UP = 3;
const SENTENCE = '2月12日，市政府副秘书长李兵到我区督导了疫情防控工作。';

/**
 * `runs` timed edits of issue 91 under --watch in `work` (with `root`'s issue and
 * publication files). Returns each edit's milliseconds, the settling time the watch
 * was run with, and the load averages (1 min) seen before and after.
 */
export async function watchedEdits({ root, bin, work, runs, settle = 30 }) {
  const folder = path.join(work, 'watched');
  mkdirSync(folder, { recursive: true });
  cpSync(path.join(root, 'issues', 'publication.yaml'), path.join(folder, 'publication.yaml'));
  const original = readFileSync(path.join(root, 'issues', 'issue-91.yaml'), 'utf8');
  if (!original.includes(SENTENCE)) throw new Error('issue 91 no longer has the sentence the bench edits');
  const file = path.join(folder, 'issue-91.yaml');
  writeFileSync(file, original);
  const out = path.join(work, 'watched-out');
  const pdf = path.join(out, 'issue-91.pdf');
  const child = spawn(process.execPath, [bin, 'build', file, '-o', `${out}${path.sep}`, '--watch', '-q'], {
    env: { ...process.env, BULLETIN_WATCH_SETTLE_MS: String(settle) },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  const rounds = () => err.split('watching for changes').length - 1;
  const until = async (done, what) => {
    const end = Date.now() + 60_000;
    while (!done()) {
      if (Date.now() > end || child.exitCode !== null) throw new Error(`bench: --watch: no ${what}:\n${err}`);
      await new Promise((r) => setTimeout(r, 5));
    }
  };
  await until(() => rounds() === 1, 'first build');
  // The PDF renamed into place: an event in the output folder, its inode a new one.
  let placed;
  const listener = watch(out, (_e, name) => {
    if (String(name) === 'issue-91.pdf') placed?.();
  });
  const loads = [os.loadavg()[0]];
  const times = [];
  for (let i = 0; i < WARM_UP + runs; i++) {
    const before = statSync(pdf).ino;
    const round = rounds();
    const text = original.replace(SENTENCE, SENTENCE.replace('李兵', `李兵（第${i + 1}次）`));
    let start = 0;
    const done = new Promise((resolve) => {
      placed = () => {
        let ino;
        try {
          ino = statSync(pdf).ino;
        } catch {
          return;
        }
        if (ino !== before) resolve(performance.now() - start);
      };
    });
    start = performance.now();
    writeFileSync(file, text);
    const ms = await done;
    if (i >= WARM_UP) times.push(ms);
    // The rebuild's end (its proofreading and record come after the PDF), then a pause.
    await until(() => rounds() > round, 'rebuild');
    await new Promise((r) => setTimeout(r, 150));
  }
  loads.push(os.loadavg()[0]);
  listener.close();
  child.kill('SIGINT');
  const code = await new Promise((resolve) => child.on('exit', (c) => resolve(c)));
  if (code !== 130) throw new Error(`bench: --watch ended with ${code}, not 130:\n${err}`);
  return { times, settle, loads };
}
