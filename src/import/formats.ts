/**
 * What a file given to `bulletin import` is, told by its bytes, not by its name:
 * a Word file renamed `.txt` is still a Word file, and a `.doc` saved by WPS as
 * `.docx` is still the old binary format.
 */

export type Format =
  /** Plain text (UTF-8, as the tests of the text reader expect). */
  | { kind: 'text' }
  | { kind: 'docx' }
  | { kind: 'pdf' }
  /** A format bulletin does not read, with what to do about it. */
  | { kind: 'refused'; message: string; hint: string };

const SAVE_AS_DOCX = 'open it in Word or WPS and save it as a Word document (.docx), then import that';

/** The compound file of Word 97–2003 (.doc), WPS (.wps) and other old Office formats. */
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
/** A zip archive's local file header: .docx, .odt, .xlsx. */
const ZIP = [0x50, 0x4b, 0x03, 0x04];

export function formatOf(bytes: Uint8Array): Format {
  const starts = (magic: number[]) => magic.every((b, i) => bytes[i] === b);
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
  if (starts(OLE2)) {
    return { kind: 'refused', message: 'is an old Word (.doc) or WPS (.wps) file, which bulletin does not read', hint: SAVE_AS_DOCX };
  }
  if (starts(ZIP)) {
    // The names of a zip's parts are stored in the clear, in its local headers and its directory.
    const has = (name: string) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(name, 0, 'latin1');
    if (has('word/document.xml')) return { kind: 'docx' };
    if (has('mimetype') && has('opendocument.text')) {
      return { kind: 'refused', message: 'is an OpenDocument text (.odt), which bulletin does not read', hint: SAVE_AS_DOCX };
    }
    return { kind: 'refused', message: 'is a zip archive but not a Word document (.docx)', hint: 'import a .docx, a PDF or plain text' };
  }
  // A PDF's header may follow some junk; readers look in the first kilobyte.
  if (ascii(0, Math.min(bytes.length, 1024)).includes('%PDF-')) return { kind: 'pdf' };
  if (ascii(0, 5) === '{\\rtf') {
    return { kind: 'refused', message: 'is a rich text file (.rtf), which bulletin does not read', hint: SAVE_AS_DOCX };
  }
  return { kind: 'text' };
}
