/**
 * A rolldown plugin for the bundle (src/prepare.ts). Start-up work a build never
 * needs is deferred to first use: the dependencies
 * initialise these when their module loads (about 22 ms of a cold build, and half
 * the code cache: brotli's dictionary is a 122 000-element array literal). Each
 * still works when used — a WOFF2 font, an Arabic or Indic run, pdfkit's own text
 * wrapping, an encrypted PDF — it is only made then. Every edit names the text it
 * replaces and must find it exactly once: an update of a dependency that moves it
 * stops `npm install` here rather than silently bundling the eager code.
 */
const DEFERRED: { module: string; why: string; from: string | RegExp; to: string; count: number }[] = [
  {
    module: 'fontkit/dist/module.mjs',
    why: 'brotli, for WOFF2 fonts only',
    from: 'import $52ZIf$brotlidecompressjs from "brotli/decompress.js";',
    to: 'const $52ZIf$brotlidecompressjs = (...args) => require("brotli/decompress.js")(...args);',
    count: 1,
  },
  {
    module: 'fontkit/dist/module.mjs',
    why: "the Arabic, Indic and Universal shapers' character tables",
    from: /^const (\$\w+\$var\$trie) = (new \(0, \$52ZIf\$unicodetrie\)\(.*\));$/gm,
    to: 'const $1 = $bulletinLazyTrie(() => $2);',
    count: 3,
  },
  {
    module: 'linebreak/dist/module.mjs',
    why: "the line breaker of pdfkit's text(), which bulletin does not call (it places glyphs itself)",
    from: /^const (\$\w+\$var\$classTrie) = (new \$hJqJp\$unicodetrie\(\$\w+\$var\$data\));$/gm,
    to: 'const $1 = $bulletinLazyTrie(() => $2);',
    count: 1,
  },
  {
    module: 'pdfkit/js/pdfkit.node.mjs',
    why: 'AES, for encrypted PDFs only',
    from: "import { cbc, ecb } from '@noble/ciphers/aes';",
    to: "const cbc = (...args) => require('@noble/ciphers/aes').cbc(...args);\nconst ecb = (...args) => require('@noble/ciphers/aes').ecb(...args);",
    count: 1,
  },
];

/** A trie made on its first lookup (the modules above only ever call get()). */
const LAZY_TRIE = 'const $bulletinLazyTrie = (make) => { let trie; return { get: (cp) => (trie ??= make()).get(cp) }; };\n';

export function deferred(): { name: string; transform(code: string, id: string): string | null } {
  return {
    name: 'bulletin-deferred',
    transform(code, id) {
      const edits = DEFERRED.filter((d) => id.replaceAll('\\', '/').endsWith(`node_modules/${d.module}`));
      if (edits.length === 0) return null;
      let out = code;
      for (const d of edits) {
        const found = typeof d.from === 'string' ? out.split(d.from).length - 1 : [...out.matchAll(d.from)].length;
        if (found !== d.count) {
          throw new Error(`prepare: expected ${d.count} × ${String(d.from).slice(0, 60)} in ${d.module} (to defer ${d.why}), found ${found}`);
        }
        out = typeof d.from === 'string' ? out.replace(d.from, () => d.to) : out.replace(d.from, d.to);
      }
      return out.includes('$bulletinLazyTrie(') ? LAZY_TRIE + out : out;
    },
  };
}

