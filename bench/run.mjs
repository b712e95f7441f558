#!/usr/bin/env node
// npm run bench: how fast bulletin is, measured honestly. Prints a table and writes
// it, with a description of the machine, to bench/RESULTS.md.
//
// - a cold build of issue 91 as a whole process (median of 11 runs after a warm-up),
//   beside `node -e "require('pdfkit')"` run in turn with it: the floor any pdfkit
//   program pays;
// - the in-process time of each stage (load, compose, set, paginate, write);
// - a batch of 48 issues in one invocation with 1 and with 2 jobs; one of 24 with 1
//   job, one a core and the default;
// - --watch: an edit of issue 91 to its new PDF in place, in the watching process;
// - synthetic issues with 1×, 4× and 16× the text of issue 91: time and peak memory;
// - the peak resident memory of the cold build;
// - bulletin check of issue 91 (proofreading included), and the PNG proofs of
//   build --proof: the build with them against the build without.
// - photos (issue 15): issue 91 alone, with one 12-megapixel camera JPEG at the full
//   measure, with six in three pairs: build time, peak memory, PDF size; hostile
//   images: how long and how much memory until they are refused.
// - a build naming an installed font by family, with the font cache cold and warm;
// - a word wider than the measure, 20 000 and 200 000 digits long: linear growth.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pngBomb, tinyHugeJpeg } from './hostile.mjs';
import { photo } from './photo.mjs';
import { scaled, withFigures } from './scaled.mjs';
import { watchedEdits } from './watch.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = path.join(root, 'bin', 'bulletin');
const work = mkdtempSync(path.join(os.tmpdir(), 'bulletin-bench-'));
const RUNS = 11;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x) => `${x.toFixed(0)} ms`;

/** Wall time, peak resident memory and CPU time (user and system, ms) of a command, from /usr/bin/time when present. */
function timed(args, cwd = work, env = process.env) {
  const time = '/usr/bin/time';
  const useTime = spawnSync('sh', ['-c', `command -v ${time}`]).status === 0;
  const start = performance.now();
  const r = useTime
    ? spawnSync(time, ['-f', '%U %S %M', process.execPath, ...args], { cwd, encoding: 'utf8', env })
    : spawnSync(process.execPath, args, { cwd, encoding: 'utf8', env });
  const wall = performance.now() - start;
  if (r.status !== 0 && r.status !== null && !args.includes('-e')) throw new Error(`${args.join(' ')}: ${r.stderr}`);
  const [user, system, kb] = useTime ? r.stderr.trim().split('\n').at(-1).split(' ').map(Number) : [NaN, NaN, NaN];
  return { wall, mib: kb / 1024, cpu: (user + system) * 1000 };
}

function series(args, cwd) {
  timed(args, cwd); // warm-up: the page cache, the disk
  const runs = Array.from({ length: RUNS }, () => timed(args, cwd));
  return { wall: median(runs.map((r) => r.wall)), mib: Math.max(...runs.map((r) => r.mib)) };
}

/** Two commands run in turn, run after run, so that both see the same machine. */
function interleaved(a, b) {
  timed(...a);
  timed(...b);
  const runs = Array.from({ length: RUNS }, () => [timed(...a), timed(...b)]);
  const of = (k) => ({ wall: median(runs.map((r) => r[k].wall)), mib: Math.max(...runs.map((r) => r[k].mib)) });
  return [of(0), of(1)];
}

// A folder like the office's: the publication file and issue 91.
mkdirSync(path.join(work, 'issues'));
cpSync(path.join(root, 'issues', 'publication.yaml'), path.join(work, 'issues', 'publication.yaml'));
cpSync(path.join(root, 'issues', 'issue-91.yaml'), path.join(work, 'issues', 'issue-91.yaml'));

const rows = [];
const row = (what, value, note = '') => rows.push([what, value, note]);

// 1. Cold build against the floor, interleaved so both see the same machine.
const [floor, cold] = interleaved([['-e', "require('pdfkit')"], root], [[bin, 'build', 'issues/issue-91.yaml', '--force', '-q']]);
row(`cold build of issue 91 (process, median of ${RUNS})`, ms(cold.wall), `${(cold.wall / floor.wall).toFixed(2)} × the floor (target ≤ 1.5)`);
row("node -e \"require('pdfkit')\" (the floor)", ms(floor.wall));
row('peak resident memory, cold build', `${cold.mib.toFixed(0)} MiB`, 'target ≤ 200 MiB');

