/**
 * cli: the `bulletin` command. Exit codes: 0 success, 1 bad input (every problem is
 * printed as `file:line:col: path: message`), 2 bad usage, 3 an internal error.
 */
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import type { BuildRecord } from './build.js';
import type { Job, Warm } from './batch/run.js';
import type { Issue } from './issue/index.js';
// The problem type alone, not the loader's barrel: --help and --version need no YAML parser or schemas.
import { InputError, fileProblem, formatProblem, printable, shown, type Problem } from './issue/problem.js';
import { Snippets } from './issue/diagnostic.js';
import type { LayoutOptions } from './page/index.js';
import type { Finding } from './proof/index.js';
import { VERSION } from './version.js';

export const EXIT = { ok: 0, input: 1, usage: 2, internal: 3 } as const;

export interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
  /** Standard error as a terminal, when it is one: for the progress bar. */
  tty?: NodeJS.WriteStream;
}

const stdio: Io = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  ...(process.stderr.isTTY ? { tty: process.stderr } : {}),
};

interface BuildOptions {
  output?: string;
  trace?: 'linebreak';
  debugOverlay?: boolean;
  bleed?: number;
  marks?: boolean;
  impose?: 'booklet';
  placeholder?: string;
  jobs: number;
  force?: boolean;
  quiet?: boolean;
  json?: boolean;
  watch?: boolean;
  proof?: boolean;
  debug?: boolean;
  fontPath?: string[];
}

export async function main(argv: string[], io: Io = stdio): Promise<number> {
  let code: number = EXIT.ok;
  const program = new Command()
    .name('bulletin')
    .description('Typeset an issue of a Chinese internal bulletin from its YAML file into a print-ready PDF.')
    .version(VERSION, '-V, --version')
    .option('--debug', 'print stack traces of internal errors')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) })
    .showHelpAfterError('(run bulletin --help for usage)');

  program
    .command('build')
    .description('build issue files into PDFs: files, folders of them, or glob patterns')
    .argument('<issues...>', 'issue files, folders or patterns, e.g. issues/issue-91.yaml or "issues/*.yaml"')
    .option('-o, --output <path>', 'the PDF for one issue; the folder for several (default: output/)')
    .option('-j, --jobs <n>', `build on this many worker threads (one for every ${BUILD_CORES} cores by default)`, jobsOf, defaultJobs())
    .option('--force', 'build even the issues whose PDFs are up to date')
    .option('--json', 'print one JSON record per issue on standard output')
    .option('-q, --quiet', 'print nothing but problems')
    .option('--watch', 'build, then build again what an edit changes: an issue, its publication file, an image or a font; and new issue files in a folder given')
    .option('--bleed <mm>', 'bleed around every page, in mm (3 is usual)', bleedOf)
    .option('--marks', 'crop marks outside the bleed, and a slug line naming the issue and the page')
    .addOption(new Option('--impose <how>', 'booklet: two pages a side of A3, in saddle-stitch order').choices(['booklet']))
    .addOption(
      new Option('--trace <what>', 'write a trace to standard output as JSON lines: linebreak, every line the breaker weighed').choices([
        'linebreak',
      ]),
    )
    .option('--debug-overlay', 'draw the baseline grid, line boxes and adjustment ratios on the pages')
    .option('--placeholder <char>', 'draw this character (such as 〓) where no font has one, with a warning, instead of failing', placeholderOf)
    .option('--proof', 'also write PNG proofs of the pages and a contact sheet of them all beside the PDF (<name>.proof.png)')
    .option(FONT_PATH, FONT_PATH_HELP, collect)
    .action(async (inputs: string[], options: BuildOptions) => {
      code = await build(inputs, { ...options, debug: Boolean(program.opts().debug) }, io);
    });

  program
    .command('check')
    .description('load, validate, proofread and lay out issue files without writing a PDF; report every problem')
    .argument('<issues...>', 'issue files, folders or patterns')
    .option('--json', 'print one JSON record per issue on standard output')
    .option('--fix', 'make the unambiguous corrections of proofreading in the YAML files, and list them')
    .option(FONT_PATH, FONT_PATH_HELP, collect)
    .action(async (inputs: string[], options: { json?: boolean; fix?: boolean; fontPath?: string[] }) => {
      code = await check(inputs, options, io);
    });

  program
    .command('fonts')
    .description("list the fonts a style can name by family, with their coverage of GB 2312 and 通用规范汉字表; with --issue, what the issue's fonts lack")
    .option('--issue <file>', "also the fonts in the issue's folder, and the characters of the issue each role's fonts do not have")
    .option('--json', 'print JSON')
    .option(FONT_PATH, FONT_PATH_HELP, collect)
    .action(async (options: { issue?: string; json?: boolean; fontPath?: string[] }) => {
      code = await fonts(options, io);
    });

  program
    .command('init')
    .description('start the next issue from the last: serial + 1, next month, the same sections without articles')
    .option('--from <issue>', 'the issue to start from (default: the latest in issues/)')
    .option('-o, --output <file>', 'where to write the new file (default: beside the issue it starts from)')
    .option('--publication', 'start a new publication file instead, its questions in comments (default: issues/publication.yaml)')
    .action(async (options: { from?: string; output?: string; publication?: boolean }) => {
      code = options.publication ? await initPublication(options, io) : await init(options, io);
    });

  program
    .command('import')
    .description('turn a printed back issue (plain text, PDF or .docx) into an issue file, or add a contribution to one')
    .argument('<file>', 'a back issue as plain text (UTF-8), its PDF, or a Word document (.docx); with --into, a contribution')
    .option('-o, --output <file>', 'the issue file to write (default: issues/issue-<serial>.yaml)')
    .option('--publication <file>', 'the publication file the issue names (default: publication.yaml beside the output; written when missing)')
    .option('--into <issue>', 'add the file as one article to this issue file, keeping the rest of it as it is')
    .option('--section <title>', 'with --into: the section the article joins (added when the issue has none of that name)')
    .action(async (file: string, options: { output?: string; publication?: string; into?: string; section?: string }) => {
      const { importFile } = await import('./authoring/importing.js');
      const done = await importFile({ file, ...options }, { out: io.out, problem: (p) => problem(p, io) });
      code = done === 'ok' ? EXIT.ok : EXIT.input;
    });

  try {
    await program.parseAsync(argv);
  } catch (e) {
    code = failure(e, io, Boolean(program.opts().debug));
  }
  return code;
}

