/**
 * Traditional and variant characters in simplified text (要強化 for 要强化): the
 * standard characters are those of 通用规范汉字表 (2013). OpenCC's tables
 * (opencc-js: traditional → simplified, phrase by phrase, so that 乾隆 and 著名
 * stay as they are) decide. They are loaded only when a text holds a character
 * that the character table would change: most issues never build the converter.
 */
import { findingAt, isAllowed } from './texts.js';
import type { Checked, Finding } from './types.js';

const RULE = '通用规范汉字表';

export async function traditional(texts: Checked[]): Promise<Finding[]> {
  const [{ default: characters }, { default: compatibility }] = await Promise.all([
    import('opencc-js/dict/TSCharacters'),
    import('opencc-js/dict/CJK_Compatibility_Ideographs'),
  ]);
  // First a character class of every character the tables map (one pass of the
  // regular expression engine over each text); the tables are read as maps only
  // for the texts it finds something in.
  const keys = (dict: string) => dict.replace(/ [^|]*\|?/gu, '');
  const suspect = new RegExp(`[${keys(characters)}${keys(compatibility)}]`, 'u');
  const suspects = texts.filter((t) => suspect.test(t.text.text));
  if (suspects.length === 0) return [];
  const tables = [entries(compatibility), entries(characters)];
  const found = new Set<string>();
  for (const t of suspects) for (const ch of t.text.text) if (tables.some((table) => table.has(ch))) found.add(ch);
  if (found.size === 0) return [];
  // A compatibility ideograph becomes a unified one, which may be traditional in turn.
  for (const ch of [...found]) {
    const unified = tables[0]!.get(ch);
    if (unified) found.add(unified);
  }
  const convert = await converter(tables, found);
  return suspects.filter((t) => [...t.text.text].some((ch) => found.has(ch))).flatMap((checked) => changed(checked, convert));
}

/** A table's entries (`from to|…`) whose two sides differ. */
function entries(dict: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const entry of dict.split('|')) {
    const [from, to] = entry.split(' ');
    if (from && to && from !== to) out.set(from, to);
  }
  return out;
}

/**
 * Traditional → simplified, compatibility ideographs first, then phrases before
 * characters: only the entries that hold a character found, so that the converter
 * is made in a fraction of a millisecond rather than from the whole tables.
 */
async function converter([compatibility, characters]: Map<string, string>[], found: Set<string>): Promise<(text: string) => string> {
  const [{ ConverterFactory }, { default: phrases }] = await Promise.all([import('opencc-js/core'), import('opencc-js/dict/TSPhrases')]);
  const holding = (table: Iterable<[string, string]>) => [...table].filter(([from]) => [...from].some((ch) => found.has(ch)));
  const phraseTable = phrases.split('|').map((e) => e.split(' ') as [string, string]);
  return ConverterFactory([holding(compatibility!)], [holding(phraseTable), holding(characters!)]);
}

/** A finding for each run of characters the conversion changes. */
function changed(checked: Checked, convert: (text: string) => string): Finding[] {
  const { text } = checked.text;
  const from = [...text];
  let to = [...convert(text)];
  // The tables map character for character; should a phrase not, compare character by character.
  if (to.length !== from.length) to = from.map((ch) => convert(ch));
  const out: Finding[] = [];
  let index = 0;
  for (let i = 0; i < from.length; ) {
    if (from[i] === to[i]) {
      index += from[i]!.length;
      i++;
      continue;
    }
    let j = i;
    let length = 0;
    while (j < from.length && from[j] !== to[j]) length += from[j++]!.length;
    const found = from.slice(i, j).join('');
    const simplified = to.slice(i, j).join('');
    if (!isAllowed(checked, index, length)) {
      out.push(
        findingAt(checked, index, length, {
          check: 'traditional',
          rule: RULE,
          message: `traditional or variant character${j - i > 1 ? 's' : ''} "${found}" in simplified text; write "${simplified}"`,
          hint: 'a name meant to be written so is kept with proof: { allow: [...] } in the publication file',
          suggestion: simplified,
        }),
      );
    }
    index += length;
    i = j;
  }
  return out;
}
