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
