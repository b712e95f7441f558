/**
 * load: issue file → Issue. Reads the YAML keeping source positions, resolves and
 * merges the publication file, validates both against `definition.ts`, and returns
 * the issue or throws an InputError listing every problem with file:line:col.
 */
import { existsSync, readdirSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { isMap, isScalar, parseDocument, type Node, type Scalar, type YAMLError } from 'yaml';
import {
  issueSchema,
  publicationSchema,
  type BlockFields,
  type ColophonFields,
  type IssueFile,
  type ProofFields,
  type PublicationFile,
} from './definition.js';
import type { Block, Colophon, FontEntry, FontKey, Image, Issue, ProofSpec, SourceText, StyleSpec } from './model.js';
import { FONT_FILE } from '../fonts/files.js';
import { HEADER_BYTES, readHeader, readImageFile } from '../image/index.js';
import { Unreadable, inside, kindOf, readChecked } from '../read.js';
import { InputError, fileProblem, type Problem } from './problem.js';
import { SourceLines, joinTitleLines, paragraphs, single, textLines, type Scan } from './text.js';
import { validateDocument } from './validate.js';
import { suggest } from './suggest.js';

/** Larger than any real issue (issue 91 is 40 KB); refuses runaway input early. */
export const MAX_FILE_BYTES = 4 * 1024 * 1024;

/** A parsed and validated YAML file with what is needed to locate its values. */
interface Parsed<T> extends Scan {
  value: T;
  nodes: Map<string, Node>;
}

/**
 * `collect`, when given, receives the problems that the rest of the issue can be
 * read past (`bulletin check` reports every problem it can find in one run): a
 * font or an image that cannot be used (left out), a colophon missing. Without it,
 * they are thrown as one InputError, as every other problem is.
 */
export function loadIssue(file: string, collect?: Problem[]): Issue {
  const issue = parseFile<IssueFile>(file, issueSchema);
  const { value } = issue;
  const problems: Problem[] = [];
  // Every file the issue names is read from inside this folder, whoever reads it.
  const folder = realpathSync(path.dirname(path.resolve(file)));
  const pub = publicationOf(issue, folder, problems);
  if (!pub) throw new InputError(problems);

  const colophon = { ...(pub.value.colophon ?? {}), ...(value.colophon ?? {}) };
  const { fonts: _pubFonts, ...pubStyle } = pub.value.style ?? {};
  const { fonts: _issueFonts, ...issueStyle } = value.style ?? {};
  const style: StyleSpec = {
    ...pubStyle,
    ...issueStyle,
    ...fontsOf(pub, issue, problems),
    ...(pub.value.style?.margins || value.style?.margins
      ? { margins: { ...(pub.value.style?.margins ?? {}), ...(value.style?.margins ?? {}) } }
      : {}),
    sources: { ...styleSources(pub, `${pub.prefix}style`), ...styleSources(issue, 'style') },
  };
  if (!pub.value.colophon && !value.colophon) {
    problems.push(atPath(issue, '', 'no colophon: give one here or in the publication file', 'add colophon: with at least copies: (the print run)'));
  }
  if (problems.length > 0 && !collect) throw new InputError(problems);
  collect?.push(...problems.splice(0));

  const pubText = (p: string) => textAt(pub, p);
  const text = (p: string) => textAt(issue, p);
  const [year, month, day] = value.issue.printed.split('-').map(Number) as [number, number, number];

  const loaded: Omit<Issue, 'warnings'> = {
    file,
    folder,
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
            toc: article.toc === undefined ? joinTitleLines(title) : text(`${ap}.toc`),
            body: blocksOf(issue, folder, article.body, `${ap}.body`, problems),
            path: ap,
          };
        }),
      };
    }),
    colophon: colophonOf(colophon, value.colophon, issue, pub),
    style,
    proof: proofOf(pub.value.proof, value.proof),
  };
  // Every image that cannot be used, named at once.
  if (problems.length > 0 && !collect) throw new InputError(problems);
  collect?.push(...problems);
  // Reading the texts above collected what they had to remove (an inline
  // publication shares the issue's list).
  const warnings = pub.warnings === issue.warnings ? issue.warnings : [...pub.warnings, ...issue.warnings];
  return { ...loaded, warnings };
}

