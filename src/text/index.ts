/** Characters and their classes: what the paragraph engine knows of a character. */
export * from './classes.js';
