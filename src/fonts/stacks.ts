/**
 * Roles to stacks: the faces a style names for each role (files, or names looked
 * up in the catalog), or, in the gongwen preset, GB/T 9704's faces as the office
 * has them installed. Each role's vendored face follows its own faces (files.ts).
 */
import path from 'node:path';
import type { FontEntry, FontKey, Problem, StyleSpec } from '../issue/index.js';
import { InputError } from '../issue/problem.js';
import { suggest } from '../issue/suggest.js';
import { normalName, type Catalog, type FaceInfo } from './catalog.js';
import { BUNDLED, FONT_DIR, FONT_FILES, FONT_ROLES, ROLE_WEIGHT, type FontRole } from './files.js';

/** A face by file and place in its collection: `…/ukai.ttc#0`. */
export type FaceKey = string;

export interface StackFace {
  key: FaceKey;
  file: string;
  index: number;
  /** As messages name it: its full name, "AR PL KaitiM GB". */
  name: string;
  /** Where the style named it (the preset key for a preset's face), for problems found on opening it. */
  at?: FontEntry['at'];
  /**
   * The issue's folder (a real path), for a file the style names or a face found
   * in the issue's folder: the file must be inside it when it is opened (read.ts).
   */
  folder?: string;
}

export interface Stacks {
  /** Each role's own faces, in order; the role's vendored face follows them. */
  roles: Partial<Record<FontRole, StackFace[]>>;
  /** `fonts.fallback`: faces for characters none of a role's own faces has. */
  fallback: StackFace[];
}

/** Each role's key in `style.fonts`. */
export const ROLE_KEYS: Record<FontRole, FontKey> = { serif: 'serif', 'serif-bold': 'serifBold', 'sans-bold': 'sansBold', kai: 'kai', song: 'song' };

/**
 * GB/T 9704-2012's faces (§7: body 仿宋, title 小标宋, level-1 headings 黑体, level-2
 * 楷体; §7.5 folios 宋体), by the family names they are installed under: Windows'
 * and macOS's (华文, ST…), and Founder's for 小标宋. An office's own copies in the
 * issue's folder or a font path are found first.
 */
export const GONGWEN_FACES: Record<FontRole, { face: string; use: string; names: string[] }> = {
  serif: { face: '仿宋', use: 'the body', names: ['仿宋_GB2312', 'FangSong_GB2312', '仿宋', 'FangSong', 'STFangsong', '华文仿宋'] },
  'serif-bold': { face: '小标宋', use: 'titles', names: ['方正小标宋简体', 'FZXiaoBiaoSong-B05S', '方正小标宋_GBK', 'FZXiaoBiaoSong-B05'] },
  'sans-bold': { face: '黑体', use: 'level-1 headings', names: ['黑体', 'SimHei', 'STHeiti', '华文黑体'] },
  kai: { face: '楷体', use: 'level-2 headings and notes', names: ['楷体_GB2312', 'KaiTi_GB2312', '楷体', 'KaiTi', 'STKaiti', '华文楷体'] },
  song: { face: '宋体', use: 'folios', names: ['宋体', 'SimSun', 'STSong', '华文宋体'] },
};

/** The vendored face that ends a role's stack. */
export function bundledFace(role: FontRole): StackFace {
  const file = `${FONT_DIR}${FONT_FILES[role]}`;
  return { key: `${file}#0`, file, index: 0, name: BUNDLED.find((b) => b.file === FONT_FILES[role])!.full };
}

/**
 * The stacks of a style, and a warning for each role of a preset whose faces are
 * not installed (the vendored face stands in). Throws an InputError at the key of
 * each list none of whose names is found. Names are looked up in `catalog`;
 * `folder`: the issue's (a real path), that the faces of its own (named by file,
 * or found in its folder) are read from.
 */
