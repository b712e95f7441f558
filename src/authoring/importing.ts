/**
 * `bulletin import`, the files around the importers: the input read and known by
 * its bytes (formats.ts), read by its reader, then either
 * - a back issue (plain text, PDF, or a whole issue saved as one .docx) written as
 *   a new issue file, with a publication file beside it when none is there; or
 * - a contribution (.docx, PDF or text) added as an article to an issue file
 *   (`--into`), its images saved in the issue's folder.
 * Whatever is written loads: it is loaded before the command says it is done,
 * and an issue file is changed only when the changed file loads.
 */
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CommanderError } from 'commander';
import { parse, parseDocument, isMap, isSeq, type Document } from 'yaml';
import { writeAtomically } from '../atomic.js';
import { InputError, MAX_FILE_BYTES, fileProblem, loadIssue, printable, readSource, shown, type Problem } from '../issue/index.js';
import { MAX_INPUT_BYTES, Unreadable, readChecked } from '../read.js';
import { importArticle } from '../import/article.js';
import { formatOf } from '../import/formats.js';
import { importIssue, looksLikeIssue, type ImportProblem, type PublicationDefaults } from '../import/import.js';
import { insertArticle } from '../import/into.js';
import { sourceText, textSource, type ReadProblem, type Source } from '../import/source.js';
import { relativeTo, schemaComment, schemaPath } from '../paths.js';
import { publicationFile, PLACEHOLDER } from './publication.js';

export interface ImportRequest {
  file: string;
  output?: string;
  publication?: string;
  into?: string;
  section?: string;
}

interface Say {
  out: (line: string) => void;
  problem: (p: Problem) => void;
}

/** The input, read by the reader its bytes call for. */
type Input = { kind: 'text'; text: string } | { kind: 'docx' | 'pdf'; source: Source };

const WHAT = { docx: 'a Word document', pdf: "the printed issue's PDF" } as const;

export async function importFile(request: ImportRequest, say: Say): Promise<'ok' | 'failed'> {
  const { file } = request;
  if (request.section !== undefined && request.into === undefined) {
    throw usage('--section goes with --into: the section of the issue that the article joins');
  }
  const input = await readInput(file);
  if (request.into !== undefined) return addArticle(input, { ...request, into: request.into }, say);
  if (input.kind === 'docx' && !looksLikeIssue(sourceText(input.source).text)) {
    throw usage(
      `${file} is one article, not a whole issue (it has no serial number and contents): add it to an issue`,
      `bulletin import ${file} --into issues/issue-92.yaml --section 工作动态`,
    );
  }
  return importBackIssue(input, request, say);
}

