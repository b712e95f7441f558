/**
 * cli: the `bulletin` command. Exit codes: 0 success, 1 bad input (every problem is
 * printed as `file:line:col: path: message`), 2 bad usage, 3 an internal error.
 */
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import type { BuildRecord } from './build.js';
import type { Issue } from './issue/index.js';
// The problem type alone, not the loader's barrel: --help and --version need no YAML parser or schemas.
import { InputError, fileProblem, formatProblem, printable, shown, type Problem } from './issue/problem.js';
import type { LayoutOptions } from './page/index.js';
import type { Document as YamlDocument } from 'yaml';
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
  debug?: boolean;
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
    .option('-j, --jobs <n>', 'build on this many worker threads', jobsOf, os.availableParallelism())
    .option('--force', 'build even the issues whose PDFs are up to date')
    .option('--json', 'print one JSON record per issue on standard output')
    .option('-q, --quiet', 'print nothing but problems')
    .option('--watch', 'build, then build again whenever an issue, its publication file or an image changes')
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
    .action(async (inputs: string[], options: BuildOptions) => {
      code = await build(inputs, { ...options, debug: Boolean(program.opts().debug) }, io);
    });

  program
    .command('check')
    .description('load, validate and lay out issue files without writing; report every problem')
    .argument('<issues...>', 'issue files, folders or patterns')
    .option('--json', 'print one JSON record per issue on standard output')
    .action(async (inputs: string[], options: { json?: boolean }) => {
      code = await check(inputs, options, io);
    });

  program
    .command('init')
    .description('start the next issue from the last: serial + 1, next month, the same sections without articles')
    .option('--from <issue>', 'the issue to start from (default: the latest in issues/)')
    .option('-o, --output <file>', 'where to write the new issue file (default: beside the one it starts from)')
    .action(async (options: { from?: string; output?: string }) => {
      code = await init(options, io);
    });

  program
    .command('import')
    .description('turn the plain text of a printed back issue into an issue file')
    .argument('<text>', 'the back issue as plain text (UTF-8), as extracted from its PDF')
    .option('-o, --output <file>', 'the issue file to write (default: issues/issue-<serial>.yaml)')
    .option('--publication <file>', 'the publication file the issue names (default: publication.yaml beside the output)')
    .action(async (text: string, options: { output?: string; publication?: string }) => {
      code = await importText(text, options, io);
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
  const { files, problems } = await expandInputs(inputs);
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
    const r = await buildTraced(jobs[0]!, layout);
    for (const t of r.trace) io.out(JSON.stringify(t));
    // With the trace on standard output, the summary goes to standard error; a --json record stays with the trace.
    if (options.json) io.out(JSON.stringify(jsonOf(r)));
    report([r], { ...options, json: false, quiet: options.json ?? false }, { ...io, out: io.err }, true);
    return exitOf([r]);
  }
  const run = async (force: boolean) => {
    const single = jobs.length === 1;
    const mode = options.quiet || options.json || single ? 'quiet' : io.tty ? 'bar' : 'lines';
    const { progressFor } = await import('./batch/progress.js');
    const progress = progressFor(jobs.length, io.tty ?? process.stderr, mode);
    const started = performance.now();
    const records = await runBatch(jobs, { layout, jobs: options.jobs, force }, (r) => progress.done(printable(shown(r.input)), r.errors.length > 0 ? 'failed' : r.skipped ? 'up to date' : 'built'));
    progress.finish();
    report(records, options, io, single, performance.now() - started);
    return exitOf(records);
  };
  const status = await run(options.force ?? false);
  if (!options.watch) return status;
  const { watchIssues } = await import('./batch/watch.js');
  // A rebuild that fails says why, as the command would, and the watch goes on.
  return watchIssues(files, () => run(false).catch((e: unknown) => failure(e, io, options.debug ?? false)), io);
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
  for (const r of records) {
    showProblems([...r.errors, ...r.warnings], io);
    if (r.internal !== undefined && options.debug) io.err(r.internal);
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
  const warned = records.reduce((n, r) => n + r.warnings.length, 0);
  const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
  io.err(
    `${records.length} issues: ${built} built, ${skipped} up to date, ${failed} failed` +
      `${errors ? ` (${count(errors, 'error')})` : ''}${warned ? `, ${count(warned, 'warning')}` : ''} (${(ms / 1000).toFixed(1)} s)`,
  );
}

function jsonOf(r: BuildRecord) {
  const problem = (p: Problem) => ({ file: shown(p.file), line: p.line, col: p.col, path: p.path, message: p.message, ...(p.hint ? { hint: p.hint } : {}) });
  return {
    input: r.input,
    output: shown(r.output),
    pages: r.pages,
    milliseconds: Math.round(r.milliseconds),
    skipped: r.skipped,
    warnings: r.warnings.map(problem),
    errors: r.errors.map(problem),
  };
}

async function check(inputs: string[], options: { json?: boolean }, io: Io): Promise<number> {
  const { expandInputs } = await import('./batch/inputs.js');
  const { files, problems } = await expandInputs(inputs);
  if (problems.length > 0) return usageProblems(problems, io);
  const { layIssue } = await import('./build.js');
  const { FontSet } = await import('./fonts/index.js');
  const fonts = new FontSet();
  let failed = 0;
  for (const input of files) {
    const started = performance.now();
    let errors: Problem[] = [];
    let warnings: Problem[] = [];
    let pages = 0;
    try {
      const laid = layIssue(input, fonts);
      warnings = laid.warnings;
      pages = laid.laid.pages.length;
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      errors = e.problems.filter((p) => p.severity === 'error');
      warnings = e.problems.filter((p) => p.severity === 'warning');
    }
    if (errors.length > 0) failed++;
    showProblems([...errors, ...warnings], io);
    if (options.json) {
      io.out(JSON.stringify(jsonOf({ input, output: '', pages, milliseconds: performance.now() - started, skipped: false, errors, warnings })));
    } else if (errors.length === 0) {
      io.out(`${printable(input)}: ${warnings.length === 0 ? 'ok' : `${warnings.length} warning${warnings.length === 1 ? '' : 's'}`} (${pages} pages)`);
    }
  }
  return failed > 0 ? EXIT.input : EXIT.ok;
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
  writeAtomically(next.file, next.yaml, 'the issue file');
  io.out(printable(`${from} → ${shown(next.file)} (总第${next.number}期, ${next.period})`));
  return EXIT.ok;
}

async function importText(file: string, options: { output?: string; publication?: string }, io: Io): Promise<number> {
  const { Unreadable, readChecked } = await import('./read.js');
  const { MAX_FILE_BYTES, readSource } = await import('./issue/index.js');
  const fail = (message: string, hint: string): never => {
    throw new InputError([fileProblem(file, message, hint)]);
  };
  let text = '';
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(readChecked(file, MAX_FILE_BYTES));
  } catch (e) {
    if (e instanceof Unreadable) fail(e.message, 'name the text of a printed issue, as copied from its PDF');
    fail('cannot read it as UTF-8 text', 'files saved as GBK or GB 18030 give this; save the text as UTF-8');
  }
  const { importIssue } = await import('./import/index.js');
  const { parse, parseDocument } = await import('yaml');
  // Where the issue goes decides where its publication file is looked for.
  const folder = options.output ? path.dirname(path.resolve(options.output)) : existsSync('issues') ? path.resolve('issues') : process.cwd();
  const publication = path.resolve(options.publication ?? path.join(folder, 'publication.yaml'));
  const defaults = existsSync(publication) ? publicationDefaults(valueOf(publication, parseDocument(readSource(publication), { prettyErrors: false }))) : undefined;
  const result = importIssue(text, {
    publication: path.relative(folder, publication).split(path.sep).join('/'),
    source: path.basename(file),
    ...(defaults ? { defaults } : {}),
  });
  showProblems(result.problems.map((p) => ({ ...p, file, path: '' })), io);
  if (result.problems.some((p) => p.severity === 'error')) return EXIT.input;
  const serial = (parse(result.yaml) as { issue?: { number?: number } }).issue?.number;
  const output = options.output ? path.resolve(options.output) : path.join(folder, `issue-${serial}.yaml`);
  if (existsSync(output)) {
    throw new InputError([
      fileProblem(shown(output), 'already exists; bulletin import does not overwrite', 'name another file with -o'),
    ]);
  }
  const { writeAtomically } = await import('./atomic.js');
  writeAtomically(output, result.yaml, 'the issue file');
  // What was written must load: check it as a build would.
  const { loadIssue } = await import('./issue/index.js');
  const issue = loadIssue(path.relative(process.cwd(), output));
  const articles = issue.sections.reduce((n, s) => n + s.articles.length, 0);
  io.out(`${printable(file)} → ${printable(shown(output))} (${issue.sections.length} sections, ${articles} articles)`);
  return EXIT.ok;
}

