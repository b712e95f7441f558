/**
 * Where the program's files are. Every path is taken from here, one folder below
 * the package root, so that it holds both in dist/*.js and in the bundle
 * dist/bulletin.cjs, which stands at the same depth.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root: package.json, fonts/, schema/. */
export const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** The compiled program. */
export const DIST = path.join(ROOT, 'dist');

/** `to` as the file in folder `from` names it: relative, with forward slashes. */
export function relativeTo(from: string, to: string): string {
  return path.relative(path.resolve(from), path.resolve(to)).split(path.sep).join('/');
}

/**
 * The first line of an issue or publication file written into `folder`: the
 * comment with which editors (VS Code's YAML extension) find the schema, naming
 * the program's schema/ relative to that folder.
 */
export function schemaComment(folder: string, kind: 'issue' | 'publication'): string {
  return `# yaml-language-server: $schema=${schemaPath(folder, kind)}`;
}

/** The program's schema of issue or publication files, as a file in `folder` names it. */
export function schemaPath(folder: string, kind: 'issue' | 'publication'): string {
  return relativeTo(folder, path.join(ROOT, 'schema', `${kind}.schema.json`));
}

/**
 * A schema comment of a file in `from` (`# yaml-language-server: $schema=…`), as a
 * file in `to` must write it: as it is in the same folder; elsewhere the same
 * schema, or the program's when the one named is not there.
 */
export function movedSchemaComment(line: string, from: string, to: string, kind: 'issue' | 'publication'): string {
  const m = /^(#\s*yaml-language-server:\s*\$schema=)(\S+)(.*)$/u.exec(line);
  if (!m || /^[a-z][a-z0-9+.-]*:/iu.test(m[2]!) || path.resolve(from) === path.resolve(to)) return line;
  const target = path.resolve(from, m[2]!);
  return `${m[1]}${existsSync(target) ? relativeTo(to, target) : schemaPath(to, kind)}${m[3]}`;
}
