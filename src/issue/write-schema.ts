/** `npm run schema`: writes schema/*.schema.json from the issue file's definition. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { schemaFiles } from './json-schema.js';

const dir = fileURLToPath(new URL('../../schema/', import.meta.url));
mkdirSync(dir, { recursive: true });
for (const [name, text] of Object.entries(schemaFiles())) {
  writeFileSync(`${dir}${name}`, text);
  process.stdout.write(`schema/${name}\n`);
}
