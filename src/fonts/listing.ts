/**
 * `bulletin fonts`: the faces a style can name, where they were found and how much
 * of GB 2312 and of 通用规范汉字表 each has; for an issue, the characters of it that
 * each role's own faces do not have.
 */
import { shown } from '../issue/problem.js';
import { Catalog, type FaceInfo, type FontSearch, type FontSource } from './catalog.js';
import { FONT_ROLES, type FontRole } from './files.js';
import type { FontSet } from './fonts.js';
import { ROLE_KEYS } from './stacks.js';

export interface ListedFace {
  /** The first family name, as a style names it; `names` has the others (Chinese ones too). */
  family: string;
  names: string[];
  style: string;
  weight: number;
  italic: boolean;
  file: string;
  /** Its place in a collection. */
  index: number;
  source: FontSource;
  /** Characters it has of GB 2312 (6,763) and of 通用规范汉字表 (8,105). */
  gb2312: number;
  tongyong: number;
}

/** Every face found: the issue's folder's (when given), the font paths', the bundled, the system's. */
export function listFaces(search: FontSearch, folder?: string): ListedFace[] {
  const catalog = new Catalog(search);
  const faces = catalog.all(folder).map(({ face, source }) => listed(face, source));
  catalog.save();
  return faces;
}

function listed(face: FaceInfo, source: FontSource): ListedFace {
  const [family = face.postscript, ...others] = face.families;
  return {
    family,
    names: [...new Set([...others, ...face.full])].filter((n) => n !== family),
    style: face.style,
    weight: face.weight,
    italic: face.italic,
    file: face.file,
    index: face.index,
    source,
    gb2312: face.coverage.gb2312,
    tongyong: face.coverage.tongyong,
  };
}

export interface RoleCoverage {
  role: FontRole;
  /** Its key in style.fonts. */
  key: string;
  /** The role's own faces, which draw without a warning. */
  faces: string[];
  /** Characters of the issue its own faces do not have, each with the face that would stand in (none: no face has it). */
  lacks: { char: string; from?: string }[];
}

/** For each role, the characters of `text` its own faces do not have. */
export function roleCoverage(text: string, fonts: FontSet): RoleCoverage[] {
  const chars = [...new Set([...text].filter((c) => /\S/u.test(c)))].sort();
  return FONT_ROLES.map((role) => {
    const lacks: RoleCoverage['lacks'] = [];
    for (const char of chars) {
      const found = fonts.resolve(role, char);
      if (!found) lacks.push({ char });
      else if (found.standIn) lacks.push({ char, from: found.standIn });
    }
    return { role, key: `style.fonts.${ROLE_KEYS[role]}`, faces: fonts.own(role), lacks };
  });
}

/** A face as one line of the listing. */
export function faceLine(f: ListedFace, gb: number, ty: number): string {
  const percent = (n: number, of: number) => `${n}/${of} (${((100 * n) / of).toFixed(1)}%)`;
  const names = f.names.length > 0 ? ` (${f.names.join(', ')})` : '';
  const where = `${f.file}${/\.(ttc|otc)$/i.test(f.file) ? `#${f.index}` : ''}`;
  return `${f.family}${names}: ${f.style}, ${f.weight}${f.italic ? ', italic' : ''}; GB 2312 ${percent(f.gb2312, gb)}, 通用规范汉字表 ${percent(f.tongyong, ty)}; ${f.source}: ${shown(where)}`;
}

/** Every text a document or issue holds (each `text` of its plain data), joined: the characters it prints. */
export function textOf(value: unknown): string {
  const out: string[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (k === 'text' && typeof x === 'string') out.push(x);
        else if (k !== 'source') walk(x);
      }
    }
  };
  walk(value);
  return out.join('\n');
}
