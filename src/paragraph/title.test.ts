/**
 * Titles (T19, T29): broken between phrases, never inside a compound that reads as
 * one word, balanced where sense allows. The titles are those of issue 91, set at
 * the measures of both presets (22 pt titles: 18 and 20 characters a line) and of
 * the contents (14 pt entries).
 */
import { describe, expect, it } from 'vitest';
import { FontSet } from '../fonts/index.js';
import { setTitle } from './title.js';
import type { SetLine } from './types.js';

const fonts = new FontSet();

const TITLES = [
  '市领导督导我区疫情防控工作',
  '市卫健委领导到上街区检查指导工作',
  '我区召开疫情防控工作调度会',
  '区委召开常委会（扩大）会议研究部署疫情防控工作',
  '我区召开第一次企业开工复工联合审批会议',
  '我区召开新冠肺炎疫情防控工作视频日调度会',
  '宋洁实地督导新型冠状病毒感染的肺炎疫情防控工作',
  '耿勇军察看我区疫情防控工作',
  '耿勇军调研矿山街道疫情防控工作',
  '区委宣传部全力以赴做好疫情防控相关工作',
  '宋洁实地督导我区敬老院疫情防控工作',
  '峡窝镇“硬核”防控出新招：人防+技防 织密疫情防控网',
];

/** T29's examples of compounds that read as one word. */
const COMPOUNDS = ['疫情防控', '新型冠状病毒', '开工复工', '视频日调度会'];

/** The measures titles are set in: titles of both presets, and contents entries. */
const MEASURES = [
  { name: 'default title', size: 22, width: 400 },
  { name: 'gongwen title', size: 22, width: 28 * 15.75 },
  { name: 'default contents', size: 14, width: 400 - 7 * 14 },
  { name: 'narrow', size: 22, width: 12 * 22 },
];

const textOf = (l: SetLine) => l.glyphs.map((g) => g.text).join('').trim();

function lines(title: string, size: number, width: number): string[] {
  return setTitle(title, { face: 'serif-bold', size, width, digitSpacing: 'none' }, fonts).lines.map(textOf);
}

describe('T29: title phrases', () => {
  for (const m of MEASURES) {
    it(`T29: no title of issue 91 breaks inside ${COMPOUNDS.join(' ')} (${m.name})`, () => {
      for (const title of TITLES) {
        const set = lines(title, m.size, m.width);
        expect(set.join('').replace(/ /g, ''), title).toBe(title.replace(/ /g, ''));
        for (const word of COMPOUNDS) {
          if (!title.includes(word)) continue;
          expect(set.some((l) => l.includes(word)), `${word} in ${set.join('／')}`).toBe(true);
        }
      }
    });
  }

  it('T29: a title breaks before its verb phrase (`区委宣传部／全力以赴做好…` or `…全力以赴／做好…`), not between nouns', () => {
    const set = lines('区委宣传部全力以赴做好疫情防控相关工作', 22, 400);
    expect(set).toHaveLength(2);
    expect(['全力以赴', '做好'].some((v) => set[1]!.startsWith(v)), set.join('／')).toBe(true);
  });

  it('T29: at a narrow measure a title breaks before the verb that opens its verb phrase', () => {
    expect(lines('市卫健委领导到上街区检查指导工作', 22, 12 * 22)).toEqual(['市卫健委领导', '到上街区检查指导工作']);
    expect(lines('上街区人民政府办公室召开全区安全生产工作会议', 22, 12 * 22)).toEqual(['上街区人民政府办公室', '召开全区安全生产工作会议']);
  });

  it('T29: `我区召开新冠肺炎疫情防控工作视频日调度会` keeps `疫情防控` and `视频日调度会` whole (not `疫情／防控工作视频日调度会`)', () => {
    const set = lines('我区召开新冠肺炎疫情防控工作视频日调度会', 22, 400);
    expect(set).toHaveLength(2);
    expect(set[0]!.endsWith('疫情')).toBe(false);
    expect(set.some((l) => l.includes('视频日调度会'))).toBe(true);
  });

  it('T29: `…新型冠状病毒／感染的肺炎…` is not where the long title breaks', () => {
    for (const width of [400, 441]) {
      const set = lines('宋洁实地督导新型冠状病毒感染的肺炎疫情防控工作', 22, width);
      expect(set[0]!.endsWith('病毒'), set.join('／')).toBe(false);
    }
  });
});

