/**
 * Quotes and brackets come in pairs, nested the Chinese way (GB/T 15834-2011):
 * `“…‘…’…”` (§4.8: single quotes inside double), `（…）` and the other brackets
 * (§4.9), `《…〈…〉…》` (§4.15: angle brackets inside title marks). Straight
 * quotes `"` `'` in Chinese text are the curly ones typed on a Western keyboard.
 */
import { isWide } from '../issue/index.js';
import { charAt, charBefore, findingAt, isAllowed } from './texts.js';
import type { Checked, Finding } from './types.js';

/** Each opening mark, its closing mark and the section of GB/T 15834-2011 that gives the pair. */
const PAIRS: Record<string, { close: string; rule: string }> = {
  '“': { close: '”', rule: 'GB/T 15834-2011 §4.8' },
  '‘': { close: '’', rule: 'GB/T 15834-2011 §4.8' },
  '（': { close: '）', rule: 'GB/T 15834-2011 §4.9' },
  // Half-width brackets pair with full-width ones here; their width is the halfwidth check's.
  '(': { close: '）', rule: 'GB/T 15834-2011 §4.9' },
  '〔': { close: '〕', rule: 'GB/T 15834-2011 §4.9' },
  '［': { close: '］', rule: 'GB/T 15834-2011 §4.9' },
  '【': { close: '】', rule: 'GB/T 15834-2011 §4.9' },
  '《': { close: '》', rule: 'GB/T 15834-2011 §4.15' },
  '〈': { close: '〉', rule: 'GB/T 15834-2011 §4.15' },
  '「': { close: '」', rule: 'GB/T 15834-2011 §4.8' },
  '『': { close: '』', rule: 'GB/T 15834-2011 §4.8' },
};

const CLOSERS = new Map(Object.entries(PAIRS).filter(([open]) => open !== '(').map(([open, { close }]) => [close, open]));
/** `)` closes what `（` or `(` opened. */
const closeOf = (ch: string) => (ch === ')' ? '）' : ch);
const OPEN_AS = (ch: string) => (ch === '(' ? '（' : ch);

/** The same mark inside itself, and what goes inside instead. */
const INSIDE: Record<string, string> = { '“': '‘ ’', '《': '〈 〉' };

interface Open {
  mark: string;
  index: number;
  /** Already reported (nested wrongly): not reported again as unclosed. */
  reported?: true;
}

/**
 * Pairs in one text, or in the paragraphs of one body read in order: a quotation
 * that runs over several paragraphs opens each with “ and closes only the last
 * (GB/T 15834-2011 §4.8), so a paragraph left open is fine when the next opens with “.
 */
export function pairs(texts: Checked[]): Finding[] {
  const out: Finding[] = [];
  texts.forEach((checked, n) => {
    const open = pairsIn(checked, out);
    const next = texts[n + 1]?.text.text;
    const continued = next?.startsWith('“') && open.length === 1 && open[0]!.mark === '“';
    if (continued) return;
    for (const [i, o] of open.entries()) {
      // A mark reported as opened inside its own kind explains the one left open below it.
      if (o.reported || (open[i + 1]?.reported && open[i + 1]!.mark === o.mark)) continue;
      out.push(findingAt(checked, o.index, 1, { check: 'pairs', rule: PAIRS[o.mark]!.rule, message: `"${o.mark}" is never closed; close it with "${PAIRS[o.mark]!.close}"`, suggestion: PAIRS[o.mark]!.close }));
    }
  });
  return out;
}

/** The marks of one text: mispairs reported into `out`, the marks left open returned. */
function pairsIn(checked: Checked, out: Finding[]): Open[] {
  const { text } = checked.text;
  const stack: Open[] = [];
  const report = (index: number, rule: string, message: string, suggestion?: string) =>
    out.push(findingAt(checked, index, 1, { check: 'pairs', rule, message, ...(suggestion ? { suggestion } : {}) }));
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (isAllowed(checked, i, 1)) continue;
    if (ch === '"' || ch === "'") {
      straight(checked, i, out);
      continue;
    }
    if (PAIRS[ch]) {
      const mark = OPEN_AS(ch);
      if (INSIDE[mark] && stack.at(-1)?.mark === mark) {
        report(i, PAIRS[mark]!.rule, `"${mark}" opened inside "${mark}${PAIRS[mark]!.close}"; inside it write ${INSIDE[mark]}, or close the first with "${PAIRS[mark]!.close}"`);
        stack.push({ mark, index: i, reported: true });
      } else {
        stack.push({ mark, index: i });
      }
      continue;
    }
    const opener = CLOSERS.get(closeOf(ch));
    if (!opener) continue;
    const at = stack.findLastIndex((o) => o.mark === opener);
    if (at < 0) {
      report(i, PAIRS[opener]!.rule, `"${ch}" closes nothing: no "${opener}" before it`, opener);
      continue;
    }
    // Marks opened after the one this closes and still open: the pairs cross (“…‘…”…’),
    // reported at this closing mark. A crossed mark stays open for the closing mark after.
    const inner = stack.slice(at + 1);
    const unreported = inner.find((o) => !o.reported);
    if (unreported) {
      report(i, PAIRS[opener]!.rule, `"${ch}" closes "${opener}" while "${unreported.mark}" opened inside it is still open: the pairs cross; close "${unreported.mark}" first with "${PAIRS[unreported.mark]!.close}"`);
    }
    stack.splice(at);
    stack.push(...inner.map((o) => ({ ...o, reported: true as const })));
  }
  return stack;
}

/** A straight quote beside Chinese text: the curly quote a Chinese keyboard types. */
function straight(checked: Checked, i: number, out: Finding[]): void {
  const { text } = checked.text;
  const ch = text[i]!;
  if (!isWide(charBefore(text, i)) && !isWide(charAt(text, i + 1))) return;
  // Counted in the text so far: the first opens, the second closes.
  const nth = [...text.slice(0, i)].filter((c) => c === ch).length;
  const [open, close] = ch === '"' ? ['“', '”'] : ['‘', '’'];
  const to = nth % 2 === 0 ? open : close;
  out.push(findingAt(checked, i, 1, { check: 'pairs', rule: 'GB/T 15834-2011 §4.8', message: `straight quote ${ch} in Chinese text; write "${to}"`, suggestion: to }));
}
