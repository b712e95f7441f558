'use strict';
/**
 * Load the bundled CLI (dist/bulletin.cjs) with V8's code cache for it
 * (dist/bulletin.cjs.cache), both made by `npm install` (src/prepare.ts). A cache
 * made by another Node version is rejected by V8 and the bundle is compiled as
 * usual. Returns null when there is no bundle or it is older than dist/bundle.js
 * (tsc has run since): then bin/bulletin runs the modules of dist/.
 */
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const { createRequire } = require('node:module');
const { isAscii } = require('node:buffer');

function load() {
  const dist = path.join(__dirname, '..', 'dist');
  const file = path.join(dist, 'bulletin.cjs');
  const cacheFile = `${file}.cache`;
  let source;
  try {
    if (fs.statSync(file).mtimeMs < fs.statSync(path.join(dist, 'bundle.js')).mtimeMs) return null;
    // The bundle is written in ASCII (src/prepare.ts): read as Latin-1 it becomes a
    // one-byte string without decoding UTF-8, half the memory of a two-byte one.
    const bytes = fs.readFileSync(file);
    source = isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
  } catch {
    return null;
  }
  const writing = process.env.BULLETIN_CODE_CACHE === 'write';
  let cachedData;
  if (!writing) {
    try {
      cachedData = fs.readFileSync(cacheFile);
    } catch {
      cachedData = undefined;
    }
  }
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: file,
    ...(cachedData ? { cachedData } : {}),
  });
  const mod = { exports: {} };
  script.runInThisContext().call(mod.exports, mod.exports, createRequire(file), mod, file, dist);
  return {
    main: mod.exports.main,
    buildTask: mod.exports.buildTask,
    /** After a run: keep what V8 compiled during it, for the next start. */
    done() {
      if (!writing) return;
      const temp = `${cacheFile}.${process.pid}.tmp`;
      fs.writeFileSync(temp, script.createCachedData());
      fs.renameSync(temp, cacheFile);
    },
  };
}

module.exports = { load };
