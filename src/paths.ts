/**
 * Where the program's files are. Every path is taken from here, one folder below
 * the package root, so that it holds both in dist/*.js and in the bundle
 * dist/bulletin.cjs, which stands at the same depth.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root: package.json, fonts/, schema/. */
export const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** The compiled program. */
export const DIST = path.join(ROOT, 'dist');
