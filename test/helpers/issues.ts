/**
 * Issue files for the tests of bad input, shared by the loader's unit tests and
 * the command's.
 */

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
