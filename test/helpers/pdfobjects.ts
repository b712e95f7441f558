/**
 * A PDF's objects read independently of bulletin and of pdfkit: qpdf dumps the file
 * as JSON (`qpdf --json --json-stream-data=inline --decode-level=all`: every object
 * by "obj:N G R", streams decoded and base64-encoded), and this module gives the
 * pages in order with their boxes and resources, the decoded content streams, the
 * form and image XObjects they use, the annotations, the catalog, the Info
 * dictionary, the XMP packet and the structure tree.
 *
 * It also tokenizes content streams (strings with escapes and nesting, hex strings,
 * dictionaries, arrays, inline images) into operators with their operands, and
 * interprets them just enough to say, for every thing painted, in what colour
 * space and colour, inside which marked-content sequences, and for text what it
 * says (through the font's ToUnicode map).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

// ─── qpdf's JSON (version 2) ────────────────────────────────────────────────────

/**
 * A value as qpdf's JSON v2 writes it: names `/Name`, strings `u:text` or `b:hex`,
 * references `12 0 R`, numbers, booleans, null, arrays, dictionaries keyed by `/Key`.
 */
export type QValue = number | boolean | null | string | QValue[] | { [key: string]: QValue };
export type QDict = { [key: string]: QValue };

interface QEntry {
  value?: QValue;
  stream?: { dict: QDict; data?: string };
}

export type Box = [number, number, number, number];

export interface PageObject {
  /** 1-based. */
  number: number;
  ref: string;
  dict: QDict;
  mediaBox: Box;
  cropBox: Box;
  bleedBox: Box;
  trimBox: Box;
  artBox: Box;
  /** The page's resources, inherited through the page tree when not its own. */
  resources: QDict;
  /** The page's content streams, decoded and joined with a newline between. */
  content: Buffer;
  annots: QDict[];
}

const REF = /^(\d+) (\d+) R$/;

export function isRef(v: QValue | undefined): v is string {
  return typeof v === 'string' && REF.test(v);
}

/** `/Name` → `Name`; anything else → undefined. */
export function nameOf(v: QValue | undefined): string | undefined {
  if (typeof v !== 'string') return undefined;
  if (v.startsWith('/')) return v.slice(1);
  if (v.startsWith('n:/')) return v.slice(3);
  return undefined;
}

/** A PDF string as text: `u:` as given, `b:` hex as UTF-16BE with its BOM or else Latin-1. */
export function textOf(v: QValue | undefined): string | undefined {
  if (typeof v !== 'string') return undefined;
  if (v.startsWith('u:')) return v.slice(2);
  if (v.startsWith('b:')) return decodePdfText(Buffer.from(v.slice(2), 'hex'));
  return undefined;
}

export function decodePdfText(bytes: Uint8Array): string {
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return utf16be(bytes.subarray(2));
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return Buffer.from(bytes.subarray(3)).toString('utf8');
  return Buffer.from(bytes).toString('latin1');
}

function utf16be(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i + 1 < bytes.length; i += 2) s += String.fromCharCode((bytes[i]! << 8) | bytes[i + 1]!);
  return s;
}

