/**
 * A contribution → one article, from Word documents written here with the `docx`
 * package (as Word writes them: styles by name, direct formatting in runs, images
 * in the package, footnotes in their own part), read by the .docx reader. The
 * committed documents that LibreOffice made are imported and built in
 * test/import.test.ts.
 */
import {
  AlignmentType,
  Document,
  FootnoteReferenceRun,
  HeadingLevel,
  ImageRun,
  LevelFormat,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
} from 'docx';
import { describe, expect, it } from 'vitest';
import { png } from '../../test/helpers/png.js';
import { importArticle } from './article.js';
import { readDocx } from './docx.js';

/** The smallest GIF: one pixel. */
const GIF = Buffer.from('R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==', 'base64');

const body = (text: string) => new Paragraph({ children: [new TextRun({ text, size: 32 })] });

async function imported(doc: Document, name = '来稿') {
  const source = await readDocx(new Uint8Array(await Packer.toBuffer(doc)));
  return importArticle(source, { name, imageFile: (n, ext) => `${name}-${n}.${ext}` });
}

describe('a contribution in Word styles', () => {
  it('takes the Title style for the title, Heading styles for headings, a picture and its caption, a table and footnotes', async () => {
    const doc = new Document({
      // Word names its built-in caption style "caption" in the styles part.
      styles: { paragraphStyles: [{ id: 'Caption', name: 'caption', run: { size: 20 } }] },
      footnotes: { 1: { children: [new Paragraph('见《上街区志》第三卷。')] } },
      sections: [
        {
          children: [
            new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun('区卫健委开展义诊活动')] }),
            new Paragraph({ children: [new TextRun({ text: '3月5日，区卫健委组织专家开展义诊活动', size: 32 }), new FootnoteReferenceRun(1), new TextRun({ text: '。', size: 32 })] }),
            new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun('一、义诊情况')] }),
            new Paragraph({ alignment: AlignmentType.CENTER, children: [new ImageRun({ type: 'png', data: png(8, 6), transformation: { width: 80, height: 60 } })] }),
            new Paragraph({ style: 'Caption', children: [new TextRun('图1 义诊现场')] }),
            body('共接待群众200余人次。'),
            new Table({
              rows: [
                new TableRow({ children: [new TableCell({ children: [new Paragraph('科室')] }), new TableCell({ children: [new Paragraph('人次')] })] }),
                new TableRow({ children: [new TableCell({ children: [new Paragraph('内科')] }), new TableCell({ children: [new Paragraph('80')] })] }),
              ],
            }),
          ],
        },
      ],
    });
    const { article, images, problems } = await imported(doc);
    expect(article).toEqual({
      title: ['区卫健委开展义诊活动'],
      body: [
        '3月5日，区卫健委组织专家开展义诊活动①。',
        { heading: '一、义诊情况' },
        { image: '来稿-1.png', caption: '图1 义诊现场' },
        '共接待群众200余人次。',
        // A table's rows as paragraphs, the cells apart by an ideographic space.
        '科室\u3000人次',
        '内科\u3000' + '80',
        { note: '①见《上街区志》第三卷。' },
      ],
    });
    expect(images.map((i) => [i.file, Buffer.from(i.bytes).equals(png(8, 6))])).toEqual([['来稿-1.png', true]]);
    expect(problems).toEqual([
      { at: 'table 1', severity: 'warning', message: 'tables are not supported yet: its 2 rows of 2 cells are kept as paragraphs, a row each' },
      { at: 'paragraph 2', severity: 'warning', message: '1 note: its mark stays in the text (①), its text follows the article as notes' },
    ]);
  });

  it('keeps a line break in the title as the title\'s two lines', async () => {
    const doc = new Document({
      sections: [{ children: [new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun('区委召开常委会（扩大）会议'), new TextRun({ text: '研究部署防汛工作', break: 1 })] }), body('正文。')] }],
    });
    expect((await imported(doc)).article.title).toEqual(['区委召开常委会（扩大）会议', '研究部署防汛工作']);
  });
});

