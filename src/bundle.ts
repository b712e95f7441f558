/** What dist/bulletin.cjs exports (src/prepare.ts): the CLI, and the batch worker's task. */
import type { BuildRecord } from './build.js';
import type { Task } from './batch/worker.js';

export { main } from './cli.js';

/** The worker's task, loaded on first use: the CLI alone (`--help`, `check`) does not load the writer. */
export async function buildTask(task: Task): Promise<BuildRecord> {
  const { default: build } = await import('./batch/worker.js');
  return build(task);
}
