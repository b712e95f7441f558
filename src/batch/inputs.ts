/**
 * What `bulletin build` and `bulletin check` were given: files, folders and glob
 * patterns, turned into the issue files they name, in a stable order.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileProblem, type Problem } from '../issue/index.js';

const GLOB = /[*?[\]{}]/;

/** An issue file, as opposed to a publication file: it has `issue:` and `sections:`. */
export function isIssueFile(file: string): boolean {
  try {
    const text = readFileSync(file, 'utf8');
    return /^issue\s*:/m.test(text) && /^sections\s*:/m.test(text);
  } catch {
    return false;
  }
}

export async function expandInputs(args: string[], cwd = process.cwd()): Promise<{ files: string[]; problems: Problem[] }> {
  const files: string[] = [];
  const problems: Problem[] = [];
  const missing = (arg: string, message: string) =>
    problems.push(fileProblem(arg, message, 'name issue files (issue-91.yaml), a folder of them, or a pattern in quotes ("issues/*.yaml")'));
  for (const arg of args) {
    if (GLOB.test(arg) && !exists(path.resolve(cwd, arg))) {
      // Loaded only when a pattern is given: most builds name a file.
      const { glob } = await import('tinyglobby');
      const found = (await glob(arg, { cwd, onlyFiles: true, expandDirectories: false })).sort();
      const issues = found.filter((f) => /\.ya?ml$/i.test(f) && isIssueFile(path.resolve(cwd, f)));
      if (issues.length === 0) missing(arg, 'matches no issue file');
      files.push(...issues);
      continue;
    }
    const full = path.resolve(cwd, arg);
    let stat;
    try {
      stat = statSync(full);
    } catch {
      missing(arg, 'no such file');
      continue;
    }
    if (!stat.isDirectory()) {
      files.push(arg);
      continue;
    }
    // A folder: every issue file in it (not its publication file), by name.
    const issues = readdirSync(full)
      .filter((f) => /\.ya?ml$/i.test(f))
      .sort()
      .map((f) => path.join(arg, f))
      .filter((f) => isIssueFile(path.resolve(cwd, f)));
    if (issues.length === 0) missing(arg, 'holds no issue file');
    files.push(...issues);
  }
  // The same file named twice is built once.
  const seen = new Set<string>();
  return { files: files.filter((f) => !seen.has(path.resolve(cwd, f)) && seen.add(path.resolve(cwd, f))), problems };
}

function exists(file: string): boolean {
  try {
    statSync(file);
    return true;
  } catch {
    return false;
  }
}