async function build(inputs: string[], options: BuildOptions, io: Io): Promise<number> {
  const { expandInputs } = await import('./batch/inputs.js');
  const { files, problems, folders } = await expandInputs(inputs);
  // Arguments that name no issue are bad usage, said as problems are.
  if (problems.length > 0) return usageProblems(problems, io);
  const { buildTraced, outputsFor, runBatch } = await import('./batch/run.js');
  const jobs = outputsFor(files, options.output);
  if (options.output !== undefined && jobs.length === 1) {
    // -o naming the PDF: a folder, a device or a name not ending in .pdf is bad usage too.
    const { outputProblem } = await import('./build.js');
    const wrong = outputProblem(jobs[0]!.output);
    if (wrong) return usageProblems([{ ...wrong, file: options.output }], io);
  }
  const clash = jobs.find((j, i) => jobs.findIndex((k) => k.output === j.output) !== i);
  if (clash) {
    throw new InputError([
      fileProblem(clash.input, `another issue also writes ${shown(clash.output)}`, 'with several issues, -o names a folder (end it with /)'),
    ]);
  }
  const tracing = options.trace === 'linebreak';
  const layout: LayoutOptions = {
    trace: tracing,
    overlay: options.debugOverlay ?? false,
    ...(options.bleed === undefined ? {} : { bleed: options.bleed }),
    ...(options.marks ? { marks: true } : {}),
    ...(options.impose ? { impose: options.impose } : {}),
    ...(options.placeholder ? { placeholder: options.placeholder } : {}),
  };
  if (tracing) {
    // The trace is of one issue, built here whatever its state.
    if (files.length !== 1) throw usage('--trace takes one issue');
    const r = await buildTraced(jobs[0]!, layout, options.fontPath);
    for (const t of r.trace) io.out(JSON.stringify(t));
    // With the trace on standard output, the summary goes to standard error; a --json record stays with the trace.
    if (options.json) io.out(JSON.stringify(jsonOf(r)));
    report([r], { ...options, json: false, quiet: options.json ?? false }, { ...io, out: io.err }, true);
    return exitOf([r]);
  }
  // --watch keeps the fonts and each issue's set text from build to build.
  const warm = options.watch ? await warmFor(options.fontPath) : undefined;
  const run = async (todo: Job[], force: boolean) => {
    const single = todo.length === 1;
    const mode = options.quiet || options.json || single ? 'quiet' : io.tty ? 'bar' : 'lines';
    const { progressFor } = await import('./batch/progress.js');
    const progress = progressFor(todo.length, io.tty ?? process.stderr, mode);
    const started = performance.now();
    const records = await runBatch(todo, { layout, jobs: options.jobs, force, fontPaths: options.fontPath, ...(warm ? { warm } : {}) }, (r) =>
      progress.done(printable(shown(r.input)), r.errors.length > 0 ? 'failed' : r.skipped ? 'up to date' : 'built'),
    );
    progress.finish();
    report(records, options, io, single, performance.now() - started);
    if (options.proof) await proofs(records, options, io);
    return records;
  };
  const first = await run(jobs, options.force ?? false);
  if (!options.watch) return exitOf(first);
  const { watchIssues } = await import('./batch/watch.js');
  const jobOf = (file: string) => jobs.find((j) => path.resolve(j.input) === path.resolve(file)) ?? newJob(file, jobs, options.output, io);
  return watchIssues(
    {
      first,
      folders,
      outputs: [...new Set(jobs.map((j) => path.dirname(j.output)))],
      // A rebuild that fails says why, as the command would, and the watch goes on.
      rebuild: (todo) =>
        run(todo.flatMap((f) => jobOf(f) ?? []), false).catch((e: unknown) => {
          failure(e, io, options.debug ?? false);
          return [];
        }),
      expand: async () => (await expandInputs(inputs)).files,
    },
    io,
  );
}

