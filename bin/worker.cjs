'use strict';
/**
 * A batch build worker (piscina): the bundle's task with its code cache when the
 * bundle is there (bin/load.cjs), else the modules of dist/.
 */
const path = require('node:path');
const { pathToFileURL } = require('node:url');

const bundled = require('./load.cjs').load();

module.exports = bundled
  ? bundled.buildTask
  : async (task) => (await import(pathToFileURL(path.join(__dirname, '..', 'dist', 'batch', 'worker.js')).href)).default(task);
