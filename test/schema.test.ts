/**
 * The JSON Schemas in schema/ are generated from the loader's own definition
 * (src/issue/definition.ts), so editors and the loader never disagree
 * (issue-format.md). These tests check that the committed files are what the
 * generator writes now, and that the schema accepts what the loader accepts.
 *
 * The schema is checked with a small validator for exactly the keywords the
 * generator emits (it throws on any other keyword), so no JSON Schema library is needed.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schemaFiles } from '../src/issue/json-schema.js';
import { loadIssue } from '../src/issue/load.js';
import { InputError } from '../src/issue/problem.js';
import { png } from './helpers/png.js';

const root = path.resolve(import.meta.dirname, '..');
const generated = schemaFiles();

type Json = Record<string, unknown>;

const issueSchema = JSON.parse(generated['issue.schema.json']!) as Json;
const publicationSchema = JSON.parse(generated['publication.schema.json']!) as Json;

describe('schema/ is up to date', () => {
  it('generates exactly the two schema files', () => {
    expect(Object.keys(generated).sort()).toEqual(['issue.schema.json', 'publication.schema.json']);
  });

  it.each(Object.keys(generated))('schema/%s equals what the definition generates', (name) => {
    const file = path.join(root, 'schema', name);
    let committed: string;
    try {
      committed = readFileSync(file, 'utf8');
    } catch {
      committed = '(missing)';
    }
    expect(committed, `schema/${name} is stale or missing: run \`npm run schema\` and commit the result`).toBe(
      generated[name],
    );
  });

  it('the inline publication of the issue schema is the publication schema', () => {
    const { $schema: _s, title: _t, ...publication } = publicationSchema;
    const options = ((issueSchema.properties as Json).publication as Json).oneOf as Json[];
    expect(options).toContainEqual(publication);
  });
});

/** JSON Schema keywords the generator emits; the validator below refuses any other. */
const KEYWORDS = new Set([
  '$schema', 'title', 'description', 'type', 'properties', 'required', 'additionalProperties',
  'items', 'minItems', 'minLength', 'maxLength', 'pattern', 'format', 'enum', 'oneOf', 'minimum', 'maximum',
  'exclusiveMinimum',
]);

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Where `value` fails `schema` (draft 2020-12 semantics for the keywords above); empty when it passes. */
function schemaErrors(schema: Json, value: unknown, at = '$'): string[] {
  for (const key of Object.keys(schema)) {
    if (!KEYWORDS.has(key)) throw new Error(`the test validator does not know the keyword "${key}" (at ${at})`);
  }
  const out: string[] = [];
  if (Array.isArray(schema.oneOf)) {
    const passing = (schema.oneOf as Json[]).filter((o) => schemaErrors(o, value, at).length === 0).length;
    if (passing !== 1) out.push(`${at}: matches ${passing} of the oneOf options`);
  }
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) out.push(`${at}: not one of ${schema.enum.join(', ')}`);
  switch (schema.type) {
    case undefined:
      break;
    case 'string':
      if (typeof value !== 'string') {
        out.push(`${at}: not a string`);
        break;
      }
      if (typeof schema.minLength === 'number' && [...value].length < schema.minLength) out.push(`${at}: too short`);
      if (typeof schema.maxLength === 'number' && [...value].length > schema.maxLength) out.push(`${at}: too long`);
      if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(value)) {
        out.push(`${at}: does not match ${schema.pattern}`);
      }
      break;
    case 'integer':
    case 'number':
      if (typeof value !== 'number' || (schema.type === 'integer' && !Number.isInteger(value))) {
        out.push(`${at}: not ${schema.type === 'integer' ? 'an integer' : 'a number'}`);
        break;
      }
      if (typeof schema.minimum === 'number' && value < schema.minimum) out.push(`${at}: below ${schema.minimum}`);
      if (typeof schema.maximum === 'number' && value > schema.maximum) out.push(`${at}: above ${schema.maximum}`);
      if (typeof schema.exclusiveMinimum === 'number' && value <= schema.exclusiveMinimum) {
        out.push(`${at}: not above ${schema.exclusiveMinimum}`);
      }
      break;
    case 'boolean':
      if (typeof value !== 'boolean') out.push(`${at}: not true or false`);
      break;
    case 'array':
      if (!Array.isArray(value)) {
        out.push(`${at}: not an array`);
        break;
      }
      if (typeof schema.minItems === 'number' && value.length < schema.minItems) out.push(`${at}: too few items`);
      value.forEach((item, i) => out.push(...schemaErrors(schema.items as Json, item, `${at}[${i}]`)));
      break;
    case 'object': {
      if (!isObject(value)) {
        out.push(`${at}: not an object`);
        break;
      }
      const properties = (schema.properties ?? {}) as Json;
      for (const key of (schema.required ?? []) as string[]) {
        if (!(key in value)) out.push(`${at}: missing ${key}`);
      }
      for (const [key, v] of Object.entries(value)) {
        if (key in properties) out.push(...schemaErrors(properties[key] as Json, v, `${at}.${key}`));
        else if (schema.additionalProperties === false) out.push(`${at}.${key}: not allowed`);
      }
      break;
    }
    default:
      throw new Error(`the test validator does not know the type "${String(schema.type)}"`);
  }
  return out;
}

