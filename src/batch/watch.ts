/**
 * `bulletin build --watch`: after the first build, build again whenever an issue
 * file, its publication file (where the style is) or one of its images changes.
 * Runs until interrupted.
 */
import { watch, type FSWatcher } from 'node:fs';
import path from 'node:path';
import { loadIssue } from '../issue/index.js';
import type { Io } from '../cli.js';
import { dependenciesOf } from './state.js';

/** A change is acted on this long after the last of a burst (editors save in steps). */
const SETTLE_MS = 150;

export function watchIssues(files: string[], rebuild: () => Promise<number>, io: Io): Promise<number> {
  return new Promise((resolve) => {
    let watchers: FSWatcher[] = [];
    let timer: NodeJS.Timeout | undefined;
    let running = Promise.resolve();
    const arm = () => {
      for (const w of watchers) w.close();
      // Folders are watched, not files: editors replace a file on save.
      const names = new Set(dependencies(files).map((f) => path.resolve(f)));
      const folders = new Set([...names].map((f) => path.dirname(f)));
      watchers = [...folders].map((folder) =>
        watch(folder, (_event, name) => {
          if (!name || !names.has(path.join(folder, name.toString()))) return;
          clearTimeout(timer);
          timer = setTimeout(() => {
            running = running.then(async () => {
              io.err(`changed: ${name.toString()}; building`);
              try {
                await rebuild();
              } finally {
                arm();
              }
            });
          }, SETTLE_MS);
        }),
      );
      io.err('watching for changes (Ctrl-C to stop)');
    };
    arm();
    const stop = () => {
      for (const w of watchers) w.close();
      clearTimeout(timer);
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void running.then(() => resolve(0));
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

/** The files the issues are built from (state.ts): themselves, their publication files, images and fonts. */
function dependencies(files: string[]): string[] {
  return files.flatMap((file) => {
    try {
      return dependenciesOf(file, loadIssue(file));
    } catch {
      return [file];
    }
  });
}