/** A publication file's values; one that is not YAML is refused where it stops being so. */
function valueOf(file: string, doc: YamlDocument): unknown {
  const e = doc.errors[0];
  if (!e) return doc.toJS();
  const at = e.linePos?.[0] ?? { line: 0, col: 0 };
  throw new InputError([{ ...fileProblem(file, `YAML syntax: ${e.message.split('\n')[0]}`, 'mend the publication file (bulletin check on an issue that names it says where), or name another with --publication'), ...at }]);
}

/** What a publication file gives, for the importer to leave out of the issue. */
function publicationDefaults(pub: unknown) {
  const p = (pub ?? {}) as { name?: string; editor?: string; colophon?: Record<string, unknown> };
  return {
    ...(typeof p.name === 'string' ? { name: p.name } : {}),
    ...(typeof p.editor === 'string' ? { editor: p.editor } : {}),
    ...(p.colophon ? { colophon: p.colophon } : {}),
  };
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
function showProblems(list: Problem[], io: Io): void {
  const kinds = new Map<string, Problem[]>();
  for (const p of list) {
    const kind = p.severity === 'warning' ? `${p.file}\0${p.message}` : '';
    const seen = kinds.get(kind) ?? [];
    if (kind === '' || seen.length < REPEATS_SHOWN) problem(p, io);
    seen.push(p);
    kinds.set(kind, seen);
  }
  for (const [kind, seen] of kinds) {
    if (kind === '' || seen.length <= REPEATS_SHOWN) continue;
    const p = seen[0]!;
    io.err(printable(`${shown(p.file)}: warning: ${seen.length - REPEATS_SHOWN} more like the above: ${p.message}`));
  }
}

function problem(p: Problem, io: Io): void {
  io.err(formatProblem({ ...p, file: shown(p.file) }));
  if (p.hint) io.err(`  hint: ${printable(p.hint)}`);
}

/** `--placeholder 〓`: one character. */
function placeholderOf(value: string): string {
  if ([...value].length !== 1) throw new InvalidArgumentError('expected one character, such as 〓');
  return value;
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
