/**
 * The forms of marks in Chinese text: half-width punctuation where full-width
 * belongs, full-width digits and letters where half-width belong, and the
 * ellipsis and the dash typed otherwise than GB/T 15834 writes them.
 */
import { isWide, positionOf } from '../issue/index.js';
import { charAt, charBefore, findingAt, isAllowed, type Report } from './texts.js';
import type { Checked, Finding } from './types.js';

/** Half-width marks and their Chinese forms, with the sections of GB/T 15834-2011 that give the form and its place. */
const FULL: Record<string, { to: string; rule: string; name: string }> = {
  ',': { to: '，', rule: 'GB/T 15834-2011 §4.4, §5.1.1', name: 'comma' },
  ';': { to: '；', rule: 'GB/T 15834-2011 §4.6, §5.1.1', name: 'semicolon' },
  ':': { to: '：', rule: 'GB/T 15834-2011 §4.7, §5.1.1', name: 'colon' },
  '?': { to: '？', rule: 'GB/T 15834-2011 §4.2, §5.1.2', name: 'question mark' },
  '!': { to: '！', rule: 'GB/T 15834-2011 §4.3, §5.1.2', name: 'exclamation mark' },
  '.': { to: '。', rule: 'GB/T 15834-2011 §4.1, §5.1.1', name: 'full stop' },
};

const BRACKETS = 'GB/T 15834-2011 §4.9, §5.1.3';

/**
 * `, . ; : ? !` after a Chinese character and before one (or ending the text): the
 * Chinese mark, which takes a whole em (GB/T 15834 §5.1). A full stop between two
 * Han characters may be a full stop or an interpunct (马克·吐温): suggested, not fixed.
 */
export function halfwidthMarks(checked: Checked): Finding[] {
  const { text } = checked.text;
  const out: Finding[] = [];
  for (let i = 0; i < text.length; i++) {
    const mark = FULL[text[i]!];
    if (!mark || isAllowed(checked, i, 1) || !isWide(charBefore(text, i))) continue;
    // `...` and `1.5` are not full stops: the ellipsis check and numbers own them.
    if (text[i] === '.' && (text[i + 1] === '.' || text[i - 1] === '.')) continue;
    let next = i + 1;
    while (text[next] === ' ') next++;
    const after = charAt(text, next);
    if (after !== '' && !isWide(after)) continue;
    // The spaces typed after the mark go with it, when they stand in the source.
    const spaces = next - i - 1;
    const from = spaces > 0 && sameLine(checked, i, next) ? text.slice(i, next) : text[i]!;
    const ambiguous = text[i] === '.' && after !== '';
    const r: Report = {
      check: 'halfwidth',
      rule: mark.rule,
      message: `half-width ${mark.name} "${text[i]}" in Chinese text; write "${mark.to}"${ambiguous ? ', or "·" between the parts of a foreign name' : ''}`,
      suggestion: mark.to,
      ...(ambiguous ? {} : { replace: [{ index: i, from, to: mark.to }] }),
    };
    out.push(findingAt(checked, i, 1, r));
  }
  return [...out, ...halfwidthBrackets(checked)];
}

/** Whether characters `a` and `b` of a text stand on one source line, as many columns apart as the text has them. */
function sameLine(checked: Checked, a: number, b: number): boolean {
  const pa = positionOf(checked.text.source, a);
  const pb = positionOf(checked.text.source, b);
  return !pa.fixed && !pb.fixed && pa.line === pb.line && pb.col - pa.col === b - a;
}

/**
 * `( )` touching Chinese text, inside or out: `（ ）`. Reported once per pair, at
 * the opening bracket, and fixed as a pair; an unpaired one is the pairs check's.
 */
function halfwidthBrackets(checked: Checked): Finding[] {
  const { text } = checked.text;
  const out: Finding[] = [];
  const opens: number[] = [];
  const touches = (i: number) => isWide(charBefore(text, i)) || isWide(charAt(text, i + 1));
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '(') opens.push(i);
    if (text[i] !== ')') continue;
    const open = opens.pop();
    if (open === undefined || !(touches(open) || touches(i)) || isAllowed(checked, open, i - open + 1)) continue;
    const inside = text.slice(open, i + 1);
    const shown = inside.length > 12 ? `${inside.slice(0, 10)}…)` : inside;
    out.push(
      findingAt(checked, open, i - open + 1, {
        ...bracketReport(shown, `（${shown.slice(1, -1)}）`),
        replace: [
          { index: open, from: '(', to: '（' },
          { index: i, from: ')', to: '）' },
        ],
      }),
    );
  }
  return out;
}

function bracketReport(found: string, to: string): Report {
  return { check: 'halfwidth', rule: BRACKETS, message: `half-width brackets "${found}" in Chinese text; write "${to}"`, suggestion: to };
}

