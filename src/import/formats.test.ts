/** A file given to `bulletin import` is known by its bytes, whatever its name. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatOf } from './formats.js';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../test/fixtures/${name}`, import.meta.url)));
const SAVE_AS_DOCX = 'open it in Word or WPS and save it as a Word document (.docx), then import that';

describe('the format of an input', () => {
  it('knows a .docx, a PDF and plain text', () => {
    expect(formatOf(fixture('import/contribution-styles.docx'))).toEqual({ kind: 'docx' });
    expect(formatOf(fixture('import/issue-91-latex.pdf'))).toEqual({ kind: 'pdf' });
    expect(formatOf(fixture('issue-91.txt'))).toEqual({ kind: 'text' });
    expect(formatOf(new Uint8Array())).toEqual({ kind: 'text' });
  });

  it('refuses the old Word and WPS format (an OLE2 compound file), OpenDocument and RTF, saying to save as .docx', () => {
    const ole2 = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    expect(formatOf(ole2)).toEqual({ kind: 'refused', message: 'is an old Word (.doc) or WPS (.wps) file, which bulletin does not read', hint: SAVE_AS_DOCX });
    const odt = new Uint8Array(Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('....mimetypeapplication/vnd.oasis.opendocument.text')]));
    expect(formatOf(odt)).toMatchObject({ kind: 'refused', hint: SAVE_AS_DOCX });
    expect(formatOf(new Uint8Array(Buffer.from('{\\rtf1\\ansi 正文}')))).toMatchObject({ kind: 'refused', hint: SAVE_AS_DOCX });
    const zip = new Uint8Array(Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('xl/workbook.xml')]));
    expect(formatOf(zip)).toMatchObject({ kind: 'refused', message: 'is a zip archive but not a Word document (.docx)' });
  });
});
