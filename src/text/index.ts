/** Characters and their classes: what the paragraph engine knows of a character. */
export * from './classes.js';
export { hyphenationPoints, LEFT_MIN, RIGHT_MIN } from './hyphenate.js';
