/** proofread: Issue → located findings citing GB/T 15834 and GB/T 15835; `--fix` edits the YAML. */
export { proofread } from './proofread.js';
export { CHECKS, type CheckName, type Edit, type Finding } from './types.js';
export { fixFiles, fixText, type Fixed } from './fix.js';
