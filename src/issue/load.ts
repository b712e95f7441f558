/**
 * load: issue file → Issue. Reads the YAML keeping source positions, resolves and
 * merges the publication file, validates both against `definition.ts`, and returns
 * the issue or throws an InputError listing every problem with file:line:col.
 */
import { readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { LineCounter, isScalar, parseDocument, type Node, type Scalar, type YAMLError } from 'yaml';
import {
  issueSchema,
  publicationSchema,
  type BlockFields,
  type ColophonFields,
  type IssueFile,
  type PublicationFile,
} from './definition.js';
import type { Block, Colophon, Issue, SourceText, StyleSpec } from './model.js';
import { imageSize } from '../image/index.js';
import { InputError, type Problem } from './problem.js';
import { joinTexts, paragraphs, single, textLines, type Scan } from './text.js';
import { validateDocument } from './validate.js';

/** Larger than any real issue (issue 91 is 40 KB); refuses runaway input early. */
export const MAX_FILE_BYTES = 4 * 1024 * 1024;

/** A parsed and validated YAML file with what is needed to locate its values. */
interface Parsed<T> extends Scan {
  value: T;
  nodes: Map<string, Node>;
}

export function loadIssue(file: string): Issue {
  const issue = parseFile<IssueFile>(file, issueSchema);
  const { value } = issue;
  const problems: Problem[] = [];
  const pub = publicationOf(issue, problems);
  if (!pub) throw new InputError(problems);

  const colophon = { ...(pub.value.colophon ?? {}), ...(value.colophon ?? {}) };
  const style: StyleSpec = {
    ...(pub.value.style ?? {}),
    ...(value.style ?? {}),
    ...fontsOf(pub, issue, problems),
    ...(pub.value.style?.margins || value.style?.margins
      ? { margins: { ...(pub.value.style?.margins ?? {}), ...(value.style?.margins ?? {}) } }
      : {}),
    sources: { ...styleSources(pub, `${pub.prefix}style`), ...styleSources(issue, 'style') },
  };
  if (!pub.value.colophon && !value.colophon) {
    problems.push(atPath(issue, '', 'no colophon: give one here or in the publication file'));
  }
  if (problems.length > 0) throw new InputError(problems);

  const pubText = (p: string) => textAt(pub, p);
  const text = (p: string) => textAt(issue, p);
  const [year, month, day] = value.issue.printed.split('-').map(Number) as [number, number, number];

  const loaded: Omit<Issue, 'warnings'> = {
    file,
    ...(pub.file === file ? {} : { publicationFile: pub.file }),
    name: pubText(`${pub.prefix}name`),
    editor: pubText(`${pub.prefix}editor`),
    number: value.issue.number,
    period: text('issue.period'),
    printed: { year, month, day },
    sections: value.sections.map((section, s) => {
      const sp = `sections[${s}]`;
      return {
        title: text(`${sp}.title`),
        path: sp,
        articles: section.articles.map((article, a) => {
          const ap = `${sp}.articles[${a}]`;
          const title = linesAt(issue, `${ap}.title`);
          return {
            title,
            toc: article.toc === undefined ? joinTexts(title) : text(`${ap}.toc`),
            body: blocksOf(issue, article.body, `${ap}.body`),
            path: ap,
          };
        }),
      };
    }),
    colophon: colophonOf(colophon, value.colophon, issue, pub),
    style,
  };
  // Reading the texts above collected what they had to remove (an inline
  // publication shares the issue's list).
  const warnings = pub.warnings === issue.warnings ? issue.warnings : [...pub.warnings, ...issue.warnings];
  return { ...loaded, warnings };
}

interface Publication extends Parsed<PublicationFile> {
  /** `publication.` for an inline publication, empty for a file of its own. */
  prefix: string;
}

function publicationOf(issue: Parsed<IssueFile>, problems: Problem[]): Publication | undefined {
  const ref = issue.value.publication;
  if (typeof ref !== 'string') return { ...issue, value: ref, prefix: 'publication.' };
  const resolved = insideTree(issue, 'publication', ref, problems);
  if (!resolved) return undefined;
  return { ...parseFile<PublicationFile>(resolved, publicationSchema), prefix: '' };
}

/**
 * A path named in a file, resolved against that file's folder; refused when it
 * leaves the folder tree of the issue file (issue-format.md: paths stay inside).
 */
function insideTree(
  owner: Parsed<unknown>,
  at: string,
  ref: string,
  problems: Problem[],
): string | undefined {
  const base = path.dirname(owner.file);
  const target = path.join(base, ref);
  const rel = path.relative(base, target);
  const escapes = (r: string) => r === '..' || r.startsWith(`..${path.sep}`) || path.isAbsolute(r);
  if (path.isAbsolute(ref) || escapes(rel)) {
    problems.push(atPath(owner, at, `"${ref}" is outside the issue's folder; paths must stay inside it`));
    return undefined;
  }
  try {
    // Symbolic links must not lead out either.
    const real = realpathSync(target);
    if (escapes(path.relative(realpathSync(base), real))) {
      problems.push(atPath(owner, at, `"${ref}" leads outside the issue's folder`));
      return undefined;
    }
    if (!statSync(real).isFile()) {
      problems.push(atPath(owner, at, `"${ref}" is a folder, not a file`));
      return undefined;
    }
  } catch {
    problems.push(atPath(owner, at, `file not found: ${ref}`));
    return undefined;
  }
  return target;
}

function parseFile<T>(file: string, schema: typeof issueSchema | typeof publicationSchema): Parsed<T> {
  const src = readSource(file);
  const lines = new LineCounter();
  const doc = parseDocument(src, { lineCounter: lines, uniqueKeys: false, prettyErrors: false });
  const first = doc.errors[0];
  if (first) {
    // Only the first: the ones after a syntax error are mostly its echoes.
    const { offset, message } = syntaxError(first, src);
    const pos = lines.linePos(offset);
    throw new InputError([{ severity: 'error', file, line: pos.line, col: pos.col, path: '', message: `YAML syntax: ${message}` }]);
  }
  const result = validateDocument<T>(doc, schema, file, lines);
  if (result.problems.length > 0 || result.value === undefined) {
    throw new InputError(result.problems);
  }
  return { file, src, lines, value: result.value, nodes: result.nodes, warnings: [] };
}

function readSource(file: string): string {
  const fail = (message: string): never => {
    throw new InputError([{ severity: 'error', file, line: 0, col: 0, path: '', message }]);
  };
  let bytes: Buffer;
  try {
    const stat = statSync(file);
    if (stat.isDirectory()) fail('is a folder, not a YAML file');
    // Refused before it is read: a runaway file never fills the memory.
    if (stat.size > MAX_FILE_BYTES) fail(`the file is ${stat.size} bytes; the limit is ${MAX_FILE_BYTES}`);
    bytes = readFileSync(file);
  } catch (e) {
    if (e instanceof InputError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    return fail(code === 'ENOENT' ? 'no such file' : `cannot read the file (${code ?? (e as Error).message})`);
  }
  let src: string;
  try {
    src = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return fail('the file is not UTF-8 text; save it as UTF-8');
  }
  return src.startsWith('\ufeff') ? src.slice(1) : src;
}

/**
 * Where a syntax error really is, in the words an editor needs. The YAML parser
 * reports an unclosed quote at the end of the file and a key indented too far at
 * the start of the value above it.
 */
function syntaxError(e: YAMLError, src: string): { offset: number; message: string } {
  const message = e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
  if (e.code === 'MISSING_CHAR' && /quote/.test(message)) {
    // The scalar runs to the end of the file: its opening quote is the last one.
    const quote = message.includes('"') ? '"' : "'";
    const at = src.lastIndexOf(quote);
    if (at >= 0) return { offset: at, message: `a quote opened here is never closed (${quote})` };
  }
  if (e.code === 'BLOCK_AS_IMPLICIT_KEY' || e.code === 'MULTILINE_IMPLICIT_KEY') {
    const next = src.indexOf('\n', e.pos[0]);
    if (next >= 0) {
      const lineStart = next + 1;
      const indent = /^[ \t]*/.exec(src.slice(lineStart))![0].length;
      return {
        offset: lineStart + indent,
        message: 'this line is indented differently from the keys above it',
      };
    }
  }
  return { offset: e.pos[0], message };
}

/** The style's font files, each resolved against the file that names it (issue over publication). */
function fontsOf(pub: Publication, issue: Parsed<IssueFile>, problems: Problem[]): Pick<StyleSpec, 'fonts'> {
  const fonts: NonNullable<StyleSpec['fonts']> = {};
  for (const [owner, given, at] of [
    [pub, pub.value.style?.fonts, `${pub.prefix}style.fonts`],
    [issue, issue.value.style?.fonts, 'style.fonts'],
  ] as const) {
    for (const [role, ref] of Object.entries(given ?? {})) {
      const file = insideTree(owner, `${at}.${role}`, ref, problems);
      if (file) fonts[role as keyof typeof fonts] = path.resolve(file);
    }
  }
  return Object.keys(fonts).length > 0 ? { fonts } : {};
}

/** Where each style key of a file was given: `margins.top` → its place. */
function styleSources(parsed: Parsed<unknown>, prefix: string): NonNullable<StyleSpec['sources']> {
  const out: NonNullable<StyleSpec['sources']> = {};
  for (const [p, node] of parsed.nodes) {
    if (!p.startsWith(`${prefix}.`)) continue;
    const { line, col } = parsed.lines.linePos(node.range?.[0] ?? 0);
    out[p.slice(prefix.length + 1)] = { file: parsed.file, line, col, path: p };
  }
  return out;
}

function readImageSize(file: string): ReturnType<typeof imageSize> {
  try {
    return imageSize(readFileSync(file));
  } catch (e) {
    return `cannot read the file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`;
  }
}

function scalarAt(parsed: Parsed<unknown>, p: string): Scalar {
  const node = parsed.nodes.get(p);
  if (!isScalar(node)) throw new Error(`internal: no scalar at ${p}`);
  return node;
}

function textAt(parsed: Parsed<unknown>, p: string): SourceText {
  const node = scalarAt(parsed, p);
  return single(node, scalarString(node), parsed, p);
}

function linesAt(parsed: Parsed<unknown>, p: string): SourceText[] {
  const node = scalarAt(parsed, p);
  return textLines(node, scalarString(node), parsed, p);
}

function scalarString(node: Scalar): string {
  return typeof node.value === 'string' ? node.value : (node.source ?? String(node.value));
}

function blocksOf(issue: Parsed<IssueFile>, body: string | BlockFields[], p: string): Block[] {
  if (typeof body === 'string') {
    const node = scalarAt(issue, p);
    return paragraphs(node, body, issue, p).map((t) => ({
      kind: 'paragraph',
      ...t,
    }));
  }
  return body.flatMap((block, i): Block[] => {
    const bp = `${p}[${i}]`;
    if (typeof block === 'string') {
      const node = scalarAt(issue, bp);
      return paragraphs(node, block, issue, bp).map((t) => ({
        kind: 'paragraph',
        ...t,
      }));
    }
    if ('heading' in block) return [{ kind: 'heading', ...textAt(issue, `${bp}.heading`) }];
    if ('note' in block) return [{ kind: 'note', ...textAt(issue, `${bp}.note`) }];
    const problems: Problem[] = [];
    const file = insideTree(issue, `${bp}.image`, block.image, problems);
    if (!file) throw new InputError(problems);
    const size = readImageSize(file);
    if (typeof size === 'string') throw new InputError([atPath(issue, `${bp}.image`, `${block.image}: ${size}`)]);
    return [
      {
        kind: 'image',
        file: path.resolve(file),
        pixels: { width: size.width, height: size.height },
        source: textAt(issue, `${bp}.image`).source,
        ...(block.caption === undefined ? {} : { caption: textAt(issue, `${bp}.caption`) }),
      },
    ];
  });
}

function colophonOf(
  merged: ColophonFields,
  own: ColophonFields | undefined,
  issue: Parsed<IssueFile>,
  pub: Publication,
): Colophon {
  // Each key comes from the issue when the issue gives it, else from the publication.
  const from = (key: keyof ColophonFields) =>
    own?.[key] !== undefined ? { parsed: issue as Parsed<unknown>, p: `colophon.${key}` } : { parsed: pub as Parsed<unknown>, p: `${pub.prefix}colophon.${key}` };
  const text = (key: keyof ColophonFields) => {
    if (merged[key] === undefined) return {};
    const { parsed, p } = from(key);
    return { [key]: textAt(parsed, p) };
  };
  const distribution = () => {
    if (!merged.distribution) return {};
    const { parsed, p } = from('distribution');
    return { distribution: merged.distribution.map((_, i) => textAt(parsed, `${p}[${i}]`)) };
  };
  return {
    ...text('notice'),
    ...distribution(),
    ...text('supervisor'),
    ...text('publisher'),
    ...text('phone'),
    ...text('email'),
    ...(merged.copies === undefined ? {} : { copies: merged.copies }),
  };
}

function atPath(parsed: Parsed<unknown>, p: string, message: string): Problem {
  const node = parsed.nodes.get(p);
  const { line, col } = parsed.lines.linePos(node?.range?.[0] ?? 0);
  return { severity: 'error', file: parsed.file, line, col, path: p, message };
}
