import { MlfError } from '../../../shared/contract/errors';
import { openEvaluation, type Evaluation } from './evaluation';
import { newCounters, WorkerPool, type PoolCounters } from './pool';
import type { EvalResult, EvalTask, RunData } from './protocol';
import type { Spawner } from './transport';

/** What the run manager drives: a batch in, results in task order out, whatever runs them. */
export interface Evaluator {
  /** Worker processes (0: in-process, sequential). */
  readonly workers: number;
  readonly counters: PoolCounters;
  evaluate(tasks: readonly EvalTask[], onResult?: (r: EvalResult) => void): Promise<EvalResult[]>;
  /** Stop starting tasks; those already running finish. */
  pause(): void;
  resume(): void;
  /** Resolves when no task is running. */
  idle(): Promise<void>;
  /** Cancels the batch in flight (its promise rejects with CANCELLED) and frees every resource. */
  close(): Promise<void>;
}

const tick = () => new Promise<void>((r) => setImmediate(r));

/**
 * `num_workers: 0`: the same evaluation as a worker, run in this process one task per event-loop
 * turn, so pause, stop and reads of other runs stay responsive.
 */
export class InProcessEvaluator implements Evaluator {
  readonly workers = 0;
  readonly counters: PoolCounters = newCounters();
  private pausedFlag = false;
  private resumeWaiters: Array<() => void> = [];
  private running = false;
  private idleWaiters: Array<() => void> = [];
  private closed = false;

  constructor(private readonly evaluation: Evaluation) {}

  static open(data: RunData): InProcessEvaluator {
    return new InProcessEvaluator(openEvaluation(data));
  }

  async evaluate(tasks: readonly EvalTask[], onResult?: (r: EvalResult) => void): Promise<EvalResult[]> {
    const out: EvalResult[] = [];
    for (const task of tasks) {
      await tick();
      while (this.pausedFlag && !this.closed) await new Promise<void>((r) => this.resumeWaiters.push(r));
      if (this.closed) throw new MlfError('CANCELLED', 'evaluation cancelled');
      this.running = true;
      const t0 = performance.now();
      const o = this.evaluation.evaluate(task);
      const evalMs = performance.now() - t0;
      this.running = false;
      this.flushIdle();
      this.counters.tasks++;
      this.counters.evalMs += evalMs;
      const r: EvalResult = { index: task.index, objectives: o.objectives, stats: o.stats, metrics: o.stats?.metrics ?? null, evalMs, replyBytes: 0, transferMs: 0 };
      if (o.error !== undefined) r.error = o.error;
      out.push(r);
      onResult?.(r);
    }
    return out;
  }

  pause(): void {
    this.pausedFlag = true;
  }

  resume(): void {
    this.pausedFlag = false;
    const w = this.resumeWaiters;
    this.resumeWaiters = [];
    for (const r of w) r();
  }

  idle(): Promise<void> {
    if (!this.running) return Promise.resolve();
    return new Promise((r) => this.idleWaiters.push(r));
  }

  private flushIdle(): void {
    const w = this.idleWaiters;
    this.idleWaiters = [];
    for (const r of w) r();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.resume();
  }
}

class PoolEvaluator implements Evaluator {
  constructor(private readonly pool: WorkerPool) {}
  get workers() {
    return this.pool.size;
  }
  get counters() {
    return this.pool.counters;
  }
  evaluate(tasks: readonly EvalTask[], onResult?: (r: EvalResult) => void) {
    return this.pool.evaluate(tasks, onResult);
  }
  pause() {
    this.pool.pause();
  }
  resume() {
    this.pool.resume();
  }
  idle() {
    return this.pool.idle();
  }
  close() {
    return this.pool.close();
  }
  /** For tests and diagnostics. */
  pids() {
    return this.pool.pids();
  }
}

export interface EvaluatorOptions {
  workers: number;
  data: RunData;
  spawn: Spawner;
  entry: string;
  label?: string;
}

/** In-process for `workers: 0`, else a pool of that many worker processes. */
export async function createEvaluator(o: EvaluatorOptions): Promise<Evaluator & { pids?: () => number[] }> {
  if (o.workers <= 0) return InProcessEvaluator.open(o.data);
  const pool = await WorkerPool.start({ size: o.workers, spawn: o.spawn, entry: o.entry, data: o.data, ...(o.label ? { label: o.label } : {}) });
  return new PoolEvaluator(pool);
}
