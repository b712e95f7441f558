/**
 * The two lists of Chinese characters a font's coverage is told against
 * (`bulletin fonts`): GB 2312's 6,763 and 通用规范汉字表's 8,105 (fonts/README.md).
 */
import { readFileSync } from 'node:fs';
import { FONT_DIR } from './files.js';

export interface Charset {
  name: string;
  codePoints: readonly number[];
}

/**
 * GB 2312's Han characters: rows 16–87 (bytes 0xB0–0xF7), cells 0xA1–0xFE, decoded
 * as GBK, which extends GB 2312 and keeps its codes. Row 55 ends at cell 0xF9: its
 * last five codes decode outside the Han script and are left out.
 */
export function gb2312(): Charset {
  const bytes: number[] = [];
  for (let row = 0xb0; row <= 0xf7; row++) for (let cell = 0xa1; cell <= 0xfe; cell++) bytes.push(row, cell);
  const text = new TextDecoder('gbk').decode(Uint8Array.from(bytes));
  return { name: 'GB 2312', codePoints: [...text].filter((c) => HAN.test(c)).map((c) => c.codePointAt(0)!) };
}

/** 通用规范汉字表 (2013): its 8,105 characters, one a line in fonts/tongyong-guifan-2013.txt. */
export function tongyong(): Charset {
  const text = readFileSync(`${FONT_DIR}tongyong-guifan-2013.txt`, 'utf8');
  return { name: '通用规范汉字表', codePoints: text.split('\n').filter((l) => l !== '').map((c) => c.codePointAt(0)!) };
}

const HAN = /\p{Script=Han}/u;
