/**
 * `bulletin check --fix`: the unambiguous corrections (half-width marks between
 * Chinese characters, full-width digits, `。。。` → `……`) made in the YAML file.
 * The file is edited through the YAML parser's concrete syntax tree, which keeps
 * every byte of the source: each edit changes the source of the one scalar token
 * that holds it, in place, so comments, quoting, block scalars (`body: |`) and
 * layout stay as they were and the only bytes that change are the characters fixed.
 */
import { CST, Parser, parseDocument } from 'yaml';
import type { Edit, Finding } from './types.js';

/** A file's text with its edits made, and the edits that were made. */
export interface Fixed {
  file: string;
  text: string;
  applied: Edit[];
}

/**
 * The edits of the findings, made in the text of each file (`read` gives it).
 * An edit whose characters are not where it says (the file changed since it was
 * read), or not inside one scalar, is left out.
 */
export function fixFiles(findings: Finding[], read: (file: string) => string): Fixed[] {
  const byFile = new Map<string, Map<string, Edit>>();
  // Once per place: the publication file's findings come with every issue that names it.
  for (const f of findings) {
    for (const e of f.fix ?? []) {
      const edits = byFile.get(e.file) ?? new Map<string, Edit>();
      edits.set(`${e.line}:${e.col}`, e);
      byFile.set(e.file, edits);
    }
  }
  const out: Fixed[] = [];
  for (const [file, edits] of byFile) {
    const fixed = fixText(read(file), [...edits.values()]);
    if (fixed.applied.length > 0) out.push({ file, ...fixed });
  }
  return out;
}

/** The edits made in one YAML text through its syntax tree. */
export function fixText(src: string, edits: Edit[]): { text: string; applied: Edit[] } {
  // A byte-order mark is no token of the syntax tree: kept aside, put back.
  const bom = src.startsWith('\ufeff') ? '\ufeff' : '';
  const body = src.slice(bom.length);
  // Lines as the loader counts them: a CR alone ends one too.
  const lineStarts = [0];
  for (const m of body.matchAll(/\r\n|\r|\n/g)) lineStarts.push(m.index + m[0].length);
  const tokens = [...new Parser().parse(body)];
  const scalars = scalarTokens(tokens);
  const applied: Edit[] = [];
  // From the end of the file back, so that an edit never moves the offsets of the next.
  const placed = edits
    .map((e) => ({ e, offset: offsetOf(body, lineStarts, e.line, e.col) }))
    .filter((x): x is { e: Edit; offset: number } => x.offset !== undefined && body.startsWith(x.e.from, x.offset))
    .sort((a, b) => b.offset - a.offset);
  for (const { e, offset } of placed) {
    const token = scalars.find((t) => t.start <= offset && offset + e.from.length <= t.start + t.token.source.length);
    if (!token) continue;
    const at = offset - token.start;
    token.token.source = token.token.source.slice(0, at) + e.to + token.token.source.slice(at + e.from.length);
    applied.push(e);
  }
  const text = bom + tokens.map((t) => CST.stringify(t)).join('');
  // What the tree gives back must still parse; else nothing is changed.
  if (applied.length > 0 && parseDocument(text).errors.length > 0) return { text: src, applied: [] };
  return { text, applied: applied.reverse() };
}

type ScalarToken = CST.FlowScalar | CST.BlockScalar;

/** Every scalar token with the offset where its source starts. */
function scalarTokens(tokens: CST.Token[]): { token: ScalarToken; start: number }[] {
  const out: { token: ScalarToken; start: number }[] = [];
  const add = (t: CST.Token | undefined) => {
    if (!t) return;
    if (t.type === 'block-scalar') {
      // The source of a block scalar starts after its header line.
      const last = t.props.at(-1) as CST.SourceToken | undefined;
      out.push({ token: t, start: last ? last.offset + last.source.length : t.offset });
    } else if (CST.isScalar(t)) {
      out.push({ token: t, start: t.offset });
    }
  };
  for (const doc of tokens) {
    if (doc.type !== 'document') continue;
    add(doc.value);
    CST.visit(doc, (item) => {
      add(item.value);
    });
  }
  return out;
}

/** The offset of character `col` (1-based, in code points) of line `line`. */
function offsetOf(src: string, lineStarts: number[], line: number, col: number): number | undefined {
  const start = lineStarts[line - 1];
  if (start === undefined) return undefined;
  let offset = start;
  for (let c = 1; c < col; c++) {
    if (offset >= src.length || src[offset] === '\n' || src[offset] === '\r') return undefined;
    offset += src.codePointAt(offset)! > 0xffff ? 2 : 1;
  }
  return offset;
}