/**
 * Every key used in `value` appears among the schema's properties at that place;
 * returns the paths of those that do not. Where the schema offers a choice, the
 * option of the value's kind that knows most of its keys is taken.
 */
function keysNotInSchema(schema: Json, value: unknown, at = '$'): string[] {
  if (Array.isArray(schema.oneOf)) {
    const fits = (schema.oneOf as Json[]).filter((o) =>
      Array.isArray(value) ? o.type === 'array' : isObject(value) ? o.type === 'object' : !['array', 'object'].includes(o.type as string),
    );
    if (fits.length === 0) return [`${at}: no option of this kind`];
    return fits.map((o) => keysNotInSchema(o, value, at)).sort((a, b) => a.length - b.length)[0]!;
  }
  if (Array.isArray(value)) {
    if (schema.type !== 'array') return [`${at}: a list, not in the schema`];
    return value.flatMap((item, i) => keysNotInSchema(schema.items as Json, item, `${at}[${i}]`));
  }
  if (isObject(value)) {
    if (schema.type !== 'object') return [`${at}: a mapping, not in the schema`];
    const properties = schema.properties as Json;
    return Object.entries(value).flatMap(([key, v]) =>
      key in properties ? keysNotInSchema(properties[key] as Json, v, `${at}.${key}`) : [`${at}.${key}`],
    );
  }
  return [];
}

const committedIssue = readFileSync(path.join(root, 'issues', 'issue-91.yaml'), 'utf8');
const committedPublication = readFileSync(path.join(root, 'issues', 'publication.yaml'), 'utf8');

describe('the committed files fit the schema', () => {
  it('every key of issues/issue-91.yaml is in the issue schema at that place', () => {
    expect(keysNotInSchema(issueSchema, parse(committedIssue))).toEqual([]);
  });

  it('every key of issues/publication.yaml is in the publication schema at that place', () => {
    expect(keysNotInSchema(publicationSchema, parse(committedPublication))).toEqual([]);
  });

  it('issues/issue-91.yaml is valid against the issue schema', () => {
    expect(schemaErrors(issueSchema, parse(committedIssue))).toEqual([]);
  });

  it('issues/publication.yaml is valid against the publication schema', () => {
    expect(schemaErrors(publicationSchema, parse(committedPublication))).toEqual([]);
  });
});

describe('the test validator is not vacuous', () => {
  it.each([
    ['an unknown key', { ...parse(committedIssue), edition: 1 }, '$.edition: not allowed'],
    ['a missing key', { publication: 'publication.yaml', sections: [] }, '$: missing issue'],
    ['a number for text', { name: 5, editor: 'x' }, '$.name: not a string'],
  ])('refuses %s', (_, value, error) => {
    const schema = error.startsWith('$.name') ? publicationSchema : issueSchema;
    expect(schemaErrors(schema, value)).toContain(error);
  });

  it('finds a key that is not in the schema', () => {
    const value = parse(committedIssue) as Json;
    (value.issue as Json).nubmer = 91;
    expect(keysNotInSchema(issueSchema, value)).toEqual(['$.issue.nubmer']);
  });
});

