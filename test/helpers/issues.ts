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