describe('T19: balanced titles', () => {
  it('T19: a two-line title is never one long line and a stub of one or two characters', () => {
    for (const m of MEASURES) {
      for (const title of TITLES) {
        const set = lines(title, m.size, m.width);
        if (set.length < 2) continue;
        for (const l of set) expect([...l].length, `${set.join('／')} (${m.name})`).toBeGreaterThanOrEqual(3);
      }
    }
  });

  it('T19: a title breaks where its lines come nearest equal, not at the first place that fits', () => {
    // At 22 pt in 400 pt (18.2 em): 春风，夏雨，秋月冬雪梅兰，竹菊，松柏杨柳桃李 is 22 em,
    // two lines; after each comma (½ em at the line end, T9) the lines are
    // 2.5 + 19.5 em (too long), 5.5 + 16, 12.5 + 9 or 15.5 + 6 em: 12.5 + 9 are
    // the nearest equal.
    expect(lines('春风，夏雨，秋月冬雪梅兰，竹菊，松柏杨柳桃李', 22, 400)).toEqual(['春风，夏雨，秋月冬雪梅兰，', '竹菊，松柏杨柳桃李']);
  });

  it('T19: a title that fits the measure is one line', () => {
    expect(lines('市领导督导我区疫情防控工作', 22, 400)).toEqual(['市领导督导我区疫情防控工作']);
  });
});