interface Publication extends Parsed<PublicationFile> {
  /** `publication.` for an inline publication, empty for a file of its own. */
  prefix: string;
}

function publicationOf(issue: Parsed<IssueFile>, folder: string, problems: Problem[]): Publication | undefined {
  const ref = issue.value.publication;
  if (typeof ref !== 'string') return { ...issue, value: ref, prefix: 'publication.' };
  const resolved = insideTree(issue, 'publication', ref, problems);
  if (!resolved) return undefined;
  try {
    return { ...parseFile<PublicationFile>(resolved, publicationSchema, folder), prefix: '' };
  } catch (e) {
    if (!(e instanceof WrongKind)) throw e;
    problems.push({
      ...atPath(issue, 'publication', `"${ref}" is an issue file, not a publication file`),
      hint: 'name the publication file, the one with name: and editor:',
    });
    return undefined;
  }
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
  if (path.isAbsolute(ref) || !inside(base, target)) {
    problems.push(atPath(owner, at, `"${ref}" is outside the issue's folder; paths must stay inside it`, OUTSIDE_HINT));
    return undefined;
  }
  try {
    // Symbolic links must not lead out either.
    const real = realpathSync(target);
    if (!inside(realpathSync(base), real)) {
      problems.push(atPath(owner, at, `"${ref}" leads outside the issue's folder`, OUTSIDE_HINT));
      return undefined;
    }
    const stat = statSync(real);
    if (!stat.isFile()) {
      const kind = kindOf(stat);
      problems.push(atPath(owner, at, `"${ref}" is ${kind}, not a file`, kind === 'a folder' ? 'name a file inside it' : 'name a file saved in the folder'));
      return undefined;
    }
  } catch {
    problems.push(atPath(owner, at, `file not found: ${ref}`, notFoundHint(base, ref)));
    return undefined;
  }
  return target;
}

function parseFile<T>(file: string, schema: typeof issueSchema | typeof publicationSchema, folder?: string): Parsed<T> {
  const src = readSource(file, folder);
  // Columns in characters, not UTF-16 units, for every position reported from this file.
  const lines = new SourceLines(src);
  const doc = parseDocument(src, { lineCounter: lines, uniqueKeys: false, prettyErrors: false });
  const first = doc.errors[0];
  if (first) {
    // Only the first: the ones after a syntax error are mostly its echoes.
    const { offset, message, hint } = syntaxError(first, src);
    const pos = lines.linePos(offset);
    throw new InputError([{ severity: 'error', file, line: pos.line, col: pos.col, path: '', message: `YAML syntax: ${message}`, hint }]);
  }
  // An issue file where a publication file should be, or the other way round:
  // one message saying so, not every key of the one as a fault of the other.
  const keys = isMap(doc.contents) ? doc.contents.items.map((p) => String((p.key as Scalar | null)?.value)) : [];
  const looksLikeIssue = keys.includes('issue') && keys.includes('sections');
  if (schema === publicationSchema && looksLikeIssue) throw new WrongKind();
  if (schema === issueSchema && !looksLikeIssue && keys.includes('name') && keys.includes('editor')) {
    throw new InputError([fileProblem(file, 'is a publication file, not an issue file', 'build the issue files that name it (publication: …)')]);
  }
  if (schema === issueSchema && isMap(doc.contents) && !['publication', 'issue', 'sections'].some((k) => keys.includes(k))) {
    // Some other YAML file (in a folder being built): not every key of it as a fault.
    throw new InputError([fileProblem(file, 'is not an issue file: it has no publication:, issue: or sections:', 'keep other YAML files out of a folder of issues, or build the issues one by one')]);
  }
  const result = validateDocument<T>(doc, schema, file, lines);
  if (result.problems.length > 0 || result.value === undefined) {
    throw new InputError(result.problems);
  }
  return { file, src, lines, value: result.value, nodes: result.nodes, warnings: [] };
}

/** An issue file named as a publication file. */
class WrongKind extends Error {}

/**
 * A YAML file's text as the loader reads it: UTF-8 checked, CR-only line ends as
 * LF, no byte-order mark. `folder`: the issue's folder, which a file the issue
 * names (its publication file) must be inside when it is read.
 */
