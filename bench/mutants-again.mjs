#!/usr/bin/env node
/**
 * The survivors of a mutation run made again, one at a time, in a copy of the
 * sources, with a set of tests run against each; the source is put back after
 * each. Run it in a checkout whose sources are the ones the report was made from
 * (tests may be newer), with its dependencies installed:
 *
 *   node bench/mutants-again.mjs reports/mutation/mutation.json [--against golden|engine]
 *        [--jobs 2] [--file src/…] [--line N] [--status Survived,NoCoverage] [--timeout s] [--out file.json]
 *
 * --against golden (the default): the golden dumps (test/golden.test.ts: issue 91
 * in both presets, line by line). A survivor the dumps notice changes what issue
 * 91 looks like; one they do not is either equivalent or a rule issue 91 never
 * meets. --out writes the verdicts as JSON for bench/mutation-survivors.mjs.
 *
 * --against engine: the engine's rule tests as `npm run mutate` runs them
 * (vitest.mutate.config.ts, some 5 s a mutant), to see whether tests written
 * since the run kill a survivor before running Stryker again.
 *
 * --status Timeout makes the mutants that timed out again instead (a timeout counts
 * as detected in the score, so one caused by a busy machine rather than a loop
 * flatters it): a mutant whose tests still pass within the limit (--timeout, 60 s by
default) is a survivor.
 *
 * Prints one line a survivor (noticed or not) and the counts by file.
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const args = process.argv.slice(2);
const report = args.find((a) => a.endsWith('.json') && args[args.indexOf(a) - 1] !== '--out') ?? 'reports/mutation/mutation.json';
const jobs = Number(args[args.indexOf('--jobs') + 1] ?? 2) || 2;
const out = args.includes('--out') ? args[args.indexOf('--out') + 1] : undefined;
const only = args.includes('--file') ? args[args.indexOf('--file') + 1] : undefined;
const onlyLine = args.includes('--line') ? Number(args[args.indexOf('--line') + 1]) : undefined;
const limit = args.includes('--timeout') ? Number(args[args.indexOf('--timeout') + 1]) * 1000 : 60_000;
const statuses = (args.includes('--status') ? args[args.indexOf('--status') + 1] : 'Survived,NoCoverage').split(',');
const against = args.includes('--against') ? args[args.indexOf('--against') + 1] : 'golden';
if (against !== 'golden' && against !== 'engine') throw new Error(`--against golden or engine, not ${against}`);
const root = process.cwd();
const r = JSON.parse(readFileSync(report, 'utf8'));

const todo = [];
for (const [file, f] of Object.entries(r.files)) {
  if (only && file !== only) continue;
  for (const m of f.mutants) {
    if (onlyLine !== undefined && m.location.start.line !== onlyLine) continue;
    if (statuses.includes(m.status)) todo.push({ file, source: f.source, m });
  }
}

/** The source with the mutant's replacement put in (Stryker's locations: lines and columns from 1). */
function mutated(source, m) {
  const lines = source.split('\n');
  const offset = (loc) => lines.slice(0, loc.line - 1).reduce((n, l) => n + l.length + 1, 0) + loc.column - 1;
  return source.slice(0, offset(m.location.start)) + m.replacement + source.slice(offset(m.location.end));
}

/** A copy of the checkout per job (sources and tests; node_modules linked). */
function workspace() {
  const dir = mkdtempSync(path.join(tmpdir(), 'mutants-again-'));
  for (const entry of ['src', 'test', 'bench', 'fonts', 'issues', 'package.json', 'tsconfig.json', 'vitest.config.ts', 'vitest.mutate.config.ts']) {
    cpSync(path.join(root, entry), path.join(dir, entry), { recursive: true });
  }
  symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'));
  return dir;
}

function run(dir) {
  return new Promise((resolve) => {
    const tests = against === 'golden' ? ['test/golden.test.ts'] : ['--config', 'vitest.mutate.config.ts'];
    // A process group of its own: at the limit the whole group is killed, vitest's
    // workers too (a mutant that loops keeps a worker spinning after its parent dies).
    const child = spawn(process.execPath, [path.join(root, 'node_modules', 'vitest', 'vitest.mjs'), 'run', ...tests], { cwd: dir, detached: true, stdio: 'ignore' });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {}
    }, limit);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve(timedOut ? 'timeout' : code === 0 ? 'unnoticed' : 'noticed');
    });
  });
}

const results = [];
let next = 0;
async function worker() {
  const dir = workspace();
  try {
    // The tests must pass on the sources as they are, or every mutant looks noticed.
    if ((await run(dir)) !== 'unnoticed') throw new Error(`the tests fail without a mutant (against ${against})`);
    while (next < todo.length) {
      const t = todo[next++];
      const target = path.join(dir, t.file);
      const original = readFileSync(target, 'utf8');
      // A report of other sources than these: its mutants are not these sources' mutants.
      if (original !== t.source) throw new Error(`${t.file} is not the source the report was made from`);
      writeFileSync(target, mutated(t.source, t.m));
      const verdict = await run(dir);
      writeFileSync(target, original);
      const line = t.source.split('\n')[t.m.location.start.line - 1]?.trim().slice(0, 90);
      results.push({ file: t.file, line: t.m.location.start.line, column: t.m.location.start.column, endLine: t.m.location.end.line, endColumn: t.m.location.end.column, mutator: t.m.mutatorName, replacement: t.m.replacement, status: t.m.status, golden: verdict });
      console.log(`${verdict.padEnd(9)} ${t.file}:${t.m.location.start.line}:${t.m.location.start.column} ${t.m.mutatorName} ${JSON.stringify(t.m.replacement).slice(0, 50)}  «${line}»`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await Promise.all(Array.from({ length: jobs }, worker));
const byFile = new Map();
for (const x of results) {
  const c = byFile.get(x.file) ?? { survivors: 0, noticed: 0 };
  c.survivors++;
  if (x.golden !== 'unnoticed') c.noticed++; // a loop (timeout) is noticed too
  byFile.set(x.file, c);
}
console.log(`\n| file | survivors | noticed by ${against === 'golden' ? 'the golden dumps' : 'the engine tests'} |\n| --- | ---: | ---: |`);
let s = 0;
let n = 0;
for (const [file, c] of [...byFile].sort()) {
  console.log(`| ${file} | ${c.survivors} | ${c.noticed} |`);
  s += c.survivors;
  n += c.noticed;
}
console.log(`| all | ${s} | ${n} |`);
if (out) writeFileSync(out, JSON.stringify(results, null, 1));