function isDict(v: QValue | undefined): v is QDict {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export class PdfObjects {
  readonly file: string;
  readonly version: string;
  readonly trailer: QDict;
  readonly pages: PageObject[];
  private readonly objects: Map<string, QEntry>;
  private readonly cmaps = new Map<string, ToUnicode>();

  constructor(file: string) {
    this.file = file;
    const json = JSON.parse(
      execFileSync('qpdf', ['--json', '--json-stream-data=inline', '--decode-level=all', file], {
        encoding: 'utf8',
        maxBuffer: 1 << 30,
      }),
    ) as { pages: { object: string }[]; qpdf: [{ pdfversion: string }, Record<string, QEntry>] };
    const [head, objects] = json.qpdf;
    this.version = head.pdfversion;
    this.objects = new Map();
    for (const [key, entry] of Object.entries(objects)) {
      if (key.startsWith('obj:')) this.objects.set(key.slice(4), entry);
    }
    this.trailer = (objects.trailer?.value ?? {}) as QDict;
    this.pages = json.pages.map((p, i) => this.page(p.object, i + 1));
  }

  /** Every indirect object's reference. */
  refs(): string[] {
    return [...this.objects.keys()];
  }

  /** A value with references followed; a stream gives its dictionary. */
  get(v: QValue | undefined): QValue | undefined {
    let seen = 0;
    while (isRef(v)) {
      const entry = this.objects.get(v);
      if (!entry) return undefined;
      v = entry.stream ? entry.stream.dict : entry.value;
      if (++seen > 32) throw new Error('reference loop');
    }
    return v;
  }

  dict(v: QValue | undefined): QDict | undefined {
    const d = this.get(v);
    return isDict(d) ? d : undefined;
  }

  array(v: QValue | undefined): QValue[] | undefined {
    const a = this.get(v);
    return Array.isArray(a) ? a : undefined;
  }

  number(v: QValue | undefined): number | undefined {
    const n = this.get(v);
    return typeof n === 'number' ? n : undefined;
  }

  isStream(ref: QValue | undefined): boolean {
    return isRef(ref) && this.objects.get(ref)?.stream !== undefined;
  }

  /** A stream's data, decoded (qpdf decodes every filter it can at --decode-level=all). */
  streamData(ref: QValue | undefined): Buffer | undefined {
    if (!isRef(ref)) return undefined;
    const s = this.objects.get(ref)?.stream;
    if (!s || s.data === undefined) return undefined;
    return Buffer.from(s.data, 'base64');
  }

  /** Whether qpdf could not decode the stream: its dictionary still names a filter. */
  streamStillFiltered(ref: string): boolean {
    const s = this.objects.get(ref)?.stream;
    return s !== undefined && s.dict['/Filter'] !== undefined;
  }

  get catalog(): QDict {
    return this.dict(this.trailer['/Root']) ?? {};
  }

  /** The Info dictionary's strings, decoded (dates as their raw `D:` strings). */
  info(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(this.dict(this.trailer['/Info']) ?? {})) {
      const t = textOf(this.get(v) as QValue);
      if (t !== undefined) out[k.slice(1)] = t;
    }
    return out;
  }

  /** The catalog's XMP metadata stream, as UTF-8 text. */
  xmp(): { dict: QDict; text: string } | undefined {
    const ref = this.catalog['/Metadata'];
    const data = this.streamData(ref);
    const dict = this.dict(ref);
    if (!data || !dict) return undefined;
    return { dict, text: data.toString('utf8') };
  }

  private page(ref: string, number: number): PageObject {
    const dict = this.dict(ref)!;
    const inherited = (key: string): QValue | undefined => {
      let d: QDict | undefined = dict;
      for (let i = 0; d && i < 64; i++) {
        if (d[key] !== undefined) return d[key];
        d = this.dict(d['/Parent']);
      }
      return undefined;
    };
    const box = (v: QValue | undefined): Box | undefined => {
      const a = this.array(v)?.map((n) => this.number(n)!);
      if (!a || a.length !== 4) return undefined;
      // Normalised: lower-left, upper-right.
      return [Math.min(a[0]!, a[2]!), Math.min(a[1]!, a[3]!), Math.max(a[0]!, a[2]!), Math.max(a[1]!, a[3]!)];
    };
    const mediaBox = box(inherited('/MediaBox'))!;
    const cropBox = box(inherited('/CropBox')) ?? mediaBox;
    const contents = this.get(dict['/Contents']) === undefined ? [] : isRef(dict['/Contents']) && this.isStream(dict['/Contents']) ? [dict['/Contents']] : (this.array(dict['/Contents']) ?? []);
    const content = Buffer.concat(contents.flatMap((c) => [this.streamData(c) ?? Buffer.alloc(0), Buffer.from('\n')]));
    return {
      number,
      ref,
      dict,
      mediaBox,
      cropBox,
      bleedBox: box(dict['/BleedBox']) ?? cropBox,
      trimBox: box(dict['/TrimBox']) ?? cropBox,
      artBox: box(dict['/ArtBox']) ?? cropBox,
      resources: this.dict(inherited('/Resources')) ?? {},
      content,
      annots: (this.array(dict['/Annots']) ?? []).map((a) => this.dict(a) ?? {}),
    };
  }

  /** A named resource of a kind (`Font`, `XObject`, `ColorSpace`, `Properties`…). */
  resource(resources: QDict, kind: string, name: string): QValue | undefined {
    return this.dict(resources[`/${kind}`])?.[`/${name}`];
  }

  /** The ToUnicode map of a font resource (cached by the font's reference). */
  toUnicode(fontRef: QValue): ToUnicode {
    const key = isRef(fontRef) ? fontRef : JSON.stringify(fontRef);
    let map = this.cmaps.get(key);
    if (!map) {
      const font = this.dict(fontRef) ?? {};
      const composite = nameOf(font['/Subtype']) === 'Type0';
      const data = this.streamData(font['/ToUnicode']);
      map = parseToUnicode(data, composite ? 2 : 1);
      this.cmaps.set(key, map);
    }
    return map;
  }

  /**
   * Walk a page's content, and the form XObjects, annotation appearances and
   * images it paints, reporting every colour set and every thing painted.
   */
  walkPage(page: PageObject, options: { annotations?: boolean } = {}): PaintEvent[] {
    const events: PaintEvent[] = [];
    const walker = new ContentWalker(this, events);
    walker.run(page.content, page.resources, { owner: 'page', formDepth: 0 });
    if (options.annotations ?? true) {
      for (const annot of page.annots) {
        for (const ap of this.appearanceStreams(annot)) {
          walker.reset();
          walker.runForm(ap, page.resources, 'annotation');
        }
      }
    }
    return events;
  }

  /** The appearance streams (normal, rollover, down; every state) of an annotation. */
  appearanceStreams(annot: QDict): string[] {
    const out: string[] = [];
    const ap = this.dict(annot['/AP']);
    if (!ap) return out;
    for (const key of ['/N', '/R', '/D']) {
      const v = ap[key];
      if (isRef(v) && this.isStream(v)) out.push(v);
      else {
        const states = this.dict(v);
        for (const s of Object.values(states ?? {})) if (isRef(s) && this.isStream(s)) out.push(s);
      }
    }
    return out;
  }

  /** The structure tree from the catalog's StructTreeRoot, roles mapped through its RoleMap. */
  structTree(): StructNode | undefined {
    const rootRef = this.catalog['/StructTreeRoot'];
    const root = this.dict(rootRef);
    if (!root) return undefined;
    const roleMap = this.dict(root['/RoleMap']) ?? {};
    const mapRole = (s: string): string => {
      let role = s;
      for (let i = 0; i < 16; i++) {
        const next = nameOf(this.get(roleMap[`/${role}`]) as QValue);
        if (!next || next === role) break;
        role = next;
      }
      return role;
    };
    const pageIndex = new Map(this.pages.map((p) => [p.ref, p.number]));
    const seen = new Set<string>();
    const node = (v: QValue, inheritedPage: number | undefined, depth: number): StructNode => {
      if (depth > 200) throw new Error('structure tree too deep');
      if (isRef(v)) {
        if (seen.has(v)) throw new Error(`structure element ${v} reached twice`);
        seen.add(v);
      }
      const d = this.dict(v) ?? {};
      const raw = nameOf(d['/S']) ?? '';
      const page = isRef(d['/Pg']) ? pageIndex.get(d['/Pg']) : inheritedPage;
      const out: StructNode = { ref: isRef(v) ? v : undefined, rawRole: raw, role: mapRole(raw), page, kids: [] };
      const kids = d['/K'] === undefined ? [] : Array.isArray(this.get(d['/K'])) ? this.array(d['/K'])! : [d['/K']];
      for (const k of kids) {
        const kv = this.get(k);
        if (typeof kv === 'number') {
          out.kids.push({ mcid: kv, page, stream: undefined });
        } else if (isDict(kv)) {
          const type = nameOf(kv['/Type']);
          if (type === 'MCR') {
            const pg = isRef(kv['/Pg']) ? pageIndex.get(kv['/Pg']) : page;
            out.kids.push({ mcid: this.number(kv['/MCID'])!, page: pg, stream: isRef(kv['/Stm']) ? kv['/Stm'] : undefined });
          } else if (type === 'OBJR') {
            const pg = isRef(kv['/Pg']) ? pageIndex.get(kv['/Pg']) : page;
            out.kids.push({ object: isRef(kv['/Obj']) ? kv['/Obj'] : '', page: pg });
          } else {
            out.kids.push(node(k, page, depth + 1));
          }
        }
      }
      return out;
    };
    const tree = node(rootRef!, undefined, 0);
    tree.role = 'StructTreeRoot';
    return tree;
  }
}

