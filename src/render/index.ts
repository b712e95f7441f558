/** render: a built PDF → PNG proofs of its pages and a contact sheet (pdf.js on @napi-rs/canvas). */
export { proofFiles, writeProofs, type Proofs } from './proofs.js';
