/**
 * Fonts in the PDF: pdfkit embeds and subsets them; this module places glyphs with
 * codes of its own (so every glyph extracts as the text it stands for) and names
 * each subset with a tag derived from its glyphs.
 */
import { createHash } from 'node:crypto';
import type { Face } from '../fonts/index.js';
import { InputError, fileProblem } from '../issue/problem.js';
import type { PlacedGlyph } from '../paragraph/index.js';

/** The parts of pdfkit's embedded font this writer uses (pdfkit does not type them). */
export interface EmbeddedFont {
  id: string;
  name: string;
  subset: Subset;
  widths: number[];
  unicode: number[][];
  ref(): unknown;
  /** This writer's: the code of each glyph and text it has drawn, by glyph id, then text. */
  codes?: Map<number, Map<string, string>>;
}

/**
 * The glyph's code in the subset, with its width and text recorded for W and
 * ToUnicode. A code has one text, and a glyph may stand for several (the hyphen
 * for `-` and for the soft hyphen a hyphenated line ends with; `・` for `·`): each
 * further text gets a copy of the glyph under a code of its own, so every
 * character extracts as itself (pdf-notes: ToUnicode).
 */
export function codeOf(font: EmbeddedFont, g: PlacedGlyph): string {
  font.codes ??= new Map();
  let byText = font.codes.get(g.id);
  if (!byText) font.codes.set(g.id, (byText = new Map()));
  let code = byText.get(g.text);
  if (code === undefined) {
    let cid = font.subset.includeGlyph(g.id);
    if (font.unicode[cid] != null && font.unicode[cid]!.map((c) => String.fromCodePoint(c)).join('') !== g.text) {
      font.subset.glyphs.push(g.id);
      cid = font.subset.glyphs.length - 1;
    }
    code = cid.toString(16).padStart(4, '0');
    byText.set(g.text, code);
    font.widths[cid] = (g.advance / g.size) * 1000;
    font.unicode[cid] = [...g.text].map((c) => c.codePointAt(0)!);
  }
  return code;
}

/**
 * A subset tag from the font's name and its glyphs (PDF 1.7 §9.6.4: six capital
 * letters), so that two subsets never share one and the same subset always gets
 * the same. pdfkit makes the tag from the font's resource id, the same for the first
 * font of every document (pdf-notes); it reads the id's characters 1–6, each plus
 * 17, so the id is set to letters 17 below the tag's.
 */
export function tagSubset(font: EmbeddedFont): string {
  const hash = createHash('sha256').update(font.name).update(Uint32Array.from(font.subset.glyphs)).digest();
  const tag = [...hash.subarray(0, 6)].map((b) => String.fromCharCode(65 + (b % 26))).join('');
  font.id = `F${[...tag].map((c) => String.fromCharCode(c.charCodeAt(0) - 17)).join('')}`;
  return tag;
}

/** fontkit's TrueType subset, the parts of it this module touches. */
interface Subset {
  includeGlyph(glyphId: number): number;
  glyphs: number[];
  _addGlyph?: (gid: number) => number;
  font?: { _variationProcessor?: unknown };
  glyf?: Uint8Array[];
  loca?: { offsets: number[] };
  hmtx?: { metrics: { advance: number; bearing: number }[] };
  offset?: number;
}

/**
 * Make a TrueType subset copy simple glyphs without decoding them. fontkit decodes
 * every glyph's outline only to learn whether it is composite, which the first two
 * bytes of its data say (numberOfContours < 0), and for its advance, which hmtx
 * says; a composite one still goes the long way, which also takes its components
 * in. The outline comes from the face, which reads it from the file on first use.
 * The bytes written are the same.
 */
export function fastSubset(font: EmbeddedFont, face: Face): void {
  const subset = font.subset;
  const original = subset._addGlyph;
  if (!original) return;
  const fast = subset.font && !subset.font._variationProcessor;
  const add = function (this: Required<Subset>, gid: number): number {
    const data = fast ? face.outline(gid) : undefined;
    const contours = data && data.length >= 2 ? data.readInt16BE(0) : 0;
    if (!data || contours < 0) return original.call(this, gid);
    const { advance, bearing } = face.horizontal(gid);
    this.glyf.push(data);
    this.loca.offsets.push(this.offset);
    this.hmtx.metrics.push({ advance, bearing });
    this.offset += data.length;
    return this.glyf.length - 1;
  };
  // An outline fontkit cannot read is the font file's fault, named as such (opening
  // the font checks its tables, not its 65 000 outlines).
  subset._addGlyph = function (this: Required<Subset>, gid: number): number {
    try {
      return add.call(this, gid);
    } catch (e) {
      throw new InputError([
        fileProblem(face.file, `a damaged font: the outline of glyph ${gid} cannot be read (${(e as Error).message})`, 'copy the font file again from where it came, or name another font'),
      ]);
    }
  } as (gid: number) => number;
}
