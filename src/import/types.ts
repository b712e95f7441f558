/** What `importIssue` takes and gives. */

/** Something the importer could not place or had to guess; line and col are 1-based in the input text. */
export interface ImportProblem {
  line: number;
  col: number;
  message: string;
  severity: 'warning' | 'error';
  /** What to do about it: every error has one. */
  hint?: string;
}

/** What the publication file already gives, so that the issue file need not repeat it. */
export interface PublicationDefaults {
  /** The masthead title: a line of the text that equals it is the masthead, not a section. */
  name?: string;
  /** The editing unit (`上街区地方史志办公室编`): a different editor line in the text is reported. */
  editor?: string;
  /** Colophon fields that the issue file leaves out when the printed ones are the same. */
  colophon?: {
    notice?: string;
    distribution?: string[];
    supervisor?: string;
    publisher?: string;
    phone?: string;
    email?: string;
    copies?: number;
  };
}

export interface ImportOptions {
  /** The path written as `publication:` in the issue file, relative to it: `publication.yaml`. */
  publication: string;
  /** What the text was imported from, named in the issue file's opening comment. */
  source?: string;
  /** What the source is, for that comment: "the plain text of the printed issue" unless said. */
  form?: string;
  /** The schema named in the first comment, relative to the issue file: `../schema/issue.schema.json` unless said. */
  schema?: string;
  /**
   * The publication's own values. Without them every colophon field found is
   * written into the issue (which overrides the publication key by key, so the
   * content is the same either way).
   */
  defaults?: PublicationDefaults;
}

export interface ImportResult {
  /** The issue file. It loads whenever there is no error among the problems. */
  yaml: string;
  problems: ImportProblem[];
  /**
   * What the text gives that a publication file holds: the masthead's title (the
   * line before its known lines), the editor line, and every colophon field found.
   */
  found: { name?: string; editor?: string; colophon?: NonNullable<PublicationDefaults['colophon']> };
}