export interface StructNode {
  ref: string | undefined;
  /** The role as written (/S). */
  rawRole: string;
  /** The role after the RoleMap: a standard structure type when the map leads to one. */
  role: string;
  /** 1-based page of the element (/Pg), inherited from its parent. */
  page: number | undefined;
  kids: StructKid[];
}

export type StructKid =
  | StructNode
  | { mcid: number; page: number | undefined; stream: string | undefined }
  | { object: string; page: number | undefined };

export function isNode(k: StructKid): k is StructNode {
  return 'kids' in k;
}

/** Every element of a tree, depth first, in document order. */
export function* elements(node: StructNode): Generator<StructNode> {
  yield node;
  for (const k of node.kids) if (isNode(k)) yield* elements(k);
}

/** The marked-content references under an element, in tree order. */
export function* markedContent(node: StructNode): Generator<{ mcid: number; page: number | undefined; stream: string | undefined; parent: StructNode }> {
  for (const k of node.kids) {
    if (isNode(k)) yield* markedContent(k);
    else if ('mcid' in k) yield { ...k, parent: node };
  }
}

export function readObjects(file: string): PdfObjects {
  return new PdfObjects(file);
}

/** The file's header version: `%PDF-1.7` → `1.7`. */
export function headerVersion(file: string): string | undefined {
  return /^%PDF-(\d\.\d)/.exec(readFileSync(file).subarray(0, 16).toString('latin1'))?.[1];
}

