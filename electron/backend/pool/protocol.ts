import type { StrategyConfig } from '../../../shared/config/types';
import type { GeneSpec } from '../../../shared/ga/genes';
import type { IndexWindow } from '../../../shared/ga/splits';
import type { IndividualStats } from '../../../shared/stats/types';

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
  /** Complete statistics; null when the task failed (then `error` says why). */
  stats: IndividualStats | null;
  error?: string;
  /** Milliseconds the worker spent evaluating (excluding transfer). */
  evalMs: number;
  /** Size of the reply as the structured-clone serializer writes it. */
  replyBytes: number;
  /** Milliseconds from the worker's send to the pool's receipt (0 in-process). */
  transferMs: number;
}

export type ToWorker =
  | { type: 'prepare'; data: RunData }
  | { type: 'evaluate'; task: number; payload: EvalTask }
  | { type: 'cancel' }
  | { type: 'shutdown' };

export type FromWorker =
  | { type: 'ready'; pid: number; prepareMs: number }
  | { type: 'prepare-failed'; message: string }
  | {
      type: 'result';
      task: number;
      index: number;
      objectives: number[];
      stats: IndividualStats | null;
      error?: string;
      evalMs: number;
      replyBytes: number;
      /** performance.timeOrigin + performance.now() at send, for the transfer time. */
      sentAt: number;
    };
