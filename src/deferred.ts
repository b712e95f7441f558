/**
 * A rolldown plugin for the bundle (src/prepare.ts) that cuts the start-up work
 * of the dependencies, which they do when their module loads:
 * - what a build never needs is deferred to first use (about 22 ms of a cold
 *   build, and half the code cache: brotli's dictionary is a 122 000-element
 *   array literal). Each still works when used — a WOFF2 font, an Arabic or
 *   Indic run, a Latin word to break, an encrypted PDF, a subcommand run as a
 *   program — it is only made then;
 * - the Unicode tables that are needed (unicode-properties, for every character
 *   class) are inflated by Node's zlib instead of tiny-inflate, a JavaScript
 *   inflater that takes some 17 ms for them in a cold process. Inflating is
 *   exact: the tables are the same bytes either way.
 * Every edit names the text it replaces and must find it as often as expected:
 * an update of a dependency that moves it stops `npm install` here rather than
 * silently bundling the slow code.
 */
const EDITS: { module: string; why: string; from: string | RegExp; to: string; count: number }[] = [
  {
    module: 'fontkit/dist/module.mjs',
    why: 'to defer brotli, for WOFF2 fonts only',
    from: 'import $52ZIf$brotlidecompressjs from "brotli/decompress.js";',
    to: 'const $52ZIf$brotlidecompressjs = (...args) => require("brotli/decompress.js")(...args);',
    count: 1,
  },
  {
    module: 'fontkit/dist/module.mjs',
    why: "to defer the Arabic, Indic and Universal shapers' character tables",
    from: /^const (\$\w+\$var\$trie) = (new \(0, \$52ZIf\$unicodetrie\)\(.*\));$/gm,
    to: 'const $1 = $bulletinLazyTrie(() => $2);',
    count: 3,
  },
  {
    module: 'linebreak/dist/module.mjs',
    why: 'to defer the UAX #14 line-break table, used for Latin words with hyphens or slashes (paragraph/items.ts) and by pdfkit text()',
    from: /^const (\$\w+\$var\$classTrie) = (new \$hJqJp\$unicodetrie\(\$\w+\$var\$data\));$/gm,
    to: 'const $1 = $bulletinLazyTrie(() => $2);',
    count: 1,
  },
  {
    module: 'pdfkit/js/pdfkit.node.mjs',
    why: 'to defer AES, for encrypted PDFs only',
    from: "import { cbc, ecb } from '@noble/ciphers/aes';",
    to: "const cbc = (...args) => require('@noble/ciphers/aes').cbc(...args);\nconst ecb = (...args) => require('@noble/ciphers/aes').ecb(...args);",
    count: 1,
  },
  {
    module: 'commander/lib/command.js',
    why: "to defer child_process, for commander's executable subcommands (bulletin has none)",
    from: "const childProcess = require('node:child_process');",
    to: "const childProcess = { spawn: (...args) => require('node:child_process').spawn(...args) };",
    count: 1,
  },
  {
    module: 'unicode-trie/index.js',
    why: 'to inflate Unicode tables natively (same bytes as tiny-inflate, which returns a copy of the part it filled)',
    from: "const inflate = require('tiny-inflate');",
    to: "const inflate = (source, dest) => { const out = require('zlib').inflateRawSync(source); dest.set(out); return out.length < dest.length ? dest.slice(0, out.length) : dest; };",
    count: 1,
  },
];

/** A trie made on its first lookup (the modules above only ever call get()). */
const LAZY_TRIE = 'const $bulletinLazyTrie = (make) => { let trie; return { get: (cp) => (trie ??= make()).get(cp) }; };\n';

export function deferred(): { name: string; transform(code: string, id: string): string | null } {
  return {
    name: 'bulletin-deferred',
    transform(code, id) {
      const edits = EDITS.filter((d) => id.replaceAll('\\', '/').endsWith(`node_modules/${d.module}`));
      if (edits.length === 0) return null;
      let out = code;
      for (const d of edits) {
        const found = typeof d.from === 'string' ? out.split(d.from).length - 1 : [...out.matchAll(d.from)].length;
        if (found !== d.count) {
          throw new Error(`prepare: expected ${d.count} × ${String(d.from).slice(0, 60)} in ${d.module} (${d.why}), found ${found}`);
        }
        out = typeof d.from === 'string' ? out.replaceAll(d.from, () => d.to) : out.replace(d.from, d.to);
      }
      return out.includes('$bulletinLazyTrie(') ? LAZY_TRIE + out : out;
    },
  };
}

