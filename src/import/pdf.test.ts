/**
 * The PDF reader's reading of a page, on pages laid out here run by run (points,
 * y up from the foot, as in a PDF): a 360 pt measure from x = 100 in 16 pt type
 * with 28 pt between baselines; first lines indented 2 em. The whole reader is
 * measured on PDFs other programs made in test/import.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { linesOf, sourceOf, withoutFurniture, type Run } from './pdf.js';
import type { SourceBlock } from './source.js';

const L = 100;
const R = 460;
const SIZE = 16;

/** A run of wide characters (1 em each) or of Latin ones (½ em each). */
function run(text: string, x: number, y: number, size = SIZE): Run {
  const ems = Array.from(text).reduce((n, c) => n + (/[\u3000-\u9fff\uff00-\uffef“”]/u.test(c) ? 1 : 0.5), 0);
  return { text, x, y, width: ems * size, size };
}

/** A body line from the left edge to the right one (`full`), or shorter; indented by 2 em when `first`. */
function body(text: string, y: number, { first = false, full = true } = {}): Run {
  const x = first ? L + 2 * SIZE : L;
  const r = run(text, x, y);
  return full ? { ...r, width: R - x } : r;
}

function texts(blocks: SourceBlock[]): string[] {
  return blocks.map((b) => (b.kind === 'paragraph' ? b.text : b.kind === 'page' ? '<page>' : b.kind));
}

/** A paragraph of four lines from `y` down, as most of a page is: the measure is found from such lines. */
function filler(y: number): Run[] {
  return [body('这是正文的第一行，', y, { first: true }), body('这是正文的一行，', y - 28), body('这是正文的一行，', y - 56), body('这是正文的末行。', y - 84, { full: false })];
}

/** Pages of lines, read as the reader reads them. */
function read(pages: Run[][]) {
  return sourceOf(pages.map((runs, i) => linesOf(runs, i + 1)));
}

describe('the lines of a page', () => {
  it('joins runs on a baseline in reading order: no space beside a wide character (T14), one between Latin words', () => {
    const lines = linesOf([run('年', 140, 700), run('2020', 100, 700.5), run('2', 150, 700), run('月', 158, 700), run('Hello', 100, 650), run('world', 143, 650)], 1);
    expect(lines.map((l) => l.text)).toEqual(['2020年2月', 'Hello world']);
  });

  it('leaves out a space beside a wide character even where the PDF has one, but keeps a gap of an em as a space', () => {
    const lines = linesOf([run('和 310 巩义', L, 700), run('电话：68933000', L, 650), run('邮箱：a@b.cn', L + 8 * SIZE, 650)], 1);
    expect(lines.map((l) => l.text)).toEqual(['和310巩义', '电话：68933000 邮箱：a@b.cn']);
  });

  it('splits a line at a gap wider than 2.5 em into cells, each a line', () => {
    const lines = linesOf([run('上街区地方史志办公室编', L, 700), run('2020年3月16日印', 380, 700)], 1);
    expect(lines.map((l) => l.text)).toEqual(['上街区地方史志办公室编', '2020年3月16日印']);
  });
});

describe('running heads and folios', () => {
  const page = (n: number, lines: Run[]) => [run(`上街史志 2020年第${n}期`, 250, 800, 9), ...lines, run(`— ${n} —`, 270, 40, 10)];

  it('leaves out a first line repeated on other pages but for its digits, and a folio as the last line', () => {
    const pages = [1, 2, 3].map((n) => page(n, [body(`第${n}页的一行。`, 700, { first: true, full: false })]));
    const kept = withoutFurniture(pages.map((runs, i) => linesOf(runs, i + 1)));
    expect(kept.map((p) => p.map((l) => l.text))).toEqual([['第1页的一行。'], ['第2页的一行。'], ['第3页的一行。']]);
  });

  it('keeps a first line that stands on one page only, and a number inside the text', () => {
    const pages = [[run('上街史志', 250, 800, 30), body('2', 700, { full: false }), body('正文。', 672, { full: false }), run('3', 290, 40, 10)], [body('正文。', 700, { full: false })]];
    const kept = withoutFurniture(pages.map((runs, i) => linesOf(runs, i + 1)));
    expect(kept.map((p) => p.map((l) => l.text))).toEqual([['上街史志', '2', '正文。'], ['正文。']]);
  });
});

describe('paragraphs', () => {
  it('joins the lines of a paragraph, and a paragraph that a page break split; a new paragraph starts indented', () => {
    const source = read([
      [body('第一段的第一行，', 700, { first: true }), body('第一段的第二行，', 672), body('第一段跨页', 644)],
      [body('的末行。', 700, { full: false }), body('第二段。', 672, { first: true, full: false })],
    ]);
    expect(texts(source.blocks)).toEqual(['第一段的第一行，第一段的第二行，第一段跨页的末行。', '第二段。']);
    expect(source.blocks[0]).toMatchObject({ at: 'page 1', size: SIZE });
  });

  it('keeps a page break between paragraphs: the next starts indented', () => {
    const source = read([[...filler(700), body('跨页前的整行', 588)], [body('新的一段。', 700, { first: true, full: false })]]);
    expect(texts(source.blocks).slice(1)).toEqual(['跨页前的整行', '<page>', '新的一段。']);
  });

  it('keeps the lines of a title set centred on two lines; joins a display line that wrapped at the full measure', () => {
    const centred = (text: string, y: number, size = 22) => {
      const r = run(text, 0, y, size);
      return { ...r, x: (L + R) / 2 - r.width / 2 };
    };
    const source = read([
      [
        centred('区委召开常委会（扩大）会议', 700),
        centred('研究部署疫情防控工作', 670),
        body('正文。', 630, { first: true, full: false }),
        { ...run('峡窝镇“硬核”防控出新招：人防+技防', L, 560, 22), width: R - L },
        centred('织密疫情防控网', 530),
        body('正文。', 490, { first: true, full: false }),
      ],
      filler(700),
    ]);
    expect(texts(source.blocks).slice(0, 4)).toEqual(['区委召开常委会（扩大）会议\n研究部署疫情防控工作', '正文。', '峡窝镇“硬核”防控出新招：人防+技防织密疫情防控网', '正文。']);
    expect(source.blocks[0]).toMatchObject({ centred: true, size: 22 });
  });

  it('ends a contents entry at its page number; joins an entry whose wording ran over', () => {
    const entry = (text: string, y: number, x = L + 2 * SIZE) => ({ ...run(text, x, y), width: R - x });
    const source = read([
      [
        run('本月关注', L, 700),
        entry('市领导督导我区疫情防控工作 . . . . 1', 672),
        run('重要会议', L, 644),
        { ...run('峡窝镇“硬核”防控出新招：', L + 2 * SIZE, 616) },
        entry('人防+技防织密疫情防控网 …… 15', 588, L + 3 * SIZE),
      ],
      filler(700),
    ]);
    // (The spaces beside wide characters are the printer's: left out.)
    expect(texts(source.blocks).slice(0, 4)).toEqual(['本月关注', '市领导督导我区疫情防控工作. . . . 1', '重要会议', '峡窝镇“硬核”防控出新招：人防+技防织密疫情防控网……15']);
  });

  it('is an error for a PDF without text', () => {
    expect(read([[], []]).problems).toEqual([
      { at: 'page 1', severity: 'error', message: 'the PDF has no text: a scan, or text drawn as shapes; bulletin reads the text of a PDF, not its pictures' },
    ]);
  });
});
