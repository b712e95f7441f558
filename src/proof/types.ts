import type { Problem, SourceText } from '../issue/index.js';

/** The checks, each turned off per publication or issue by `proof: { name: false }`. */
export const CHECKS = [
  'traditional',
  'halfwidth',
  'fullwidth',
  'pairs',
  'ellipsis',
  'dashes',
  'spaces',
  'doubled',
  'numbers',
  'dates',
  'colophon',
  'contents',
] as const;

export type CheckName = (typeof CHECKS)[number];

/**
 * One character run of the source to replace, for `check --fix`: what stands at
 * `line:col` of `file` (columns in characters) and what replaces it.
 */
export interface Edit {
  file: string;
  line: number;
  col: number;
  from: string;
  to: string;
}

/** What a check found: a located warning or note, the rule it cites, the correction it suggests. */
export interface Finding extends Problem {
  severity: 'warning' | 'note';
  check: CheckName;
  /** The rule cited: `GB/T 15834-2011 §4.9`. */
  rule: string;
  /** The text as written. */
  found: string;
  /** The suggested correction, when there is one. */
  suggestion?: string;
  /** The edits that make the correction, when it is unambiguous and the source can be edited in place. */
  fix?: Edit[];
}

/** Where a text stands in the issue, which decides what is checked in it. */
export type Role = 'masthead' | 'period' | 'section' | 'title' | 'toc' | 'body' | 'heading' | 'note' | 'caption' | 'colophon' | 'notice';

export interface Checked {
  text: SourceText;
  role: Role;
  /** Indexes of characters the publication allows as written (`proof.allow`). */
  allowed: Set<number>;
}
