/**
 * Progress of a batch: a bar redrawn in place on a terminal, a plain line per issue
 * otherwise (a log, a script), nothing with --quiet.
 */
/** What became of an issue. */
export type Outcome = 'built' | 'up to date' | 'failed';

export interface Progress {
  done(label: string, outcome: Outcome): void;
  finish(): void;
}

export function progressFor(total: number, stream: NodeJS.WriteStream, mode: 'bar' | 'lines' | 'quiet'): Progress {
  let count = 0;
  if (mode === 'quiet') return { done: () => {}, finish: () => {} };
  if (mode === 'lines') {
    return {
      done: (label, outcome) => {
        count++;
        stream.write(`[${count}/${total}] ${outcome} ${label}\n`);
      },
      finish: () => {},
    };
  }
  const width = 30;
  const draw = (label: string) => {
    const filled = Math.round((count / total) * width);
    const line = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${count}/${total} ${label}`;
    stream.write(`\r${line.slice(0, (stream.columns || 80) - 1).padEnd(Math.min((stream.columns || 80) - 1, 79))}`);
  };
  draw('');
  return {
    done: (label) => {
      count++;
      draw(label);
    },
    finish: () => stream.write('\n'),
  };
}