/** What --watch keeps warm: the fonts (where --font-path points), and each issue's text as set. */
async function warmFor(fontPaths: string[] | undefined): Promise<Warm> {
  const { FontSet, searchOf } = await import('./fonts/index.js');
  return { fonts: new FontSet(searchOf(fontPaths)), memos: new Map() };
}

/**
 * The job of an issue file that appeared in a folder being watched: its PDF in
 * the folder of the others, unless -o names one PDF or another issue writes the
 * same. Added to `jobs`; undefined, said why, when it cannot be built.
 */
function newJob(file: string, jobs: Job[], output: string | undefined, io: Io): Job | undefined {
  const folder = path.dirname(jobs[0]!.output);
  const job = { input: file, output: path.join(folder, `${path.basename(file, path.extname(file))}.pdf`) };
  const single = jobs.length === 1 && output !== undefined && !output.endsWith('/') && !output.endsWith(path.sep);
  const clash = jobs.find((j) => j.output === job.output);
  if (single || clash) {
    const why = single ? '-o names one PDF; end it with / to name a folder' : `${shown(clash!.input)} writes ${shown(job.output)}`;
    io.err(printable(`${shown(file)}: a new issue file, not built: ${why}`));
    return undefined;
  }
  jobs.push(job);
  return job;
}