// ─── Content-stream tokens ──────────────────────────────────────────────────────

export type Operand =
  | { type: 'number'; value: number }
  | { type: 'name'; value: string }
  | { type: 'string'; value: Uint8Array; hex: boolean }
  | { type: 'array'; value: Operand[] }
  | { type: 'dict'; value: Map<string, Operand> }
  | { type: 'bool'; value: boolean }
  | { type: 'null' };

export interface Operation {
  op: string;
  operands: Operand[];
  /** For `BI … ID … EI`: the image's dictionary and data. */
  inline?: { dict: Map<string, Operand>; data: Uint8Array };
}

const WHITE = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const DELIM = new Set([0x28, 0x29, 0x3c, 0x3e, 0x5b, 0x5d, 0x7b, 0x7d, 0x2f, 0x25]);

type Token =
  | Operand
  | { type: 'op'; value: string }
  | { type: 'open-array' }
  | { type: 'close-array' }
  | { type: 'open-dict' }
  | { type: 'close-dict' };

class Lexer {
  pos = 0;
  constructor(readonly data: Uint8Array) {}

  private skipSpace(): void {
    const d = this.data;
    while (this.pos < d.length) {
      const c = d[this.pos]!;
      if (WHITE.has(c)) this.pos++;
      else if (c === 0x25) {
        while (this.pos < d.length && d[this.pos] !== 0x0a && d[this.pos] !== 0x0d) this.pos++;
      } else break;
    }
  }

