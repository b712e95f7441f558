/** set: the paragraph engine (T2–T16): cells → items → breaks → justified lines. */
export { setParagraph, type SetParagraph } from './set.js';
export { cellsOf } from './cells.js';
export { itemsOf, SPACING } from './items.js';
export { firstFit, isLegalBreak, lineStartAfter } from './breaks.js';
export { setLine, adjust } from './justify.js';
export type * from './types.js';
