/** The vendored fonts (`fonts/`, OFL) and the roles a style can set in them. */
import path from 'node:path';
import { ROOT } from '../paths.js';

/** The faces a style can name. */
export type FontRole = 'serif' | 'serif-bold' | 'sans-bold';

export const FONT_FILES: Record<FontRole, string> = {
  serif: 'NotoSerifSC-Regular.ttf',
  'serif-bold': 'NotoSerifSC-Bold.ttf',
  'sans-bold': 'NotoSansSC-Bold.ttf',
};

export const FONT_DIR = path.join(ROOT, 'fonts') + path.sep;