/** `--proof`: PNG proofs of each PDF built, or of one up to date whose proofs are missing or older. */
async function proofs(records: BuildRecord[], options: { json?: boolean; quiet?: boolean }, io: Io): Promise<void> {
  const { proofFiles, writeProofs } = await import('./render/index.js');
  const { statSync } = await import('node:fs');
  const mtime = (file: string) => {
    try {
      return statSync(file).mtimeMs;
    } catch {
      return -1;
    }
  };
  for (const r of records) {
    if (r.errors.length > 0 || (r.skipped && mtime(proofFiles(r.output, 0).sheet) >= mtime(r.output))) continue;
    const started = performance.now();
    const written = await writeProofs(r.output);
    if (!options.json && !options.quiet) io.out(`${shown(r.output)} → ${shown(written.sheet)} (${written.pages.length} pages, ${((performance.now() - started) / 1000).toFixed(1)} s)`);
  }
}

/**
 * A run's exit code: an issue that failed by the program's fault is an internal
 * error (the others were built all the same), one that failed by its input is bad input.
 */
function exitOf(records: BuildRecord[]): number {
  if (records.some((r) => r.internal !== undefined)) return EXIT.internal;
  return records.some((r) => r.errors.length > 0) ? EXIT.input : EXIT.ok;
}

/** Problems on standard error, one line each; records as JSON or a summary. */
function report(records: BuildRecord[], options: { json?: boolean; quiet?: boolean; debug?: boolean }, io: Io, single: boolean, ms = 0): void {
  const snippets = new Snippets();
  for (const r of records) {
    // Notes (a preset's face standing in) are for check; a build counts them.
    showProblems([...r.errors, ...r.warnings.filter((w) => w.severity !== 'note')], io, snippets);
    if (r.internal !== undefined && options.debug) io.err(r.internal);
    const proof = proofreadingLine(r);
    if (proof) io.err(proof);
    if (options.json) io.out(JSON.stringify(jsonOf(r)));
  }
  if (options.json || options.quiet) return;
  if (single) {
    const r = records[0]!;
    if (r.errors.length === 0) io.out(`${printable(r.input)} → ${printable(shown(r.output))} ${r.skipped ? '(up to date)' : `(${r.pages} pages)`}`);
    return;
  }
  const built = records.filter((r) => !r.skipped && r.errors.length === 0).length;
  const skipped = records.filter((r) => r.skipped).length;
  const failed = records.filter((r) => r.errors.length > 0).length;
  const errors = records.reduce((n, r) => n + r.errors.length, 0);
  const warned = records.reduce((n, r) => n + r.warnings.filter((w) => w.severity !== 'note').length, 0);
  const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
  io.err(
    `${records.length} issues: ${built} built, ${skipped} up to date, ${failed} failed` +
      `${errors ? ` (${count(errors, 'error')})` : ''}${warned ? `, ${count(warned, 'warning')}` : ''} (${(ms / 1000).toFixed(1)} s)`,
  );
}

/**
 * Proofreading's findings and the other notes of a build (a preset's face standing
 * in), summarised as one line: `bulletin check` lists them with their places.
 */
function proofreadingLine(r: BuildRecord): string | undefined {
  const { warnings = 0, notes = 0 } = r.proofreading ?? {};
  const others = r.warnings.filter((w) => w.severity === 'note').length;
  if (warnings + notes + others === 0) return undefined;
  const file = shown(r.input);
  const more = others === 0 ? '' : `${warnings + notes > 0 ? ', and ' : ''}${count(others, 'note')} on its fonts`;
  if (warnings + notes === 0) return formatProblem({ severity: 'note', file, line: 0, col: 0, path: '', message: `${more}; bulletin check ${file} lists them` });
  const found = [count(warnings, 'warning'), count(notes, 'note')].filter((c) => c !== '').join(' and ');
  return formatProblem({ severity: 'warning', file, line: 0, col: 0, path: '', message: `proofreading found ${found}${more}; bulletin check ${file} lists them` });
}