  next(): Token | undefined {
    this.skipSpace();
    const d = this.data;
    if (this.pos >= d.length) return undefined;
    const c = d[this.pos]!;
    if (c === 0x28) return this.literal();
    if (c === 0x3c) {
      if (d[this.pos + 1] === 0x3c) {
        this.pos += 2;
        return { type: 'open-dict' };
      }
      return this.hex();
    }
    if (c === 0x3e) {
      if (d[this.pos + 1] === 0x3e) {
        this.pos += 2;
        return { type: 'close-dict' };
      }
      throw new Error(`stray > at ${this.pos}`);
    }
    if (c === 0x5b) {
      this.pos++;
      return { type: 'open-array' };
    }
    if (c === 0x5d) {
      this.pos++;
      return { type: 'close-array' };
    }
    if (c === 0x7b || c === 0x7d) {
      this.pos++;
      return { type: 'op', value: String.fromCharCode(c) };
    }
    if (c === 0x29) throw new Error(`stray ) at ${this.pos}`);
    if (c === 0x2f) {
      this.pos++;
      const start = this.pos;
      while (this.pos < d.length && !WHITE.has(d[this.pos]!) && !DELIM.has(d[this.pos]!)) this.pos++;
      const raw = Buffer.from(d.subarray(start, this.pos)).toString('latin1');
      return { type: 'name', value: raw.replace(/#([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))) };
    }
    const start = this.pos;
    while (this.pos < d.length && !WHITE.has(d[this.pos]!) && !DELIM.has(d[this.pos]!)) this.pos++;
    const word = Buffer.from(d.subarray(start, this.pos)).toString('latin1');
    if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(word)) return { type: 'number', value: Number(word) };
    if (word === 'true' || word === 'false') return { type: 'bool', value: word === 'true' };
    if (word === 'null') return { type: 'null' };
    return { type: 'op', value: word };
  }

  /** `( … )`: balanced parentheses, backslash escapes, octal codes, line continuations. */
  private literal(): Operand {
    const d = this.data;
    const out: number[] = [];
    let depth = 1;
    this.pos++;
    while (this.pos < d.length) {
      const c = d[this.pos++]!;
      if (c === 0x5c) {
        const e = d[this.pos++];
        if (e === undefined) break;
        const simple: Record<number, number> = { 0x6e: 0x0a, 0x72: 0x0d, 0x74: 0x09, 0x62: 0x08, 0x66: 0x0c, 0x28: 0x28, 0x29: 0x29, 0x5c: 0x5c };
        if (simple[e] !== undefined) out.push(simple[e]!);
        else if (e >= 0x30 && e <= 0x37) {
          let v = e - 0x30;
          for (let i = 0; i < 2 && d[this.pos]! >= 0x30 && d[this.pos]! <= 0x37; i++) v = v * 8 + (d[this.pos++]! - 0x30);
          out.push(v & 0xff);
        } else if (e === 0x0d) {
          if (d[this.pos] === 0x0a) this.pos++;
        } else if (e === 0x0a) {
          // line continuation
        } else out.push(e);
      } else if (c === 0x28) {
        depth++;
        out.push(c);
      } else if (c === 0x29) {
        if (--depth === 0) return { type: 'string', value: Uint8Array.from(out), hex: false };
        out.push(c);
      } else out.push(c);
    }
    throw new Error('unterminated string');
  }

  /** `< … >`: hex digits, whitespace ignored, an odd last digit padded with 0. */
  private hex(): Operand {
    const d = this.data;
    this.pos++;
    let digits = '';
    while (this.pos < d.length && d[this.pos] !== 0x3e) {
      const c = d[this.pos++]!;
      if (WHITE.has(c)) continue;
      const ch = String.fromCharCode(c);
      if (!/[0-9a-fA-F]/.test(ch)) throw new Error(`bad hex digit ${ch} at ${this.pos - 1}`);
      digits += ch;
    }
    if (this.pos >= d.length) throw new Error('unterminated hex string');
    this.pos++;
    if (digits.length % 2) digits += '0';
    return { type: 'string', value: Uint8Array.from(Buffer.from(digits, 'hex')), hex: true };
  }
}

/** Tokens into values: arrays and dictionaries gathered; operators left as they are. */
function value(lexer: Lexer, t: Token): Operand | { type: 'op'; value: string } {
  if (t.type === 'open-array') {
    const items: Operand[] = [];
    for (;;) {
      const n = lexer.next();
      if (!n) throw new Error('unterminated array');
      if (n.type === 'close-array') return { type: 'array', value: items };
      const v = value(lexer, n);
      if (v.type === 'op') throw new Error(`operator ${v.value} inside an array`);
      items.push(v);
    }
  }
  if (t.type === 'open-dict') {
    const map = new Map<string, Operand>();
    for (;;) {
      const k = lexer.next();
      if (!k) throw new Error('unterminated dictionary');
      if (k.type === 'close-dict') return { type: 'dict', value: map };
      if (k.type !== 'name') throw new Error(`dictionary key is a ${k.type}`);
      const vt = lexer.next();
      if (!vt) throw new Error('unterminated dictionary');
      const v = value(lexer, vt);
      if (v.type === 'op') throw new Error(`operator ${v.value} inside a dictionary`);
      map.set(k.value, v);
    }
  }
  if (t.type === 'close-array' || t.type === 'close-dict') throw new Error(`unbalanced ${t.type}`);
  return t;
}

/**
 * A content stream's operators with their operands, in order. An inline image
 * (`BI` dict `ID` data `EI`) comes as one `BI` operation carrying its dictionary
 * and data.
 */
export function* tokenize(data: Uint8Array): Generator<Operation> {
  const lexer = new Lexer(data);
  let operands: Operand[] = [];
  for (;;) {
    const t = lexer.next();
    if (!t) break;
    const v = value(lexer, t);
    if (v.type !== 'op') {
      operands.push(v);
      continue;
    }
    if (v.value === 'BI') {
      yield { op: 'BI', operands: [], inline: inlineImage(lexer) };
      operands = [];
      continue;
    }
    yield { op: v.value, operands };
    operands = [];
  }
  if (operands.length) throw new Error('operands left without an operator at the end of the stream');
}

function inlineImage(lexer: Lexer): { dict: Map<string, Operand>; data: Uint8Array } {
  const dict = new Map<string, Operand>();
  for (;;) {
    const k = lexer.next();
    if (!k) throw new Error('unterminated inline image');
    if (k.type === 'op' && k.value === 'ID') break;
    if (k.type !== 'name') throw new Error('inline image key is not a name');
    const vt = lexer.next();
    if (!vt) throw new Error('unterminated inline image');
    const v = value(lexer, vt);
    if (v.type === 'op') throw new Error('operator in an inline image dictionary');
    dict.set(k.value, v);
  }
  const d = lexer.data;
  const start = lexer.pos + 1; // one white-space byte after ID
  const length = dict.get('L') ?? dict.get('Length');
  const size = unfilteredSize(dict);
  let end: number;
  if (length?.type === 'number') end = start + length.value;
  else if (size !== undefined) end = start + size;
  else {
    end = -1;
    for (let i = start; i + 1 < d.length; i++) {
      if (d[i] === 0x45 && d[i + 1] === 0x49 && WHITE.has(d[i - 1]!) && (i + 2 >= d.length || WHITE.has(d[i + 2]!))) {
        end = i - 1;
        break;
      }
    }
    if (end < 0) throw new Error('inline image without EI');
  }
  const data = d.subarray(start, end);
  lexer.pos = end;
  const ei = lexer.next();
  if (!ei || ei.type !== 'op' || ei.value !== 'EI') throw new Error('inline image not closed by EI');
  return { dict, data };
}

/** An unfiltered inline image's data length, from its size, depth and colour space. */
function unfilteredSize(dict: Map<string, Operand>): number | undefined {
  const get = (a: string, b: string) => dict.get(a) ?? dict.get(b);
  if (get('F', 'Filter') !== undefined) return undefined;
  const num = (o: Operand | undefined) => (o?.type === 'number' ? o.value : undefined);
  const w = num(get('W', 'Width'));
  const h = num(get('H', 'Height'));
  const mask = get('IM', 'ImageMask');
  const isMask = mask?.type === 'bool' && mask.value;
  const bpc = isMask ? 1 : num(get('BPC', 'BitsPerComponent'));
  const cs = get('CS', 'ColorSpace');
  const components: Record<string, number> = { G: 1, DeviceGray: 1, RGB: 3, DeviceRGB: 3, CMYK: 4, DeviceCMYK: 4, I: 1, Indexed: 1 };
  const n = isMask ? 1 : cs?.type === 'name' ? components[cs.value] : cs?.type === 'array' && cs.value[0]?.type === 'name' && ['I', 'Indexed'].includes(cs.value[0].value) ? 1 : undefined;
  if (w === undefined || h === undefined || bpc === undefined || n === undefined) return undefined;
  return Math.ceil((w * n * bpc) / 8) * h;
}

// ─── ToUnicode ──────────────────────────────────────────────────────────────────

export interface ToUnicode {
  /** Byte lengths of codes, longest first, with the ranges of each. */
  ranges: { length: number; lo: Uint8Array; hi: Uint8Array }[];
  /** Code (hex) → text. */
  map: Map<string, string>;
  present: boolean;
  defaultLength: number;
}

export function parseToUnicode(data: Uint8Array | undefined, defaultLength: number): ToUnicode {
  const out: ToUnicode = { ranges: [], map: new Map(), present: data !== undefined, defaultLength };
  if (!data) return out;
  const bytes = (o: Operand | undefined) => (o?.type === 'string' ? o.value : new Uint8Array());
  const key = (b: Uint8Array) => Buffer.from(b).toString('hex');
  const add = (code: Uint8Array, text: string) => out.map.set(key(code), text);
  for (const { op, operands } of tokenize(data)) {
    if (op === 'endcodespacerange') {
      for (let i = 0; i + 1 < operands.length; i += 2) {
        const lo = bytes(operands[i]);
        out.ranges.push({ length: lo.length, lo, hi: bytes(operands[i + 1]) });
      }
    } else if (op === 'endbfchar') {
      for (let i = 0; i + 1 < operands.length; i += 2) add(bytes(operands[i]), utf16be(bytes(operands[i + 1])));
    } else if (op === 'endbfrange') {
      for (let i = 0; i + 2 < operands.length; i += 3) {
        const lo = bytes(operands[i]);
        const hi = bytes(operands[i + 1]);
        const dst = operands[i + 2]!;
        const from = Number.parseInt(key(lo), 16);
        const to = Number.parseInt(key(hi), 16);
        for (let c = from; c <= to && c - from < 65536; c++) {
          const code = Uint8Array.from(Buffer.from(c.toString(16).padStart(lo.length * 2, '0'), 'hex'));
          if (dst.type === 'array') {
            add(code, utf16be(bytes(dst.value[c - from])));
          } else {
            const base = Uint8Array.from(bytes(dst));
            // The last byte counts up (PDF 32000 §9.10.3).
            base[base.length - 1] = (base[base.length - 1]! + (c - from)) & 0xff;
            add(code, utf16be(base));
          }
        }
      }
    }
  }
  out.ranges.sort((a, b) => b.length - a.length);
  return out;
}

/** Shown bytes → text, code by code; a code without a mapping gives U+FFFD. */
export function decodeShown(cmap: ToUnicode, shown: Uint8Array): string {
  let text = '';
  let i = 0;
  while (i < shown.length) {
    let len = cmap.defaultLength;
    for (const r of cmap.ranges) {
      if (i + r.length > shown.length) continue;
      let inside = true;
      for (let j = 0; j < r.length; j++) {
        const b = shown[i + j]!;
        if (b < r.lo[j]! || b > r.hi[j]!) inside = false;
      }
      if (inside) {
        len = r.length;
        break;
      }
    }
    const code = Buffer.from(shown.subarray(i, i + len)).toString('hex');
    text += cmap.map.get(code) ?? '\uFFFD';
    i += len;
  }
  return text;
}

// ─── Interpreting content ───────────────────────────────────────────────────────

export interface Colour {
  /**
   * The colour space's family: `DeviceCMYK`, `DeviceRGB`, `DeviceGray`,
   * `ICCBased` (with its component count: `ICCBased/3`), `Separation`, `Pattern`…
   */
  space: string;
  values: number[];
}

export interface MarkedFrame {
  tag: string;
  mcid: number | undefined;
  /** `page`, or the reference of the form XObject whose stream holds the sequence. */
  owner: string;
  /** A number for each sequence, unique within one walk. */
  serial: number;
}

export type PaintEvent =
  | { kind: 'colour'; op: string; stroke: boolean; colour: Colour; where: string }
  | { kind: 'text'; text: string; font: string; mode: number; fill: Colour; stroke: Colour; marked: MarkedFrame[]; where: string }
  | { kind: 'path'; op: string; fill: Colour | undefined; stroke: Colour | undefined; marked: MarkedFrame[]; where: string }
  | { kind: 'image'; ref: string | undefined; space: string | undefined; mask: boolean; marked: MarkedFrame[]; where: string }
  | { kind: 'shading'; space: string | undefined; marked: MarkedFrame[]; where: string }
  | { kind: 'form'; ref: string; group: string | undefined; where: string };

interface GState {
  fill: Colour;
  stroke: Colour;
  mode: number;
  font: QValue | undefined;
  fontName: string;
}

const GRAY_BLACK: Colour = { space: 'DeviceGray', values: [0] };

class ContentWalker {
  private serial = 0;
  private stack: MarkedFrame[] = [];
  private depth = 0;
  constructor(
    private readonly pdf: PdfObjects,
    private readonly events: PaintEvent[],
  ) {}

