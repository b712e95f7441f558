/** `npm run schema`: writes schema/*.schema.json from the issue file's definition. */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../paths.js';
import { schemaFiles } from './json-schema.js';

const dir = path.join(ROOT, 'schema') + path.sep;
mkdirSync(dir, { recursive: true });
for (const [name, text] of Object.entries(schemaFiles())) {
  writeFileSync(`${dir}${name}`, text);
  process.stdout.write(`schema/${name}\n`);
}
