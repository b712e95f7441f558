/**
 * A small schema language for the issue file. One definition (`definition.ts`) is
 * used twice: by the validator, which walks the YAML syntax tree so that every error
 * keeps its file, line and column, and by the JSON Schema generator, which writes
 * `schema/issue.schema.json` for editors. The two cannot disagree because there is
 * only one definition.
 *
 * A hand-written language rather than a general validation library: the validator
 * must read YAML nodes (positions, duplicate keys, key suggestions) rather than plain
 * values, and the messages must speak to an editor ("expected text"), not a programmer.
 */

export interface Doc {
  /** Shown in editors (JSON Schema `description`) and in the documentation. */
  description?: string;
}

export interface TextSchema extends Doc {
  kind: 'text';
  /** A pattern the whole text must match, with the words used when it does not. */
  pattern?: { regex: RegExp; expected: string };
  /** An extra check on a well-formed value; returns an error message or null. */
  check?: (value: string) => string | null;
  /** Smallest length after trimming; 1 refuses empty text. */
  minLength?: number;
  /** Most characters (code points after trimming), with what to do about more. */
  maxLength?: { chars: number; hint: string };
  /** JSON Schema `format`, for editors only. */
  format?: string;
}

export interface IntegerSchema extends Doc {
  kind: 'integer';
  minimum?: number;
  maximum?: number;
}

export interface NumberSchema extends Doc {
  kind: 'number';
  /** Exclusive lower bound. */
  above?: number;
  /** Inclusive lower bound. */
  minimum?: number;
  maximum?: number;
}

export interface BooleanSchema extends Doc {
  kind: 'boolean';
}

export interface EnumSchema<V extends string = string> extends Doc {
  kind: 'enum';
  values: readonly V[];
}

export interface ListSchema<I extends Schema = Schema> extends Doc {
  kind: 'list';
  items: I;
  minItems?: number;
  maxItems?: number;
}

export type Properties = Record<string, Schema>;

export interface RecordSchema<P extends Properties = Properties, R extends keyof P = keyof P>
  extends Doc {
  kind: 'record';
  properties: P;
  required: readonly R[];
}

/**
 * One of several shapes, told apart by the YAML node: a scalar, a list or a mapping,
 * and among mappings by a key that only one variant has (`heading`, `image`, `note`).
 */
export interface ChoiceSchema<O extends readonly Schema[] = readonly Schema[]> extends Doc {
  kind: 'choice';
  options: O;
  /** How the choice is named in an error: "text or a list of paragraphs". */
  expected: string;
}

export type Schema =
  | TextSchema
  | IntegerSchema
  | NumberSchema
  | BooleanSchema
  | EnumSchema
  | ListSchema
  | RecordSchema
  | ChoiceSchema;

/** The TypeScript type of a value that passed a schema. */
export type Infer<S> = S extends TextSchema
  ? string
  : S extends IntegerSchema | NumberSchema
    ? number
    : S extends BooleanSchema
      ? boolean
      : S extends EnumSchema<infer V>
        ? V
        : S extends ListSchema<infer I>
          ? Infer<I>[]
          : S extends RecordSchema<infer P, infer R>
            ? Simplify<{ [K in R]: Infer<P[K]> } & { [K in Exclude<keyof P, R>]?: Infer<P[K]> }>
            : S extends ChoiceSchema<infer O>
              ? Infer<O[number]>
              : never;

type Simplify<T> = { [K in keyof T]: T[K] } & {};

export const text = (options: Omit<TextSchema, 'kind'> = {}): TextSchema => ({
  kind: 'text',
  ...options,
});

export const integer = (options: Omit<IntegerSchema, 'kind'> = {}): IntegerSchema => ({
  kind: 'integer',
  ...options,
});

export const number = (options: Omit<NumberSchema, 'kind'> = {}): NumberSchema => ({
  kind: 'number',
  ...options,
});

export const boolean = (options: Omit<BooleanSchema, 'kind'> = {}): BooleanSchema => ({
  kind: 'boolean',
  ...options,
});

export const oneOf = <const V extends string>(
  values: readonly V[],
  options: Doc = {},
): EnumSchema<V> => ({ kind: 'enum', values, ...options });

export const list = <I extends Schema>(
  items: I,
  options: Omit<ListSchema, 'kind' | 'items'> = {},
): ListSchema<I> => ({ kind: 'list', items, ...options });

export const record = <P extends Properties, const R extends keyof P = never>(
  properties: P,
  options: Doc & { required?: readonly R[] } = {},
): RecordSchema<P, R> => ({
  kind: 'record',
  properties,
  required: options.required ?? [],
  ...(options.description === undefined ? {} : { description: options.description }),
});

export const choice = <const O extends readonly Schema[]>(
  expected: string,
  options: O,
  doc: Doc = {},
): ChoiceSchema<O> => ({ kind: 'choice', options, expected, ...doc });

/** Words for what a schema expects, used in "expected …" messages. */
export function expectedWords(schema: Schema): string {
  switch (schema.kind) {
    case 'text':
      return schema.pattern ? schema.pattern.expected : 'text';
    case 'integer':
      if (schema.minimum === 1) return 'a positive whole number';
      return 'a whole number';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'true or false';
    case 'enum':
      return `one of ${schema.values.map((v) => `"${v}"`).join(', ')}`;
    case 'list':
      return 'a list';
    case 'record':
      return 'a mapping of keys';
    case 'choice':
      return schema.expected;
  }
}
