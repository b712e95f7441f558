/**
 * The JSON Schema of the issue file, generated from the same definition the loader
 * validates with (`definition.ts`). `npm run schema` writes it to
 * `schema/issue.schema.json`; a test fails when the committed copy is stale.
 */
import { issueSchema, publicationSchema } from './definition.js';
import type { Schema } from './schema.js';

type Json = { [key: string]: unknown };

export function toJsonSchema(schema: Schema): Json {
  const doc = schema.description === undefined ? {} : { description: schema.description };
  switch (schema.kind) {
    case 'text':
      return {
        type: 'string',
        ...doc,
        ...(schema.minLength ? { minLength: schema.minLength } : {}),
        ...(schema.maxLength ? { maxLength: schema.maxLength.chars } : {}),
        // The loader trims before it counts: text of spaces only is empty.
        ...(schema.pattern
          ? { pattern: schema.pattern.regex.source }
          : schema.minLength
            ? { pattern: '\\S' }
            : {}),
        ...(schema.format ? { format: schema.format } : {}),
      };
    case 'integer':
      return {
        type: 'integer',
        ...doc,
        ...(schema.minimum === undefined ? {} : { minimum: schema.minimum }),
        ...(schema.maximum === undefined ? {} : { maximum: schema.maximum }),
      };
    case 'number':
      return {
        type: 'number',
        ...doc,
        ...(schema.above === undefined ? {} : { exclusiveMinimum: schema.above }),
        ...(schema.minimum === undefined ? {} : { minimum: schema.minimum }),
        ...(schema.maximum === undefined ? {} : { maximum: schema.maximum }),
      };
    case 'boolean':
      return { type: 'boolean', ...doc };
    case 'enum':
      return { enum: [...schema.values], ...doc };
    case 'list':
      return {
        type: 'array',
        ...doc,
        items: toJsonSchema(schema.items),
        ...(schema.minItems === undefined ? {} : { minItems: schema.minItems }),
        ...(schema.maxItems === undefined ? {} : { maxItems: schema.maxItems }),
      };
    case 'record':
      return {
        type: 'object',
        ...doc,
        properties: Object.fromEntries(
          Object.entries(schema.properties).map(([k, v]) => [k, toJsonSchema(v)]),
        ),
        ...(schema.required.length > 0 ? { required: [...schema.required] } : {}),
        additionalProperties: false,
      };
    case 'choice':
      return { ...doc, oneOf: schema.options.map(toJsonSchema) };
  }
}

/** The schema files written to `schema/`, by name. */
export function schemaFiles(): Record<string, string> {
  const file = (title: string, schema: Schema) =>
    `${JSON.stringify(
      { $schema: 'https://json-schema.org/draft/2020-12/schema', title, ...toJsonSchema(schema) },
      null,
      2,
    )}\n`;
  return {
    'issue.schema.json': file('bulletin issue file', issueSchema),
    'publication.schema.json': file('bulletin publication file', publicationSchema),
  };
}
