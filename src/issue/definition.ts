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

/** A font or a list of fonts for a role (`style.fonts`). */
function fontList(use: string) {
  const font = text({ description: 'A font file (path) or a family name', minLength: 1 });
  return choice('a font (a file or a family name), or a list of them', [
    text({ description: `Font for ${use}: a file or a family name`, minLength: 1 }),
    list(font, { description: `Fonts for ${use}, tried in order`, minItems: 1 }),
  ] as const);
}

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
      description: 'The masthead red as C, M, Y, K percentages (T21); [0, 100, 100, 0] unless the house style sets its own',
      minItems: 4,
      maxItems: 4,
    }),
    fonts: record(
      {
        serif: fontList('the body, contents and colophon (default Noto Serif SC Regular; gongwen: 仿宋)'),
        serifBold: fontList('the masthead name and titles (default Noto Serif SC Bold; gongwen: 小标宋)'),
        sansBold: fontList('section headings (default Noto Sans SC Bold; gongwen: 黑体)'),
        kai: fontList('notes, and level-2 headings in the gongwen preset (default: the serif\'s Noto Serif SC Regular; gongwen: 楷体)'),
        song: fontList('folios in the gongwen preset (gongwen: 宋体; default Noto Serif SC Regular)'),
        fallback: fontList('characters none of a role\'s fonts has (生僻字): tried before the other roles\' fonts, with a warning'),
      },
      {
        description:
          'Fonts by role: a font file (a path inside the issue\'s folder; .ttf, .otf, .ttc, .otc) or a family name ' +
          '(仿宋_GB2312, FangSong, AR PL UKai CN: looked for in the issue\'s folder, --font-path, the bundled fonts, the system\'s), ' +
          'or a list of them tried in order; the bundled font ends each list',
      },
    ),
    digitSpacing: oneOf(['quarter', 'none'] as const, {
      description:
        'T30: quarter sets ¼ em between Han characters and numbers in digits (2 月 12 日); ' +
        'none sets them tight (2月12日), as 公文 do (the gongwen preset’s default). Latin words keep ¼ em',
    }),
    hanging: boolean({
      description:
        'T16: ，。、 ending a line may hang in the margin, so every line holds its characters on the grid ' +
        '(the gongwen preset’s default; off in the default preset)',
    }),
    imagePpi: integer({
      description: 'Resolution of images in the PDF, pixels per inch at their printed size: larger images are resampled to it (300 by default)',
      minimum: 72,
      maximum: 2400,
    }),
    notice: oneOf(['masthead', 'colophon'] as const, {
      description: 'Where the circulation notice prints (T22): top left of the masthead, or with the colophon',
    }),
  },
  { description: 'House style; the issue overrides the publication key by key' },
);

/** A proofreading check: on unless set to false. */
const check = (description: string) => boolean({ description: `${description}; on unless false` });

export const proofSchema = record(
  {
    traditional: check('Traditional or variant characters in simplified text (通用规范汉字表)'),
    halfwidth: check('Half-width , . ; : ? ! ( ) in Chinese text (GB/T 15834-2011 §4, §5.1)'),
    fullwidth: check('Full-width digits and letters: ２０２０, ＡＢＣ (GB/T 15835-2011 §5.1.7)'),
    pairs: check('Quotes and brackets unpaired or wrongly nested, straight quotes in Chinese text (GB/T 15834-2011 §4.8, §4.9, §4.15)'),
    ellipsis: check('Ellipses written otherwise than …… (GB/T 15834-2011 §4.11)'),
    dashes: check('Dashes written otherwise than —— (GB/T 15834-2011 §4.10, §4.13)'),
    spaces: check('Spaces between Han characters (GB/T 15834-2011 §3.1)'),
    doubled: check('A function word or a punctuation mark typed twice: 的的, 了了, ，，'),
    numbers: check('Dates in Arabic and in Chinese numerals in one issue, or both in one date (GB/T 15835-2011 §4.3)'),
    dates: check('Dates that do not exist, articles dated after the print date'),
    colophon: check('A colophon without its print run or distribution list (T23)'),
    contents: check('Contents wording that differs from the title (a note)'),
    allow: list(text({ minLength: 1 }), {
      description: 'Words every check leaves as written, such as names meant to be in traditional characters (張學良); joined with the publication\'s',
    }),
  },
  { description: 'Proofreading by bulletin check (and counted by build); the issue overrides the publication key by key' },
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
    proof: proofSchema,
  },
  { required: ['name', 'editor'], description: 'What every issue of the publication shares' },
);

const paragraphSchema = text({ description: 'A paragraph', minLength: 1 });

const imagePath = text({ description: 'Path of a PNG or JPEG file, relative to the issue file', minLength: 1 });

const imageWidth = number({
  description: 'Printed width: in mm (width: 80), or as a fraction of the measure when at most 1 (width: 0.6); the whole measure by default',
  above: 0,
  maximum: 1000,
});

export const blockSchema = choice('a paragraph, or a mapping with heading, image, images or note', [
  paragraphSchema,
  record({ heading: text({ minLength: 1 }) }, {
    required: ['heading'],
    description: 'A subheading inside an article',
  }),
  record(
    {
      image: imagePath,
      caption: text({ description: 'Printed centred under the image', minLength: 1 }),
      width: imageWidth,
    },
    { required: ['image'], description: 'An image with an optional caption, centred' },
  ),
  record(
    {
      images: list(
        choice('a path, or a mapping with image and caption', [
          imagePath,
          record(
            { image: imagePath, caption: text({ description: 'Printed centred under this image', minLength: 1 }) },
            { required: ['image'], description: 'An image of the row with its own caption' },
          ),
        ] as const),
        { description: 'Two or three images set side by side, of one height', minItems: 2, maxItems: 3 },
      ),
      caption: text({ description: 'One caption for the row, printed centred under it', minLength: 1 }),
      width: imageWidth,
    },
    { required: ['images'], description: 'Two or three images side by side (a pair, as 简报 print them), with one caption or one each' },
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
    proof: proofSchema,
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
export type ProofFields = Infer<typeof proofSchema>;
export type BlockFields = Infer<typeof blockSchema>;