/** Issue files the loader accepts (with the committed publication file and photo.png beside them). */
const ACCEPTED: Record<string, string> = {
  'issue 91 as committed': committedIssue,
  'the smallest issue': `publication: publication.yaml
issue: {number: 1, period: 2020年2月, printed: 2020-03-16}
sections: [{title: 本月关注, articles: [{title: 标题, body: 正文。}]}]
`,
  'an inline publication': `publication:
  name: 上街史志
  editor: 上街区地方史志办公室编
  colophon: {notice: 内部资料 注意保存, copies: 100}
  style: {preset: gongwen}
issue: {number: 92, period: 2020年3月, printed: 2020-04-10}
sections: [{title: 本月关注, articles: [{title: 标题, body: 正文。}]}]
`,
  'every kind of block, a broken title and a contents wording': `publication: publication.yaml
issue:
  number: 93
  period: 2020年4月
  printed: "2020-05-08"
sections:
  - title: 本月关注
    articles:
      - title: |-
          区委召开常委会（扩大）会议
          研究部署疫情防控工作
        toc: 区委召开常委会（扩大）会议研究部署疫情防控工作
        body:
          - 第一段。
          - heading: 一、小标题
          - image: photo.png
            caption: 图为防疫服务站
          - image: photo.png
          - note: 编者按：这是一则说明。
          - |
            块段落，
            第二行。
`,
  'a colophon and style of its own, key by key': `publication: publication.yaml
issue: {number: 94, period: 2020年5月, printed: 2020-02-29}
sections: [{title: 本月关注, articles: [{title: 标题, body: 正文。}]}]
colophon:
  notice: 内部资料
  distribution: [区委书记, 区长]
  supervisor: 上街区人民政府办公室
  publisher: 上街区地方史志办公室
  phone: "0371-68933000"
  email: 史志办@例子.中国
  copies: 1
style: {preset: default}
`,
  'empty colophon and style mappings': `publication: publication.yaml
issue: {number: 95, period: 2020年6月, printed: 2020-07-01}
sections: [{title: 本月关注, articles: [{title: 标题, body: 正文。}]}]
colophon: {}
style: {}
`,
  'numbers written otherwise, texts with spaces around, aliases': `publication: publication.yaml
issue: {number: 0x60, period: "　2020年7月 ", printed: 2020-08-03}
sections:
  - title: &t 本月关注
    articles: [{title: *t, body: "  正文。  "}]
colophon: {copies: 130.0}
`,
};

describe('the schema accepts what the loader accepts', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'bulletin-schema-'));
    cpSync(path.join(root, 'issues', 'publication.yaml'), path.join(dir, 'publication.yaml'));
    writeFileSync(path.join(dir, 'photo.png'), png(4, 3));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(Object.entries(ACCEPTED))('%s', (name, text) => {
    const file = path.join(dir, `${name.replace(/\W+/g, '-')}.yaml`);
    writeFileSync(file, text);
    expect(() => loadIssue(file)).not.toThrow();
    expect(schemaErrors(issueSchema, parse(text))).toEqual([]);
  });

  it('the publication schema accepts the committed publication file as the loader reads it', () => {
    const file = path.join(dir, 'issue.yaml');
    writeFileSync(file, ACCEPTED['the smallest issue']!);
    expect(loadIssue(file).publicationFile).toBe(path.join(dir, 'publication.yaml'));
    expect(schemaErrors(publicationSchema, parse(committedPublication))).toEqual([]);
  });
});

describe('the schema refuses what the loader refuses for its shape', () => {
  const base = ACCEPTED['the smallest issue']!;
  const cases: [string, string][] = [
    ['an unknown key', base.replace('number: 1', 'nubmer: 1')],
    ['a missing key', base.replace('period: 2020年2月, ', '')],
    ['a number for text', base.replace('period: 2020年2月', 'period: 2020')],
    ['a mapping for text', base.replace('body: 正文。', 'body: {text: 正文。}')],
    ['an empty list', base.replace(/sections: \[.*\]\}\]/, 'sections: []')],
    ['empty text', base.replace('title: 标题', 'title: ""')],
    ['text of spaces', base.replace('title: 标题', 'title: "   "')],
    ['a date in another form', base.replace('2020-03-16', '2020/03/16')],
    ['issue number 0', base.replace('number: 1', 'number: 0')],
    ['issue number 9.5', base.replace('number: 1', 'number: 9.5')],
    ['a preset that does not exist', `${base}style: {preset: gongwne}\n`],
    ['a block with two kinds', base.replace('body: 正文。', 'body: [{heading: 一, note: 二}]')],
    ['a title longer than a few lines (T19)', base.replace('title: 标题', `title: ${'市领导督导我区疫情防控工作'.repeat(8)}`)],
  ];

  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'bulletin-schema-'));
    cpSync(path.join(root, 'issues', 'publication.yaml'), path.join(dir, 'publication.yaml'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(cases)('%s', (_, text) => {
    expect(text).not.toBe(base);
    const file = path.join(dir, 'issue.yaml');
    writeFileSync(file, text);
    expect(() => loadIssue(file)).toThrow(InputError);
    expect(schemaErrors(issueSchema, parse(text))).not.toEqual([]);
  });
});
