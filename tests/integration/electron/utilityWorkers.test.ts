import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateStrategyConfig } from '../../../shared/config/validate';
import { geneSpecs } from '../../../shared/ga/genes';
import { randomGenome } from '../../../shared/ga/genome';
import { Prng } from '../../../shared/random/prng';
import { InProcessEvaluator } from '../../../electron/backend/pool/evaluator';
import { WorkerPool } from '../../../electron/backend/pool/pool';
import type { EvalTask, RunData } from '../../../electron/backend/pool/protocol';
import { createUtilityWorkers, type UtilityChildLike, type UtilityProcessLike } from '../../../electron/main/utilityWorkers';
import { tempDir } from '../../helpers/tmp';
import { gaConfig, seedStore, SYMBOL } from '../runs/fixtures';

const root = resolve(__dirname, '../../..');
const WORKER = join(root, 'out/main/worker.js');
const BOOTSTRAP = join(__dirname, 'utilityBootstrap.mjs');
const NODE_SQLITE = join(dirname(createRequire(join(root, 'package.json')).resolve('better-sqlite3/package.json')), 'build', 'Release', 'better_sqlite3.node');

type ForkOptions = Parameters<UtilityProcessLike['fork']>[2];

/**
 * utilityProcess as the spawner sees it, played by child_process.fork: the same events (spawn,
 * message, exit with a code), structured-clone messages, and a child that has `parentPort`.
 */
function utilityProcessStandIn(calls: { modulePath: string; options: ForkOptions; pid?: number }[]): UtilityProcessLike {
  return {
    fork(modulePath, args, options) {
      const child = fork(BOOTSTRAP, [modulePath, ...args], {
        serialization: 'advanced',
        stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
        execArgv: options.execArgv,
        env: options.env,
      });
      const call: (typeof calls)[number] = { modulePath, options };
      calls.push(call);
      child.on('spawn', () => (call.pid = child.pid));
      // utilityProcess.postMessage to a child that has just died is dropped; child_process reports
      // it as an 'error' event (EPIPE), which unheard would crash the test run.
      child.on('error', () => {});
      const standIn = {
        get pid() {
          return child.exitCode === null && child.signalCode === null ? child.pid : undefined;
        },
        postMessage: (m: unknown) => void child.send(m as object),
        on(event: string, listener: (...a: any[]) => void) {
          if (event === 'exit') child.on('exit', (code) => listener(code ?? 1));
          else child.on(event, listener);
          return standIn;
        },
        kill: () => child.kill('SIGTERM'),
      };
      return standIn as unknown as UtilityChildLike;
    },
  };
}

describe('utilityProcess workers', () => {
  const tmp = tempDir('mlf-utility-');
  const storePath = join(tmp.dir, 'store.sqlite');
  let data: RunData;
  let tasks: EvalTask[];

  beforeAll(() => {
    expect(existsSync(WORKER), 'run `npm run build` first (npm test does)').toBe(true);
    const range = seedStore(storePath, 2000);
    const config = validateStrategyConfig(gaConfig(), { purpose: 'optimize' });
    const genes = geneSpecs(config);
    data = { storePath, symbol: SYMBOL, train: range, test: null, regularHoursOnly: false, config, genes, penalty: 100 };
    const prng = new Prng(11);
    tasks = Array.from({ length: 12 }, (_, index) => ({ index, genome: randomGenome(genes, prng), market: 'train' as const, window: { from: 0, to: 2000 } }));
  });
  afterAll(() => tmp.cleanup());

  it('runs the pool: each worker its own service, the SQLite build passed on, results identical to in-process', async () => {
    const calls: { modulePath: string; options: ForkOptions }[] = [];
    const workers = createUtilityWorkers({ utilityProcess: utilityProcessStandIn(calls), env: { PATH: process.env.PATH }, sqliteBinding: NODE_SQLITE });
    const sequential = await InProcessEvaluator.open(data).evaluate(tasks);
    const pool = await WorkerPool.start({ size: 3, spawn: workers.spawn, entry: WORKER, data, label: 'run 7' });
    try {
      const parallel = await pool.evaluate(tasks);
      expect(parallel.map((r) => r.stats)).toEqual(sequential.map((r) => r.stats));
      expect(parallel.map((r) => r.objectives)).toEqual(sequential.map((r) => r.objectives));
    } finally {
      await pool.close();
    }
    expect(calls).toHaveLength(3);
    const names = calls.map((c) => c.options.serviceName);
    expect(new Set(names).size).toBe(3);
    for (const c of calls) {
      expect(c.modulePath).toBe(WORKER);
      expect(c.options.serviceName).toMatch(/^mlf-worker run 7 #\d+ ·\d+$/);
      expect(c.options.stdio).toEqual(['ignore', 'ignore', 'inherit']);
      expect(c.options.execArgv).toEqual([]);
      expect(c.options.env.MLF_SQLITE_BINDING).toBe(NODE_SQLITE);
      expect(c.options.env.MLF_WORKER_NAME).toBe(c.options.serviceName);
    }
  });

  it('workers open the store with the SQLite build they are given', async () => {
    const workers = createUtilityWorkers({ utilityProcess: utilityProcessStandIn([]), env: { PATH: process.env.PATH }, sqliteBinding: join(tmp.dir, 'missing', 'better_sqlite3.node') });
    await expect(WorkerPool.start({ size: 1, spawn: workers.spawn, entry: WORKER, data })).rejects.toThrow(/missing/);
  });

  it('kills at once, and tells crashes apart from workers the pool ended', async () => {
    const calls: { modulePath: string; options: ForkOptions; pid?: number }[] = [];
    const killed: number[] = [];
    const workers = createUtilityWorkers({
      utilityProcess: utilityProcessStandIn(calls),
      env: { PATH: process.env.PATH },
      sqliteBinding: NODE_SQLITE,
      killPid: (pid) => {
        killed.push(pid);
        process.kill(pid, 'SIGKILL');
      },
    });
    const ended = workers.spawn({ entry: WORKER, name: 'mlf-worker run 1 #1' });
    const crashing = workers.spawn({ entry: WORKER, name: 'mlf-worker run 1 #2' });
    const exits: { code: number | null; signal: string | null }[] = [];
    await new Promise<void>((done) => {
      ended.onExit((info) => (exits.push(info), done()));
      const poll = setInterval(() => {
        if (ended.pid !== undefined && crashing.pid !== undefined) {
          clearInterval(poll);
          ended.kill();
        }
      }, 5);
    });
    expect(killed).toEqual([calls[0]!.pid]);
    expect(exits).toEqual([{ code: expect.any(Number), signal: 'SIGKILL' }]);
    const crashed = new Promise<void>((done) => crashing.onExit(() => done()));
    process.kill(crashing.pid!, 'SIGKILL');
    await crashed;

    const gone = (serviceName: string, reason: string) => workers.describeGone({ type: 'Utility', reason, exitCode: 9, serviceName });
    expect(gone(calls[0]!.options.serviceName, 'killed')).toBeUndefined();
    expect(gone(calls[1]!.options.serviceName, 'crashed')).toBe('mlf-worker run 1 #2 crashed (exit code 9); its task is retried on a new worker');
    expect(gone(calls[1]!.options.serviceName, 'oom')).toContain('ran out of memory');
    expect(gone(calls[1]!.options.serviceName, 'clean-exit')).toBeUndefined();
    expect(workers.describeGone({ type: 'GPU', reason: 'crashed', exitCode: 1 })).toBeUndefined();
    expect(workers.describeGone({ type: 'Utility', reason: 'crashed', exitCode: 1, serviceName: 'Network Service' })).toBeUndefined();
  });
});
