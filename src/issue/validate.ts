/**
 * Validate a YAML syntax tree against a schema (`schema.ts`), keeping the position of
 * every problem and of every value that passed, so later stages can point back into
 * the file too.
 */
import {
  isAlias,
  isMap,
  isScalar,
  isSeq,
  type Document,
  type LineCounter,
  type Node,
  type Scalar,
  type YAMLMap,
} from 'yaml';
import { printable, type Problem } from './problem.js';
import {
  expectedWords,
  type ChoiceSchema,
  type ListSchema,
  type RecordSchema,
  type Schema,
  type TextSchema,
} from './schema.js';
import { suggest } from './suggest.js';
import { visible } from './text.js';

/** Aliases resolved in one file before it is refused as an alias bomb. */
const MAX_ALIASES = 200;
/** Nesting deeper than any issue file needs; also stops alias cycles. */
const MAX_DEPTH = 32;
/**
 * Characters of text in one file, each alias counted as the text it repeats:
 * a hundred times issue 91's (a build of 11 s and 600 MB). Without aliases a
 * file under the size limit rarely holds more; with them, a 3 MB file could stand
 * for 50 million characters.
 */
export const MAX_TEXT_CHARS = 1_000_000;

export interface Validation<T> {
  value: T | undefined;
  problems: Problem[];
  /** The node each validated path came from: `sections[0].articles[1].body` → node. */
  nodes: Map<string, Node>;
}

export function validateDocument<T>(
  doc: Document,
  schema: Schema,
  file: string,
  lines: LineCounter,
): Validation<T> {
  const v = new Validator(doc, file, lines);
  const contents = doc.contents as Node | null;
  const value = contents === null ? v.emptyFile(schema) : v.check(contents, schema, '', 0);
  return { value: value as T | undefined, problems: v.problems, nodes: v.nodes };
}

class Validator {
  readonly problems: Problem[] = [];
  readonly nodes = new Map<string, Node>();
  private aliases = 0;
  /** Characters of text validated so far, aliases counted as what they repeat. */
  private chars = 0;
  /** The schema each path was checked against: its description is the hint for a problem there. */
  private readonly schemas = new Map<string, Schema>();

  constructor(
    private readonly doc: Document,
    private readonly file: string,
    private readonly lines: LineCounter,
  ) {}

  emptyFile(schema: Schema): undefined {
    this.problems.push({
      severity: 'error',
      file: this.file,
      line: 1,
      col: 1,
      path: '',
      message: `the file is empty; expected ${expectedWords(schema)}`,
      hint: 'an editor may have saved it empty; `bulletin init` writes a new issue to start from',
    });
    return undefined;
  }

  report(node: Node | null | undefined, path: string, message: string, hint?: string): undefined {
    const offset = node?.range?.[0] ?? 0;
    const { line, col } = this.lines.linePos(offset);
    this.problems.push({
      severity: 'error',
      file: this.file,
      line,
      col,
      path: printable(path),
      message: printable(message),
      hint: printable(hint ?? this.describe(path)),
    });
    return undefined;
  }

  /** Every problem comes with a hint: at least what the key holds (issue-format.md). */
  private describe(path: string): string {
    const description = this.schemas.get(path)?.description;
    const key = /([^.[\]]+)(?:\[\d+\])*$/.exec(path)?.[1];
    if (description && key) return `${key} is ${lowerFirst(description)}`;
    return 'issue-format.md describes every key; `bulletin init` writes an issue to compare with';
  }

  /** `via`: the alias this node was reached through, where text it repeats is counted. */
  check(input: Node, schema: Schema, path: string, depth: number, via?: Node): unknown {
    const node = this.resolve(input, path);
    if (node === undefined) return undefined;
    const alias = isAlias(input) ? input : via;
    this.schemas.set(path, schema);
    if (depth > MAX_DEPTH) return this.report(node, path, 'nested too deeply');
    this.nodes.set(path, node);
    switch (schema.kind) {
      case 'text': {
        const value = this.text(node, schema, path);
        return value === undefined ? undefined : this.counted(value, alias ?? node, path);
      }
      case 'integer':
      case 'number':
        return this.number(node, schema, path);
      case 'boolean':
        return isScalar(node) && typeof node.value === 'boolean'
          ? node.value
          : this.report(node, path, `expected ${expectedWords(schema)}`);
      case 'enum': {
        const value = isScalar(node) ? node.value : undefined;
        if (typeof value === 'string' && schema.values.includes(value)) return value;
        const near = typeof value === 'string' ? suggest(value, schema.values) : undefined;
        return this.report(
          node,
          path,
          `expected ${expectedWords(schema)}` + (near ? `; did you mean "${near}"?` : ''),
        );
      }
      case 'list':
        return this.list(node, schema, path, depth, alias);
      case 'record':
        return this.record(node, schema, path, depth, alias);
      case 'choice':
        return this.choice(node, schema, path, depth, alias);
    }
  }

