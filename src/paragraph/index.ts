/** set: the paragraph engine (T2–T16): cells → items → total-fit breaks → justified lines. */
export { setParagraph, type Alternative, type SetParagraph } from './set.js';
export { setTitle, TITLE_BREAK } from './title.js';
export { cellsOf } from './cells.js';
export { itemsOf, SPACING, WORD_BREAK } from './items.js';
export { totalFit, pathCost, passLimits, badness, fitnessOf, lineDemerits, breakable, startAfter, sumsOf, ratioOf, type TraceEntry, type BreakResult } from './linebreak.js';
export { firstFit } from './breaks.js';
export { BREAK_PARAMS, type BreakParams } from './params.js';
export { setLine, adjust } from './justify.js';
export { lineBox, uniform } from './types.js';
export type * from './types.js';
