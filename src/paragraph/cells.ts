/**
 * prepare: text → cells. Groups what must never be split (T6: Latin words, numbers
 * with their signs and units, e-mail addresses, `——`), finds each cell's glyphs
 * through the fallback chain, and splits full-width marks into ink and blank.
 */
import type { FontRole, FontSet } from '../fonts/index.js';
import { classify, isCompressible, type CharClass } from '../text/index.js';
import type { Cell, MissingGlyph, PlacedGlyph } from './types.js';
import { JOINERS } from '../text/invisible.js';

/** Inside a Latin word, number, e-mail address or URL when followed by a letter or digit. */
const CONNECTOR = new Set([...".,:/@-_+&=?#~'"]);
/** Units that stay with the number before them (T6). */
const UNIT = new Set([...'%‰℃°']);
/** Marks, joiners and variation selectors: they stay with the character before them. */
const MARK = new RegExp(`[\\p{M}${JOINERS}]`, 'u');
/** Drawn as nothing: the joiners and variation selectors (the font's default glyph stands). */
const INVISIBLE = new RegExp(`[${JOINERS}]`, 'u');

export interface Cells {
  cells: Cell[];
  missing: MissingGlyph[];
}

export function cellsOf(text: string, fonts: FontSet, face: FontRole, size: number, placeholder?: string): Cells {
  const chars = [...text];
  const starts: number[] = [];
  let offset = 0;
  for (const c of chars) {
    starts.push(offset);
    offset += c.length;
  }
  starts.push(offset);

  const cells: Cell[] = [];
  const missing: MissingGlyph[] = [];
  const look: Lookup = { fonts, face, size, missing, placeholder };
  let spaces = '';
  let i = 0;
  while (i < chars.length) {
    const ch = chars[i]!;
    const cls = classify(ch);
    if (cls === 'space') {
      spaces += ch;
      i++;
      continue;
    }
    const end = tokenEnd(chars, i, cls);
    const cellText = end === i + 1 ? ch : chars.slice(i, end).join('');
    // A number with its sign (T6) is a number: spaced from Han as digits are (T14).
    const kind = cls === 'symbol' && end - i > 1 && /\d/.test(chars[i + 1]!) ? 'alnum' : cls;
    const glyphs = glyphsOf(chars, i, end, starts, cellText, look);
    const advance = glyphs.reduce((w, g) => Math.max(w, g.x + g.advance), 0);
    const half = isCompressible(kind) ? advance / 2 : 0;
    const left = kind === 'open' ? half : 0;
    const right = kind === 'stop' || kind === 'close' ? half : 0;
    for (const g of glyphs) g.x -= left;
    cells.push({
      cls: kind,
      text: cellText,
      range: [starts[i]!, starts[end]!],
      width: advance - left - right,
      leftBlank: left,
      rightBlank: right,
      spaceBefore: spaces,
      glyphs,
    });
    spaces = '';
    i = end;
  }
  return { cells, missing };
}

/** The character at `k`, or '' past the end. */
function at(chars: string[], k: number): string {
  return chars[k] ?? '';
}

function isAlnum(chars: string[], k: number): boolean {
  return classify(at(chars, k)) === 'alnum';
}

/** The index after the cell that starts at `i`. */
function tokenEnd(chars: string[], i: number, cls: CharClass): number {
  let end = i + 1;
  const first = chars[i]!;
  if (first === '—' && at(chars, i + 1) === '—') {
    // T6, T8: the 2-em dash is one glyph and one cell (as ⸺ is, being one character).
    end = i + 2;
  } else if (cls === 'alnum' || ((first === '-' || first === '+' || first === '−') && /\d/.test(at(chars, i + 1)))) {
    // T6: a word, number, address or URL, with its sign and unit.
    while (end < chars.length) {
      if (isAlnum(chars, end)) end++;
      else if (MARK.test(at(chars, end))) end++;
      else if (CONNECTOR.has(at(chars, end))) {
        // A run of connectors (`://`, `..`) stays in the token when a letter or
        // digit follows it.
        let k = end;
        while (CONNECTOR.has(at(chars, k))) k++;
        if (!isAlnum(chars, k)) break;
        end = k;
      } else break;
    }
    while (UNIT.has(at(chars, end))) end++;
  }
  // Combining marks and joiners stay with the character they follow.
  while (end < chars.length && MARK.test(at(chars, end))) end++;
  return end;
}

interface Lookup {
  fonts: FontSet;
  face: FontRole;
  size: number;
  missing: MissingGlyph[];
  placeholder: string | undefined;
}

/** The glyphs of the cell `chars[from..to)`, whose text is `text`. */
function glyphsOf(chars: string[], from: number, to: number, starts: number[], text: string, look: Lookup): PlacedGlyph[] {
  const { fonts, face, size, missing } = look;
  const glyphs: PlacedGlyph[] = [];
  // A sequence the font draws as one glyph (`——`).
  if (text === '——') {
    const found = fonts.resolve(face, text);
    if (found) {
      if (found.standIn) missing.push({ index: starts[from]!, char: text, tried: fonts.own(face), replaced: false, from: found.standIn });
      return [{ face: found.face, size, id: found.glyph.id, text, x: 0, advance: found.glyph.advance * size, at: starts[from]! }];
    }
  }
  let x = 0;
  for (let k = from; k < to; k++) {
    const ch = chars[k]!;
    if (INVISIBLE.test(ch)) continue;
    let found = fonts.resolve(face, ch);
    if (!found) {
      // No font has it: an error, unless a placeholder is to stand in (drawn as the
      // placeholder, still extracting as the character itself).
      const stand = look.placeholder === undefined ? null : fonts.resolve(face, look.placeholder);
      missing.push({ index: starts[k]!, char: ch, tried: fonts.tried(face), replaced: stand !== null });
      if (!stand) continue;
      found = stand;
    } else if (found.standIn) {
      // Not in the role's own faces: drawn from another, with a warning.
      missing.push({ index: starts[k]!, char: ch, tried: fonts.own(face), replaced: false, from: found.standIn });
    }
    const advance = found.glyph.advance * size;
    // A combining mark draws over the character before it and takes no room.
    const mark = k > from && MARK.test(ch);
    glyphs.push({ face: found.face, size, id: found.glyph.id, text: ch, x: mark ? x - advance : x, advance, at: starts[k]! });
    if (!mark) x += advance;
  }
  return glyphs;
}

/** One character's glyph, unplaced: the space and the hyphen the engine adds. */
export function glyphOf(fonts: FontSet, face: FontRole, size: number, ch: string): PlacedGlyph | null {
  const found = fonts.resolve(face, ch);
  return found && { face: found.face, size, id: found.glyph.id, text: ch, x: 0, advance: found.glyph.advance * size, at: 0 };
}
