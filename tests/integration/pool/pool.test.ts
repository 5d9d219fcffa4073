import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateStrategyConfig } from '../../../shared/config/validate';
import { geneSpecs } from '../../../shared/ga/genes';
import { randomGenome } from '../../../shared/ga/genome';
import { Prng } from '../../../shared/random/prng';
import { BUSY_WORKER_FLAGS, forkSpawner } from '../../../electron/backend/pool/childProcess';
import { InProcessEvaluator } from '../../../electron/backend/pool/evaluator';
import { WorkerPool } from '../../../electron/backend/pool/pool';
import type { EvalTask, RunData } from '../../../electron/backend/pool/protocol';
import { tempDir } from '../../helpers/tmp';
import { gaConfig, seedStore, SYMBOL } from '../runs/fixtures';

const root = resolve(__dirname, '../../..');
const WORKER = join(root, 'out/main/worker.js');
const CRASHING = join(__dirname, 'crashingWorker.mjs');

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function until(cond: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('worker pool (real processes)', () => {
  const tmp = tempDir();
  const storePath = join(tmp.dir, 'store.sqlite');
  let data: RunData;
  let tasks: EvalTask[];

  beforeAll(() => {
    expect(existsSync(WORKER), 'run `npm run build` first (npm test does)').toBe(true);
    const range = seedStore(storePath, 3000);
    const config = validateStrategyConfig(gaConfig(), { purpose: 'optimize' });
    const genes = geneSpecs(config);
    data = { storePath, symbol: SYMBOL, train: range, test: null, regularHoursOnly: false, config, genes, penalty: 100 };
    const prng = new Prng(5);
    tasks = Array.from({ length: 24 }, (_, index) => ({ index, genome: randomGenome(genes, prng), market: 'train' as const, window: { from: 0, to: 3000 } }));
  });
  afterAll(() => tmp.cleanup());

  it('returns complete statistics in task order, identical to the in-process evaluation', async () => {
    const sequential = await InProcessEvaluator.open(data).evaluate(tasks);
    const pool = await WorkerPool.start({ size: 3, spawn: forkSpawner, entry: WORKER, data });
    try {
      const arrival: number[] = [];
      const parallel = await pool.evaluate(tasks, (r) => arrival.push(r.index));
      expect(parallel.map((r) => r.index)).toEqual(tasks.map((t) => t.index));
      expect(arrival.slice().sort((a, b) => a - b)).toEqual(tasks.map((t) => t.index));
      expect(parallel.map((r) => r.objectives)).toEqual(sequential.map((r) => r.objectives));
      expect(parallel.map((r) => r.stats)).toEqual(sequential.map((r) => r.stats));
      expect(parallel[0]!.stats!.trades.entryIndex).toBeInstanceOf(Int32Array);
      expect(parallel.some((r) => r.stats!.metrics.totalTrades > 0)).toBe(true);
      // Measured per reply: its size and its time in transit.
      expect(parallel.every((r) => r.replyBytes > 500 && r.transferMs >= 0)).toBe(true);
      expect(pool.counters.tasks).toBe(tasks.length);
    } finally {
      await pool.close();
    }
  });

  it('loses and reorders nothing while the pool is too busy to read its replies for a while', async () => {
    const sequential = await InProcessEvaluator.open(data).evaluate(tasks);
    // Three task frames ahead: the worker answers the ones it holds while the pool is stuck on its
    // first result, then the rest go out as replies are read.
    const pool = await WorkerPool.start({ size: 1, spawn: forkSpawner, entry: WORKER, data, chunk: 8, depth: 3 });
    try {
      let stalled = false;
      const results = await pool.evaluate(tasks, () => {
        if (stalled) return;
        stalled = true;
        const end = Date.now() + 400;
        while (Date.now() < end); // this process busy: nothing is read meanwhile
      });
      expect(results.map((r) => r.index)).toEqual(tasks.map((t) => t.index));
      expect(results.map((r) => r.stats)).toEqual(sequential.map((r) => r.stats));
    } finally {
      await pool.close();
    }
  });

  it('reports a worker that cannot load the data, naming the problem', async () => {
    await expect(WorkerPool.start({ size: 2, spawn: forkSpawner, entry: WORKER, data: { ...data, symbol: 'NOPE' } })).rejects.toThrow(
      /could not load the run's data: no candles for symbol 'NOPE'/,
    );
  });

  it('replaces a worker killed mid-batch and still returns every result, unchanged', async () => {
    const sequential = await InProcessEvaluator.open(data).evaluate(tasks);
    const pool = await WorkerPool.start({ size: 2, spawn: forkSpawner, entry: WORKER, data });
    try {
      const victim = pool.pids()[0]!;
      const batch = pool.evaluate(tasks);
      process.kill(victim, 'SIGKILL');
      const results = await batch;
      expect(results.map((r) => r.objectives)).toEqual(sequential.map((r) => r.objectives));
      expect(results.map((r) => r.stats)).toEqual(sequential.map((r) => r.stats));
      expect(pool.counters.replaced).toBe(1);
      expect(pool.counters.retried).toBeGreaterThanOrEqual(1);
      expect(pool.counters.penalised).toBe(0);
      expect(pool.pids()).not.toContain(victim);
      expect(pool.size).toBe(2);
    } finally {
      await pool.close();
    }
  });

  it('retries a task once after its worker dies, then scores it with the penalty; the batch goes on', async () => {
    const pool = await WorkerPool.start({ size: 2, spawn: forkSpawner, entry: CRASHING, data: { ...data, storePath: tmp.dir } });
    try {
      const g = (a: number, b: number) => Float64Array.of(a, b);
      const batch: EvalTask[] = [
        { index: 0, genome: g(1, 2), market: 'train', window: { from: 0, to: 1 } },
        { index: 1, genome: g(-1, 5), market: 'train', window: { from: 0, to: 1 } },
        { index: 2, genome: g(-2, 7), market: 'train', window: { from: 0, to: 1 } },
        { index: 3, genome: g(4, 8), market: 'train', window: { from: 0, to: 1 } },
      ];
      const results = await pool.evaluate(batch);
      expect(results.map((r) => r.objectives)).toEqual([[1, 2], [-1, 5], [100, 100], [4, 8]]);
      expect(results[2]!.stats).toBeNull();
      expect(results[2]!.error).toMatch(/died twice/);
      expect(pool.counters.penalised).toBe(1);
      expect(pool.size).toBe(2);
    } finally {
      await pool.close();
    }
  });

  it('sends a task to the worker that was sent its series before; a worker whose share runs out takes from the others', async () => {
    // genome[0] stands for an indicator's parameter (the series a task needs); the crashing worker
    // answers [genome[0], its pid] for genome[1] = -3, and the same slowly for -4.
    const param = { ...data.genes[0]!, target: { kind: 'param' as const, indicator: 0, param: 'period' } };
    const other = { ...data.genes[0]!, kind: 'weight' as const, target: { kind: 'weight' as const, bar: 'b', indicator: 'i' } };
    const pool = await WorkerPool.start({ size: 2, spawn: forkSpawner, entry: CRASHING, data: { ...data, storePath: tmp.dir, genes: [param, other] }, chunk: 1, depth: 1 });
    const task = (index: number, series: number, mode = -3): EvalTask => ({ index, genome: Float64Array.of(series, mode), market: 'train', window: { from: 0, to: 1 } });
    try {
      const first = await pool.evaluate(Array.from({ length: 8 }, (_, i) => task(i, i + 1)));
      const workerOf = new Map(first.map((r) => [r.objectives[0]!, r.objectives[1]!]));
      expect(new Set(workerOf.values()).size).toBe(2);

      const again = await pool.evaluate(Array.from({ length: 16 }, (_, i) => task(i, (i >> 1) + 1)));
      // Every task on the worker that had its series, but those a worker took once its share was done.
      const elsewhere = again.filter((r) => r.objectives[1] !== workerOf.get(r.objectives[0]!)).length;
      expect(elsewhere).toBe(pool.counters.taken);
      expect(elsewhere).toBeLessThan(again.length / 2);

      // Four slow tasks for one worker, four quick ones for the other: that one takes slow ones too.
      const [a, b] = [...new Set(workerOf.values())];
      const seriesOf = (pid: number) => [...workerOf].filter(([, w]) => w === pid).map(([s]) => s);
      const uneven = [...seriesOf(a!).map((s, i) => task(i, s, -4)), ...seriesOf(b!).map((s, i) => task(4 + i, s))];
      const results = await pool.evaluate(uneven);
      expect(results.map((r) => r.objectives[0])).toEqual(uneven.map((t) => t.genome[0]));
      const takenBefore = elsewhere;
      const moved = results.filter((r, i) => r.objectives[1] !== (i < 4 ? a : b)).length;
      expect(moved).toBe(pool.counters.taken - takenBefore);
      expect(results.slice(0, 4).filter((r) => r.objectives[1] === b).length).toBeGreaterThan(0);
    } finally {
      await pool.close();
    }
  });

  it.runIf(process.platform === 'linux')('starts workers with the busy-machine V8 flags only when they fill the machine', async () => {
    const flagsOf = async (fillsMachine: boolean) => {
      const t = forkSpawner({ entry: CRASHING, name: 'flags', fillsMachine });
      try {
        return readFileSync(`/proc/${t.pid}/cmdline`, 'utf8').split('\0');
      } finally {
        const gone = new Promise((r) => t.onExit(r));
        t.kill();
        await gone;
      }
    };
    expect(await flagsOf(true)).toEqual(expect.arrayContaining(BUSY_WORKER_FLAGS));
    expect(await flagsOf(false)).not.toEqual(expect.arrayContaining([BUSY_WORKER_FLAGS[0]]));
  });

  it('leaves no worker behind when closed, even with a batch in flight (which is cancelled)', async () => {
    const pool = await WorkerPool.start({ size: 2, spawn: forkSpawner, entry: WORKER, data });
    const pids = pool.pids();
    expect(pids.every(alive)).toBe(true);
    const outcome = pool.evaluate(tasks).catch((err: unknown) => err);
    await pool.close();
    expect(String(await outcome)).toMatch(/cancelled/);
    await until(() => !pids.some(alive));
  });

  it('pauses after the tasks already with workers and resumes to the same results', async () => {
    const pool = await WorkerPool.start({ size: 2, spawn: forkSpawner, entry: WORKER, data, depth: 1 });
    try {
      let seen = 0;
      const batch = pool.evaluate(tasks, () => seen++);
      pool.pause();
      await pool.idle();
      const atPause = seen;
      expect(atPause).toBeLessThan(tasks.length);
      await new Promise((r) => setTimeout(r, 50));
      expect(seen).toBe(atPause);
      pool.resume();
      const results = await batch;
      expect(results).toHaveLength(tasks.length);
    } finally {
      await pool.close();
    }
  });
});
