#!/usr/bin/env node
// npm run bench: figures for the paragraph engine (and, as the project grows, the
// rest of the pipeline). Prints a table; times are medians of repeated runs after
// a warm-up, measured in this process with performance.now().
import os from 'node:os';
import { FontSet } from '../dist/fonts/index.js';
import { loadIssue } from '../dist/issue/index.js';
import { setParagraph, uniform } from '../dist/paragraph/index.js';

const RUNS = 15;

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function time(fn) {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

const issue = loadIssue(new URL('../issues/issue-91.yaml', import.meta.url).pathname);
const paragraphs = issue.sections.flatMap((s) => s.articles.flatMap((a) => a.body.filter((b) => b.kind === 'paragraph').map((b) => b.text)));
const chars = paragraphs.reduce((n, p) => n + [...p].length, 0);
const params = { face: 'serif', size: 16, indent: 32, align: 'justify', shape: uniform(400) };

const fonts = new FontSet();
let lines = 0;
const setAll = () => {
  lines = 0;
  for (const p of paragraphs) lines += setParagraph(p, params, fonts).lines.length;
};
const cold = time(setAll);
const warm = [];
for (let i = 0; i < RUNS; i++) warm.push(time(setAll));

const rows = [
  ['machine', `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`],
  ['issue 91 paragraphs', `${paragraphs.length} paragraphs, ${chars} characters, ${lines} lines`],
  ['set, first run (fonts opened, glyphs looked up)', `${cold.toFixed(1)} ms`],
  [`set, median of ${RUNS} warm runs (aim: under 30 ms)`, `${median(warm).toFixed(1)} ms`],
  ['set, per 1000 characters (warm)', `${((median(warm) / chars) * 1000).toFixed(2)} ms`],
];
const width = Math.max(...rows.map(([k]) => k.length));
for (const [k, v] of rows) console.log(`${k.padEnd(width)}  ${v}`);