export function readSource(file: string, folder?: string): string {
  const fail = (message: string, hint: string): never => {
    throw new InputError([fileProblem(file, message, hint)]);
  };
  let bytes: Buffer;
  try {
    // Bounded as it is read: a runaway file never fills the memory.
    bytes = readChecked(file, MAX_FILE_BYTES, folder);
  } catch (e) {
    if (!(e instanceof Unreadable)) throw e;
    if (e.code === 'ENOENT') fail('no such file', 'check the name and the folder; `bulletin build issues` builds every issue in a folder');
    if (e.code === 'ETOOLARGE') fail(e.message, 'an issue file holds text only; images are named by path (image: photo.jpg)');
    if (e.code === 'ENOTFILE') fail(e.message.replace(/ file$/, ' YAML file'), 'name an issue file such as issues/issue-91.yaml; `bulletin build` takes a folder of issues too');
    if (e.code === 'EOUTSIDE') fail(e.message, OUTSIDE_HINT);
    return fail(e.message, 'check that the file can be read by you');
  }
  let src: string;
  try {
    src = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return fail('the file is not UTF-8 text; save it as UTF-8', 'files saved as GBK or GB 18030 give this; choose the encoding UTF-8 when saving');
  }
  // Line ends of old Mac editors (CR alone) read as LF: the same length, so offsets hold.
  src = src.replace(/\r(?!\n)/g, '\n');
  return src.startsWith('\ufeff') ? src.slice(1) : src;
}

/**
 * Where a syntax error really is, in the words an editor needs. The YAML parser
 * reports an unclosed quote or bracket where it gives up (the end of the file, the
 * next line), a key indented too far at the start of the value above it, and a
 * colon inside a value or a full-width colon after a key as a key it cannot read.
 */
