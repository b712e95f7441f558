/**
 * Slips of the keyboard between words: a space between Han characters, a
 * function word or a punctuation mark typed twice. Chinese doubles words on
 * purpose (紧紧, 牢牢, 看看, 天天, 一份份, 实实在在, 的的确确), and a check that
 * cries wolf on good copy is worse than none: only function words are weighed, and
 * a doubling is left alone where the first of the two ends a word (目的的, 为了了解
 * reads 为了 + 了解) or the second begins one, where it is a reduplication (AABB,
 * 一XX) and in the idioms that double a function word (不甚了了).
 */
import { isWide } from '../issue/index.js';
import { HAN, charAt, charBefore, findingAt, isAllowed } from './texts.js';
import type { Checked, Finding, Role } from './types.js';

/** Where a space between Han characters may be meant (a title set apart in two phrases): a note, not a warning. */
const DISPLAY: Role[] = ['section', 'title', 'toc', 'heading'];
/** Where spaces are not weighed: the masthead and the colophon set theirs on purpose (内部资料 注意保存). */
const SPACED: Role[] = ['masthead', 'period', 'notice', 'colophon'];

/** A space (or several, or the ideographic space) between two Chinese characters or marks. */
export function spaces(checked: Checked): Finding[] {
  if (SPACED.includes(checked.role)) return [];
  const { text } = checked.text;
  const out: Finding[] = [];
  for (const m of text.matchAll(/[ \u3000]+/gu)) {
    const before = charBefore(text, m.index);
    const after = charAt(text, m.index + m[0].length);
    if (!isWide(before) || !isWide(after) || isAllowed(checked, m.index, m[0].length)) continue;
    const note = DISPLAY.includes(checked.role);
    out.push(
      findingAt(checked, m.index, m[0].length, {
        check: 'spaces',
        rule: 'GB/T 15834-2011 §3.1',
        severity: note ? 'note' : 'warning',
        message: `a space between "${before}" and "${after}": Chinese text takes none; a pause is marked with a punctuation mark`,
        suggestion: '',
        ...(note ? { hint: 'in a title, a line break (title: |-) can set the two phrases apart' } : {}),
      }),
    );
  }
  return out;
}

/**
 * Function words, each with the characters that, before it, end a word with it
 * (目的 + 的), and after it, begin a word with it (的 + 确): then the doubling is two words.
 */
const FUNCTION_WORDS: Record<string, { ends: string; begins: string }> = {
  的: { ends: '目有别似真是端标好靶之', begins: '确士话' },
  了: { ends: '甚时', begins: '解结却断事当得如无然望不' },
  是: { ends: '但可就还于总凡要只正也倒硬老或若即便更都却确实像算真应不而尤特', begins: '否非' },
  在: { ends: '实现存所自正好旨意内外潜', begins: '于场职岗线建校读押任意乎案' },
  和: { ends: '温平缓共调附柔祥随总', begins: '谐平睦气美解衷蔼' },
  与: { ends: '参给赋授', begins: '否会其日时' },
  及: { ends: '以涉波危普触顾来不', begins: '时格早其' },
  也: { ends: '', begins: '' },
  都: { ends: '首成国京古定建迁故', begins: '市会' },
  就: { ends: '成迁造将早', begins: '业餐医近读职' },
  把: { ends: '', begins: '握关手持' },
  被: { ends: '棉', begins: '子褥告动迫' },
};

const DOUBLED_WORD = '衍字 (a word typed twice)';

/** A function word typed twice (的的, 了了) and a pause mark typed twice (，，). */
export function doubled(checked: Checked): Finding[] {
  const { text } = checked.text;
  const out: Finding[] = [];
  for (let i = 0; i + 1 < text.length; i++) {
    const ch = text[i]!;
    if (text[i + 1] !== ch || isAllowed(checked, i, 2)) continue;
    const word = FUNCTION_WORDS[ch];
    if (word && !meant(text, i, word)) {
      out.push(findingAt(checked, i, 2, { check: 'doubled', rule: DOUBLED_WORD, message: `"${ch}${ch}": the word "${ch}" typed twice; keep one`, suggestion: ch }));
      i++;
    }
  }
  // Two pause marks together, where one belongs (三 。 are an ellipsis, the ellipsis check's).
  for (const m of text.matchAll(/(?<![，、；：。])[，、；：。]{2}(?![，、；：。])/gu)) {
    if (isAllowed(checked, m.index, 2)) continue;
    out.push(
      findingAt(checked, m.index, 2, {
        check: 'doubled',
        rule: 'GB/T 15834-2011 §5.1.1',
        message: `two punctuation marks "${m[0]}" where one belongs; keep one`,
        suggestion: m[0][1] === '。' ? '。' : m[0][0]!,
      }),
    );
  }
  return out;
}

/** Whether a doubled function word at `i` is two words or a doubling Chinese uses on purpose. */
function meant(text: string, i: number, word: { ends: string; begins: string }): boolean {
  const before = charBefore(text, i);
  const after = charAt(text, i + 2);
  if (before !== '' && word.ends.includes(before)) return true;
  if (after !== '' && word.begins.includes(after)) return true;
  // AABB (的的确确, 实实在在, 是是非非) and 一XX (一把把).
  if (after !== '' && HAN.test(after) && charAt(text, i + 3) === after) return true;
  if (before !== '' && HAN.test(before) && charBefore(text, i - 1) === before) return true;
  return before === '一';
}
