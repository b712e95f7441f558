/**
 * The batch runner reads each issue once: the load that weighs whether its PDF is
 * up to date is the load it is built from (the loader is counted here, in process);
 * and it starts a worker pool only for two issues or more to build (the pool is
 * replaced here by one that runs the worker's task in this process, and counted).
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

const loads = vi.hoisted(() => new Map<string, number>());

vi.mock('../issue/index.js', async (original) => {
  const actual = await original<typeof import('../issue/index.js')>();
  return {
    ...actual,
    loadIssue: (file: string) => {
      loads.set(file, (loads.get(file) ?? 0) + 1);
      return actual.loadIssue(file);
    },
  };
});

const pools = vi.hoisted(() => ({ made: 0, tasks: 0 }));

vi.mock('piscina', () => ({
  Piscina: class {
    constructor() {
      pools.made++;
    }
    async run(task: import('./worker.js').Task) {
      pools.tasks++;
      // A worker thread that dies (out of memory, a native crash) rejects its task.
      if (task.output.includes('dies')) throw new Error('worker terminated');
      const { default: build } = await import('./worker.js');
      return build(task);
    }
    async destroy() {}
  },
}));

const { runBatch } = await import('./run.js');

const root = path.resolve(import.meta.dirname, '..', '..');
let dir: string;

function issue(n: number): string {
  return `publication: publication.yaml
issue:
  number: ${n}
  period: 2020年${n}月
  printed: 2020-0${n}-16
sections:
  - title: 本月关注
    articles:
      - title: 第${n}期
        body: |
          ${'区委召开常委会议研究部署下一阶段工作。'.repeat(3)}
colophon:
  copies: 130
`;
}

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'bulletin-run-'));
  cpSync(path.join(root, 'issues', 'publication.yaml'), path.join(dir, 'publication.yaml'));
  for (const n of [1, 2]) writeFileSync(path.join(dir, `issue-${n}.yaml`), issue(n));
  writeFileSync(path.join(dir, 'issue-3.yaml'), issue(3).replace('number: 3', 'number: three'));
  mkdirSync(path.join(dir, 'out'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('runBatch', () => {
  it('loads each issue once to weigh and build it; once more only to report a broken one', async () => {
    const jobs = [1, 2, 3].map((n) => ({ input: path.join(dir, `issue-${n}.yaml`), output: path.join(dir, 'out', `issue-${n}.pdf`) }));
    const layout = {};
    const built = await runBatch(jobs, { layout, jobs: 1, force: false }, () => {});
    expect(built.map((r) => [r.skipped, r.pages > 0, r.errors.length > 0])).toEqual([
      [false, true, false],
      [false, true, false],
      [false, false, true],
    ]);
    expect(jobs.map((j) => loads.get(j.input))).toEqual([1, 1, 2]);

    loads.clear();
    const again = await runBatch(jobs, { layout, jobs: 1, force: false }, () => {});
    expect(again.map((r) => r.skipped)).toEqual([true, true, false]);
    expect(jobs.map((j) => loads.get(j.input))).toEqual([1, 1, 2]);
  });

  it('builds on the pool from two issues to build, each loaded once there too; one alone is built here', async () => {
    const jobs = [1, 2, 3].map((n) => ({ input: path.join(dir, `issue-${n}.yaml`), output: path.join(dir, 'pool', `issue-${n}.pdf`) }));
    const layout = {};
    loads.clear();
    pools.made = 0;
    pools.tasks = 0;
    const built = await runBatch(jobs, { layout, jobs: 2, force: false }, () => {});
    expect(built.map((r) => [r.skipped, r.pages > 0, r.errors.length > 0])).toEqual([
      [false, true, false],
      [false, true, false],
      [false, false, true],
    ]);
    expect(pools).toEqual({ made: 1, tasks: 3 });
    // The issue went with the task: the worker did not load it again (the broken one has no load to send).
    expect(jobs.map((j) => loads.get(j.input))).toEqual([1, 1, 2]);

    // Two up to date, the broken one to build again: alone, it is built without a pool.
    const again = await runBatch(jobs, { layout, jobs: 2, force: false }, () => {});
    expect(again.map((r) => r.skipped)).toEqual([true, true, false]);
    expect(pools).toEqual({ made: 1, tasks: 3 });
  });

  it('an exception while one issue is built in this thread is that issue\'s record, an internal error', async () => {
    const { buildFile } = await import('../build.js');
    const { FontSet } = await import('../fonts/index.js');
    const broken = new FontSet();
    // The issue's fonts are resolved for its style first of all (FontSet.forStyle).
    broken.forStyle = () => {
      throw new TypeError('a fault of the program');
    };
    const r = await buildFile(path.join(dir, 'issue-1.yaml'), path.join(dir, 'out', 'fault.pdf'), broken);
    expect(r.errors.map((e) => e.message)).toEqual(['internal error: a fault of the program']);
    expect(r.internal).toMatch(/^TypeError: a fault of the program/);
  });

  it('a worker that dies fails its issue alone, as an internal error recorded against it; the others build', async () => {
    const jobs = [1, 2].map((n) => ({ input: path.join(dir, `issue-${n}.yaml`), output: path.join(dir, n === 1 ? 'dies' : 'lives', `issue-${n}.pdf`) }));
    const heard: string[] = [];
    const built = await runBatch(jobs, { layout: {}, jobs: 2, force: true }, (r) => heard.push(r.input));
    expect(built.map((r) => [r.pages > 0, r.errors.map((e) => e.message), r.internal !== undefined])).toEqual([
      [false, ['internal error: worker terminated'], true],
      [true, [], false],
    ]);
    expect(built[0]!.errors[0]).toMatchObject({ file: jobs[0]!.input, hint: 'run again with --debug for details, and report it' });
    expect(heard.sort()).toEqual(jobs.map((j) => j.input).sort());
  });
});