function syntaxError(e: YAMLError, src: string): { offset: number; message: string; hint: string } {
  const message = e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
  if (e.code === 'MULTIPLE_DOCS') {
    return { offset: e.pos[0], message: 'a second YAML document starts here (---); a file holds one issue', hint: 'remove this --- line and what follows it, or save that part as a file of its own' };
  }
  if (e.code === 'RESOURCE_EXHAUSTION') {
    // The parser's stack ran out: brackets or indentation thousands of levels deep.
    // Named at the first bracket of the run it gave up in.
    let at = e.pos[0];
    while (at > 0 && /[[{]/.test(src[at - 1]!)) at--;
    return {
      offset: at,
      message: 'nested too deeply to read (brackets or indentation thousands of levels deep)',
      hint: 'an issue nests a few levels (sections, articles, body); look for [ or { opened again and again, and never closed',
    };
  }
  if (e.code === 'MISSING_CHAR' && /quote/.test(message)) {
    // The scalar runs to the end of the file: its opening quote is the last one.
    const quote = message.includes('"') ? '"' : "'";
    const at = src.lastIndexOf(quote);
    if (at >= 0) return { offset: at, message: `a quote opened here is never closed (${quote})`, hint: `end the text with ${quote} on the same line, or remove the quote` };
  }
  const bracket = /end with an? ([\]}])/.exec(message)?.[1];
  if (bracket) {
    const open = bracket === ']' ? '[' : '{';
    const at = unclosed(src, e.pos[0], open, bracket);
    if (at >= 0) return { offset: at, message: `a ${open} opened here is never closed with ${bracket}`, hint: `close it with ${bracket}, or put text that starts with ${open} in quotes` };
  }
  if (e.code === 'BLOCK_AS_IMPLICIT_KEY' || e.code === 'MULTILINE_IMPLICIT_KEY') {
    const start = src.lastIndexOf('\n', e.pos[0] - 1) + 1;
    const end = src.indexOf('\n', e.pos[0]);
    const line = src.slice(start, end < 0 ? undefined : end);
    const wide = /^[ \t]*(?:- +)?[^\s:：#'"]+(：)/.exec(line);
    if (wide) {
      return {
        offset: start + wide[0].length - 1,
        message: 'a full-width colon (：) after a key; write the key with a colon (:) and a space',
        hint: 'a Chinese input method types ：; switch to half-width for keys',
      };
    }
    const value = line.slice(e.pos[0] - start);
    const colon = value.indexOf(': ');
    if (colon >= 0) {
      return {
        offset: e.pos[0],
        message: 'this value holds a colon and a space (: ); put the value in quotes',
        hint: `YAML reads "a: b" as a key; write "${value.trim().replace(/"/g, '\\"')}"`,
      };
    }
    if (end >= 0) {
      const next = src.slice(end + 1).split('\n')[0]!;
      const indent = /^[ \t]*/.exec(next)![0].length;
      const keyColumn = /^[ \t]*(?:- +)?/.exec(line)![0].length;
      if (indent > keyColumn) {
        return { offset: end + 1 + indent, message: 'this line is indented differently from the keys above it', hint: INDENT_HINT };
      }
    }
  }
  return { offset: e.pos[0], message, hint: e.code === 'TAB_AS_INDENT' ? 'indent with spaces, two for each level; editors can turn tabs into spaces' : INDENT_HINT };
}

const INDENT_HINT = 'keys of one mapping start in the same column, indented with spaces; a value with : or # in it goes in quotes';
const OUTSIDE_HINT = "copy the file into the issue's folder, or a folder under it, and name it from there";

/**
 * What to say of a file that is not there: the name nearest to it, if one is, in
 * its folder, when that folder is inside `base` (a link to another folder is
 * not looked into: its names are not the issue's to show).
 */
function notFoundHint(base: string, ref: string): string {
  const folder = path.dirname(path.join(base, ref));
  let names: string[] = [];
  try {
    if (!inside(realpathSync(base), realpathSync(folder))) return 'paths are relative to the folder of the file that names them, and stay inside it';
    names = readdirSync(folder);
  } catch {
    return `paths are relative to the folder of the file that names them; ${path.dirname(ref) === '.' ? 'it' : `"${path.dirname(ref)}"`} is not there`;
  }
  const near = suggest(path.basename(ref), names);
  return near ? `did you mean "${path.join(path.dirname(ref), near)}"?` : 'paths are relative to the folder of the file that names them';
}

/** The last `open` before `limit` that no `close` after it on its line closes. */
function unclosed(src: string, limit: number, open: string, close: string): number {
  for (let at = src.lastIndexOf(open, limit); at >= 0; at = src.lastIndexOf(open, at - 1)) {
    const lineEnd = src.indexOf('\n', at);
    const rest = src.slice(at, lineEnd < 0 ? undefined : lineEnd);
    let depth = 0;
    for (const ch of rest) {
      if (ch === open) depth++;
      else if (ch === close) depth--;
    }
    if (depth > 0) return at;
  }
  return -1;
}

/**
 * The style's fonts by key (issue over publication, key by key), each a list: a
 * file, resolved against the file that names it and kept inside its folder, or a
 * name to look up (src/fonts), first in that folder.
 */
function fontsOf(pub: Publication, issue: Parsed<IssueFile>, problems: Problem[]): Pick<StyleSpec, 'fonts'> {
  const fonts: NonNullable<StyleSpec['fonts']> = {};
  for (const [owner, given, at] of [
    [pub, pub.value.style?.fonts, `${pub.prefix}style.fonts`],
    [issue, issue.value.style?.fonts, 'style.fonts'],
  ] as const) {
    const folder = path.resolve(path.dirname(owner.file));
    for (const [key, value] of Object.entries(given ?? {})) {
      const refs = typeof value === 'string' ? [[value, `${at}.${key}`]] : value.map((ref, i) => [ref, `${at}.${key}[${i}]`]);
      const entries: FontEntry[] = [];
      for (const [ref, p] of refs as [string, string][]) {
        const { file, line, col, path: where } = atPath(owner, p, '');
        const place = { file, line, col, path: where };
        if (!isFontFile(ref, folder)) {
          entries.push({ family: ref.trim(), folder, at: place });
          continue;
        }
        const found = insideTree(owner, p, ref, problems);
        if (found) entries.push({ file: path.resolve(found), folder, at: place });
      }
      fonts[key as FontKey] = entries;
    }
  }
  return Object.keys(fonts).length > 0 ? { fonts } : {};
}

/**
 * A font named by its file, not by a family name: a path, a name ending as font
 * files do, or the name of something beside the file that names it.
 */
function isFontFile(ref: string, folder: string): boolean {
  return /[\\/]/.test(ref) || FONT_FILE.test(ref.trim()) || existsSync(path.join(folder, ref));
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

/** The blocks of a body; an image that cannot be used is left out, its problem put in `problems`. */
function blocksOf(issue: Parsed<IssueFile>, folder: string, body: string | BlockFields[], p: string, problems: Problem[]): Block[] {
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
    if ('images' in block) {
      const images = block.images.map((item, k) => {
        const ip = typeof item === 'string' ? `${bp}.images[${k}]` : `${bp}.images[${k}].image`;
        const image = imageAt(issue, folder, ip, typeof item === 'string' ? item : item.image, problems);
        return !image || typeof item === 'string' || item.caption === undefined ? image : { ...image, caption: textAt(issue, `${bp}.images[${k}].caption`) };
      });
      if (images.some((i) => i === undefined)) return [];
      const row = images as Omit<Image, 'kind'>[];
      return [
        {
          kind: 'images',
          images: row,
          source: row[0]!.source,
          ...(block.caption === undefined ? {} : { caption: textAt(issue, `${bp}.caption`) }),
          ...(block.width === undefined ? {} : { width: block.width }),
        },
      ];
    }
    const image = imageAt(issue, folder, `${bp}.image`, block.image, problems);
    if (!image) return [];
    return [
      {
        kind: 'image',
        ...image,
        ...(block.caption === undefined ? {} : { caption: textAt(issue, `${bp}.caption`) }),
        ...(block.width === undefined ? {} : { width: block.width }),
      },
    ];
  });
}