/** Full-width digits and letters (２０２０, ＡＢＣ): Arabic digits are half an em wide (GB/T 15835 §5.1.7), Latin letters too (T14). */
export function fullwidthForms(checked: Checked): Finding[] {
  const { text } = checked.text;
  const out: Finding[] = [];
  for (const m of text.matchAll(/[０-９]+|[Ａ-Ｚａ-ｚ]+/gu)) {
    if (isAllowed(checked, m.index, m[0].length)) continue;
    const to = m[0].normalize('NFKC');
    const digits = /[０-９]/u.test(m[0]);
    out.push(
      findingAt(checked, m.index, m[0].length, {
        check: 'fullwidth',
        rule: digits ? 'GB/T 15835-2011 §5.1.7' : 'T14',
        message: `full-width ${digits ? 'digits' : 'letters'} "${m[0]}"; write "${to}"`,
        suggestion: to,
        // Digits are fixed; letters are suggested (the spelling of a name is the editor's).
        ...(digits ? { replace: [{ index: m.index, from: m[0], to }] } : {}),
      }),
    );
  }
  return out;
}

const ELLIPSIS = 'GB/T 15834-2011 §4.11';

/**
 * The ellipsis is six dots in two ems, `……` (GB/T 15834 §4.11): not `。。。`
 * (fixed, as is `。。。。。。`), nor `...`, `···` or a single `…` in Chinese text.
 */
export function ellipses(checked: Checked): Finding[] {
  const { text } = checked.text;
  const out: Finding[] = [];
  const chinese = (i: number, end: number) => isWide(charBefore(text, i)) || isWide(charAt(text, end));
  for (const m of text.matchAll(/。{3,}|\.{3,}|[·・．]{3,}|⋯+|…+/gu)) {
    const [run] = m;
    const end = m.index + run.length;
    if (isAllowed(checked, m.index, run.length)) continue;
    if (run[0] === '…' && run.length % 2 === 0) continue;
    if (run[0] !== '。' && !chinese(m.index, end)) continue;
    const fixable = run[0] === '。' && (run.length === 3 || run.length === 6);
    out.push(
      findingAt(checked, m.index, run.length, {
        check: 'ellipsis',
        rule: ELLIPSIS,
        message: `ellipsis written "${run}"; write "……" (six dots, two ems)`,
        suggestion: '……',
        ...(fixable ? { replace: [{ index: m.index, from: run, to: '……' }] } : {}),
      }),
    );
  }
  return out;
}

const DASH = 'GB/T 15834-2011 §4.10';

/** An item a connection mark joins: at most this many characters (北京—上海, 古猿—猿人, 绿城使者—小红象). */
const ITEM = 6;

/**
 * The dash (破折号) is two em dashes, `——` (GB/T 15834 §4.10): not `--`, `－－`,
 * `――` (U+2015), nor one `—`. One `—` is also the connection mark (连接号, §4.13)
 * between related items — 北京—上海方向, 1949—2019年, “绿城使者—小红象” — and is
 * left alone there. It is reported where it cannot be one: beside a space, a mark
 * or the end of the text; as one of two around an insertion (这次会议—全区推进
 * 会议—在区政府召开); before an explanation that runs to the end of the sentence.
 */
export function dashes(checked: Checked): Finding[] {
  const { text } = checked.text;
  const out: Finding[] = [];
  const report = (index: number, run: string, why: string) =>
    out.push(findingAt(checked, index, run.length, { check: 'dashes', rule: DASH, message: `${why}; a dash is "——" (two em dashes)`, suggestion: '——' }));
  for (const m of text.matchAll(/-{2,}|－{2,}|―+|─{2,}|—+/gu)) {
    const [run] = m;
    const end = m.index + run.length;
    if (isAllowed(checked, m.index, run.length)) continue;
    if (run[0] !== '—') {
      if (isWide(charBefore(text, m.index)) || isWide(charAt(text, end))) report(m.index, run, `dash written "${run}"`);
    } else if (run.length > 2) {
      report(m.index, run, `${run.length} em dashes "${run}"`);
    } else if (run.length === 1 && !connects(text, m.index)) {
      report(m.index, run, 'one em dash "—" where a dash belongs');
    }
  }
  return out;
}

const ITEM_CHAR = /[\p{L}\p{N}]/u;
const SENTENCE_END = /[。！？]/u;

/** Whether a single `—` at `index` reads as a connection mark rather than a dash with half of it missing. */
function connects(text: string, index: number): boolean {
  let from = index;
  while (from > 0 && ITEM_CHAR.test(text[from - 1]!)) from--;
  let to = index + 1;
  while (to < text.length && ITEM_CHAR.test(text[to]!)) to++;
  const left = index - from;
  const right = to - index - 1;
  if (left === 0 || right === 0) return false;
  // A range of numbers or dates.
  if (/\d/.test(text[index - 1]!) && /\d/.test(text[index + 1]!)) return true;
  // A single dash at either end of an item longer than an item: the two set off an insertion.
  const single = (i: number) => text[i] === '—' && text[i - 1] !== '—' && text[i + 1] !== '—';
  if ((single(to) && right > ITEM) || (single(from - 1) && left > ITEM)) return false;
  if (left <= ITEM && right <= ITEM) return true;
  // An explanation after it, to the end of the sentence: 目标只有一个—打赢这场阻击战。
  return !(right > ITEM && (to === text.length || SENTENCE_END.test(text[to]!)));
}
