/**
 * Traditional and variant characters in simplified text (要強化 for 要强化): the
 * standard characters are those of 通用规范汉字表 (2013). OpenCC's tables
 * (opencc-js: traditional → simplified, phrase by phrase, so that 乾隆 and 著名
 * stay as they are) decide. They are imported when proofreading runs, and a
 * converter is made only of the entries that hold a character found.
 */
import { findingAt, isAllowed } from './texts.js';
import type { Checked, Finding } from './types.js';

const RULE = '通用规范汉字表';

/** The tables and the expression made of them, once a process: a batch proofreads issue after issue. */
let tables: Promise<Tables> | undefined;

interface Tables {
  characters: [string, string][];
  compatibility: [string, string][];
  phrases: [string, string][];
  /** A character class of every character the tables map. */
  suspect: RegExp;
}

async function loaded(): Promise<Tables> {
  const [{ default: characters }, { default: compatibility }, { default: phrases }] = await Promise.all([
    import('opencc-js/dict/TSCharacters'),
    import('opencc-js/dict/CJK_Compatibility_Ideographs'),
    import('opencc-js/dict/TSPhrases'),
  ]);
  const keys = (dict: string) => dict.replace(/ [^|]*\|?/gu, '');
  return {
    characters: table(characters),
    compatibility: table(compatibility),
    phrases: table(phrases),
    suspect: new RegExp(`[${keys(characters)}${keys(compatibility)}]`, 'gu'),
  };
}

export async function traditional(texts: Checked[]): Promise<Finding[]> {
  const t = await (tables ??= loaded());
  // One pass of the regular expression engine over each text finds what is worth converting.
  const suspect = new RegExp(t.suspect);
  const found = new Set<string>();
  const suspects = texts.filter((t) => {
    let any = false;
    for (const m of t.text.text.matchAll(suspect)) {
      found.add(m[0]);
      any = true;
    }
    return any;
  });
  if (found.size === 0) return [];
  const compatible = holding(t.compatibility, found);
  // A compatibility ideograph becomes a unified one, which may be traditional in turn.
  for (const [, unified] of compatible) found.add(unified);
  const convert = await converter(compatible, holding(t.characters, found), holding(t.phrases, found));
  return suspects.flatMap((checked) => changed(checked, convert));
}

/** A table's entries, `from to|…`. */
function table(dict: string): [string, string][] {
  return dict.split('|').map((entry) => entry.split(' ') as [string, string]);
}

/**
 * The entries whose source holds one of the characters; those that map a phrase to
 * itself too, since they are what keeps 乾隆 from becoming 干隆.
 */
function holding(entries: [string, string][], found: Set<string>): [string, string][] {
  return entries.filter(([from]) => [...from].some((ch) => found.has(ch)));
}

/**
 * Traditional → simplified, compatibility ideographs first, then phrases before
 * characters, made of the entries that hold a character found: in a fraction of a
 * millisecond, where a converter of the whole tables takes some 10 ms to make.
 */
async function converter(compatibility: [string, string][], characters: [string, string][], phrases: [string, string][]): Promise<(text: string) => string> {
  const { ConverterFactory } = await import('opencc-js/core');
  return ConverterFactory([compatibility], [phrases, characters]);
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
