/** paginate: set blocks on the baseline grid, front matter, colophon and folios → pages. */
export { layout, type Layout } from './layout.js';
export { paginate } from './paginate.js';
export { bandsOf, type Band } from './bands.js';
export { dumpPages } from './dump.js';
export { contextOf, type LayoutOptions, type LineTrace } from './context.js';
export { SetMemo } from './memo.js';
export type * from './types.js';
export type { PrintOptions } from './prepress.js';
