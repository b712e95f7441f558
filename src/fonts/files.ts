/** The vendored fonts (`fonts/`, OFL) and the roles a style can set in them. */
import path from 'node:path';
import { ROOT } from '../paths.js';

/**
 * The faces a style can name. serif: the body, contents and colophon; serif-bold:
 * the masthead name and titles; sans-bold: section headings; kai: notes (楷体);
 * song: the folios of the gongwen preset (宋体).
 */
export type FontRole = 'serif' | 'serif-bold' | 'sans-bold' | 'kai' | 'song';

export const FONT_ROLES: readonly FontRole[] = ['serif', 'serif-bold', 'sans-bold', 'kai', 'song'];

/** The weight each role is set in: a character is taken from a face of the same weight before any other. */
export const ROLE_WEIGHT: Record<FontRole, 400 | 700> = { serif: 400, kai: 400, song: 400, 'serif-bold': 700, 'sans-bold': 700 };

/** The vendored file that ends each role's stack. */
export const FONT_FILES: Record<FontRole, string> = {
  serif: 'NotoSerifSC-Regular.ttf',
  'serif-bold': 'NotoSerifSC-Bold.ttf',
  'sans-bold': 'NotoSansSC-Bold.ttf',
  // No 楷体 or second 宋体 is vendored: notes and folios fall to the serif's.
  kai: 'NotoSerifSC-Regular.ttf',
  song: 'NotoSerifSC-Regular.ttf',
};

/**
 * The vendored faces as their name tables have them (checked by a test): a style
 * may name them by family, found without looking at any other font.
 */
export const BUNDLED: readonly { file: string; family: string; full: string; postscript: string; style: string; weight: number }[] = [
  { file: 'NotoSerifSC-Regular.ttf', family: 'Noto Serif SC', full: 'Noto Serif SC Regular', postscript: 'NotoSerifSC-Regular', style: 'Regular', weight: 400 },
  { file: 'NotoSerifSC-Bold.ttf', family: 'Noto Serif SC', full: 'Noto Serif SC Bold', postscript: 'NotoSerifSC-Bold', style: 'Bold', weight: 700 },
  { file: 'NotoSansSC-Bold.ttf', family: 'Noto Sans SC', full: 'Noto Sans SC Bold', postscript: 'NotoSansSC-Bold', style: 'Bold', weight: 700 },
];

export const FONT_DIR = path.join(ROOT, 'fonts') + path.sep;

/** Font files by their ending: TrueType and OpenType fonts and collections. */
export const FONT_FILE = /\.(ttf|otf|ttc|otc)$/i;
