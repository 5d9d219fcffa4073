import type { StrategyConfig } from '../../../shared/config/types';
import type { GeneSpec } from '../../../shared/ga/genes';
import type { IndexWindow } from '../../../shared/ga/splits';
import type { IndividualStats, Metrics } from '../../../shared/stats/types';

/**
 * The messages between the pool and its workers. Every message is plain structured-cloneable
 * data (typed arrays travel as buffers), so the same protocol runs over `child_process` with
 * `serialization: 'advanced'` and over Electron's `utilityProcess` MessagePort.
 */

/** A time range in UTC epoch seconds, [from, to). */
export interface TimeRange {
  from: number;
  to: number;
}

/**
 * Everything a worker needs to evaluate genomes of one run; sent once per worker. The worker
 * builds the same markets as the run manager did (same candles, same hours filter), so index
 * windows mean the same candles on both sides. The training and the test range are separate
 * markets, each exactly what `mlf backtest --from --to` builds for that range.
 */
export interface RunData {
  storePath: string;
  symbol: string;
  train: TimeRange;
  test: TimeRange | null;
  /** Regular hours only (the data config's `include_extended_hours: false`). */
  regularHoursOnly: boolean;
  /** The run's config, ranges included; genomes are applied to it. */
  config: StrategyConfig;
  genes: GeneSpec[];
  /** Value of an objective that cannot be computed (and of every objective of a failed task). */
  penalty: number;
}

export interface EvalTask {
  /** The individual's index in its generation (results are placed by batch position, never by arrival). */
  index: number;
  genome: Float64Array;
  market: 'train' | 'test';
  /** Primary candles of that market to trade and measure on (a training chunk, or the range's whole window). */
  window: IndexWindow;
}

export interface EvalResult {
  index: number;
  objectives: number[];
  /**
   * Complete statistics; null when the task failed (then `error` says why). From a worker they
   * are decoded on first read: most individuals' are never read (they drop out of what a run
   * stores), and decoding them all would cost the coordinating process time and garbage.
   * Assigning null releases them.
   */
  stats: IndividualStats | null;
  /** The statistics' metrics (every summary figure), read eagerly; null when the task failed. */
  metrics: Metrics | null;
  error?: string;
  /** Milliseconds the worker spent evaluating (excluding transfer). */
  evalMs: number;
  /** Size of the reply's serialized payload (0 in-process). */
  replyBytes: number;
  /** Milliseconds to move the reply: serializing, the channel, deserializing (0 in-process). */
  transferMs: number;
}

/** One task of an `evaluate` message: the pool's task id and what to evaluate. */
export interface TaskItem {
  task: number;
  payload: EvalTask;
}

/** One result of a `result` message. */
export interface ResultItem {
  task: number;
  index: number;
  /**
   * The ResultBody in the statistics' binary reply form (shared/stats/wire.ts: lossless, no
   * JSON, narrow columns, decoded as views): its length is the reply's size.
   */
  payload: Uint8Array;
  /** Milliseconds the worker spent encoding this payload. */
  serializeMs: number;
}

export type ToWorker =
  | { type: 'prepare'; data: RunData }
  /**
   * A chunk of tasks, evaluated in order and answered with one `result` message: while the queue
   * is long the pool sends a few tasks per message, which divides the channel's fixed costs per
   * message (system calls, wake-ups, (de)serializing) among them; near a batch's end, one.
   */
  | { type: 'evaluate'; tasks: TaskItem[] }
  | { type: 'cancel' }
  | { type: 'shutdown' };

export type FromWorker =
  | { type: 'ready'; pid: number; prepareMs: number }
  | { type: 'prepare-failed'; message: string }
  | {
      type: 'result';
      /** The results of one `evaluate` chunk, in its order. */
      results: ResultItem[];
      /** performance.timeOrigin + performance.now() at send, for the transfer time. */
      sentAt: number;
    };

/** What a result's payload holds. */
export type { ReplyBody as ResultBody } from '../../../shared/stats/wire';
