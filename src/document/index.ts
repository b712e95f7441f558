/** compose: Issue → Document (what prints, in what order, with what wording). */
export { compose } from './compose.js';
export type * from './compose.js';