  reset(): void {
    this.stack = [];
  }

  run(data: Uint8Array, resources: QDict, ctx: { owner: string; formDepth: number }, start?: GState): void {
    let gs: GState = start ? { ...start } : { fill: GRAY_BLACK, stroke: GRAY_BLACK, mode: 0, font: undefined, fontName: '' };
    const saved: GState[] = [];
    const where = ctx.owner;
    const pdf = this.pdf;
    const emit = (e: PaintEvent) => this.events.push(e);
    const nums = (ops: Operand[]) => ops.filter((o) => o.type === 'number').map((o) => (o as { value: number }).value);
    const setColour = (op: string, stroke: boolean, colour: Colour) => {
      emit({ kind: 'colour', op, stroke, colour, where });
      if (stroke) gs.stroke = colour;
      else gs.fill = colour;
    };
    const marked = () => [...this.stack];
    const stackDepth = this.stack.length;
    for (const { op, operands, inline } of tokenize(data)) {
      switch (op) {
        case 'q':
          saved.push({ ...gs });
          break;
        case 'Q':
          gs = saved.pop() ?? gs;
          break;
        case 'g':
        case 'G':
          setColour(op, op === 'G', { space: 'DeviceGray', values: nums(operands) });
          break;
        case 'rg':
        case 'RG':
          setColour(op, op === 'RG', { space: 'DeviceRGB', values: nums(operands) });
          break;
        case 'k':
        case 'K':
          setColour(op, op === 'K', { space: 'DeviceCMYK', values: nums(operands) });
          break;
        case 'cs':
        case 'CS': {
          const n = operands[0]?.type === 'name' ? operands[0].value : '';
          const space = this.colourSpace(n, resources);
          const initial = space === 'DeviceCMYK' ? [0, 0, 0, 1] : space === 'DeviceRGB' ? [0, 0, 0] : [0];
          setColour(op, op === 'CS', { space, values: initial });
          break;
        }
        case 'sc':
        case 'scn':
        case 'SC':
        case 'SCN': {
          const stroke = op === 'SC' || op === 'SCN';
          setColour(op, stroke, { space: (stroke ? gs.stroke : gs.fill).space, values: nums(operands) });
          break;
        }
        case 'Tf': {
          const n = operands[0]?.type === 'name' ? operands[0].value : '';
          gs.font = pdf.resource(resources, 'Font', n);
          gs.fontName = nameOf(pdf.dict(gs.font)?.['/BaseFont']) ?? n;
          break;
        }
        case 'Tr':
          gs.mode = nums(operands)[0] ?? 0;
          break;
        case 'Tj':
        case "'":
        case '"':
        case 'TJ': {
          const cmap = gs.font !== undefined ? pdf.toUnicode(gs.font) : parseToUnicode(undefined, 1);
          const strings: Uint8Array[] = [];
          for (const o of operands) {
            if (o.type === 'string') strings.push(o.value);
            if (o.type === 'array') for (const e of o.value) if (e.type === 'string') strings.push(e.value);
          }
          const text = strings.map((s) => decodeShown(cmap, s)).join('');
          emit({ kind: 'text', text, font: gs.fontName, mode: gs.mode, fill: gs.fill, stroke: gs.stroke, marked: marked(), where });
          break;
        }
        case 'S':
        case 's':
          emit({ kind: 'path', op, fill: undefined, stroke: gs.stroke, marked: marked(), where });
          break;
        case 'f':
        case 'F':
        case 'f*':
          emit({ kind: 'path', op, fill: gs.fill, stroke: undefined, marked: marked(), where });
          break;
        case 'B':
        case 'B*':
        case 'b':
        case 'b*':
          emit({ kind: 'path', op, fill: gs.fill, stroke: gs.stroke, marked: marked(), where });
          break;
        case 'sh': {
          const n = operands[0]?.type === 'name' ? operands[0].value : '';
          const sh = pdf.dict(pdf.resource(resources, 'Shading', n));
          emit({ kind: 'shading', space: this.spaceOf(sh?.['/ColorSpace'], resources), marked: marked(), where });
          break;
        }
        case 'BI': {
          const d = inline!.dict;
          const mask = d.get('IM') ?? d.get('ImageMask');
          const cs = d.get('CS') ?? d.get('ColorSpace');
          let space: string | undefined;
          if (cs?.type === 'name') {
            const abbr: Record<string, string> = { G: 'DeviceGray', RGB: 'DeviceRGB', CMYK: 'DeviceCMYK', I: 'Indexed' };
            space = abbr[cs.value] ?? this.colourSpace(cs.value, resources);
          } else if (cs?.type === 'array') space = cs.value[0]?.type === 'name' ? cs.value[0].value : '?';
          emit({ kind: 'image', ref: undefined, space, mask: mask?.type === 'bool' && mask.value, marked: marked(), where });
          break;
        }
        case 'Do': {
          const n = operands[0]?.type === 'name' ? operands[0].value : '';
          const ref = pdf.resource(resources, 'XObject', n);
          const x = pdf.dict(ref);
          const sub = nameOf(x?.['/Subtype']);
          if (sub === 'Image') {
            const mask = x?.['/ImageMask'] === true;
            emit({ kind: 'image', ref: isRef(ref) ? ref : undefined, space: mask ? undefined : this.spaceOf(x?.['/ColorSpace'], resources), mask, marked: marked(), where });
          } else if (sub === 'Form' && isRef(ref)) {
            this.runForm(ref, resources, where, gs);
          }
          break;
        }
        case 'BMC':
        case 'BDC': {
          const tag = operands[0]?.type === 'name' ? operands[0].value : '';
          let mcid: number | undefined;
          const props = operands[1];
          if (props?.type === 'dict') {
            const m = props.value.get('MCID');
            if (m?.type === 'number') mcid = m.value;
          } else if (props?.type === 'name') {
            const d = pdf.dict(pdf.resource(resources, 'Properties', props.value));
            mcid = pdf.number(d?.['/MCID']);
          }
          this.stack.push({ tag, mcid, owner: ctx.owner, serial: this.serial++ });
          break;
        }
        case 'EMC':
          if (this.stack.length <= stackDepth) throw new Error(`EMC without BMC/BDC in ${where}`);
          this.stack.pop();
          break;
        default:
          break;
      }
    }
    if (this.stack.length !== stackDepth) throw new Error(`unbalanced marked content in ${where}`);
  }