// 2. Stages, in process.
const stages = JSON.parse(
  execFileSync(process.execPath, [path.join(root, 'bench', 'stages.mjs'), path.join(work, 'issues', 'issue-91.yaml')], { encoding: 'utf8' }),
);
for (const [stage, t] of Object.entries(stages)) row(`  stage: ${stage} (warm, median)`, `${t.toFixed(1)} ms`);

// 3. A batch of 48 issues.
const batch = path.join(work, 'batch');
mkdirSync(batch);
cpSync(path.join(root, 'issues', 'publication.yaml'), path.join(batch, 'publication.yaml'));
const issue91 = readFileSync(path.join(root, 'issues', 'issue-91.yaml'), 'utf8');
for (let n = 1; n <= 48; n++) writeFileSync(path.join(batch, `issue-${n}.yaml`), issue91.replace('number: 91', `number: ${n}`));
for (const jobs of [1, 2]) {
  const t = median([0, 1, 2].map(() => timed([bin, 'build', 'batch', '--force', '-q', '--jobs', String(jobs), '-o', 'out/']).wall));
  row(`batch of 48 issues, ${jobs} job${jobs > 1 ? 's' : ''}`, `${(48 / (t / 1000)).toFixed(1)} issues/s`, `${ms(t)}${jobs === 2 ? ' (target ≥ 15 issues/s)' : ''}`);
}
// The default --jobs (cores / 1.7, src/cli.ts) against one job and one a core, on 24
// issues: interleaved, so that all see the same machine; wall and CPU time.
const batch24 = path.join(work, 'batch24');
mkdirSync(batch24);
cpSync(path.join(root, 'issues', 'publication.yaml'), path.join(batch24, 'publication.yaml'));
for (let n = 1; n <= 24; n++) writeFileSync(path.join(batch24, `issue-${n}.yaml`), issue91.replace('number: 91', `number: ${n}`));
const defaultJobs = (await import('../dist/cli.js')).defaultJobs();
const settings = [['1', '1 job'], [String(os.availableParallelism()), `${os.availableParallelism()} jobs (one a core, the old default)`], [undefined, `the default (${defaultJobs} here)`]];
const jobRuns = Array.from({ length: 5 }, () => settings.map(([jobs]) => timed([bin, 'build', 'batch24', '--force', '-q', ...(jobs ? ['--jobs', jobs] : []), '-o', 'out24/'])));
settings.forEach(([, label], k) => {
  const wall = median(jobRuns.map((r) => r[k].wall));
  const cpu = median(jobRuns.map((r) => r[k].cpu));
  row(`batch of 24 issues, ${label}`, ms(wall), `${(cpu / 1000).toFixed(1)} s of CPU (medians of 5, interleaved)`);
});

// The editing loop: an edit of issue 91 under --watch to its new PDF in place, warm.
{
  const { times, settle, loads } = await watchedEdits({ root, bin, work, runs: RUNS });
  const t = median(times);
  row(
    `--watch: an edit of issue 91 to its new PDF in place (warm, median of ${RUNS})`,
    ms(t),
    `${ms(settle)} of it settling, ${ms(t - settle)} of work (target < 150 ms); fastest ${ms(Math.min(...times))}, slowest ${ms(Math.max(...times))}; load average ${loads.map((l) => l.toFixed(1)).join('–')}`,
  );
}

// 4. Scaling: 1×, 4×, 16× the text of issue 91 (every article's body repeated).
const scale = {};
for (const k of [1, 4, 16]) {
  const file = path.join(work, 'issues', `scaled-${k}.yaml`);
  writeFileSync(file, scaled(issue91, k));
  const r = series([bin, 'build', `issues/scaled-${k}.yaml`, '--force', '-q']);
  scale[k] = r;
  row(`${k}× the text of issue 91`, ms(r.wall), `${r.mib.toFixed(0)} MiB peak${k === 16 ? ' (target ≤ 400 MiB)' : ''}`);
}
row('growth 16× / 1×', `${(scale[16].wall / scale[1].wall).toFixed(1)} ×`, 'target ≤ 18 ×');

