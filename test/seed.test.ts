/**
 * issues/issue-91.yaml carries the whole of the printed issue 91 (its text as
 * extracted from the printed PDF, kept in test/fixtures/issue-91.txt): every
 * section, title and paragraph in order, character for character, with the
 * paragraphs that the printed page breaks split joined again; the contents'
 * wordings; the masthead lines; and the colophon.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadIssue, type Issue } from '../src/issue/index.js';

const seed = readFileSync(new URL('./fixtures/issue-91.txt', import.meta.url), 'utf8')
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l !== '');

let issue: Issue;
beforeAll(() => {
  issue = loadIssue('issues/issue-91.yaml');
});

/** The seed lines from the body's first section heading to the colophon. */
function bodyLines(): string[] {
  const firstSection = issue.sections[0]!.title.text;
  const start = seed.indexOf(firstSection, seed.indexOf(firstSection) + 1);
  const end = seed.findIndex((l) => l.startsWith('(内部资料'));
  return seed.slice(start, end);
}

describe('issue 91 carries the printed text', () => {
  it('has 4 sections and 12 articles', () => {
    expect(issue.sections.map((s) => s.title.text)).toEqual(['本月关注', '重要会议', '工作动态', '基层实录']);
    expect(issue.sections.flatMap((s) => s.articles)).toHaveLength(12);
  });

  it('has every section, title and paragraph of the body in order, character for character', () => {
    const lines = bodyLines();
    let i = 0;
    let joined = 0;
    for (const section of issue.sections) {
      expect(lines[i++], 'section heading').toBe(section.title.text);
      for (const article of section.articles) {
        // A title printed on two lines extracts as its lines with a space between.
        expect(lines[i++], 'article title').toBe(article.title.map((t) => t.text).join(' '));
        for (const block of article.body) {
          expect(block.kind).toBe('paragraph');
          const text = block.kind === 'paragraph' ? block.text : '';
          // A paragraph split by a printed page break is two seed lines in a row.
          let printed = lines[i++] ?? '';
          while (printed.length < text.length && text.startsWith(printed)) {
            printed += lines[i++] ?? '';
            joined++;
          }
          expect(printed).toBe(text);
        }
      }
    }
    expect(i, 'every body line of the seed is used').toBe(lines.length);
    // The printed copy's page breaks split 10 paragraphs, one of them twice.
    expect(joined).toBe(11);
  });

  it('prints the title that the printed copy sets on two lines on two lines', () => {
    const twoLines = issue.sections.flatMap((s) => s.articles).filter((a) => a.title.length > 1);
    expect(twoLines.map((a) => a.title.map((t) => t.text))).toEqual([['区委召开常委会（扩大）会议', '研究部署疫情防控工作']]);
  });

  it('gives each article the wording of the printed contents', () => {
    const start = seed.indexOf(issue.sections[0]!.title.text);
    const end = seed.indexOf(issue.sections[0]!.title.text, start + 1);
    const sectionNames = new Set(issue.sections.map((s) => s.title.text));
    const entries = seed
      .slice(start, end)
      .filter((l) => !sectionNames.has(l))
      // `- 市领导督导我区疫情防控工作..... 1`: a list bullet, dot leaders, the page number.
      .map((l) => l.replace(/^-\s*/, '').replace(/\.{3,}\s*\d+$/, ''));
    const tocs = issue.sections.flatMap((s) => s.articles.map((a) => a.toc.text));
    expect(tocs).toEqual(entries);
    // Two wordings differ from the titles as printed above the articles.
    const differing = issue.sections
      .flatMap((s) => s.articles)
      .filter((a) => a.toc.text !== a.title.map((t) => t.text).join(''));
    expect(differing.map((a) => a.toc.text)).toEqual(['市卫健委领导到我区检查指导工作']);
  });

  it('has the masthead lines', () => {
    expect(seed.slice(0, 4)).toEqual([
      issue.period.text,
      `(总第${issue.number}期)`,
      issue.editor.text,
      `${issue.printed.year}年${issue.printed.month}月${issue.printed.day}日印`,
    ]);
  });

  it('has the colophon: notice, 14 recipients, 主管, 编辑出版, 电话, 邮箱, 130 copies', () => {
    const c = issue.colophon;
    const tail = seed.slice(seed.findIndex((l) => l.startsWith('(内部资料')));
    const recipients = (c.distribution ?? []).map((d) => d.text);
    expect(tail).toEqual([
      `(${c.notice?.text})`,
      `发放范围：${recipients.join('，')}。`,
      `主管：${c.supervisor?.text}`,
      `编辑出版：${c.publisher?.text}`,
      `电话：${c.phone?.text}`,
      `邮箱：${c.email?.text}`,
      `(共印 ${c.copies} 份)`,
    ]);
    // Twelve entries as printed between commas; two name two offices each
    // (主任、副主任 and 主席、副主席): fourteen recipients.
    expect(recipients.flatMap((r) => r.split('、'))).toHaveLength(14);
    expect(c.copies).toBe(130);
  });
});
