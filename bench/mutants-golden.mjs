#!/usr/bin/env node
/**
 * Which survivors of a mutation run the golden dumps notice: each mutant that no
 * rule test killed is made again in the source, one at a time, and the golden
 * dumps (test/golden.test.ts: issue 91 in both presets, line by line) run against
 * it; the source is put back after each. Run it in a checkout of the commit the
 * report was made from, with its dependencies installed:
 *
 *   node bench/mutants-golden.mjs reports/mutation/mutation.json [--jobs 2] [--file src/…] [--out file.json]
 *
 * Prints one line a survivor (noticed or not) and the counts by file; --out
 * writes them as JSON. A survivor the dumps notice changes what issue 91 looks
 * like; one they do not is either equivalent or a rule issue 91 never meets.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const args = process.argv.slice(2);
const report = args.find((a) => a.endsWith('.json') && args[args.indexOf(a) - 1] !== '--out') ?? 'reports/mutation/mutation.json';
const jobs = Number(args[args.indexOf('--jobs') + 1] ?? 2) || 2;
const out = args.includes('--out') ? args[args.indexOf('--out') + 1] : undefined;
const only = args.includes('--file') ? args[args.indexOf('--file') + 1] : undefined;
const root = process.cwd();
const r = JSON.parse(readFileSync(report, 'utf8'));

const todo = [];
for (const [file, f] of Object.entries(r.files)) {
  if (only && file !== only) continue;
  for (const m of f.mutants) if (m.status === 'Survived' || m.status === 'NoCoverage') todo.push({ file, source: f.source, m });
}

/** The source with the mutant's replacement put in (Stryker's locations: lines and columns from 1). */
function mutated(source, m) {
  const lines = source.split('\n');
  const offset = (loc) => lines.slice(0, loc.line - 1).reduce((n, l) => n + l.length + 1, 0) + loc.column - 1;
  return source.slice(0, offset(m.location.start)) + m.replacement + source.slice(offset(m.location.end));
}

/** A copy of the checkout per job (sources and tests; node_modules linked). */
function workspace() {
  const dir = mkdtempSync(path.join(tmpdir(), 'mutants-golden-'));
  for (const entry of ['src', 'test', 'fonts', 'issues', 'package.json', 'tsconfig.json', 'vitest.config.ts']) {
    cpSync(path.join(root, entry), path.join(dir, entry), { recursive: true });
  }
  symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'));
  return dir;
}

function run(dir) {
  return new Promise((resolve) => {
    execFile(process.execPath, [path.join(root, 'node_modules', 'vitest', 'vitest.mjs'), 'run', 'test/golden.test.ts'], { cwd: dir, timeout: 60_000 }, (error) => resolve(error ? 'noticed' : 'unnoticed'));
  });
}

const results = [];
let next = 0;
async function worker() {
  const dir = workspace();
  try {
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
      results.push({ file: t.file, line: t.m.location.start.line, column: t.m.location.start.column, mutator: t.m.mutatorName, replacement: t.m.replacement, status: t.m.status, golden: verdict });
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
  if (x.golden === 'noticed') c.noticed++;
  byFile.set(x.file, c);
}
console.log('\n| file | survivors | noticed by the golden dumps |\n| --- | ---: | ---: |');
let s = 0;
let n = 0;
for (const [file, c] of [...byFile].sort()) {
  console.log(`| ${file} | ${c.survivors} | ${c.noticed} |`);
  s += c.survivors;
  n += c.noticed;
}
console.log(`| all | ${s} | ${n} |`);
if (out) writeFileSync(out, JSON.stringify(results, null, 1));