  runForm(ref: string, parentResources: QDict, where: string, gs?: GState): void {
    if (++this.depth > 16) throw new Error('form XObjects nested too deep');
    const x = this.pdf.dict(ref) ?? {};
    const group = this.pdf.dict(x['/Group']);
    this.events.push({ kind: 'form', ref, group: group ? this.spaceOf(group['/CS'], parentResources) : undefined, where });
    const resources = this.pdf.dict(x['/Resources']) ?? parentResources;
    this.run(this.pdf.streamData(ref) ?? new Uint8Array(), resources, { owner: ref, formDepth: this.depth }, gs);
    this.depth--;
  }

  /** A colour space operand's family: a device space, or a resource's. */
  private colourSpace(name: string, resources: QDict): string {
    if (['DeviceCMYK', 'DeviceRGB', 'DeviceGray', 'Pattern'].includes(name)) return name;
    const v = this.pdf.resource(resources, 'ColorSpace', name);
    return v === undefined ? `undefined resource ${name}` : this.spaceOf(v, resources) ?? '?';
  }

  spaceOf(v: QValue | undefined, resources: QDict): string | undefined {
    if (v === undefined) return undefined;
    const d = this.pdf.get(v);
    const n = nameOf(d as QValue);
    if (n) return ['DeviceCMYK', 'DeviceRGB', 'DeviceGray', 'Pattern'].includes(n) ? n : this.colourSpace(n, resources);
    const a = this.pdf.array(v);
    if (a) {
      const family = nameOf(this.pdf.get(a[0]) as QValue) ?? '?';
      if (family === 'ICCBased') return `ICCBased/${this.pdf.number(this.pdf.dict(a[1])?.['/N']) ?? '?'}`;
      return family;
    }
    return '?';
  }
}