  /** A text counted against the file's characters; past MAX_TEXT_CHARS, refused at the alias that repeats it. */
  private counted(value: string, at: Node, path: string): string | undefined {
    const before = this.chars;
    this.chars += value.length;
    if (this.chars <= MAX_TEXT_CHARS) return value;
    if (before <= MAX_TEXT_CHARS) {
      const repeated = isAlias(at);
      this.report(
        at,
        path,
        `more than ${MAX_TEXT_CHARS} characters of text in the file${repeated ? ', counting the text each alias repeats' : ''}; refused`,
        repeated ? 'an alias (*name) prints all the text of its anchor (&name) again: write each text once' : 'an issue holds far less (issue 91 has 9000): split the text into several issues',
      );
    }
    return undefined;
  }

  private resolve(node: Node, path: string): Node | undefined {
    if (!isAlias(node)) return node;
    if (++this.aliases > MAX_ALIASES) {
      if (this.aliases === MAX_ALIASES + 1) {
        this.report(node, path, `more than ${MAX_ALIASES} aliases; refused as an alias bomb`);
      }
      return undefined;
    }
    const target = node.resolve(this.doc) as Node | undefined;
    if (!target) {
      return this.report(node, path, `unknown alias *${node.source}`, `YAML reads * as an alias; for text that starts with *, put it in quotes: "*${node.source}"`);
    }
    return target;
  }

  private text(node: Node, schema: TextSchema, path: string): string | undefined {
    if (!isScalar(node) || node.value === null) {
      return this.report(node, path, `expected ${expectedWords(schema)}`);
    }
    if (typeof node.value !== 'string') {
      // YAML reads `68933000` as a number and `0371` loses its zero: text must be quoted.
      const written = scalarSource(node) ?? String(node.value);
      return this.report(node, path, `expected ${expectedWords(schema)}, found ${typeof node.value} ${written}`, `put it in quotes: "${written}"`);
    }
    const value = node.value;
    // Empty is empty once what prints as nothing is taken away.
    if (schema.minLength !== undefined && visible(value).trim().length < schema.minLength) {
      return this.report(node, path, 'expected text, found an empty value');
    }
    const length = schema.maxLength ? [...visible(value).trim()].length : 0;
    if (schema.maxLength && length > schema.maxLength.chars) {
      return this.report(node, path, `${length} characters; at most ${schema.maxLength.chars} are taken here`, schema.maxLength.hint);
    }
    if (schema.pattern && !schema.pattern.regex.test(value)) {
      return this.report(node, path, `expected ${schema.pattern.expected}, found "${value}"`);
    }
    const wrong = schema.check?.(value);
    if (wrong) return this.report(node, path, wrong);
    return value;
  }

