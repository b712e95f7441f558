#!/usr/bin/env node
/**
 * The scores of a mutation run (`npm run mutate`, `npm run mutate:page`), read from
 * Stryker's JSON report: by file and in all, the score (a mutant killed by any
 * test, or timed out) and the rule tests' (killed by a test that is not one of the
 * golden dumps, which notice any change to the output without saying which rule
 * broke; the same where the run took no dumps, as `npm run mutate` does not).
 *
 *   node bench/mutation-score.mjs [reports/mutation/mutation.json]
 *
 * The survivors themselves, sorted by what explains them: bench/mutation-survivors.mjs.
 */
import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const report = args.find((a) => a.endsWith('.json')) ?? 'reports/mutation/mutation.json';
const r = JSON.parse(readFileSync(report, 'utf8'));

/** Test ids of the golden dumps (test/golden*). */
const golden = new Set();
for (const [file, t] of Object.entries(r.testFiles ?? {})) if (/(^|\/)test\/golden/.test(file)) for (const x of t.tests) golden.add(x.id);

const rows = [];
const all = { file: 'all', n: 0, killed: 0, byRules: 0, timeout: 0, survived: 0, none: 0 };
for (const [file, f] of Object.entries(r.files)) {
  const row = { file, n: 0, killed: 0, byRules: 0, timeout: 0, survived: 0, none: 0 };
  for (const m of f.mutants) {
    if (m.status === 'CompileError' || m.status === 'RuntimeError' || m.status === 'Ignored') continue;
    row.n++;
    if (m.status === 'Killed') {
      row.killed++;
      if ((m.killedBy ?? []).some((id) => !golden.has(id))) row.byRules++;
    } else if (m.status === 'Timeout') row.timeout++;
    else if (m.status === 'Survived') row.survived++;
    else if (m.status === 'NoCoverage') row.none++;
  }
  rows.push(row);
  for (const k of ['n', 'killed', 'byRules', 'timeout', 'survived', 'none']) all[k] += row[k];
}

const pct = (x, n) => (n === 0 ? '—' : `${((100 * x) / n).toFixed(1)}`);
console.log('| file | mutants | suite % | rule tests % | killed | by rule tests | timeout | survived | not reached |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const x of [...rows.sort((a, b) => b.n - a.n), all]) {
  console.log(`| ${x.file} | ${x.n} | ${pct(x.killed + x.timeout, x.n)} | ${pct(x.byRules + x.timeout, x.n)} | ${x.killed} | ${x.byRules} | ${x.timeout} | ${x.survived} | ${x.none} |`);
}
