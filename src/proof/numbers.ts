/**
 * Dates: one form of numerals for the dates of an issue (GB/T 15835-2011 §4.3,
 * 同类别同形式: 2008年8月8日 or 二〇〇八年八月八日, never 二〇〇八年8月8日), and
 * dates that cannot be: a day the month does not have, an article dated after the
 * issue was printed, a period that begins after it.
 */
import type { Issue, PrintDate } from '../issue/index.js';
import { findingAt, isAllowed } from './texts.js';
import type { Checked, Finding, Role } from './types.js';

const SAME_FORM = 'GB/T 15835-2011 §4.3';
const PRINTED = 'the print date (issue.printed)';

type Form = 'arabic' | 'chinese';
type Unit = '年' | '月' | '日';

interface Part {
  unit: Unit;
  written: string;
  value: number;
  form: Form;
}

/** A date as written: 2020年2月12日, 二月十二日, 12日. */
export interface DateText {
  checked: Checked;
  index: number;
  written: string;
  parts: Part[];
}

/** Where dates are read: the printed text, not the masthead's fixed lines or the colophon. */
const READ: Role[] = ['period', 'section', 'title', 'toc', 'body', 'heading', 'note', 'caption'];

/** The digits of a year written in Chinese numerals: 二〇二〇 (GB/T 15835 writes 〇; 零 is read as well). */
const DIGIT: Record<string, number> = { 〇: 0, 零: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const PART = /(?<![0-9０-９〇零一二三四五六七八九十])([0-9０-９]{1,4}|[〇零一二三四五六七八九十]{1,4})(年|月|日)/gu;

/** The dates written in the texts, in reading order. */
export function datesIn(texts: Checked[]): DateText[] {
  const out: DateText[] = [];
  for (const checked of texts) {
    if (!READ.includes(checked.role)) continue;
    const { text } = checked.text;
    let run: { index: number; end: number; parts: Part[] } | undefined;
    const flush = () => {
      if (run && isDate(run.parts, text.slice(run.end))) out.push({ checked, index: run.index, written: text.slice(run.index, run.end), parts: run.parts });
      run = undefined;
    };
    for (const m of text.matchAll(PART)) {
      const part = partOf(m[1]!, m[2] as Unit);
      const end = m.index + m[0].length;
      if (!part) {
        flush();
        continue;
      }
      const last = run?.parts.at(-1);
      if (run && last && run.end === m.index && order(last.unit) < order(part.unit)) {
        run.parts.push(part);
        run.end = end;
      } else {
        flush();
        run = { index: m.index, end, parts: [part] };
      }
    }
    flush();
  }
  return out;
}

const order = (u: Unit) => '年月日'.indexOf(u);

/** A part read as a number, if it is one of its unit: a year of four numerals, a month 1–12, a day 1–31. */
function partOf(written: string, unit: Unit): Part | undefined {
  const arabic = /[0-9０-９]/.test(written);
  let value: number | undefined;
  if (unit === '年') {
    if (written.length !== 4 || written.includes('十')) return undefined;
    value = arabic ? Number(written.normalize('NFKC')) : Number([...written].map((c) => DIGIT[c]).join(''));
  } else {
    value = arabic ? Number(written.normalize('NFKC')) : count(written);
  }
  if (value === undefined || Number.isNaN(value)) return undefined;
  return { unit, written, value, form: arabic ? 'arabic' : 'chinese' };
}

/** 一 … 九, 十, 十二, 二十, 三十一: the Chinese numerals of a month or a day. */
function count(written: string): number | undefined {
  const m = /^(?:([一二三四五六七八九])?(十))?([一二三四五六七八九])?$/u.exec(written);
  if (!m || written === '') return undefined;
  const tens = m[2] ? (m[1] ? '一二三四五六七八九'.indexOf(m[1]) + 1 : 1) : 0;
  const units = m[3] ? '一二三四五六七八九'.indexOf(m[3]) + 1 : 0;
  return tens * 10 + units;
}

/**
 * Whether parts make a date rather than a count: a year with more, a month with its
 * day, a year of four numerals alone, or a day alone (12日, 十二日) that is not a
 * span of days (3日内). A month alone (二月) is too often a name or a count.
 */
function isDate(parts: Part[], rest: string): boolean {
  const units = parts.map((p) => p.unit).join('');
  if (units === '月') return false;
  if (units === '日') {
    const [day] = parts;
    if (/^(内|以内|之内)/.test(rest)) return false;
    return day!.form === 'arabic' ? day!.written.length <= 2 : day!.written.includes('十');
  }
  return units !== '' && !(units === '年' && parts[0]!.written.length !== 4);
}

/** Mixed numerals in a date, and dates whose form differs from the issue's. */
export function numbers(dates: DateText[]): Finding[] {
  const out: Finding[] = [];
  const pure = dates.filter((d) => new Set(d.parts.map((p) => p.form)).size === 1);
  const counts = { arabic: 0, chinese: 0 };
  for (const d of pure) counts[d.parts[0]!.form]++;
  // The issue's form: the one most of its dates take; on a tie, the first date's.
  const usual: Form = counts.arabic === counts.chinese ? (pure[0]?.parts[0]!.form ?? 'arabic') : counts.arabic > counts.chinese ? 'arabic' : 'chinese';
  const example = pure.find((d) => d.parts[0]!.form === usual && d.parts.length > 1) ?? pure.find((d) => d.parts[0]!.form === usual);
  for (const d of dates) {
    if (isAllowed(d.checked, d.index, d.written.length)) continue;
    const forms = new Set(d.parts.map((p) => p.form));
    const to = writeAs(d.parts, usual);
    if (forms.size > 1) {
      out.push(
        findingAt(d.checked, d.index, d.written.length, {
          check: 'numbers',
          rule: SAME_FORM,
          message: `date "${d.written}" mixes Arabic and Chinese numerals; write "${to}"`,
          suggestion: to,
        }),
      );
    } else if (!forms.has(usual) && example) {
      out.push(
        findingAt(d.checked, d.index, d.written.length, {
          check: 'numbers',
          rule: SAME_FORM,
          message: `date "${d.written}" in ${forms.has('arabic') ? 'Arabic' : 'Chinese'} numerals where this issue writes its dates in ${usual === 'arabic' ? 'Arabic' : 'Chinese'} ones ("${example.written}"); write "${to}"`,
          suggestion: to,
        }),
      );
    }
  }
  return out;
}

/** A date's parts in one form: 2020年2月12日 ↔ 二〇二〇年二月十二日. */
function writeAs(parts: Part[], form: Form): string {
  return parts
    .map((p) => {
      if (form === 'arabic') return `${p.value}${p.unit}`;
      if (p.unit === '年') return `${[...String(p.value)].map((d) => '〇一二三四五六七八九'[Number(d)]).join('')}年`;
      const tens = Math.floor(p.value / 10);
      const units = p.value % 10;
      const words = `${tens > 1 ? '一二三四五六七八九'[tens - 1] : ''}${tens > 0 ? '十' : ''}${units > 0 ? '一二三四五六七八九'[units - 1] : ''}`;
      return `${words}${p.unit}`;
    })
    .join('');
}

/**
 * Dates that cannot be: a day its month does not have (2月30日), an article whose
 * first words date it after the print date, a period beginning after the print date.
 */
export function impossibleDates(issue: Issue, dates: DateText[]): Finding[] {
  const out: Finding[] = [];
  const period = periodOf(dates, issue);
  const year = period?.year ?? issue.printed.year;
  for (const d of dates) {
    const { month, day } = valuesOf(d);
    if (month === undefined || isAllowed(d.checked, d.index, d.written.length)) continue;
    const y = valuesOf(d).year ?? year;
    const days = new Date(Date.UTC(y, month, 0)).getUTCDate();
    if (month < 1 || month > 12 || (day !== undefined && (day < 1 || day > days))) {
      out.push(findingAt(d.checked, d.index, d.written.length, { check: 'dates', rule: 'the calendar', message: `no such date: "${d.written}"` }));
    }
  }
  // The dateline: a date that starts an article's first paragraph (2月12日，…).
  for (const section of issue.sections) {
    for (const article of section.articles) {
      const first = article.body[0];
      const d = first && first.kind === 'paragraph' ? dates.find((x) => x.checked.text === first && x.index === 0) : undefined;
      if (!d) continue;
      const { month, day } = valuesOf(d);
      if (month === undefined || day === undefined) continue;
      const dated = { year: valuesOf(d).year ?? year, month, day };
      if (compare(dated, issue.printed) > 0) {
        out.push(
          findingAt(d.checked, d.index, d.written.length, {
            check: 'dates',
            rule: PRINTED,
            message: `the article is dated "${d.written}", after the issue was printed (${written(issue.printed)})`,
          }),
        );
      }
    }
  }
  if (period && compare({ ...period, day: 1 }, issue.printed) > 0) {
    const d = dates.find((x) => x.checked.text === issue.period)!;
    out.push(findingAt(d.checked, d.index, d.written.length, { check: 'dates', rule: PRINTED, message: `the period "${d.written}" begins after the issue was printed (${written(issue.printed)})` }));
  }
  return out;
}

function valuesOf(d: DateText): { year?: number; month?: number; day?: number } {
  const value = (u: Unit) => d.parts.find((p) => p.unit === u)?.value;
  const year = value('年');
  const month = value('月');
  const day = value('日');
  return { ...(year === undefined ? {} : { year }), ...(month === undefined ? {} : { month }), ...(day === undefined ? {} : { day }) };
}

/** The year and month of the period (2020年2月), when it is written as one. */
function periodOf(dates: DateText[], issue: Issue): { year: number; month: number } | undefined {
  const d = dates.find((x) => x.checked.text === issue.period && x.index === 0);
  const v = d && valuesOf(d);
  return v?.year !== undefined && v.month !== undefined ? { year: v.year, month: v.month } : undefined;
}

function compare(a: PrintDate, b: PrintDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

const written = (d: PrintDate) => `${d.year}年${d.month}月${d.day}日`;
