/**
 * check --fix at the level of one YAML text (issue 17): each edit changes the
 * source of the scalar that holds it, in place; nothing else changes, whatever the
 * scalar's style, and an edit that does not stand where it says is not made.
 */
import { describe, expect, it } from 'vitest';
import { fixFiles, fixText, type Finding } from '../src/proof/index.js';

const edit = (line: number, col: number, from: string, to: string) => ({ file: 'x.yaml', line, col, from, to });

describe('fixText', () => {
  it('a block literal keeps its style, its header comment and its indentation', () => {
    const src = 'body: |   # 正文\n  第一行,第二句\n  第三行。。。\n# end\n';
    // `  第一行,第二句`: the comma is character 6; `  第三行。。。`: the ellipsis starts at 6.
    const { text, applied } = fixText(src, [edit(2, 6, ',', '，'), edit(3, 6, '。。。', '……')]);
    expect(text).toBe('body: |   # 正文\n  第一行，第二句\n  第三行……\n# end\n');
    expect(applied).toHaveLength(2);
  });

  it('an edit whose characters are not at its place is not made (the file changed since)', () => {
    const src = 'title: 工作动态,二\n';
    // The comma is character 12; at 11 stands 态.
    expect(fixText(src, [edit(1, 11, ',', '，')])).toEqual({ text: src, applied: [] });
  });

  it('the same place named by two findings (a publication file shared by two issues) is edited once', () => {
    // `editor: 编辑部。。。x`: the ellipsis starts at character 12.
    const finding = (n: number) => ({ fix: [{ ...edit(1, 12, '。。。', '……'), file: 'p.yaml' }], n }) as unknown as Finding;
    const [fixed] = fixFiles([finding(1), finding(2)], () => 'editor: 编辑部。。。x\n');
    expect(fixed!.text).toBe('editor: 编辑部……x\n');
  });
});