  private number(node: Node, schema: Schema & { kind: 'integer' | 'number' }, path: string) {
    const value = isScalar(node) ? node.value : undefined;
    const expected = `expected ${expectedWords(schema)}`;
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      return this.report(node, path, expected + (isScalar(node) && node.value !== null ? `, found "${scalarSource(node) ?? String(node.value)}"` : ''));
    }
    if (schema.kind === 'integer') {
      if (!Number.isInteger(value)) return this.report(node, path, `${expected}, found ${value}`);
      if (schema.minimum !== undefined && value < schema.minimum) {
        return this.report(node, path, schema.minimum === 1 ? `${expected}, found ${value}` : `at least ${schema.minimum}, found ${value}`);
      }
      if (schema.maximum !== undefined && value > schema.maximum) {
        // As written when JavaScript would write it otherwise (99999999999999999999999 is 1e+23 to it).
        const written = /e/i.test(String(value)) && isScalar(node) ? (scalarSource(node) ?? String(value)) : String(value);
        return this.report(node, path, `at most ${schema.maximum}, found ${written}`);
      }
    } else {
      if (schema.above !== undefined && value <= schema.above) {
        return this.report(node, path, `must be more than ${schema.above}, found ${value}`);
      }
      if (schema.minimum !== undefined && value < schema.minimum) {
        return this.report(node, path, `at least ${schema.minimum}, found ${value}`);
      }
      if (schema.maximum !== undefined && value > schema.maximum) {
        return this.report(node, path, `at most ${schema.maximum}, found ${value}`);
      }
    }
    return value;
  }

  private list(node: Node, schema: ListSchema, path: string, depth: number, via?: Node): unknown[] | undefined {
    if (!isSeq(node)) return this.report(node, path, `expected ${expectedWords(schema)}`);
    if (schema.minItems !== undefined && node.items.length < schema.minItems) {
      return this.report(node, path, schema.minItems === 1 ? 'the list is empty' : `expected ${schema.minItems} items, found ${node.items.length}`);
    }
    if (schema.maxItems !== undefined && node.items.length > schema.maxItems) {
      return this.report(node, path, `expected at most ${schema.maxItems} items, found ${node.items.length}`);
    }
    const out: unknown[] = [];
    let ok = true;
    node.items.forEach((item, i) => {
      const value = this.check(item as Node, schema.items, `${path}[${i}]`, depth + 1, via);
      if (value === undefined) ok = false;
      out.push(value);
    });
    return ok ? out : undefined;
  }

  private record(
    node: Node,
    schema: RecordSchema,
    path: string,
    depth: number,
    via?: Node,
  ): Record<string, unknown> | undefined {
    if (!isMap(node)) {
      return this.report(node, path, `expected ${expectedWords(schema)}`);
    }
    const out: Record<string, unknown> = {};
    const seen = new Map<string, Node>();
    const known = Object.keys(schema.properties);
    let ok = true;
    for (const pair of node.items) {
      const keyNode = pair.key as Node | null;
      const key = isScalar(keyNode) ? String(keyNode.value) : undefined;
      const keyPath = join(path, key ?? '?');
      if (key === undefined) {
        this.report(keyNode ?? node, path, 'expected a plain key', 'keys are plain words followed by a colon and a space, such as title: ');
        ok = false;
        continue;
      }
      const earlier = seen.get(key);
      if (earlier) {
        const { line } = this.lines.linePos(earlier.range?.[0] ?? 0);
        this.report(keyNode, keyPath, `duplicate key "${key}" (first given on line ${line})`, 'a key is given once in each mapping; keep the one you mean');
        ok = false;
        continue;
      }
      seen.set(key, keyNode as Node);
      const property = schema.properties[key];
      if (!property) {
        const near = suggest(key, known);
        this.report(
          keyNode,
          keyPath,
          `unknown key "${key}"` + (near ? `; did you mean "${near}"?` : ''),
          `known keys here: ${known.join(', ')}`,
        );
        ok = false;
        continue;
      }
      const valueNode = pair.value as Node | null;
      if (valueNode === null) {
        this.report(keyNode, keyPath, `expected ${expectedWords(property)}, found nothing`, property.description ? `${key} is ${lowerFirst(property.description)}` : undefined);
        ok = false;
        continue;
      }
      const value = this.check(valueNode, property, keyPath, depth + 1, via);
      if (value === undefined) ok = false;
      else out[key] = value;
    }
    for (const key of schema.required) {
      if (!seen.has(key)) {
        const description = schema.properties[key]?.description;
        this.report(node, path, `missing required key "${key}"`, `add ${key}: here${description ? `; it is ${lowerFirst(description)}` : ''}`);
        ok = false;
      }
    }
    return ok ? out : undefined;
  }

  private choice(node: Node, schema: ChoiceSchema, path: string, depth: number, via?: Node): unknown {
    const option = pickOption(node, schema);
    if (!option) return this.report(node, path, `expected ${schema.expected}`);
    return this.check(node, option, path, depth, via);
  }
}

function lowerFirst(text: string): string {
  return /^[A-Z][a-z]/.test(text) ? text[0]!.toLowerCase() + text.slice(1) : text;
}

/** Choose the variant a node means, by its kind and, for mappings, by their keys. */
function pickOption(node: Node, schema: ChoiceSchema): Schema | undefined {
  const options = schema.options;
  if (isScalar(node)) return options.find((o) => o.kind === 'text' || o.kind === 'integer');
  if (isSeq(node)) return options.find((o) => o.kind === 'list');
  if (!isMap(node)) return undefined;
  const records = options.filter((o): o is RecordSchema => o.kind === 'record');
  if (records.length === 1) return records[0];
  const keys = mapKeys(node);
  return records.find((r) => r.required.some((k) => keys.includes(k)));
}

function mapKeys(node: YAMLMap): string[] {
  return node.items.flatMap((p) => (isScalar(p.key) ? [String(p.key.value)] : []));
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

/** The text of a plain scalar as written, so `68933000` or `0371` keep their digits. */
function scalarSource(node: Scalar): string | undefined {
  return typeof node.source === 'string' ? node.source : undefined;
}