function jsonOf(r: BuildRecord) {
  const problem = (p: Problem) => ({ file: shown(p.file), line: p.line, col: p.col, path: p.path, message: p.message, ...(p.hint ? { hint: p.hint } : {}) });
  return {
    input: r.input,
    output: shown(r.output),
    pages: r.pages,
    milliseconds: Math.round(r.milliseconds),
    skipped: r.skipped,
    warnings: r.warnings.filter((w) => w.severity !== 'note').map(problem),
    errors: r.errors.map(problem),
    ...(r.warnings.some((w) => w.severity === 'note') ? { notes: r.warnings.filter((w) => w.severity === 'note').map(problem) } : {}),
    ...(r.proofreading ? { proofreading: r.proofreading } : {}),
  };
}

async function check(inputs: string[], options: { json?: boolean; fix?: boolean; fontPath?: string[] }, io: Io): Promise<number> {
  const { expandInputs } = await import('./batch/inputs.js');
  const { files, problems } = await expandInputs(inputs);
  if (problems.length > 0) return usageProblems(problems, io);
  const { checkIssue, fixIssues } = await import('./check.js');
  const { FontSet, searchOf } = await import('./fonts/index.js');
  const fonts = new FontSet(searchOf(options.fontPath));
  const checkAll = async () => {
    const records = [];
    for (const input of files) records.push(await checkIssue(input, fonts));
    return records;
  };
  let records = await checkAll();
  if (options.fix) {
    const loaded = records.filter((r) => r.loaded);
    const edits = fixIssues(
      loaded.map((r) => r.input),
      loaded.flatMap((r) => r.findings),
    );
    for (const e of edits) io.out(`${shown(e.file)}:${e.line}:${e.col}: fixed "${printable(e.from)}" → "${e.to}"`);
    io.out(`${edits.length} correction${edits.length === 1 ? '' : 's'} made`);
    // What is left, as a check after the corrections finds it.
    if (edits.length > 0) records = await checkAll();
  }
  const snippets = new Snippets();
  for (const r of records) {
    showProblems([...r.errors, ...r.warnings], io, snippets);
    // Proofreading's findings are what check is asked for: every one is listed.
    for (const f of r.findings) problem(f, io, snippets);
    if (options.json) {
      const record = jsonOf({ input: r.input, output: '', pages: r.pages, milliseconds: r.milliseconds, skipped: false, errors: r.errors, warnings: r.warnings });
      io.out(JSON.stringify({ ...record, proofreading: r.findings.map(findingJson) }));
    } else if (r.errors.length === 0) {
      const notes = r.warnings.filter((w) => w.severity === 'note').length + r.findings.filter((f) => f.severity === 'note').length;
      const counts = [count(r.warnings.length - r.warnings.filter((w) => w.severity === 'note').length, 'warning'), count(r.findings.filter((f) => f.severity === 'warning').length, 'proofreading warning'), count(notes, 'note')].filter((c) => c !== '');
      io.out(`${printable(r.input)}: ${counts.length === 0 ? 'ok' : counts.join(', ')} (${r.pages} pages)`);
    }
  }
  return records.some((r) => r.errors.length > 0) ? EXIT.input : EXIT.ok;
}

/** `3 warnings`; nothing for none. */
function count(n: number, what: string): string {
  return n === 0 ? '' : `${n} ${what}${n === 1 ? '' : 's'}`;
}

/** A finding as --json prints it: the problem, the check and rule, the correction. */
function findingJson(f: Finding) {
  return {
    file: shown(f.file),
    line: f.line,
    col: f.col,
    path: f.path,
    severity: f.severity,
    check: f.check,
    rule: f.rule,
    message: f.message,
    found: f.found,
    ...(f.suggestion === undefined ? {} : { suggestion: f.suggestion }),
    fixable: f.fix !== undefined,
    ...(f.hint ? { hint: f.hint } : {}),
  };
}

/**
 * `bulletin fonts`: every face found, and with --issue the characters of the issue
 * that each role's own faces do not have (drawn from another face, with a warning,
 * or by none).
 */
