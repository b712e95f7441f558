/**
 * The printed lines the importer knows by their form: the masthead's, the
 * contents entries and the colophon's fields.
 */
import { endsSentence } from './text.js';

/** A number written in Arabic digits (half- or full-width) or Chinese numerals: 91, 九十一, 二〇二〇. */
export function numeral(written: string): number | undefined {
  const t = written.normalize('NFKC').replace(/\s+/gu, '');
  if (/^\d+$/u.test(t)) return Number(t);
  const digit: Record<string, number> = { 〇: 0, 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
  const unit: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
  const chars = Array.from(t);
  if (chars.length === 0 || !chars.every((c) => c in digit || c in unit)) return undefined;
  // 二〇二〇: digit by digit.
  if (chars.every((c) => c in digit)) return Number(chars.map((c) => digit[c]).join(''));
  let total = 0;
  let current = 0;
  for (const c of chars) {
    if (c in digit) current = digit[c]!;
    else {
      total += (current || 1) * unit[c]!;
      current = 0;
    }
  }
  return total + current;
}

const NUM = '[0-9０-９〇零一二两三四五六七八九十百千]';

/** `(总第91期)`, `（总第91期）`, anywhere in a line. */
const SERIAL = new RegExp(`[(（]\\s*总\\s*第\\s*(${NUM}+)\\s*期\\s*[)）]`, 'u');
/** `2020年3月16日印`. */
const PRINTED = new RegExp(`^(${NUM}{4})\\s*年\\s*(${NUM}{1,3})\\s*月\\s*(${NUM}{1,3})\\s*日\\s*(?:印发?|印制|编印)?$`, 'u');
/** `2020年2月`, `2020年第2期`, `2020年2月上旬`; `第2期`. */
const PERIOD = new RegExp(`^(?:${NUM}{4}\\s*年\\S.{0,15}|第\\s*${NUM}{1,4}\\s*期)$`, 'u');
/** `上街区地方史志办公室编`. */
const EDITOR = /^\S.{0,40}编印?$/u;
/** `目录`, `目 录`. */
const CONTENTS = /^目\s*录$/u;

export type MastheadLine =
  | { kind: 'serial'; number: number | undefined; rest: string }
  | { kind: 'printed'; year: number | undefined; month: number | undefined; day: number | undefined }
  | { kind: 'period'; text: string }
  | { kind: 'editor'; text: string }
  | { kind: 'contents' }
  /** `内部资料 注意保存`, printed above the masthead (T22). */
  | { kind: 'notice' };

export function mastheadLine(text: string): MastheadLine | undefined {
  const serial = SERIAL.exec(text);
  if (serial) {
    const rest = (text.slice(0, serial.index) + text.slice(serial.index + serial[0].length)).trim();
    return { kind: 'serial', number: numeral(serial[1]!), rest };
  }
  const printed = PRINTED.exec(text);
  if (printed) {
    return { kind: 'printed', year: numeral(printed[1]!), month: numeral(printed[2]!), day: numeral(printed[3]!) };
  }
  if (PERIOD.test(text)) return { kind: 'period', text };
  if (CONTENTS.test(text)) return { kind: 'contents' };
  if (colophonFields(text)[0]?.key === 'notice') return { kind: 'notice' };
  if (EDITOR.test(text)) return { kind: 'editor', text };
  return undefined;
}

/** The date as YYYY-MM-DD when it exists. */
export function isoDate(year: number, month: number, day: number): string | undefined {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (year < 1000 || year > 9999) return undefined;
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** A list bullet before a contents entry: `- `, `• `. */
const BULLET = /^(?:[-*+]\s+|[•●○■□▪◆◇]\s*)/u;
const LEADERS = '.．·•…‥⋯・_';
/**
 * `市领导督导我区疫情防控工作..... 1`: dot leaders of any length, then the page.
 * The dots may stand apart (`. . . . 1`), as LaTeX's \\dotfill sets them.
 */
const LEADER_ENTRY = new RegExp(`^(.*?[^\\s${LEADERS}])\\s*[${LEADERS}](?:\\s*[${LEADERS}])*\\s*(\\d{1,4})$`, 'u');
/** `市领导督导我区疫情防控工作      1`: the page after a wide gap (pdftotext -layout). */
const GAP_ENTRY = /^(.{1,40}?\S)(?:\s{2,}|\t)(\d{1,4})$/u;

export interface EntryLine {
  /** The wording, without bullet, leaders and page number. */
  title: string;
  page: number;
  /** Where the wording starts in the line (code units). */
  offset: number;
}

export function entryLine(text: string): EntryLine | undefined {
  const bullet = BULLET.exec(text)?.[0].length ?? 0;
  const rest = text.slice(bullet);
  const m = LEADER_ENTRY.exec(rest) ?? GAP_ENTRY.exec(rest);
  if (!m) return undefined;
  const title = m[1]!.trim();
  // A wording has letters or ideographs; `2020.2` is not an entry.
  if (!/\p{L}/u.test(title)) return undefined;
  return { title, page: Number(m[2]), offset: bullet };
}

/** Could this line be a section's name: short, and not a sentence? */
export function nameLike(text: string): boolean {
  return Array.from(text).length <= 30 && !endsSentence(text) && !/[，,]/u.test(text);
}

export type ColophonKey = 'notice' | 'distribution' | 'supervisor' | 'publisher' | 'phone' | 'email' | 'copies';

const FIELDS: { key: ColophonKey; pattern: RegExp }[] = [
  { key: 'notice', pattern: /^[(（]\s*(内部(?:资料|刊物|文件|材料).{0,16}?)\s*[)）]$/du },
  { key: 'notice', pattern: /^(内部(?:资料|刊物|文件|材料)\s*注意保[存管密])$/du },
  { key: 'distribution', pattern: /^(?:发放范围|发送范围|分送)\s*[:：]\s*(.*)$/du },
  { key: 'supervisor', pattern: /^主\s*管\s*[:：]\s*(.+)$/du },
  { key: 'publisher', pattern: /^(?:编辑出版|编印|出版)\s*[:：]\s*(.+)$/du },
  { key: 'phone', pattern: /^(?:电\s*话|联系电话)\s*[:：]\s*(.+)$/du },
  { key: 'email', pattern: /^(?:电子邮箱|邮\s*箱|e-?mail)\s*[:：]\s*(.+)$/diu },
  { key: 'copies', pattern: new RegExp(`^[(（]?\\s*共印\\s*(${NUM}+)\\s*份\\s*[)）]?$`, 'du') },
];

/** Where a second field starts on the same line: `电话：68933000  邮箱：…`. */
const NEXT_FIELD = /\s+(?=(?:主\s*管|编辑出版|编印|电\s*话|联系电话|电子邮箱|邮\s*箱|e-?mail)\s*[:：])/iu;

export interface ColophonField {
  key: ColophonKey;
  value: string;
  /** Where the field starts in the line (code units). */
  offset: number;
  /** Where its value starts. */
  valueOffset: number;
}

/** The colophon fields of a line: usually one, sometimes two side by side; none if it is not one. */
export function colophonFields(text: string): ColophonField[] {
  const out: ColophonField[] = [];
  let offset = 0;
  for (const part of text.split(NEXT_FIELD)) {
    const at = text.indexOf(part, offset);
    const field = FIELDS.map(({ key, pattern }) => ({ key, m: pattern.exec(part) })).find((f) => f.m);
    if (!field?.m) return [];
    const [start = 0] = field.m.indices?.[1] ?? [];
    out.push({ key: field.key, value: field.m[1]!.trim(), offset: at, valueOffset: at + start });
    offset = at + part.length;
  }
  return out;
}
