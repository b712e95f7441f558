#!/usr/bin/env node
// The in-process time of each stage for one issue: the median of 9 warm runs, after
// a first run that opens the fonts. Prints JSON: { stage: milliseconds }.
import { compose } from '../dist/document/index.js';
import { FontSet } from '../dist/fonts/index.js';
import { loadIssue } from '../dist/issue/index.js';
import { bandsOf, contextOf, layout, paginate } from '../dist/page/index.js';
import { writePdf } from '../dist/pdf/index.js';
import { resolveStyle } from '../dist/style/index.js';

const file = process.argv[2];
const fonts = new FontSet();
const times = { load: [], compose: [], set: [], paginate: [], 'furniture (masthead, contents, colophon)': [], write: [] };
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
  const start = performance.now();
  const pages = layout(doc, style, fonts);
  const whole = performance.now() - start;
  if (run > 0) times['furniture (masthead, contents, colophon)'].push(Math.max(0, whole - times.set.at(-1) - times.paginate.at(-1)));
  t = performance.now();
  await writePdf(pages, { ...doc.meta, creator: 'bench', lang: 'zh-CN' }, fonts);
  lap('write');
}
console.log(JSON.stringify(Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)]))));
