/** paginate: set blocks on the baseline grid, front matter, colophon and folios → pages. */
export { layout, destinations } from './layout.js';
export { paginate, linesHere } from './paginate.js';
export { bandsOf, type Band } from './bands.js';
export type * from './types.js';