// 5. The editor's desk: check (load, proofread, lay out) and the PNG proofs.
const check = series([bin, 'check', 'issues/issue-91.yaml']);
row(`check of issue 91 (process, median of ${RUNS})`, ms(check.wall), 'load, proofread, lay out; no PDF');
const proofRuns = [0, 1, 2].map(() => [timed([bin, 'build', 'issues/issue-91.yaml', '--force', '-q']), timed([bin, 'build', 'issues/issue-91.yaml', '--force', '-q', '--proof'])]);
const proofs = median(proofRuns.map(([plain, withProofs]) => withProofs.wall - plain.wall));
row('PNG proofs of issue 91 (build --proof − build)', ms(proofs), `${Math.max(...proofRuns.map(([, r]) => r.mib)).toFixed(0)} MiB peak; every page at 110 dpi and the contact sheet`);
// 6. Photos (issue 15): issue 91 with one 12-megapixel camera JPEG at the full measure
// under its first paragraph, and with six (three pairs); then hostile images.
const sharp = (await import('sharp')).default;
const photos = [];
for (let n = 1; n <= 6; n++) {
  const raw = photo(4000, 3000, n);
  const name = `photo-${n}.jpg`;
  writeFileSync(path.join(work, 'issues', name), await sharp(raw, { raw: { width: 4000, height: 3000, channels: 3 } }).jpeg({ quality: 88 }).toBuffer());
  photos.push(name);
}
const photoBytes = readFileSync(path.join(work, 'issues', photos[0])).length;
writeFileSync(path.join(work, 'issues', 'one-photo.yaml'), withFigures(issue91, [`image: ${photos[0]}\ncaption: 图为督导现场`]));
writeFileSync(
  path.join(work, 'issues', 'six-photos.yaml'),
  withFigures(issue91, [0, 2, 4].map((k) => `images: [${photos[k]}, ${photos[k + 1]}]\ncaption: 图为工作现场`)),
);
const pdfSize = (name) => readFileSync(path.join(work, 'output', `${name}.pdf`)).length / 2 ** 20;
// The three builds run in turn, run after run, so that all see the same machine.
const builds = ['issue-91', 'one-photo', 'six-photos'].map((name) => [[bin, 'build', `issues/${name}.yaml`, '--force', '-q']]);
for (const b of builds) timed(...b);
const turns = Array.from({ length: RUNS }, () => builds.map((b) => timed(...b)));
const [plain, onePhoto, sixPhotos] = builds.map((_, k) => ({ wall: median(turns.map((t) => t[k].wall)), mib: Math.max(...turns.map((t) => t[k].mib)) }));
const plainSize = pdfSize('issue-91');
row('issue 91 alone: build, peak memory, PDF', ms(plain.wall), `${plain.mib.toFixed(0)} MiB peak, ${plainSize.toFixed(2)} MiB PDF`);
for (const [name, r, what, limits] of [
  ['one-photo', onePhoto, `+ one 12-megapixel photo (${(photoBytes / 2 ** 20).toFixed(1)} MiB JPEG), full measure`, { mib: 2, ms: 1000, peak: 250 }],
  ['six-photos', sixPhotos, '+ six such photos, three pairs', { mib: 12, ms: 3000, peak: 250 }],
]) {
  const grew = pdfSize(name) - plainSize;
  const slower = r.wall - plain.wall;
  const within = name === 'one-photo' ? grew <= limits.mib && slower <= limits.ms : pdfSize(name) <= limits.mib && r.wall <= limits.ms;
  row(
    `issue 91 ${what}`,
    ms(r.wall),
    `${r.mib.toFixed(0)} MiB peak, ${pdfSize(name).toFixed(2)} MiB PDF (+${grew.toFixed(2)} MiB, +${ms(slower)}); ` +
      (name === 'one-photo' ? `target ≤ +2 MiB, ≤ +1 s, < 250 MiB` : `target < 12 MiB, < 3 s`) + (within && r.mib < limits.peak ? '' : ' — MISSED'),
  );
}
// Hostile images: refused when the issue is loaded (the header), or when it is written (the decoder).
writeFileSync(path.join(work, 'issues', 'tiny.jpg'), tinyHugeJpeg());
writeFileSync(path.join(work, 'issues', 'bomb.png'), pngBomb());
writeFileSync(path.join(work, 'issues', 'runon.png'), pngBomb({ width: 1000, height: 1000 }));
for (const [file, what] of [
  ['tiny.jpg', 'a 505-byte JPEG claiming 39 megapixels'],
  ['bomb.png', 'a 1.4 MiB PNG inflating to 1.5 GB (its header 1.5 gigapixels)'],
  ['runon.png', 'a 1.4 MiB PNG of 1000 × 1000 whose data inflates on to 1.5 GB'],
]) {
  writeFileSync(path.join(work, 'issues', 'hostile.yaml'), withFigures(issue91, [`image: ${file}`]));
  const runs = Array.from({ length: 5 }, () => {
    const time = '/usr/bin/time';
    const start = performance.now();
    const r = spawnSync(time, ['-f', '%M', process.execPath, bin, 'build', 'issues/hostile.yaml', '--force', '-q'], { cwd: work, encoding: 'utf8' });
    if (r.status !== 1) throw new Error(`${file} was not refused: ${r.stderr}`);
    return { wall: performance.now() - start, mib: Number(r.stderr.trim().split('\n').at(-1)) / 1024 };
  });
  const wall = median(runs.map((r) => r.wall));
  const mib = Math.max(...runs.map((r) => r.mib));
  row(`refused: ${what}`, ms(wall), `${mib.toFixed(0)} MiB peak (target < 1 s, < 200 MiB)`);
}
// 7. Fonts by family: issue 91 with its serif named by the family of an installed
// Chinese font, the font cache empty (cold: every system font is listed and read)
// and kept (warm: the folders are listed and the files statted), beside the build
// in the bundled fonts.
const cacheOf = (name) => ({ ...process.env, XDG_CACHE_HOME: path.join(work, name) });
const { faces } = JSON.parse(execFileSync(process.execPath, [bin, 'fonts', '--json'], { encoding: 'utf8', env: cacheOf('cache-list') }));
const system = faces.filter((f) => f.source === 'system');
const han = system.find((f) => f.gb2312 >= 6763 && !f.italic);
if (han) {
  writeFileSync(path.join(work, 'issues', 'family.yaml'), `${issue91}style:\n  fonts: { serif: "${han.family}" }\n`);
  const args = [bin, 'build', 'issues/family.yaml', '--force', '-q'];
  timed(args, work, cacheOf('cache-warm'));
  const runs = Array.from({ length: RUNS }, (_, i) => [timed(args, work, cacheOf(`cache-cold-${i}`)), timed(args, work, cacheOf('cache-warm')), timed([bin, 'build', 'issues/issue-91.yaml', '--force', '-q'])]);
  const [coldFont, warmFont, bundled] = [0, 1, 2].map((k) => median(runs.map((r) => r[k].wall)));
  const files = new Set(system.map((f) => f.file)).size;
  row(`build naming an installed family, font cache cold`, ms(coldFont), `serif: ${han.family}; ${files} system font files read`);
  row(`build naming an installed family, font cache warm`, ms(warmFont), `the bundled fonts' build in turn with it: ${ms(bundled)}`);
} else {
  row('build naming an installed family', '—', 'no Chinese font installed');
}
// 8. A word wider than the measure (T6's last resort): a run of digits in issue 91's
// first paragraph, 20 000 and 200 000 long. Linear, it takes about 10× as long for
// 10× the digits; 200 000 took 96 s when each fragment looked at the whole word.
const digits = {};
for (const n of [20_000, 200_000]) {
  writeFileSync(path.join(work, 'issues', `digits-${n}.yaml`), issue91.replace('李兵到我区督导', `李兵到我区${'1234567890'.repeat(n / 10)}督导`));
  const runs = [0, 1, 2].map(() => timed([bin, 'build', `issues/digits-${n}.yaml`, '--force', '-q']));
  digits[n] = { wall: median(runs.map((r) => r.wall)), mib: Math.max(...runs.map((r) => r.mib)) };
  row(`a run of ${n} digits in a paragraph`, ms(digits[n].wall), `${digits[n].mib.toFixed(0)} MiB peak`);
}
row('growth 200 000 / 20 000 digits', `${(digits[200_000].wall / digits[20_000].wall).toFixed(1)} ×`, 'target ≤ 12 × (linear: 10 ×, less the start)');

const cpu = os.cpus()[0]?.model ?? 'unknown cpu';
const machine = `${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.type()} ${os.release()}, Node ${process.version}`;
const width = Math.max(...rows.map(([w]) => w.length));
const lines = rows.map(([w, v, n]) => `${w.padEnd(width)}  ${v.padStart(14)}  ${n}`);
console.log(`machine: ${machine}\n`);
console.log(lines.join('\n'));
// The notes under the table (from "## Notes" on) are written by hand and kept.
const resultsFile = path.join(root, 'bench', 'RESULTS.md');
let notes = '';
try {
  const old = readFileSync(resultsFile, 'utf8');
  const at = old.indexOf('\n## Notes');
  if (at >= 0) notes = old.slice(at);
} catch {
  notes = '';
}
writeFileSync(
  resultsFile,
  `# Benchmark results\n\nThe last run of \`npm run bench\`, on ${new Date().toISOString().slice(0, 10)}.\n\nMachine: ${machine}.\n\n` +
    `| measure | value | note |\n| --- | ---: | --- |\n${rows.map(([w, v, n]) => `| ${w.trim()} | ${v} | ${n} |`).join('\n')}\n${notes}`,
);
rmSync(work, { recursive: true, force: true });