async function fonts(options: { issue?: string; json?: boolean; fontPath?: string[] }, io: Io): Promise<number> {
  const { FontSet, searchOf } = await import('./fonts/index.js');
  const { listFaces, faceLine, roleCoverage, textOf } = await import('./fonts/listing.js');
  const { gb2312, tongyong } = await import('./fonts/charsets.js');
  const search = searchOf(options.fontPath);
  let coverage: ReturnType<typeof roleCoverage> | undefined;
  if (options.issue !== undefined) {
    const { loadIssue } = await import('./issue/index.js');
    const { compose } = await import('./document/index.js');
    const issue = loadIssue(options.issue);
    const { fonts: set } = new FontSet(search).forStyle(issue.style);
    coverage = roleCoverage(textOf(compose(issue)), set);
  }
  const faces = listFaces(search, options.issue === undefined ? undefined : path.resolve(path.dirname(options.issue)));
  if (options.json) {
    io.out(JSON.stringify({ faces: faces.map((f) => ({ ...f, file: shown(f.file) })), ...(coverage ? { roles: coverage } : {}) }, null, 2));
    return EXIT.ok;
  }
  const [gb, ty] = [gb2312().codePoints.length, tongyong().codePoints.length];
  for (const f of faces) io.out(faceLine(f, gb, ty));
  for (const r of coverage ?? []) {
    const lacks = r.lacks.map((l) => l.char).join('');
    io.out(`${r.key}: ${r.faces.join(', ')}: ${r.lacks.length === 0 ? 'has every character of the issue' : `lacks ${r.lacks.length}: ${printable(lacks)}`}`);
  }
  return EXIT.ok;
}

async function init(options: { from?: string; output?: string }, io: Io): Promise<number> {
  const latest = options.from === undefined ? await latestIssue() : undefined;
  const from = options.from ?? latest!.file;
  const { nextIssue } = await import('./authoring/init.js');
  const next = nextIssue(from, options.output, latest?.issue);
  if (existsSync(next.file)) {
    throw new InputError([
      fileProblem(next.file, 'already exists; bulletin init does not overwrite', 'name another file with -o'),
    ]);
  }
  const { writeAtomically } = await import('./atomic.js');
  // The publication's copy first: the issue names it.
  if (next.publication) writeAtomically(next.publication.file, next.publication.yaml, 'the publication file');
  writeAtomically(next.file, next.yaml, 'the issue file');
  io.out(printable(`${from} → ${shown(next.file)} (总第${next.number}期, ${next.period})`));
  if (next.publication) io.out(printable(`  and ${shown(next.publication.file)}, a copy of ${shown(next.publication.from)}`));
  return EXIT.ok;
}

/** `bulletin init --publication`: a publication file with its questions in comments. */
async function initPublication(options: { output?: string }, io: Io): Promise<number> {
  const file = path.resolve(options.output ?? (existsSync('issues') ? 'issues/publication.yaml' : 'publication.yaml'));
  if (existsSync(file)) {
    throw new InputError([fileProblem(shown(file), 'already exists; bulletin init does not overwrite', 'name another file with -o')]);
  }
  const { publicationFile } = await import('./authoring/publication.js');
  const { schemaComment } = await import('./paths.js');
  const { writeAtomically } = await import('./atomic.js');
  writeAtomically(file, publicationFile({}, schemaComment(path.dirname(file), 'publication')), 'the publication file');
  io.out(`→ ${shown(file)}: answer the questions in its comments, then import a back issue (bulletin import back-issue.pdf)`);
  return EXIT.ok;
}

/** The issue in issues/ with the highest serial number, as loaded (init starts from that load). */
async function latestIssue(): Promise<{ file: string; issue: Issue }> {
  const { expandInputs } = await import('./batch/inputs.js');
  const { loadIssue } = await import('./issue/index.js');
  const { files } = await expandInputs(['issues']);
  let best: { file: string; issue: Issue } | undefined;
  for (const file of files) {
    try {
      const issue = loadIssue(file);
      if (!best || issue.number > best.issue.number) best = { file, issue };
    } catch {
      // A broken issue is not the one to start from.
    }
  }
  if (!best) throw usage('no issue to start from in issues/; name one with --from');
  return best;
}

