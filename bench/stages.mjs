#!/usr/bin/env node
// The in-process time of each stage for one issue: the median of 9 warm runs, after
// a first run that opens the fonts. Prints JSON: { stage: milliseconds }.
import { compose } from '../dist/document/index.js';
import { FontSet } from '../dist/fonts/index.js';
import { loadIssue } from '../dist/issue/index.js';
import { bandsOf, contextOf, layout, paginate } from '../dist/page/index.js';
import { writePdf } from '../dist/pdf/index.js';
import { proofread } from '../dist/proof/index.js';
import { resolveStyle } from '../dist/style/index.js';

const file = process.argv[2];
const fonts = new FontSet();
const times = { load: [], compose: [], set: [], paginate: [], 'layout (set, paginate, masthead, contents, colophon)': [], write: [], proofread: [] };
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
for (let run = 0; run < 10; run++) {
  let t = performance.now();
  const lap = (stage) => {
    const now = performance.now();
    if (run > 0) times[stage].push(now - t);
    t = now;
  };
  const issue = loadIssue(file);
  const style = resolveStyle(issue.style);
  lap('load');
  const doc = compose(issue);
  lap('compose');
  const bands = bandsOf(doc.flow, contextOf(style, fonts));
  lap('set');
  paginate(bands, style, 1);
  lap('paginate');
  // The whole of layout() as the build runs it, once set and paginate are timed alone
  // (its caches are warm by then, so a difference would not measure the furniture).
  const pages = layout(doc, style, fonts);
  lap('layout (set, paginate, masthead, contents, colophon)');
  await writePdf(pages, { ...doc.meta, creator: 'bench', lang: 'zh-CN' }, fonts);
  lap('write');
  await proofread(issue);
  lap('proofread');
}
console.log(JSON.stringify(Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)]))));
