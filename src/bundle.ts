/** What dist/bulletin.cjs exports (src/prepare.ts): the CLI, and the batch worker's task. */
export { main } from './cli.js';
export { default as buildTask } from './batch/worker.js';
