/** write: pages → PDF bytes (pdfkit as a back end only). */
export { writePdf, type PdfMeta } from './write.js';