/**
 * An image named at `p`: its file, inside the issue's tree, and its size from its
 * header. Only the header is read: what it refuses (not PNG or JPEG, damaged, too
 * large, far too short for its size) is an error at its key put in `problems`
 * (undefined returned), found by `check` too; the pixels are decoded when the PDF
 * is written.
 */
function imageAt(issue: Parsed<IssueFile>, folder: string, p: string, given: string, problems: Problem[]): Omit<Image, 'kind'> | undefined {
  const file = insideTree(issue, p, given, problems);
  if (!file) return undefined;
  const read = readImageFile(file, HEADER_BYTES, folder);
  const header = typeof read === 'string' ? read : readHeader(read.bytes, read.size);
  if (typeof header === 'string') {
    problems.push(atPath(issue, p, `${given}: ${header}`, 'open the image and save it again as PNG or JPEG (at most 40 megapixels)'));
    return undefined;
  }
  const named = textAt(issue, p);
  return { file: path.resolve(file), named, pixels: header.shown, source: named.source };
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
  const given = own ? { parsed: issue as Parsed<unknown>, p: 'colophon' } : { parsed: pub as Parsed<unknown>, p: `${pub.prefix}colophon` };
  const node = given.parsed.nodes.get(given.p);
  return {
    ...(node ? { at: { file: given.parsed.file, ...given.parsed.lines.linePos(node.range?.[0] ?? 0), path: given.p } } : {}),
    ...text('notice'),
    ...distribution(),
    ...text('supervisor'),
    ...text('publisher'),
    ...text('phone'),
    ...text('email'),
    ...(merged.copies === undefined ? {} : { copies: merged.copies }),
  };
}

/** The proofreading settings: the issue's keys over the publication's; the allowed words of both. */
function proofOf(pub: ProofFields | undefined, own: ProofFields | undefined): ProofSpec {
  const merged = { ...(pub ?? {}), ...(own ?? {}) };
  return {
    off: Object.entries(merged).filter(([key, on]) => key !== 'allow' && on === false).map(([key]) => key),
    allow: [...(pub?.allow ?? []), ...(own?.allow ?? [])],
  };
}

function atPath(parsed: Parsed<unknown>, p: string, message: string, hint?: string): Problem {
  const node = parsed.nodes.get(p);
  const { line, col } = parsed.lines.linePos(node?.range?.[0] ?? 0);
  return { severity: 'error', file: parsed.file, line, col, path: p, message, ...(hint === undefined ? {} : { hint }) };
}