/** Problems with what the command was given (an argument that names no file, -o x.txt): exit 2. */
function usageProblems(list: Problem[], io: Io): number {
  showProblems(list, io);
  return EXIT.usage;
}

/** Warnings of one kind (the same message of one file) shown this many times; the rest counted. */
const REPEATS_SHOWN = 3;

/**
 * Problems on standard error, each on its line with its hint. A warning repeated
 * (100 000 soft hyphens pasted with a text) is shown the first few times, then
 * counted on one line; --json keeps every one.
 */
function showProblems(list: Problem[], io: Io, snippets = new Snippets()): void {
  const kinds = new Map<string, Problem[]>();
  for (const p of list) {
    const kind = p.severity === 'warning' ? `${p.file}\0${p.message}` : '';
    const seen = kinds.get(kind) ?? [];
    if (kind === '' || seen.length < REPEATS_SHOWN) problem(p, io, snippets);
    seen.push(p);
    kinds.set(kind, seen);
  }
  for (const [kind, seen] of kinds) {
    if (kind === '' || seen.length <= REPEATS_SHOWN) continue;
    const p = seen[0]!;
    io.err(printable(`${shown(p.file)}: warning: ${seen.length - REPEATS_SHOWN} more like the above: ${p.message}`));
  }
}

/** A problem: its line, the source line with a caret under the place, its hint. */
function problem(p: Problem, io: Io, snippets = new Snippets()): void {
  io.err(formatProblem({ ...p, file: shown(p.file) }));
  for (const line of snippets.of(p)) io.err(line);
  if (p.hint) io.err(`  hint: ${printable(p.hint)}`);
}

const FONT_PATH = '--font-path <dir>';
const FONT_PATH_HELP = 'a folder of fonts to look in for fonts named by family, before the system\'s (repeatable; also BULLETIN_FONT_PATHS)';

/** A repeated option's values, in order. */
function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** `--placeholder 〓`: one character. */
function placeholderOf(value: string): string {
  if ([...value].length !== 1) throw new InvalidArgumentError('expected one character, such as 〓');
  return value;
}

/**
 * The cores one build keeps busy: its own thread, and V8's helper threads that
 * collect its garbage and compile its code beside it. Measured on a batch of 24
 * issues built in one thread (bench/RESULTS.md): 2.54 s of CPU in the building
 * thread, 1.75 s in the helpers.
 */
export const BUILD_CORES = 1.7;

/**
 * `--jobs` by default: as many builds as the cores keep busy, at least one. More
 * only slow a batch down (each worker warms up an engine of its own, and the
 * builds take the cores from each other's helpers): on 2 cores, 24 issues take
 * 4.7 s on one thread and 5.2 s on two.
 */
export function defaultJobs(cores = os.availableParallelism()): number {
  return Math.max(1, Math.floor(cores / BUILD_CORES));
}

/** `--jobs 2`: a whole number from 1. */
function jobsOf(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1) throw new InvalidArgumentError('expected a whole number of threads from 1, such as 2');
  return n;
}

/** `--bleed 3`: a number of millimetres, 0 to 20. */
function bleedOf(value: string): number {
  const mm = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value) || mm > 20) {
    throw new InvalidArgumentError('expected millimetres from 0 to 20, such as 3');
  }
  return mm;
}

function usage(message: string): CommanderError {
  return new CommanderError(EXIT.usage, 'bulletin.usage', `error: ${message}`);
}

function failure(e: unknown, io: Io, debug: boolean): number {
  if (e instanceof CommanderError) {
    if (e.code === 'bulletin.usage') io.err(e.message);
    // --help and --version end here too, successfully.
    return e.exitCode === 0 ? EXIT.ok : EXIT.usage;
  }
  if (e instanceof InputError) {
    showProblems(e.problems, io);
    return EXIT.input;
  }
  const err = e as Error;
  io.err(`bulletin: internal error: ${printable(err.message)}`);
  if (debug) io.err(err.stack ?? '');
  else io.err('  hint: run again with --debug for details, and report it');
  return EXIT.internal;
}
