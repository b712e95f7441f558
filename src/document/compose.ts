/**
 * compose: Issue → Document. Decides what the issue prints and in what order —
 * masthead, contents, sections, articles, colophon — and the wording of each piece
 * of furniture (T22, T23). Nothing here knows sizes or positions.
 */
import { concatTexts, problemAt, type Block, type Issue, type Problem, type SourceText } from '../issue/index.js';

/** A piece of text the document prints; `source` is absent for furniture it makes up. */
export interface DocText {
  text: string;
  source?: SourceText['source'];
}

export interface Masthead {
  /** The circulation notice (T22), when the publication has one: `内部资料 注意保存`. */
  notice?: DocText;
  name: DocText;
  /** `2020年2月（总第91期）` */
  period: DocText;
  editor: DocText;
  /** `2020年3月16日印` */
  printed: DocText;
}

export interface ContentsEntry {
  level: 'section' | 'article';
  text: DocText;
  /** The flow block the entry points to. */
  target: string;
}

/**
 * What flows through the body pages, in reading order. Every block has an id:
 * `s1` a section, `s1a2` an article (its title), `s1a2b3` the third block of its body.
 */
export type FlowBlock =
  | { kind: 'section'; id: string; text: DocText }
  | { kind: 'title'; id: string; lines: DocText[] }
  | { kind: 'paragraph'; id: string; text: DocText }
  | { kind: 'subheading'; id: string; text: DocText }
  | { kind: 'note'; id: string; text: DocText }
  | {
      kind: 'figure';
      id: string;
      /** One image, or two or three side by side. */
      images: FigureImage[];
      /** The caption under the whole figure. */
      caption?: DocText;
      /** The printed width as given: millimetres, or a fraction of the measure when at most 1. */
      width?: number;
    };

/** An image of a figure: its file, its size in pixels as shown, its own caption when in a row. */
export interface FigureImage {
  file: string;
  /** The path as the issue writes it, and where. */
  named: SourceText;
  pixels: { width: number; height: number };
  caption?: DocText;
}

/** One line of the colophon: a label and its text, or two such fields side by side. */
export interface ColophonField {
  label: string;
  text: DocText;
}

export interface ColophonDoc {
  /** `发放范围：` and the recipients, joined as printed. */
  distribution?: ColophonField;
  /** Rows of fields; two fields share a line when they fit: 电话 with 邮箱. */
  rows: ColophonField[][];
  /** `（内部资料 注意保存）` */
  notice?: DocText;
  /** `（共印 130 份）` */
  copies?: DocText;
}

export interface Document {
  /** What the issue says that the PDF will not show, or not as written. */
  warnings: Problem[];
  /** Info for the PDF: title, author, subject, keywords, date. */
  meta: { title: string; author: string; subject: string; keywords: string[]; date: Date };
  masthead: Masthead;
  contents: ContentsEntry[];
  flow: FlowBlock[];
  colophon: ColophonDoc;
}

export function compose(issue: Issue): Document {
  const { year, month, day } = issue.printed;
  const period: DocText = {
    text: `${issue.period.text}（总第${issue.number}期）`,
    source: issue.period.source,
  };
  const contents: ContentsEntry[] = [];
  const flow: FlowBlock[] = [];
  const warnings: Problem[] = [...issue.warnings];
  issue.sections.forEach((section, s) => {
    if (section.articles.length === 0) {
      const warning = problemAt('warning', section.title.source, 0, `section "${section.title.text}" has no articles; it is left out`, 'add articles to it, or remove it');
      warnings.push({ ...warning, path: section.path });
      return;
    }
    const sectionId = `s${s + 1}`;
    contents.push({ level: 'section', text: section.title, target: sectionId });
    flow.push({ kind: 'section', id: sectionId, text: section.title });
    section.articles.forEach((article, a) => {
      const id = `s${s + 1}a${a + 1}`;
      contents.push({ level: 'article', text: article.toc, target: id });
      flow.push({ kind: 'title', id, lines: article.title });
      article.body.forEach((block, b) => flow.push(flowBlock(block, `${id}b${b + 1}`)));
    });
  });
  return {
    warnings,
    meta: {
      title: `${issue.name.text} ${issue.period.text}（总第${issue.number}期）`,
      author: issue.editor.text,
      subject: issue.sections.map((s) => s.title.text).join('、'),
      keywords: issue.sections.flatMap((s) => s.articles.map((a) => a.toc.text)),
      // Dates come from the issue, never the clock: the same input gives the same bytes.
      date: new Date(Date.UTC(year, month - 1, day)),
    },
    masthead: {
      ...(issue.colophon.notice ? { notice: issue.colophon.notice } : {}),
      name: issue.name,
      period,
      editor: issue.editor,
      printed: { text: `${year}年${month}月${day}日印` },
    },
    contents,
    flow,
    colophon: colophonOf(issue),
  };
}

function flowBlock(block: Block, id: string): FlowBlock {
  switch (block.kind) {
    case 'paragraph':
      return { kind: 'paragraph', id, text: block };
    case 'heading':
      return { kind: 'subheading', id, text: block };
    case 'note':
      return { kind: 'note', id, text: block };
    case 'image':
      return {
        kind: 'figure',
        id,
        images: [{ file: block.file, named: block.named, pixels: block.pixels }],
        ...(block.caption ? { caption: block.caption } : {}),
        ...(block.width === undefined ? {} : { width: block.width }),
      };
    case 'images':
      return {
        kind: 'figure',
        id,
        images: block.images.map((image) => ({
          file: image.file,
          named: image.named,
          pixels: image.pixels,
          ...(image.caption ? { caption: image.caption } : {}),
        })),
        ...(block.caption ? { caption: block.caption } : {}),
        ...(block.width === undefined ? {} : { width: block.width }),
      };
  }
}

/** T23: the colophon's wording. */
function colophonOf(issue: Issue): ColophonDoc {
  const c = issue.colophon;
  const field = (label: string, text: SourceText | undefined): ColophonField[] =>
    text ? [{ label, text }] : [];
  const distribution = c.distribution && {
    label: '发放范围：',
    text: concatTexts([...c.distribution.flatMap((d, i) => (i === 0 ? [d] : ['，', d])), '。']),
  };
  const rows = [
    field('主管：', c.supervisor),
    field('编辑出版：', c.publisher),
    [...field('电话：', c.phone), ...field('邮箱：', c.email)],
  ].filter((r) => r.length > 0);
  return {
    ...(distribution ? { distribution } : {}),
    rows,
    ...(c.notice ? { notice: concatTexts(['（', c.notice, '）']) } : {}),
    ...(c.copies !== undefined ? { copies: { text: `（共印 ${c.copies} 份）` } } : {}),
  };
}