describe('a contribution formatted by hand', () => {
  it('takes a first paragraph set centred and larger for the title, a bold short paragraph for a heading', async () => {
    const doc = new Document({
      sections: [
        {
          children: [
            new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: '上街区召开防汛工作会议', size: 44 })] }),
            body('5月20日，上街区召开防汛工作会议。'),
            new Paragraph({ children: [new TextRun({ text: '一、提高认识', size: 32, bold: true })] }),
            body('会议要求，要提高认识。'),
          ],
        },
      ],
    });
    const { article, problems } = await imported(doc);
    expect(article).toEqual({ title: ['上街区召开防汛工作会议'], body: ['5月20日，上街区召开防汛工作会议。', { heading: '一、提高认识' }, '会议要求，要提高认识。'] });
    expect(problems).toEqual([]);
  });

  it('takes a larger first paragraph that is not centred; not a larger one that is a sentence', async () => {
    const larger = new Document({ sections: [{ children: [new Paragraph({ children: [new TextRun({ text: '防汛工作会议召开', size: 40 })] }), body('正文一段。')] }] });
    expect((await imported(larger)).article.title).toEqual(['防汛工作会议召开']);
    const sentence = new Document({ sections: [{ children: [new Paragraph({ children: [new TextRun({ text: '会议于5月20日召开。', size: 40 })] }), body('正文一段。')] }] });
    const none = await imported(sentence, '防汛会议稿');
    expect(none.article).toEqual({ title: ['防汛会议稿'], body: ['会议于5月20日召开。', '正文一段。'] });
    expect(none.problems).toEqual([
      {
        at: 'the document',
        severity: 'warning',
        message: 'no title found (no Title style, no centred or larger first line): the file\'s name "防汛会议稿" is used',
      },
    ]);
  });

  it('takes a short first line of no form for the title when text follows it', async () => {
    const doc = new Document({ sections: [{ children: [body('防汛工作会议召开'), body('5月20日，会议召开。')] }] });
    expect((await imported(doc)).article).toEqual({ title: ['防汛工作会议召开'], body: ['5月20日，会议召开。'] });
  });
});

describe('what a contribution cannot bring as it is', () => {
  it('leaves out an image bulletin cannot place, and characters that mean nothing in print, each with a warning', async () => {
    const doc = new Document({
      sections: [
        {
          children: [
            new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun('标题')] }),
            new Paragraph({ children: [new ImageRun({ type: 'gif', data: GIF, transformation: { width: 10, height: 10 } })] }),
            body('一段\u200e文字。'),
          ],
        },
      ],
    });
    const { article, images, problems } = await imported(doc);
    expect(article.body).toEqual(['一段文字。']);
    expect(images).toEqual([]);
    expect(problems).toEqual([
      { at: 'paragraph 3', severity: 'warning', message: 'left out 1 character that means nothing in print (U+200E)' },
      { at: 'paragraph 2, image 1', severity: 'warning', message: 'the image is GIF, which bulletin cannot place (PNG and JPEG only); left out' },
    ]);
  });

  it('says once a list that Word numbers that its numbers are not in the text', async () => {
    const item = (text: string) => new Paragraph({ numbering: { reference: 'list', level: 0 }, children: [new TextRun({ text, size: 32 })] });
    const doc = new Document({
      numbering: { config: [{ reference: 'list', levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1.' }] }] },
      sections: [{ children: [new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun('标题')] }), item('第一项要求。'), item('第二项要求。'), body('结语。')] }],
    });
    const { article, problems } = await imported(doc);
    expect(article.body).toEqual(['第一项要求。', '第二项要求。', '结语。']);
    expect(problems).toEqual([
      {
        at: 'paragraph 2',
        severity: 'warning',
        message: 'an automatically numbered list: its numbers are not part of the text and are not imported; write them in if they matter',
      },
    ]);
  });
});
