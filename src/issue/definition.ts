/**
 * The issue file and the publication file: the one definition that the loader
 * validates against and that `schema/issue.schema.json` is generated from.
 * The contract is `shared/docs/issue-format.md`; extend it only compatibly.
 */
import {
  boolean,
  choice,
  integer,
  list,
  number,
  oneOf,
  record,
  text,
  type Infer,
} from './schema.js';

const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date that exists, written YYYY-MM-DD. */
function checkDate(value: string): string | null {
  const m = isoDate.exec(value);
  if (!m) return 'expected a date as YYYY-MM-DD';
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return `no such date: ${value}`;
  }
  return null;
}

export const colophonSchema = record(
  {
    notice: text({
      description: 'Circulation notice, printed in brackets: 内部资料 注意保存',
      minLength: 1,
    }),
    distribution: list(text({ minLength: 1 }), {
      description: 'Recipients (发放范围), in the order printed',
      minItems: 1,
    }),
    supervisor: text({ description: '主管: the supervising office', minLength: 1 }),
    publisher: text({ description: '编辑出版: the editing and publishing office', minLength: 1 }),
    phone: text({ description: '电话 (quote it: "68933000")', minLength: 1 }),
    email: text({
      description: '邮箱',
      pattern: { regex: /^[^\s@]+@[^\s@]+\.[^\s@]+$/, expected: 'an e-mail address' },
      format: 'email',
    }),
    copies: integer({ description: 'Print run: 共印 N 份', minimum: 1, maximum: 1_000_000 }),
  },
  { description: 'The colophon (版记) printed at the foot of the last page (T23)' },
);

export const styleSchema = record(
  {
    preset: oneOf(['default', 'gongwen'] as const, {
      description:
        'default: A4, 16 pt body, 25 characters × 22 lines (the printed issue 91); ' +
        'gongwen: GB/T 9704, 15.75 pt body, 28 × 22',
    }),
    size: number({ description: 'Body size in points (T1): 16, or 15.75 for 3号', above: 5, maximum: 36 }),
    chars: integer({ description: 'Characters per line (T1): the measure is chars × size', minimum: 8, maximum: 60 }),
    lines: integer({ description: 'Lines per page on the baseline grid (T1)', minimum: 8, maximum: 60 }),
    margins: record(
      {
        top: number({ description: 'From the top of the page to the type area, in mm', above: 0 }),
        left: number({ description: 'From the left of the page to the type area, in mm (centred if not given)', above: 0 }),
      },
      { description: 'Where the type area sits on the page' },
    ),
    titleSize: number({ description: 'Size of article titles in points (T19); 22 (2号) by default', above: 5, maximum: 72 }),
    sectionsOnNewPage: boolean({ description: 'Start every section on a new page' }),
    mastheadColor: list(number({ minimum: 0, maximum: 100 }), {
      description: 'The masthead red as C, M, Y, K percentages (T21); GB/T 9704 uses [0, 80, 80, 0]',
      minItems: 4,
      maxItems: 4,
    }),
    fonts: record(
      {
        serif: text({ description: 'TrueType font for the body, contents, colophon (default Noto Serif SC Regular)', minLength: 1 }),
        serifBold: text({ description: 'TrueType font for the masthead name and titles (default Noto Serif SC Bold)', minLength: 1 }),
        sansBold: text({ description: 'TrueType font for section headings (default Noto Sans SC Bold)', minLength: 1 }),
      },
      { description: 'Fonts of the issue, paths relative to the file that names them (inside its folder)' },
    ),
    notice: oneOf(['masthead', 'colophon'] as const, {
      description: 'Where the circulation notice prints (T22): top left of the masthead, or with the colophon',
    }),
  },
  { description: 'House style; the issue overrides the publication key by key' },
);

export const publicationSchema = record(
  {
    name: text({ description: 'The masthead title (报头), printed in red', minLength: 1 }),
    editor: text({
      description: 'The editing unit, printed left under the masthead: 上街区地方史志办公室编',
      minLength: 1,
    }),
    colophon: colophonSchema,
    style: styleSchema,
  },
  { required: ['name', 'editor'], description: 'What every issue of the publication shares' },
);

const paragraphSchema = text({ description: 'A paragraph', minLength: 1 });

export const blockSchema = choice('a paragraph, or a mapping with heading, image or note', [
  paragraphSchema,
  record({ heading: text({ minLength: 1 }) }, {
    required: ['heading'],
    description: 'A subheading inside an article',
  }),
  record(
    {
      image: text({ description: 'Path of a PNG or JPEG file, relative to the issue file', minLength: 1 }),
      caption: text({ minLength: 1 }),
    },
    { required: ['image'], description: 'An image with an optional caption' },
  ),
  record({ note: text({ minLength: 1 }) }, {
    required: ['note'],
    description: 'An editor\'s note, set apart from the paragraphs',
  }),
] as const);

/**
 * A title takes a few lines (T19): 100 characters are five or six at 22 pt in the
 * default type area. Balancing weighs every set of lines, so a longer one is
 * refused here rather than set.
 */
const TITLE_CHARS = { chars: 100, hint: 'a title takes a few lines at most: shorten it, and put the rest in the body' };

export const articleSchema = record(
  {
    title: text({
      description: 'The title; a line break (title: |-) sets where a long title breaks',
      minLength: 1,
      maxLength: TITLE_CHARS,
    }),
    toc: text({ description: 'The wording in the contents, when it differs from the title', minLength: 1, maxLength: TITLE_CHARS }),
    body: choice('text, or a list of paragraphs and blocks', [
      text({ description: 'Paragraphs separated by blank lines', minLength: 1 }),
      list(blockSchema, { minItems: 1 }),
    ] as const),
  },
  { required: ['title', 'body'] },
);

export const sectionSchema = record(
  {
    title: text({ description: 'The section heading: 本月关注', minLength: 1 }),
    // An empty section is allowed (a new issue starts so, `bulletin init`): it is
    // left out of the PDF with a warning.
    articles: list(articleSchema),
  },
  { required: ['title', 'articles'] },
);

export const issueSchema = record(
  {
    publication: choice('a path to the publication file, or the publication itself', [
      text({ description: 'Path of the publication file, relative to this file', minLength: 1 }),
      publicationSchema,
    ] as const),
    issue: record(
      {
        // Printed as 总第N期: 1e308 would print as 总第1e+308期.
        number: integer({ description: 'Serial number: 总第91期', minimum: 1, maximum: 99999 }),
        period: text({ description: 'As printed under the masthead: 2020年2月', minLength: 1 }),
        printed: text({
          description: 'Print date, YYYY-MM-DD: printed as 2020年3月16日印',
          pattern: { regex: isoDate, expected: 'a date as YYYY-MM-DD' },
          check: checkDate,
          format: 'date',
        }),
      },
      { required: ['number', 'period', 'printed'] },
    ),
    sections: list(sectionSchema, { minItems: 1 }),
    colophon: colophonSchema,
    style: styleSchema,
  },
  {
    required: ['publication', 'issue', 'sections'],
    description: 'One issue of an internal bulletin (bulletin issue file)',
  },
);

export type IssueFile = Infer<typeof issueSchema>;
export type PublicationFile = Infer<typeof publicationSchema>;
export type ColophonFields = Infer<typeof colophonSchema>;
export type StyleFields = Infer<typeof styleSchema>;
export type BlockFields = Infer<typeof blockSchema>;
