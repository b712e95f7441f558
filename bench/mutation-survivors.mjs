#!/usr/bin/env node
/**
 * Every survivor of a mutation run, sorted into what explains it, as a Markdown
 * table by file and a list of the rest:
 *
 *   node bench/mutation-survivors.mjs reports/mutation/mutation.json [golden.json] [--since engine.json] [--list kind]
 *
 * `golden.json` is bench/mutants-again.mjs's --out: survivors the golden dumps
 * notice; `--since engine.json` is its --out made `--against engine` after tests were
 * written since the run. The kinds, in the order they are tried:
 * - killed since: a test written after the run kills it (seen mutant by mutant);
 * - golden: the golden dumps notice it (issue 91 looks different);
 * - cache: code that only remembers what was worked out (a cache, forget*), whose
 *   mutants give the same answers;
 * - rounding: a comparison at a rounding margin (1e-6, 1e-9, EPS) made strict or
 *   loose, or the margin's sign changed: the same result on real lengths;
 * - message: the text of an error, a warning, a trace or a tag, not typography;
 * - explained: read one by one and found equivalent (the same output for every
 *   input) or outside the rules; the reasons are in bench/mutation-explained/*.json,
 *   one file a source file: `{ "file", "entries": [{ "code", "original"?,
 *   "mutators"?, "replacements"?, "why" }] }`, where `code` is a piece of the
 *   mutated line (so an entry outlives the line moving), `original` the exact
 *   text the mutant replaces (a string or a list), and the optional lists narrow
 *   it to those mutators and replacements;
 * - unguarded: the rest, to be read (--list unguarded).
 *
 * `--list explained` prints each explained survivor with its reason.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const report = JSON.parse(readFileSync(args[0] ?? 'reports/mutation/mutation.json', 'utf8'));
const goldenFile = args[1] && !args[1].startsWith('--') ? args[1] : undefined;
const list = args.includes('--list') ? args[args.indexOf('--list') + 1] : undefined;
const sinceFile = args.includes('--since') ? args[args.indexOf('--since') + 1] : undefined;
const killedSince = new Set();
if (sinceFile) {
  for (const g of JSON.parse(readFileSync(sinceFile, 'utf8'))) if (g.golden === 'noticed') killedSince.add(`${g.file}:${g.line}:${g.column}:${g.endLine}:${g.endColumn}:${g.mutator}:${g.replacement}`);
}
const noticed = new Set();
if (goldenFile) {
  for (const g of JSON.parse(readFileSync(goldenFile, 'utf8'))) if (g.golden !== 'unnoticed') noticed.add(`${g.file}:${g.line}:${g.column}:${g.mutator}:${g.replacement}`);
}

const explainedDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'mutation-explained');
const explanations = [];
for (const name of readdirSync(explainedDir).filter((n) => n.endsWith('.json')).sort()) {
  const e = JSON.parse(readFileSync(path.join(explainedDir, name), 'utf8'));
  for (const entry of e.entries) explanations.push({ file: e.file, ...entry, used: 0 });
}

/** The reason given for a survivor, if one was. */
function explanation(file, m, code, original) {
  return explanations.find(
    (e) =>
      e.file === file &&
      code.includes(e.code) &&
      (e.original === undefined || [e.original].flat().includes(original)) &&
      (!e.mutators || e.mutators.includes(m.mutatorName)) &&
      (!e.replacements || e.replacements.includes(m.replacement)),
  );
}

/** The source text a mutant replaces (Stryker's locations: lines and columns from 1). */
function originalText(lines, m) {
  const offset = (loc) => lines.slice(0, loc.line - 1).reduce((n, l) => n + l.length + 1, 0) + loc.column - 1;
  return lines.join('\n').slice(offset(m.location.start), offset(m.location.end));
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
  // Two mutants can share a start, a mutator and a replacement (`a && b` and `a` made true): the end tells them apart.
  if (killedSince.has(`${file}:${m.location.start.line}:${m.location.start.column}:${m.location.end.line}:${m.location.end.column}:${m.mutatorName}:${m.replacement}`)) return 'killed since';
  if (noticed.has(key)) return 'golden';
  const code = lines[m.location.start.line - 1] ?? '';
  const fn = enclosing(lines, m.location.start.line);
  if (/^forget|^classify$|cache/i.test(fn) || /\bcache\b|\?\?=/.test(code)) return 'cache';
  if (/1e-6|1e-9|1e-12|EPS/.test(code) && /EqualityOperator|ArithmeticOperator|UnaryOperator/.test(m.mutatorName)) return 'rounding';
  if (m.mutatorName === 'StringLiteral' && /Error\(|warn|message|trace|tag:|role:|block:|`.*\$\{/.test(code)) return 'message';
  const e = explanation(file, m, code, originalText(lines, m));
  if (e) {
    e.used++;
    m.why = e.why;
    return 'explained';
  }
  return 'unguarded';
}

const rows = new Map();
const rest = [];
for (const [file, f] of Object.entries(report.files)) {
  const lines = f.source.split('\n');
  for (const m of f.mutants) {
    if (m.status !== 'Survived' && m.status !== 'NoCoverage') continue;
    const kind = kindOf(file, f, m, lines);
    const row = rows.get(file) ?? { 'killed since': 0, golden: 0, cache: 0, rounding: 0, message: 0, explained: 0, unguarded: 0 };
    row[kind]++;
    rows.set(file, row);
    if (list === kind) rest.push(`${file}:${m.location.start.line}:${m.location.start.column} ${m.status} ${m.mutatorName} ${JSON.stringify(m.replacement).slice(0, 50)}  «${lines[m.location.start.line - 1]?.trim().slice(0, 100)}»${m.why ? `\n    ${m.why}` : ''}`);
  }
}
if (list) console.log(rest.join('\n'));
else {
  const kinds = ['killed since', 'golden', 'cache', 'rounding', 'message', 'explained', 'unguarded'];
  console.log(`| file | ${kinds.join(' | ')} |\n| --- |${kinds.map(() => ' ---: |').join('')}`);
  const all = Object.fromEntries(kinds.map((k) => [k, 0]));
  for (const [file, row] of [...rows].sort()) {
    console.log(`| ${file} | ${kinds.map((k) => row[k]).join(' | ')} |`);
    for (const k of kinds) all[k] += row[k];
  }
  console.log(`| all | ${kinds.map((k) => all[k]).join(' | ')} |`);
}
// An entry no survivor matches is a reason left over from code since changed or killed.
const unused = explanations.filter((e) => e.used === 0 && Object.keys(report.files).includes(e.file));
if (unused.length > 0 && !list) console.log(`\n${unused.length} reasons match no survivor:\n${unused.map((e) => `  ${e.file} «${e.code}» ${e.mutators?.join(',') ?? ''}`).join('\n')}`);
