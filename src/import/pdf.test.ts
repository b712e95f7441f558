/**
 * The PDF reader's reading of a page, on pages laid out here run by run (points,
 * y up from the foot, as in a PDF): a 360 pt measure from x = 100 in 16 pt type
 * with 28 pt between baselines; first lines indented 2 em; runs in one face
 * unless said. The whole reader is measured on PDFs other programs made, and on
 * bulletin's own, in test/import.test.ts.
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

/** A display line (22 pt unless said) centred on the measure. */
function centred(text: string, y: number, size = 22): Run {
  const r = run(text, 0, y, size);
  return { ...r, x: (L + R) / 2 - r.width / 2 };
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

  it('keeps the lines of a title that would fit side by side (the source broke it); joins a display line that wrapped at the full measure', () => {
    const source = read([
      [
        // 8 + 6 ems of 22 pt: 308 pt, which the 360 pt measure holds on one line.
        centred('区委召开常委会议', 700),
        centred('研究部署工作', 670),
        body('正文。', 630, { first: true, full: false }),
        { ...run('峡窝镇“硬核”防控出新招：人防+技防', L, 560, 22), width: R - L },
        centred('织密疫情防控网', 530),
        body('正文。', 490, { first: true, full: false }),
      ],
      filler(700),
    ]);
    expect(texts(source.blocks).slice(0, 4)).toEqual(['区委召开常委会议\n研究部署工作', '正文。', '峡窝镇“硬核”防控出新招：人防+技防织密疫情防控网', '正文。']);
    expect(source.blocks[0]).toMatchObject({ centred: true, size: 22 });
  });

  it('T29: joins a title broken at a phrase, a short line then a long one, that could not stand on one line: the printer wrapped it', () => {
    // 6 + 13 ems of 22 pt: 418 pt, more than the 360 pt measure.
    const source = read([[centred('宋洁实地督导', 700), centred('新型冠状病毒感染的肺炎疫情', 670), body('正文。', 630, { first: true, full: false })], filler(700)]);
    expect(texts(source.blocks).slice(0, 2)).toEqual(['宋洁实地督导新型冠状病毒感染的肺炎疫情', '正文。']);
    expect(source.blocks[0]).toMatchObject({ centred: true, size: 22 });
  });

  it('T16: a line whose last mark hangs past the right edge ran to the edge: the paragraph goes on after it, and ends where the next is indented', () => {
    /** A full line with its last mark hung in the margin by `ems`. */
    const hung = (text: string, y: number, ems: number, first = false) => ({ ...body(text, y, { first }), width: R - (first ? L + 2 * SIZE : L) + ems * SIZE });
    const source = read([
      [
        ...filler(700),
        hung('这一段的首行挂着逗号，', 560, 0.5, true),
        hung('第二行挂着一个全宽的顿号、', 532, 1),
        body('第三行到边，', 504),
        hung('末行的句号也挂在边外。', 476, 0.5),
        body('新的一段。', 448, { first: true, full: false }),
      ],
    ]);
    expect(texts(source.blocks).slice(1)).toEqual(['这一段的首行挂着逗号，第二行挂着一个全宽的顿号、第三行到边，末行的句号也挂在边外。', '新的一段。']);
  });

  it('a heading set in the body size in another face is a block of its own, after a line that ran to the edge, across a page break; its two lines one block', () => {
    /** The runs in a face. */
    const face = (runs: Run[], font: string) => runs.map((r) => ({ ...r, font }));
    const source = read([
      // The page's last line ends an em short of the edge: as near as a line that ran to it.
      face([...filler(700), body('另一段的首行，', 588, { first: true }), { ...body('末行在页末，差一个字到边。', 560), width: R - L - SIZE }], '宋体'),
      [...face([run('基层实录', L, 700)], '黑体'), ...face([body('正文的一行，', 672, { first: true }), body('正文的末行。', 644, { full: false })], '宋体')],
      // A heading over two lines, at the left edge: one block, as a title's lines are.
      [...face([body('第三页的一段，到了右边，', 700, { first: true })], '宋体'), ...face([run('关于做好疫情防控期间', L, 672), run('企业复工复产工作的通知', L, 644)], '黑体')],
    ]);
    expect(texts(source.blocks).slice(1)).toEqual(['另一段的首行，末行在页末，差一个字到边。', '<page>', '基层实录', '正文的一行，正文的末行。', '<page>', '第三页的一段，到了右边，', '关于做好疫情防控期间\n企业复工复产工作的通知']);
    // In the body's size all the same.
    expect(source.blocks.find((b) => b.kind === 'paragraph' && b.text === '基层实录')).toMatchObject({ size: SIZE });
  });

  it('takes the face of a line from its Chinese text: a line of a paragraph mostly in a Latin face goes on with it', () => {
    const face = (r: Run, font: string) => ({ ...r, font });
    const source = read([
      [
        ...filler(700).map((r) => face(r, '宋体')),
        face(body('详见网站', 560, { first: true, full: false }), '宋体'),
        { ...face(run('https://www.example.gov.cn/notice/2020/02', L + 4 * SIZE, 560), 'Times'), width: R - L - 4 * SIZE },
        face(body('上的通知。', 532, { full: false }), '宋体'),
      ],
    ]);
    expect(texts(source.blocks).slice(1)).toEqual(['详见网站https://www.example.gov.cn/notice/2020/02上的通知。']);
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