describe('T19: titles of more lines, and what a title line holds', () => {
  const set = (title: string, size: number, width: number, over: object = {}) =>
    setTitle(title, { face: 'serif-bold', size, width, ...over }, fonts).lines;

  it('an empty title has no lines', () => {
    expect(set('', 22, 400)).toEqual([]);
  });

  it('T19: a title of three lines is set in three lines of nearly equal length, each within the measure', () => {
    // 12 em a line at 22 pt; the title below is 30 em: three lines of about 10 em,
    // never two full lines and a stub.
    const title = '关于进一步做好春节期间疫情防控工作切实保障人民群众生命安全的通知';
    const got = set(title, 22, 12 * 22, { digitSpacing: 'none' });
    expect(got.length).toBe(Math.ceil([...title].length / 12));
    const widths = got.map((l) => [...textOf(l)].length);
    expect(Math.max(...widths) - Math.min(...widths), got.map(textOf).join('／')).toBeLessThanOrEqual(3);
    for (const l of got) for (const g of l.glyphs) expect(g.x + g.advance).toBeLessThanOrEqual(12 * 22 + 0.05);
    expect(got.map(textOf).join('')).toBe(title);
  });

  it('T19: a title is set in the fewest lines its text fits where its lines have room to break between phrases, one more at most where they have not', () => {
    const title = '市领导督导我区疫情防控工作并看望慰问一线医护人员和社区工作者';
    const n = [...title].length;
    for (let chars = 6; chars <= 32; chars++) {
      const got = set(title, 20, chars * 20, { digitSpacing: 'none' });
      const fewest = Math.ceil(n / chars);
      const say = `${chars} a line: ${got.map(textOf).join('／')}`;
      expect(got.length, say).toBeGreaterThanOrEqual(fewest);
      expect(got.length, say).toBeLessThanOrEqual(chars >= 12 ? fewest : fewest + 1);
    }
  });

  it('T29: a title breaks before `并` that opens its second verb phrase, not between it and its verbs', () => {
    // From 17 characters a line the lines after 工作 (13 + 17) fit.
    for (let chars = 17; chars <= 28; chars++) {
      const got = lines('市领导督导我区疫情防控工作并看望慰问一线医护人员和社区工作者', 20, chars * 20);
      expect(got, `${chars}`).toEqual(['市领导督导我区疫情防控工作', '并看望慰问一线医护人员和社区工作者']);
    }
  });

  it('a title far longer than a few lines is filled line by line, each line within the measure and the text whole', () => {
    const title = '市领导督导我区疫情防控工作'.repeat(30);
    const got = set(title, 20, 10 * 20, { digitSpacing: 'none' });
    expect(got.length).toBe(39);
    for (const l of got) for (const g of l.glyphs) expect(g.x + g.advance).toBeLessThanOrEqual(10 * 20 + 0.05);
    expect(got.map(textOf).join('')).toBe(title);
  });

  it('T19: a title breaks after a pause mark when one is near the middle', () => {
    expect(lines('关于做好春节期间疫情防控工作，确保群众度过欢乐祥和节日的通知', 22, 400)).toEqual([
      '关于做好春节期间疫情防控工作，',
      '确保群众度过欢乐祥和节日的通知',
    ]);
  });

  it('T19: a typed space in a title is a place to break as good as a pause mark', () => {
    for (const width of [14, 16, 18]) {
      expect(lines('上街区开展春季义务植树活动 全区干部群众踊跃参加', 22, width * 22), `${width}`).toEqual(['上街区开展春季义务植树活动', '全区干部群众踊跃参加']);
    }
  });

  it('T29: a title may break before an opening quote rather than between two words', () => {
    // 11 em: 峡窝镇 … 防控 is 9 em, “硬核”… the rest; between 峡窝镇 and 硬核 the quote opens the term.
    const got = lines('峡窝镇多措并举“硬核”防控出新招', 22, 11 * 22);
    expect(got).toEqual(['峡窝镇多措并举', '“硬核”防控出新招']);
  });

  it('T29: after 的 与 和 及 a title may break: a phrase ends there', () => {
    // 10 em: after 和 the lines are 7 and 9 characters; between the words 干部 and
    // 和 or 志愿者 and 坚守 they are no nearer equal and no better a place.
    expect(lines('我区党员干部和志愿者坚守防控一线', 22, 10 * 22)).toEqual(['我区党员干部和', '志愿者坚守防控一线']);
  });

  it('T28 in titles: a number keeps its measure word (`4880名`)', () => {
    for (let chars = 6; chars <= 16; chars++) {
      const got = lines('全区组织党员志愿者4880名深入社区开展防控', 20, chars * 20);
      got.forEach((l, i) => {
        if (i + 1 < got.length) expect(/\d$/.test(l) && got[i + 1]!.startsWith('名'), `${chars}: ${got.join('／')}`).toBe(false);
      });
    }
  });

  it('T7: a title a little longer than the measure fits one line by squeezing its marks first', () => {
    // 16 em of characters and marks in 15.6 em: the comma's and the colon's blank halves give 1 em.
    const title = '春风夏雨，秋月冬雪：松柏杨柳桃李';
    expect([...title].length).toBe(16);
    expect(lines(title, 20, 15.6 * 20)).toEqual([title]);
  });

  it('T19: a title is centred in the measure; a contents entry is flush left', () => {
    const [centred] = set('市领导督导我区疫情防控工作', 20, 20 * 20, { digitSpacing: 'none' });
    const first = centred!.glyphs[0]!;
    const last = centred!.glyphs.at(-1)!;
    expect(Math.abs(first.x - (20 * 20 - (last.x + last.advance)))).toBeLessThanOrEqual(0.05);
    const [left] = set('市领导督导我区疫情防控工作', 20, 20 * 20, { digitSpacing: 'none', align: 'left' });
    expect(left!.glyphs[0]!.x).toBeCloseTo(0, 2);
  });

  it('T14 in titles: digits keep ¼ em from Han unless the style sets them tight (T30)', () => {
    const gap = (over: object) => {
      const [l] = set('2020年工作要点', 20, 20 * 20, { align: 'left', ...over });
      const zero = l!.glyphs.filter((g) => g.text === '0').at(-1)!;
      const nian = l!.glyphs.find((g) => g.text === '年')!;
      return nian.x - (zero.x + zero.advance);
    };
    expect(gap({})).toBeCloseTo(5, 1);
    expect(gap({ digitSpacing: 'none' })).toBeCloseTo(0, 1);
  });
});