export function resolveStacks(spec: StyleSpec, catalog: Catalog, folder?: string): { stacks: Stacks; notes: Problem[] } {
  const stacks: Stacks = { roles: {}, fallback: [] };
  const notes: Problem[] = [];
  const given = spec.fonts ?? {};
  const gongwen = spec.preset === 'gongwen';
  if (Object.keys(given).length === 0 && !gongwen) return { stacks, notes };
  const problems: Problem[] = [];
  for (const role of FONT_ROLES) {
    const entries = given[ROLE_KEYS[role]];
    if (entries) stacks.roles[role] = namedFaces(entries, ROLE_WEIGHT[role], catalog, problems, folder);
    else if (gongwen) stacks.roles[role] = presetFaces(role, spec, catalog, notes, folder);
  }
  if (given.fallback) stacks.fallback = namedFaces(given.fallback, 400, catalog, problems, folder);
  catalog.save();
  if (problems.length > 0) throw new InputError(problems);
  return { stacks, notes };
}

/**
 * The faces a list names, in order: a file as it is (FontSet.forStyle opens it),
 * a name as the catalog finds it; a name found nowhere is passed over while
 * another of the list is found.
 */
function namedFaces(entries: FontEntry[], weight: number, catalog: Catalog, problems: Problem[], folder: string | undefined): StackFace[] {
  const faces: StackFace[] = [];
  const unfound: FontEntry[] = [];
  const own = folder === undefined ? {} : { folder };
  for (const entry of entries) {
    if (entry.file !== undefined) {
      faces.push({ key: `${entry.file}#0`, file: entry.file, index: 0, name: path.basename(entry.file), at: entry.at, ...own });
      continue;
    }
    const found = catalog.find(entry.family!, weight, entry.folder);
    if (found) faces.push({ ...stackFace(found.face, entry.at), ...(found.source === 'issue' ? own : {}) });
    else unfound.push(entry);
  }
  if (faces.length === 0 && unfound.length > 0) problems.push(notFound(unfound, catalog));
  return faces;
}

/**
 * GB/T 9704's face for a role as installed; none found is a note (issue 14: one a
 * role) naming the vendored face that stands in: the preset asked for the office's
 * faces, not for these, so the build goes on as it would have before them.
 */
function presetFaces(role: FontRole, spec: StyleSpec, catalog: Catalog, notes: Problem[], issueFolder: string | undefined): StackFace[] {
  const { face, use, names } = GONGWEN_FACES[role];
  const at = spec.sources?.preset;
  const folder = at ? path.dirname(at.file) : undefined;
  const faces: StackFace[] = [];
  for (const name of names) {
    const found = catalog.find(name, ROLE_WEIGHT[role], folder);
    if (found?.face.han && !faces.some((f) => f.key === keyOf(found.face))) {
      faces.push({ ...stackFace(found.face, at), ...(found.source === 'issue' && issueFolder !== undefined ? { folder: issueFolder } : {}) });
    }
  }
  if (faces.length === 0) {
    notes.push({
      severity: 'note',
      ...(at ?? { file: '', line: 0, col: 0, path: 'style.preset' }),
      message: `no ${face} font is installed (looked for ${names.join(', ')}): ${bundledFace(role).name} stands in for ${use}`,
      hint: `install one, or name a font for style.fonts.${ROLE_KEYS[role]}; bulletin fonts lists the fonts found`,
    });
  }
  return faces;
}

function keyOf(info: FaceInfo): FaceKey {
  return `${info.file}#${info.index}`;
}

function nameOf(info: FaceInfo): string {
  return info.full[0] ?? info.families[0] ?? info.postscript;
}

function stackFace(info: FaceInfo, at: FontEntry['at'] | undefined): StackFace {
  return { key: keyOf(info), file: info.file, index: info.index, name: nameOf(info), ...(at ? { at } : {}) };
}

/** None of a list's names is installed: one error, at the first, with the nearest name the catalog has. */
function notFound(unfound: FontEntry[], catalog: Catalog): Problem {
  const names = unfound.map((e) => e.family!);
  const first = unfound[0]!;
  const known = catalog.tiers(first.folder).flatMap(([, faces]) => faces().flatMap((face) => [...face.families, ...face.full]));
  const near = names.map((n) => suggest(normalName(n), [...new Set(known)].filter((k) => normalName(k) !== normalName(n)))).find((s) => s !== undefined);
  return {
    severity: 'error',
    ...first.at,
    message: names.length === 1 ? `no font named "${names[0]}" is found` : `none of these fonts is found: ${names.join(', ')}`,
    hint: `${near ? `did you mean "${near}"? ` : ''}fonts are looked for in the issue's folder, --font-path, the bundled fonts and the system's; bulletin fonts lists them`,
  };
}
