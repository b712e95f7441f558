/** A problem with an input file, located for the person who has to mend it. */
export interface Problem {
  severity: 'error' | 'warning';
  /** The file as the user named it (relative paths stay relative). */
  file: string;
  /** 1-based line and column; 0 when the problem concerns the whole file. */
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
  const path = p.path ? `${p.path}: ` : '';
  const lead = p.severity === 'warning' ? 'warning: ' : '';
  return `${where}: ${lead}${path}${p.message}`;
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