describe('T19, T29: how a title is weighed (each case read against the rules)', () => {
  const set = (title: string, size: number, width: number) =>
    setTitle(title, { face: 'serif-bold', size, width, digitSpacing: 'none' }, fonts).lines;

  it('T13: a title’s last line, and only it, is its paragraph’s last line (ragged)', () => {
    for (const [title, width] of [['市领导督导我区疫情防控工作', 20], ['关于做好春节期间疫情防控工作，确保群众度过欢乐祥和节日的通知', 18], ['关于进一步做好春节期间疫情防控工作切实保障人民群众生命安全的通知', 12]] as const) {
      const got = set(title, 22, width * 22);
      expect(got.map((l) => l.last), title).toEqual(got.map((_, i) => i === got.length - 1));
    }
  });

  it('T9: a comma ending a line counts half an em, so the line before it may fill the measure', () => {
    // 10.5 em: 春风夏雨秋月冬雪梅兰 is 10 em and the comma after it ½ em at the line's end (T9):
    // the title breaks after its pause mark, the best place (T19).
    expect(lines('春风夏雨秋月冬雪梅兰，竹菊松柏杨柳桃李', 22, 10.5 * 22)).toEqual(['春风夏雨秋月冬雪梅兰，', '竹菊松柏杨柳桃李']);
  });

  it('T19: no line of a title runs past the measure where it has places to break', () => {
    for (const m of MEASURES) {
      for (const title of TITLES) {
        for (const l of set(title, m.size, m.width)) {
          // A mark's ink is in one half of its cell: a closing or pause mark ending a line is set half width (T9).
          const end = Math.max(...l.glyphs.map((g) => g.x + (/\p{P}/u.test(g.text) ? g.advance / 2 : g.advance)));
          expect(end, `${title} (${m.name})`).toBeLessThanOrEqual(m.width + 0.05);
        }
      }
    }
  });

  it('T7, T19: a line counts only its own marks’ blanks as room to squeeze, not those of the lines before it', () => {
    // 9 em: 研究部署疫情防控工作 is 10 em with no mark to squeeze; the brackets of 常委会（扩大）
    // on the line before give it no room.
    for (const title of ['区委召开常委会（扩大）会议研究部署疫情防控工作']) {
      for (const l of set(title, 22, 9 * 22)) {
        const end = Math.max(...l.glyphs.map((g) => g.x + (/\p{P}/u.test(g.text) ? g.advance / 2 : g.advance)));
        expect(end, textOf(l)).toBeLessThanOrEqual(9 * 22 + 0.05);
      }
    }
  });

  it('T29: a term ICU knows (`义务植树`) is not broken for balance: the title breaks between words nearest the middle', () => {
    // 16 characters in 12 em, two lines. ICU splits 义务|植|树; between two words of two
    // characters or more the breaks are after 群众 (6 + 10) and after 活动 (12 + 4): 6 + 10.
    expect(lines('全区干部群众义务植树活动踊跃参加', 22, 12 * 22)).toEqual(['全区干部群众', '义务植树活动踊跃参加']);
  });

  it('T29: a compound that opens the title (`新型冠状病毒感染的肺炎`) is kept whole as one further in is', () => {
    // 14 em, 17 characters: after 的 the lines would be 9 + 8, but 的 is inside the compound.
    expect(lines('新型冠状病毒感染的肺炎疫情防控工作', 22, 14 * 22)).toEqual(['新型冠状病毒感染的肺炎', '疫情防控工作']);
  });

  it('T29: after 的 与 和 及 a phrase ends: at 7 em `我区党员干部和` keeps 党员干部 whole', () => {
    expect(lines('我区党员干部和志愿者坚守防控一线', 22, 7 * 22)[0]).toBe('我区党员干部和');
  });

  it('T6: two numbers no line can hold together are set one a line, at the only place the title breaks', () => {
    expect(lines('13503810000 13503810001', 22, 8 * 22)).toEqual(['13503810000', '13503810001']);
  });

  it('T19: a title of twelve lines is still balanced: no line of one character', () => {
    // 45 characters in 4 em: 12 lines at fewest; filled line by line it would end 4 × 11 + 1.
    const title = '全区干部群众踊跃参加义务植树活动'.repeat(3).slice(0, 45);
    const got = lines(title, 22, 4 * 22);
    expect(got).toHaveLength(12);
    for (const l of got) expect([...l].length, got.join("／")).toBeGreaterThanOrEqual(2);
  });

  it('T19: a title where a compound must break anyway takes no more lines than it needs', () => {
    // 9 em: every break between 召开 and 工作 falls inside 新冠肺炎(疫情) 疫情防控 or 防控工作,
    // in three lines as in four or five; more lines buy no better sense.
    expect(lines('我区召开新冠肺炎疫情防控工作视频日调度会', 22, 9 * 22)).toHaveLength(3);
  });

  it('T6: a number wider than the measure loses no text, and a title filled line by line gets no empty line after it', () => {
    const tied = '全区组织党员志愿者1234567890123456789名';
    expect(lines(tied, 20, 8 * 20).join('')).toBe(tied);
    const long = '市领导督导我区疫情防控工作'.repeat(30) + '1234567890'.repeat(3);
    const got = lines(long, 20, 10 * 20);
    expect(got.join('')).toBe(long);
    expect(got.at(-1)).toBe('1234567890'.repeat(3));
    for (const l of got) expect(l.length).toBeGreaterThan(0);
    // The same with the number first: its line is the first, none empty before it.
    const first = lines('1234567890'.repeat(3) + '市领导督导我区疫情防控工作'.repeat(30), 20, 10 * 20);
    expect(first[0]).toBe('1234567890'.repeat(3));
    for (const l of first) expect(l.length).toBeGreaterThan(0);
  });

  it('T6: when no balance fits (a number wider than the measure), only that number runs past the measure, alone on its line', () => {
    // 8 em of 20 pt: 全区组织党员志愿者 is 9 characters, so it takes two lines; the
    // 19 digits (some 10 em) cannot break and stand alone, 名 tied to them (T28).
    const title = '全区组织党员志愿者1234567890123456789名';
    const set = setTitle(title, { face: 'serif-bold', size: 20, width: 8 * 20, digitSpacing: 'none' }, fonts);
    const texts = set.lines.map(textOf);
    expect(texts.join('')).toBe(title);
    expect(texts.length).toBeGreaterThanOrEqual(3);
    const over = set.lines.filter((l) => Math.max(...l.glyphs.map((g) => g.x + g.advance)) > 8 * 20 + 1e-6);
    expect(over.map(textOf)).toEqual(['1234567890123456789名']);
    // The rest balanced as any title: 13 characters in two lines of 6 and 7, not three
    // (the count by widths, 24 em in 8, would ask four lines in all).
    expect(lines('全区组织党员志愿者参加植树1234567890123456789', 20, 8 * 20)).toEqual(['全区组织党员', '志愿者参加植树', '1234567890123456789']);
  });

  it('T29: a closing quote ends a phrase: the break falls after it, not inside the words that follow', () => {
    // `“书香上街”` names the activity; 全民阅读 is one term (the break after 全民 would split it).
    for (let w = 11; w <= 18; w++) {
      expect(lines('我区举办“书香上街”全民阅读活动启动仪式', 22, w * 22)[0], `${w} em`).toBe('我区举办“书香上街”');
    }
  });

  it('T29: a word the dictionary splits into single characters (我区) is not broken for balance', () => {
    // A break beside a one-character word weighs more than one between words, so the
    // balance does not buy 耿勇军察看我／区… .
    for (let w = 10; w <= 12; w++) {
      for (const l of lines('耿勇军察看我区疫情防控工作', 22, w * 22)) expect(l.endsWith('我'), `${w} em: ${l}`).toBe(false);
    }
  });

  it('T19: each line a title adds costs more than a break beside a compound: four lines between words, not five', () => {
    expect(lines('关于做好春节期间疫情防控工作的通知', 22, 5 * 22)).toEqual(['关于做好', '春节期间', '疫情防控', '工作的通知']);
  });

  it('T13, T14: a title with Latin and digits is balanced within the measure: no line longer than it', () => {
    // The gaps beside Latin and digits shrink (⅛ em at most), each line by its own gaps:
    // not by those of the lines before it.
    for (const title of ['我区5G基站建设完成2020年度目标任务', '全区GDP增长6.5% 居全市第一位', '区政务服务APP上线运行 提供120项服务']) {
      for (let w = 5; w <= 12; w++) {
        const set = setTitle(title, { face: 'serif-bold', size: 22, width: w * 22, digitSpacing: 'none' }, fonts);
        expect(set.lines.map(textOf).join('').replace(/\s/g, ''), `${title} ${w} em`).toBe(title.replace(/\s/g, ''));
        for (const l of set.lines) {
          const right = Math.max(...l.glyphs.filter((g) => g.text.trim() !== '').map((g) => g.x + g.advance));
          expect(right, `${title} ${w} em: ${textOf(l)}`).toBeLessThanOrEqual(w * 22 + 0.01);
        }
      }
    }
  });

  it('T6, T28: a line past the measure only when nothing fits: a number that fits alone is not set with its measure word past the measure', () => {
    // 17 digits, 9.9 em of 20 pt, fit a 10-em measure alone; with 名 they would not.
    const set = setTitle('全区组织党员12345678901234567名', { face: 'serif-bold', size: 20, width: 10 * 20, digitSpacing: 'none' }, fonts);
    for (const l of set.lines) expect(Math.max(...l.glyphs.map((g) => g.x + g.advance)), textOf(l)).toBeLessThanOrEqual(10 * 20 + 0.01);
  });

  it('T6: a line past the measure holds a piece that cannot break, not a word with a hyphen it could break at', () => {
    expect(lines('COVID-ABCDEFGHIJKLMN疫情', 20, 5 * 20)).toEqual(['COVID-', 'ABCDEFGHIJKLMN', '疫情']);
  });

  it('T19: words that only fit one a line are set one a line, however many lines that takes', () => {
    // Each ABCD is some 2.9 em: two and a space do not fit 6.1 em. Ten lines, more than
    // the balance weighs (the fewest by widths and two more): filled line by line.
    const title = Array.from({ length: 10 }, () => 'ABCD').join(' ');
    expect(lines(title, 20, 6.1 * 20)).toEqual(Array.from({ length: 10 }, () => 'ABCD'));
  });

  it('a space typed in a title is drawn as a space glyph (the text of the PDF keeps it)', () => {
    const set = setTitle('人防+技防 织密疫情防控网', { face: 'serif-bold', size: 22, width: 400, digitSpacing: 'none' }, fonts);
    const spaces = set.lines.flatMap((l) => l.glyphs).filter((g) => g.text === ' ');
    expect(spaces).toHaveLength(1);
    expect(spaces[0]!.advance).toBeGreaterThan(0);
  });

  it('T29: a title breaks before the verb phrase 出新招, not after its verb', () => {
    for (const w of [9, 10]) {
      const got = lines('峡窝镇“硬核”防控出新招：人防+技防 织密疫情防控网', 22, w * 22);
      expect(got[1]!.startsWith('出新招'), `${w} em: ${got.join('／')}`).toBe(true);
    }
  });
});
