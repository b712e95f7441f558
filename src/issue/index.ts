/** load: the issue file and its publication file → a validated Issue. */
export { loadIssue, readSource, MAX_FILE_BYTES } from './load.js';
export { schemaFiles } from './json-schema.js';
export { InputError, fileProblem, formatProblem, printable, shown, type Problem } from './problem.js';
export { concatTexts, isWide, joinTexts, positionOf, problemAt } from './text.js';
export type * from './model.js';
