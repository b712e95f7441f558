#!/usr/bin/env node
/**
 * Every survivor of a mutation run, sorted into what explains it, as a Markdown
 * table by file and a list of the rest:
 *
 *   node bench/mutation-survivors.mjs reports/mutation/mutation.json [golden.json] [--list kind]
 *
 * `golden.json` is bench/mutants-golden.mjs's --out: survivors the golden dumps
 * notice. The kinds, in the order they are tried:
 * - golden: the golden dumps notice it (issue 91 looks different);
 * - cache: code that only remembers what was worked out (a cache, forget*), whose
 *   mutants give the same answers;
 * - rounding: a comparison at a rounding margin (1e-6, 1e-9, EPS) made strict or
 *   loose, or the margin's sign changed: the same result on real lengths;
 * - message: the text of an error, a warning, a trace or a tag, not typography;
 * - unguarded: the rest, to be read one by one (--list unguarded).
 */
import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const report = JSON.parse(readFileSync(args[0] ?? 'reports/mutation/mutation.json', 'utf8'));
const goldenFile = args[1] && !args[1].startsWith('--') ? args[1] : undefined;
const list = args.includes('--list') ? args[args.indexOf('--list') + 1] : undefined;
const noticed = new Set();
if (goldenFile) {
  for (const g of JSON.parse(readFileSync(goldenFile, 'utf8'))) if (g.golden === 'noticed') noticed.add(`${g.file}:${g.line}:${g.column}:${g.mutator}:${g.replacement}`);
}

/** The name of the function around a line, from the source (the nearest `function` above). */
function enclosing(lines, line) {
  for (let k = line - 1; k >= 0; k--) {
    const m = /^(?:export )?(?:async )?function (\w+)|^\s+(\w+)\(.*\)[^;]*\{$/.exec(lines[k]);
    if (m) return m[1] ?? m[2];
  }
  return '';
}

function kindOf(file, f, m, lines) {
  const key = `${file}:${m.location.start.line}:${m.location.start.column}:${m.mutatorName}:${m.replacement}`;
  if (noticed.has(key)) return 'golden';
  const code = lines[m.location.start.line - 1] ?? '';
  const fn = enclosing(lines, m.location.start.line);
  if (/^forget|^classify$|cache/i.test(fn) || /\bcache\b|\?\?=/.test(code)) return 'cache';
  if (/1e-6|1e-9|1e-12|EPS/.test(code) && /EqualityOperator|ArithmeticOperator|UnaryOperator/.test(m.mutatorName)) return 'rounding';
  if (m.mutatorName === 'StringLiteral' && /Error\(|warn|message|trace|tag:|role:|block:|`.*\$\{/.test(code)) return 'message';
  return 'unguarded';
}

const rows = new Map();
const rest = [];
for (const [file, f] of Object.entries(report.files)) {
  const lines = f.source.split('\n');
  for (const m of f.mutants) {
    if (m.status !== 'Survived' && m.status !== 'NoCoverage') continue;
    const kind = kindOf(file, f, m, lines);
    const row = rows.get(file) ?? { golden: 0, cache: 0, rounding: 0, message: 0, unguarded: 0 };
    row[kind]++;
    rows.set(file, row);
    if (list === kind) rest.push(`${file}:${m.location.start.line}:${m.location.start.column} ${m.status} ${m.mutatorName} ${JSON.stringify(m.replacement).slice(0, 50)}  «${lines[m.location.start.line - 1]?.trim().slice(0, 100)}»`);
  }
}
if (list) console.log(rest.join('\n'));
else {
  const kinds = ['golden', 'cache', 'rounding', 'message', 'unguarded'];
  console.log(`| file | ${kinds.join(' | ')} |\n| --- |${kinds.map(() => ' ---: |').join('')}`);
  const all = Object.fromEntries(kinds.map((k) => [k, 0]));
  for (const [file, row] of [...rows].sort()) {
    console.log(`| ${file} | ${kinds.map((k) => row[k]).join(' | ')} |`);
    for (const k of kinds) all[k] += row[k];
  }
  console.log(`| all | ${kinds.map((k) => all[k]).join(' | ')} |`);
}
