/**
 * A new publication file: what every issue shares, with a question in a comment
 * above each value. `bulletin init --publication` writes it knowing nothing;
 * `bulletin import` writes it beside an imported issue with what the printed
 * issue gave (the masthead's title, the editor line, the colophon), and asks only
 * for the rest. A value not known yet is a placeholder in brackets, so that the
 * file loads and a proof shows at once what is still to be answered.
 */
import { scalar } from '../import/emit.js';
import type { PublicationDefaults } from '../import/index.js';

/** What stands in the file until the question is answered. */
export const PLACEHOLDER = { name: '（刊名）', editor: '（编印单位）编' } as const;

type Colophon = NonNullable<PublicationDefaults['colophon']>;

/** The publication file's text. `schema`: its first line (schemaComment). `from`: what the known values were taken from. */
export function publicationFile(known: PublicationDefaults, schema: string, from?: string): string {
  const c: Colophon = known.colophon ?? {};
  const out: string[] = [schema];
  out.push(
    from === undefined
      ? '# What every issue of the bulletin shares. Answer the questions in the comments;'
      : `# What every issue of the bulletin shares, as far as ${from} showed it. Answer the questions`,
    from === undefined ? '# a value in brackets is a placeholder, printed until you replace it.' : '# in the comments; a value in brackets is a placeholder, printed until you replace it.',
  );
  out.push('# 刊名: what is the bulletin called? Printed large at the top of the front page.');
  out.push(`name: ${scalar(known.name ?? PLACEHOLDER.name)}`);
  out.push('# 编印单位: who edits it? Printed under the masthead, ending in 编: 上街区地方史志办公室编.');
  out.push(`editor: ${scalar(known.editor ?? PLACEHOLDER.editor)}`);
  out.push('# The colophon (版记) at the foot of the last page; an issue may override any of it.');
  out.push('colophon:');
  out.push('  # The circulation notice, printed in brackets.');
  out.push(`  notice: ${scalar(c.notice ?? '内部资料 注意保存')}`);
  out.push('  # 发放范围: who receives each issue? One recipient a line, in the order printed.');
  if (c.distribution?.length) {
    out.push('  distribution:');
    for (const d of c.distribution) out.push(`    - ${scalar(d)}`);
  } else {
    out.push('  # distribution:', '  #   - 区委书记', '  #   - 区长');
  }
  const field = (key: keyof Colophon, question: string, example: string) => {
    out.push(`  # ${question}`);
    const value = c[key];
    out.push(value === undefined ? `  # ${key}: ${example}` : `  ${key}: ${scalar(value as string | number)}`);
  };
  field('supervisor', '主管: which office supervises the bulletin?', '上街区人民政府办公室');
  field('publisher', '编辑出版: which office edits and publishes it?', '上街区地方史志办公室');
  field('phone', '电话: the editors\' telephone (quoted, so that it stays text).', '"68933000"');
  field('email', '邮箱: the editors\' e-mail address.', 'office@example.cn');
  out.push('  # 共印 N 份: the print run, usually given by each issue.');
  out.push(c.copies === undefined ? '  # copies: 130' : `  copies: ${c.copies}`);
  out.push('# The house style: default (the printed issue 91: A4, 16 pt, 25 × 22) or gongwen (GB/T 9704).');
  out.push('style:');
  out.push('  preset: default');
  return `${out.join('\n')}\n`;
}
