/**
 * What `bulletin build` and `bulletin check` were given: files, folders and glob
 * patterns, turned into the issue files they name, in a stable order.
 *
 * Every `.yaml` or `.yml` file a folder or a pattern holds is an issue, unless it is
 * a publication file: one with the publication's shape (`name:` and `editor:`, no
 * `issue:` and `sections:`), or one an issue names (`publication: …`). Anything
 * else is built, and what fails to load fails with its own located message: a
 * half-written issue, a typo in a key, a file saved in another encoding is never
 * skipped in silence. Files named one by one are taken the same way when there are
 * several (a shell expands `issues/*.yaml` to every file, the publication file too);
 * a file named alone is built whatever it is, and the loader says what is wrong.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { isMap, isScalar, parseDocument } from 'yaml';
import { fileProblem, readSource, type Problem } from '../issue/index.js';

const GLOB = /[*?[\]{}]/;
const YAML = /\.ya?ml$/i;

/**
 * The files the arguments name, and a problem for each argument that names none
 * (bad usage); `folders`: where the folders and patterns looked (a pattern's
 * folder before its first wildcard, and the folders of what it matched), for
 * `--watch` to look again when a file appears there.
 */
export async function expandInputs(args: string[], cwd = process.cwd()): Promise<{ files: string[]; problems: Problem[]; folders: string[] }> {
  const problems: Problem[] = [];
  const folders = new Set<string>();
  const missing = (arg: string, message: string) =>
    problems.push(fileProblem(arg, message, 'name issue files (issue-91.yaml), a folder of them, or a pattern in quotes ("issues/*.yaml")'));
  // Each argument's files; a lone file named is the only one not weighed.
  const given: { arg: string; files: string[]; listed: boolean }[] = [];
  for (const arg of args) {
    if (GLOB.test(arg) && !exists(path.resolve(cwd, arg))) {
      // Loaded only when a pattern is given: most builds name a file.
      const { glob } = await import('tinyglobby');
      const found = (await glob(arg, { cwd, onlyFiles: true, expandDirectories: false })).sort();
      given.push({ arg, files: found.filter((f) => YAML.test(f)), listed: true });
      folders.add(path.resolve(cwd, baseOf(arg)));
      for (const f of found) folders.add(path.resolve(cwd, path.dirname(f)));
      continue;
    }
    let stat;
    try {
      stat = statSync(path.resolve(cwd, arg));
    } catch {
      missing(arg, 'no such file');
      continue;
    }
    if (!stat.isDirectory()) {
      given.push({ arg, files: [arg], listed: false });
      continue;
    }
    // A folder: its YAML files by name, not hidden ones (an editor's lock and backup files).
    const entries = readdirSync(path.resolve(cwd, arg), { withFileTypes: true });
    const files = entries.filter((e) => YAML.test(e.name) && !e.name.startsWith('.') && !e.isDirectory()).map((e) => path.join(arg, e.name));
    given.push({ arg, files: files.sort(), listed: true });
    folders.add(path.resolve(cwd, arg));
  }
  const all = given.flatMap((g) => g.files);
  const weighed = given.some((g) => g.listed) || all.length > 1;
  const publications = weighed ? publicationFiles(all.map((f) => path.resolve(cwd, f))) : new Set<string>();
  const files: string[] = [];
  for (const g of given) {
    const issues = g.files.filter((f) => !publications.has(path.resolve(cwd, f)));
    if (issues.length === 0 && g.listed) missing(g.arg, GLOB.test(g.arg) ? 'matches no issue file' : 'holds no issue file');
    files.push(...issues);
  }
  // Publication files named alone, or only publication files named: the loader says what they are.
  if (files.length === 0 && problems.length === 0) files.push(...given.flatMap((g) => (g.listed ? [] : g.files)));
  // The same file named twice is built once.
  const seen = new Set<string>();
  return { files: files.filter((f) => !seen.has(path.resolve(cwd, f)) && seen.add(path.resolve(cwd, f))), problems, folders: [...folders] };
}

/** A pattern's folder: its path up to the first part with a wildcard (`issues` of `issues/*.yaml`). */
function baseOf(pattern: string): string {
  const parts = pattern.split(/[\\/]/);
  const at = parts.findIndex((p) => GLOB.test(p));
  return parts.slice(0, at).join('/') || '.';
}

/**
 * Which of these files are publication files: those with the publication's shape,
 * and those an issue among them names that are not issues themselves.
 */
function publicationFiles(files: string[]): Set<string> {
  const shapes = new Map(files.map((f) => [f, shapeOf(f)]));
  const out = new Set<string>();
  for (const [file, shape] of shapes) {
    if (shape.kind === 'publication') out.add(file);
    const named = shape.publication === undefined ? undefined : path.resolve(path.dirname(file), shape.publication);
    if (named !== undefined && shapes.get(named)?.kind !== 'issue') out.add(named);
  }
  return out;
}

interface Shape {
  kind: 'issue' | 'publication' | 'unknown';
  /** The publication file it names, as written. */
  publication?: string;
}

/** A top-level `publication: path` as an issue file writes it (plain or quoted, a comment after it). */
const PUBLICATION_REF = /^publication[ \t]*:[ \t]*(?:"([^"\n]*)"|'([^'\n]*)'|([^\s#"'{[|>][^#\r\n]*?))[ \t\r]*(?:#.*)?$/m;

/** What a YAML file looks like at its top level; unknown when it cannot be read or parsed (the loader will say why). */
function shapeOf(file: string): Shape {
  let src: string;
  try {
    src = readSource(file);
  } catch {
    return { kind: 'unknown' };
  }
  // Most are issue files, written as issue 91 is: known by their keys at the start
  // of a line without parsing them (a batch parses each once more when it loads it).
  if (/^issue[ \t]*:/m.test(src) && /^sections[ \t]*:/m.test(src)) {
    const ref = PUBLICATION_REF.exec(src);
    const publication = ref?.[1] ?? ref?.[2] ?? ref?.[3];
    return { kind: 'issue', ...(publication === undefined ? {} : { publication }) };
  }
  const doc = parseDocument(src, { uniqueKeys: false });
  if (doc.errors.length > 0 || !isMap(doc.contents)) return { kind: 'unknown' };
  const keys = doc.contents.items.map((p) => (isScalar(p.key) ? String(p.key.value) : ''));
  const publication = doc.contents.get('publication');
  const kind = keys.includes('issue') && keys.includes('sections') ? 'issue' : keys.includes('name') && keys.includes('editor') ? 'publication' : 'unknown';
  return { kind, ...(typeof publication === 'string' ? { publication } : {}) };
}

function exists(file: string): boolean {
  try {
    statSync(file);
    return true;
  } catch {
    return false;
  }
}
