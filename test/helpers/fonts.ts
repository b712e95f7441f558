/**
 * Fonts whose names a test controls: a copy of a font file with its name table
 * replaced (OpenType `name`, format 0), so that a test can have "仿宋_GB2312"
 * installed whatever the machine has.
 */
import { readFileSync, writeFileSync } from 'node:fs';

export interface FontNames {
  /** Family (name ID 1), in English records. */
  family: string;
  /** Family in a Chinese (zh-CN) record too, when it has one. */
  zh?: string;
  /** PostScript name (ID 6): what a PDF names the embedded font by. */
  postscript: string;
  /** Subfamily (ID 2); Regular by default. */
  style?: string;
}

/** Copy `from` to `to` with the names given (the new name table is appended; the directory points to it). */
export function renamedFont(from: string, to: string, names: FontNames): void {
  const font = readFileSync(from);
  const table = nameTable(names);
  const numTables = font.readUInt16BE(4);
  let record = -1;
  for (let i = 0; i < numTables; i++) if (font.toString('latin1', 12 + 16 * i, 16 + 16 * i) === 'name') record = 12 + 16 * i;
  if (record < 0) throw new Error(`${from} has no name table`);
  const at = Math.ceil(font.length / 4) * 4;
  const out = Buffer.alloc(at + table.length);
  font.copy(out);
  table.copy(out, at);
  out.writeUInt32BE(at, record + 8);
  out.writeUInt32BE(table.length, record + 12);
  writeFileSync(to, out);
}

function nameTable(names: FontNames): Buffer {
  const style = names.style ?? 'Regular';
  const full = style === 'Regular' ? names.family : `${names.family} ${style}`;
  // Windows platform, Unicode BMP; sorted by language, then name ID.
  const records: [language: number, id: number, text: string][] = [
    [0x0409, 1, names.family],
    [0x0409, 2, style],
    [0x0409, 4, full],
    [0x0409, 6, names.postscript],
    ...(names.zh ? ([[0x0804, 1, names.zh], [0x0804, 2, style], [0x0804, 4, names.zh]] as [number, number, string][]) : []),
  ];
  const strings = records.map(([, , text]) => Buffer.from(text, 'utf16le').swap16());
  const header = 6 + 12 * records.length;
  const table = Buffer.alloc(header + strings.reduce((n, s) => n + s.length, 0));
  table.writeUInt16BE(0, 0);
  table.writeUInt16BE(records.length, 2);
  table.writeUInt16BE(header, 4);
  let offset = 0;
  records.forEach(([language, id], i) => {
    const r = 6 + 12 * i;
    table.writeUInt16BE(3, r);
    table.writeUInt16BE(1, r + 2);
    table.writeUInt16BE(language, r + 4);
    table.writeUInt16BE(id, r + 6);
    table.writeUInt16BE(strings[i]!.length, r + 8);
    table.writeUInt16BE(offset, r + 10);
    strings[i]!.copy(table, header + offset);
    offset += strings[i]!.length;
  });
  return table;
}
