/**
 * Issue files for the tests of bad input, shared by the loader's unit tests and
 * the command's, and what an issue says, for tests that compare issues.
 */
import type { Issue } from '../../src/issue/index.js';

/**
 * An alias bomb in the shape the schema allows: `n` sections × `n` articles × `n`
 * paragraphs from three anchors (a million paragraphs for n = 100, if expanded).
 * The alias past the loader's limit of 200 is at 9:23.
 */
export function aliasBomb(n: number): string {
  return `publication: publication.yaml
issue: {number: 1, period: 2020年2月, printed: 2020-03-16}
sections:
  - &s
    title: 栏目
    articles:
      - &a
        title: 标题
        body: [&p 段落${', *p'.repeat(n - 1)}]
${'      - *a\n'.repeat(n - 1)}${'  - *s\n'.repeat(n - 1)}colophon: {copies: 1}
`;
}

/**
 * A small issue of its own serial, so that a batch builds quickly: its first
 * paragraph ends with `extra`, and `more` (top-level keys) follows the colophon.
 */
export function smallIssue(n: number, extra = '', more = ''): string {
  return `publication: publication.yaml
issue:
  number: ${n}
  period: 2020年${(n % 12) + 1}月
  printed: 2020-0${(n % 9) + 1}-16
sections:
  - title: 本月关注
    articles:
      - title: 第${n}期的一篇文章
        body: |
          ${'疫情防控工作要进一步加强，各级各部门要切实履行职责。'.repeat(6)}${extra}

          ${'区委召开常委会议研究部署下一阶段工作。'.repeat(4)}
colophon:
  copies: 130
${more}`;
}

/** What an issue says, without where it was said. */
export function issueContent(issue: Issue) {
  const c = issue.colophon;
  return {
    name: issue.name.text,
    editor: issue.editor.text,
    number: issue.number,
    period: issue.period.text,
    printed: issue.printed,
    sections: issue.sections.map((s) => ({
      title: s.title.text,
      articles: s.articles.map((a) => ({
        title: a.title.map((t) => t.text),
        toc: a.toc.text,
        body: a.body.map((b) => (b.kind === 'paragraph' || b.kind === 'heading' || b.kind === 'note' ? b.text : b.kind === 'image' ? b.file : b.images.map((i) => i.file).join(' '))),
      })),
    })),
    colophon: {
      notice: c.notice?.text,
      distribution: c.distribution?.map((d) => d.text),
      supervisor: c.supervisor?.text,
      publisher: c.publisher?.text,
      phone: c.phone?.text,
      email: c.email?.text,
      copies: c.copies,
    },
  };
}

/**
 * A publication file's text with every font role named as a bundled face: the
 * gongwen preset then looks for no installed face, so a test about something else
 * hears no note of a face standing in (test/fonts.test.ts tests those).
 */
export function withBundledFonts(publication: string): string {
  const fonts = '  fonts: { serif: Noto Serif SC, serifBold: Noto Serif SC Bold, sansBold: Noto Sans SC Bold, kai: Noto Serif SC, song: Noto Serif SC }\n';
  if (!/^style:\n/m.test(publication)) throw new Error('no style: in the publication file');
  return publication.replace(/^style:\n/m, `style:\n${fonts}`);
}

/**
 * Alias amplification: a paragraph of `chars` characters and `aliases` aliases of
 * it in the same body (50 aliases of 400 000 characters: 1.2 MB standing for 20
 * million characters). The first alias is on line 9, at column 13.
 */
export function aliasAmplifier(chars: number, aliases: number): string {
  const paragraph = '疫情防控工作要进一步加强，各级各部门要切实履行职责。'.repeat(Math.ceil(chars / 26)).slice(0, chars);
  return `publication: publication.yaml
issue: {number: 1, period: 2020年2月, printed: 2020-03-16}
sections:
  - title: 栏目
    articles:
      - title: 标题
        body:
          - &p ${paragraph}
${'          - *p\n'.repeat(aliases)}colophon: {copies: 1}
`;
}