async function readInput(file: string): Promise<Input> {
  const fail = (message: string, hint: string): never => {
    throw new InputError([fileProblem(file, message, hint)]);
  };
  let bytes: Buffer = Buffer.alloc(0);
  try {
    // A regular file, read to a bound: a named pipe or a device is refused, not waited on.
    bytes = readChecked(file, MAX_INPUT_BYTES);
  } catch (e) {
    if (!(e instanceof Unreadable)) throw e;
    if (e.code === 'ENOENT') fail('no such file', 'name a back issue (plain text, PDF or .docx) or a contribution (.docx)');
    fail(e.message, e.code === 'ENOTFILE' || e.code === 'ETOOLARGE' ? 'name a back issue (plain text, PDF or .docx) or a contribution (.docx)' : 'check that it is a file you may read');
  }
  const format = formatOf(bytes);
  switch (format.kind) {
    case 'refused':
      return fail(format.message, format.hint);
    case 'docx': {
      const { readDocx } = await import('../import/docx.js');
      return readDocx(bytes).then(
        (source) => ({ kind: 'docx', source }),
        (e: Error) => fail(`cannot be read as a Word document (${e.message.split('\n')[0]})`, 'open it in Word or WPS and save it again as .docx'),
      );
    }
    case 'pdf': {
      const { readPdf } = await import('../import/pdf.js');
      return readPdf(bytes).then(
        (source) => ({ kind: 'pdf', source }),
        (e: Error) =>
          fail(
            e.name === 'PasswordException' ? 'is protected by a password' : `cannot be read as a PDF (${e.message.split('\n')[0]})`,
            e.name === 'PasswordException' ? 'save a copy without the password and import that' : 'open it and save or print it again as PDF',
          ),
      );
    }
    case 'text':
      try {
        return { kind: 'text', text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
      } catch {
        return fail('cannot read it as UTF-8 text', 'text files saved as GBK or GB 18030 give this; save the text as UTF-8');
      }
  }
}

// --- A back issue ---------------------------------------------------------------

async function importBackIssue(input: Input, request: ImportRequest, say: Say): Promise<'ok' | 'failed'> {
  const { file } = request;
  // Where the issue goes decides where its publication file is looked for.
  const folder = request.output ? path.dirname(path.resolve(request.output)) : existsSync('issues') ? path.resolve('issues') : process.cwd();
  const publication = path.resolve(request.publication ?? path.join(folder, 'publication.yaml'));
  const text = input.kind === 'text' ? input.text : sourceText(input.source);
  const plain = typeof text === 'string' ? text : text.text;
  const options = {
    publication: relativeTo(folder, publication),
    source: path.basename(file),
    schema: schemaPath(folder, 'issue'),
    ...(input.kind === 'text' ? {} : { form: WHAT[input.kind] }),
  };
  const existing = existsSync(publication);
  let defaults = existing ? publicationDefaults(valueOf(publication, parseDocument(readSource(publication), { prettyErrors: false }))) : undefined;
  let result = importIssue(plain, { ...options, ...(defaults ? { defaults } : {}) });
  let newPublication: string | undefined;
  if (!existing) {
    // What the text gave goes into the new publication file; the issue keeps what differs (the print run).
    const found = result.found;
    const { copies: _, ...shared } = found.colophon ?? {};
    defaults = { ...(found.name ? { name: found.name } : {}), ...(found.editor ? { editor: found.editor } : {}), colophon: shared };
    result = importIssue(plain, { ...options, defaults });
    newPublication = publicationFile(defaults, schemaComment(path.dirname(publication), 'publication'), path.basename(file));
  }
  const located = (p: ImportProblem): Problem =>
    typeof text === 'string'
      ? { severity: p.severity, file, line: p.line, col: p.col, path: '', message: p.message, ...(p.hint ? { hint: p.hint } : {}) }
      : { severity: p.severity, file, line: 0, col: 0, path: text.places[p.line - 1] ?? '', message: p.message, ...(p.hint ? { hint: p.hint } : {}) };
  const problems = [...(input.kind === 'text' ? [] : input.source.problems.map(readProblem(file))), ...result.problems.map(located)];
  if (typeof text !== 'string' && text.images.length > 0) {
    const n = text.images.length;
    problems.push({ severity: 'warning', file, line: 0, col: 0, path: text.images[0]!.at, message: `${n} image${n === 1 ? ' is' : 's are'} not imported with a whole issue: add ${n === 1 ? 'it' : 'them'} as {image: …} blocks` });
  }
  for (const p of problems) say.problem(p);
  if (problems.some((p) => p.severity === 'error')) return 'failed';
  const serial = (parse(result.yaml) as { issue?: { number?: number } }).issue?.number;
  const output = request.output ? path.resolve(request.output) : path.join(folder, `issue-${serial}.yaml`);
  if (existsSync(output)) throw new InputError([fileProblem(shown(output), 'already exists; bulletin import does not overwrite', 'name another file with -o')]);
  if (newPublication !== undefined) writeAtomically(publication, newPublication, 'the publication file');
  writeAtomically(output, result.yaml, 'the issue file');
  // What was written must load: check it as a build would.
  const issue = loadIssue(path.relative(process.cwd(), output));
  const articles = issue.sections.reduce((n, s) => n + s.articles.length, 0);
  say.out(printable(`${file} → ${shown(output)} (${issue.sections.length} sections, ${articles} articles)`));
  if (newPublication !== undefined) {
    const open = [defaults?.name ? undefined : `name ${PLACEHOLDER.name}`, defaults?.editor ? undefined : `editor ${PLACEHOLDER.editor}`].filter(Boolean);
    const placeholders = open.length === 1 ? `${open[0]} is a placeholder` : `${open.join(', ')} are placeholders`;
    say.out(printable(`  and ${shown(publication)}, what the issues share${open.length > 0 ? `: answer its questions (${placeholders})` : ''}`));
  }
  return 'ok';
}

/** A publication file's values; one that is not YAML is refused where it stops being so. */
function valueOf(file: string, doc: Document): unknown {
  const e = doc.errors[0];
  if (!e) return doc.toJS();
  const at = e.linePos?.[0] ?? { line: 0, col: 0 };
  throw new InputError([{ ...fileProblem(file, `YAML syntax: ${e.message.split('\n')[0]}`, 'mend the publication file (bulletin check on an issue that names it says where), or name another with --publication'), ...at }]);
}

/** What a publication file gives, for the importer to leave out of the issue. */
export function publicationDefaults(pub: unknown): PublicationDefaults {
  const p = (pub ?? {}) as { name?: string; editor?: string; colophon?: Record<string, unknown> };
  return {
    ...(typeof p.name === 'string' ? { name: p.name } : {}),
    ...(typeof p.editor === 'string' ? { editor: p.editor } : {}),
    ...(p.colophon ? { colophon: p.colophon } : {}),
  };
}

// --- A contribution ----------------------------------------------------------------

async function addArticle(input: Input, request: ImportRequest & { into: string }, say: Say): Promise<'ok' | 'failed'> {
  const { file, into } = request;
  const source = input.kind === 'text' ? textSource(input.text) : input.source;
  if (input.kind !== 'text' && looksLikeIssue(sourceText(source).text)) {
    throw usage(`${file} is a whole issue (it has a serial number and contents), not an article`, `import it as an issue of its own: bulletin import ${file}`);
  }
  let raw: string;
  try {
    raw = readChecked(into, MAX_FILE_BYTES).toString('utf8');
  } catch (e) {
    if (!(e instanceof Unreadable)) throw e;
    throw new InputError([fileProblem(into, e.message, 'name the issue file the article joins; bulletin init starts one')]);
  }
  const bom = raw.startsWith('\ufeff') ? '\ufeff' : '';
  const section = request.section ?? onlySection(raw.slice(bom.length), into);
  const folder = path.dirname(path.resolve(into));
  const stem = path.basename(file, path.extname(file)).replace(/[\\/:*?"<>|\s]+/gu, '-') || 'image';
  const imported = importArticle(source, { name: path.basename(file, path.extname(file)), imageFile: imageNamer(folder, stem) });
  const problems = imported.problems.map(input.kind === 'text' ? textProblem(file) : readProblem(file));
  for (const p of problems) say.problem(p);
  if (problems.some((p) => p.severity === 'error')) return 'failed';
  const inserted = insertArticle(raw.slice(bom.length), imported.article, section);
  if (!('text' in inserted)) throw new InputError([fileProblem(into, inserted.message, inserted.hint)]);
  const written: string[] = [];
  try {
    for (const image of imported.images) {
      const target = path.join(folder, image.file);
      writeAtomically(target, Buffer.from(image.bytes), 'an image');
      written.push(target);
    }
    // Loaded under another name beside it first: the issue file changes only if the new text loads.
    const trial = path.join(folder, `.${path.basename(into)}.import.yaml`);
    writeFileSync(trial, bom + inserted.text);
    try {
      loadIssue(trial);
    } finally {
      rmSync(trial, { force: true });
    }
    writeAtomically(into, bom + inserted.text, 'the issue file');
  } catch (e) {
    for (const f of written) rmSync(f, { force: true });
    throw e;
  }
  const paragraphs = imported.article.body.filter((b) => typeof b === 'string').length;
  const images = imported.images.length;
  say.out(
    printable(
      `${file} → ${shown(into)}: "${imported.article.title.join('')}" in ${inserted.newSection ? 'the new section' : 'section'} ${section}` +
        ` (${paragraphs} paragraph${paragraphs === 1 ? '' : 's'}${images > 0 ? `, ${images} image${images === 1 ? '' : 's'}` : ''})`,
    ),
  );
  return 'ok';
}

/** The section an article goes in when --section is not given: the issue's only one. */
function onlySection(text: string, into: string): string {
  const sections = (() => {
    const doc = parseDocument(text);
    const list = isMap(doc.contents) ? doc.contents.get('sections', true) : undefined;
    return isSeq(list) ? list.items.map((s) => (isMap(s) ? String(s.get('title') ?? '') : '')) : [];
  })();
  if (sections.length === 1) return sections[0]!;
  throw usage(
    `name the section of ${into} that the article joins with --section`,
    sections.length > 0 ? `its sections: ${sections.join(', ')}` : 'a new section is added when the issue has none of that name',
  );
}

/** Image files beside the issue: `<stem>-<n>.<ext>`, or `<stem>-<n>-2.<ext>` … when that name is taken: nothing is overwritten. */
function imageNamer(folder: string, stem: string) {
  return (n: number, ext: string) => {
    for (let k = 1; ; k++) {
      const name = `${stem}-${n}${k > 1 ? `-${k}` : ''}.${ext}`;
      if (!existsSync(path.join(folder, name))) return name;
    }
  };
}

function readProblem(file: string) {
  return (p: ReadProblem): Problem => ({ severity: p.severity, file, line: 0, col: 0, path: p.at, message: p.message });
}

/** A plain text's places are its lines: `line 7` → file:7:1. */
function textProblem(file: string) {
  return (p: ReadProblem): Problem => {
    const line = /^line (\d+)$/u.exec(p.at);
    return line ? { severity: p.severity, file, line: Number(line[1]), col: 1, path: '', message: p.message } : readProblem(file)(p);
  };
}

function usage(message: string, hint?: string): CommanderError {
  return new CommanderError(2, 'bulletin.usage', `error: ${message}${hint ? `\n  hint: ${hint}` : ''}`);
}
