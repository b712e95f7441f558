import path from 'node:path';

/** A problem with an input file, located for the person who has to mend it. */
export interface Problem {
  /** A note is advice a proofreader would give (the contents worded unlike the title), not a fault. */
  severity: 'error' | 'warning' | 'note';
  /** The file as the user named it (relative paths stay relative). */
  file: string;
  /** 1-based line and column (in characters: code points, not UTF-16 units); 0 when the problem concerns the whole file. */
  line: number;
  col: number;
  /** Where in the issue: `sections[0].articles[2].title`; empty for the file itself. */
  path: string;
  message: string;
  /** What to do about it, when that is not obvious from the message. */
  hint?: string;
}

/** `issues/x.yaml:12:7: sections[0].articles[2].title: expected text` */
export function formatProblem(p: Problem): string {
  const where = p.line > 0 ? `${p.file}:${p.line}:${p.col}` : p.file;
  const path = p.path ? `${printable(p.path)}: ` : '';
  const lead = p.severity === 'error' ? '' : `${p.severity}: `;
  return `${printable(`${where}: ${lead}`)}${path}${printable(p.message)}`;
}

/**
 * Text from the input shown in a message, with what would break the message's one
 * line (line ends, other control characters, U+2028/2029) or reorder it on the
 * terminal (the direction controls: U+202E would print the rest of the line
 * backwards) written as escapes.
 */
export function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (c) => {
    const named: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };
    return named[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}

/** A problem with a whole file (no line in it): a missing file, an output that cannot be written. */
export function fileProblem(file: string, message: string, hint?: string): Problem {
  return { severity: 'error', file, line: 0, col: 0, path: '', message, ...(hint === undefined ? {} : { hint }) };
}

/** A file as the user would name it: relative to the current folder when inside it, else as it is. */
export function shown(file: string): string {
  if (!path.isAbsolute(file)) return file;
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}

/** Thrown by a stage when the input cannot be built; carries every problem found. */
export class InputError extends Error {
  readonly problems: Problem[];
  constructor(problems: Problem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'InputError';
    this.problems = problems;
  }
}
