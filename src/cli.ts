/**
 * cli: the `bulletin` command. Exit codes: 0 success, 1 bad input (every problem is
 * printed as `file:line:col: path: message`), 2 bad usage, 3 an internal error.
 */
import path from 'node:path';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { build, defaultOutput } from './build.js';
import { InputError, formatProblem } from './issue/index.js';
import { VERSION } from './version.js';

export const EXIT = { ok: 0, input: 1, usage: 2, internal: 3 } as const;

interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
}

const stdio: Io = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

export async function main(argv: string[], io: Io = stdio): Promise<number> {
  let code: number = EXIT.ok;
  let debug = false;
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
    .description('build an issue file into a PDF')
    .argument('<issue>', 'the issue file, e.g. issues/issue-91.yaml')
    .option('-o, --output <file>', 'where to write the PDF (default: output/<name>.pdf)')
    .addOption(
      new Option('--trace <what>', 'write a trace to standard output as JSON lines: linebreak, every line the breaker weighed').choices(['linebreak']),
    )
    .option('--debug-overlay', 'draw the baseline grid, line boxes and adjustment ratios on the pages')
    .option('--bleed <mm>', 'bleed around every page, in mm (3 is usual)', bleedOf)
    .option('--marks', 'crop marks outside the bleed, and a slug line naming the issue and the page')
    .addOption(new Option('--impose <how>', 'booklet: two pages a side of A3, in saddle-stitch order').choices(['booklet']))
    .action(async (issue: string, options: BuildOptions) => {
      debug = Boolean(program.opts().debug);
      const output = options.output ? path.resolve(options.output) : defaultOutput(issue);
      const tracing = options.trace === 'linebreak';
      const result = await build(issue, output, undefined, {
        trace: tracing,
        overlay: options.debugOverlay ?? false,
        ...(options.bleed === undefined ? {} : { bleed: options.bleed }),
        ...(options.marks ? { marks: true } : {}),
        ...(options.impose ? { impose: options.impose } : {}),
      });
      for (const t of result.trace) io.out(JSON.stringify(t));
      // With a trace on standard output, the summary goes to standard error.
      (tracing ? io.err : io.out)(`${issue} → ${path.relative(process.cwd(), result.output) || result.output} (${result.pages} pages)`);
    });

  try {
    await program.parseAsync(argv);
  } catch (e) {
    code = failure(e, io, debug);
  }
  return code;
}

interface BuildOptions {
  output?: string;
  trace?: 'linebreak';
  debugOverlay?: boolean;
  bleed?: number;
  marks?: boolean;
  impose?: 'booklet';
}

/** `--bleed 3`: a number of millimetres, 0 to 20. */
function bleedOf(value: string): number {
  const mm = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value) || mm > 20) {
    throw new InvalidArgumentError('expected millimetres from 0 to 20, such as 3');
  }
  return mm;
}

function failure(e: unknown, io: Io, debug: boolean): number {
  if (e instanceof CommanderError) {
    // --help and --version end here too, successfully.
    return e.exitCode === 0 ? EXIT.ok : EXIT.usage;
  }
  if (e instanceof InputError) {
    for (const p of e.problems) {
      io.err(formatProblem(p));
      if (p.hint) io.err(`  hint: ${p.hint}`);
    }
    return EXIT.input;
  }
  const err = e as Error;
  io.err(`bulletin: internal error: ${err.message}`);
  if (debug) io.err(err.stack ?? '');
  else io.err('  hint: run again with --debug for details, and report it');
  return EXIT.internal;
}
