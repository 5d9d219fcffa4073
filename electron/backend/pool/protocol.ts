import type { StrategyConfig } from '../../../shared/config/types';
import type { GeneSpec } from '../../../shared/ga/genes';
import type { IndexWindow } from '../../../shared/ga/splits';
import type { IndividualStats, Metrics } from '../../../shared/stats/types';
import type { ChannelEndpoint } from './channel';

/**
 * The messages between the pool and its workers. Every message is plain structured-cloneable
 * data (typed arrays travel as buffers), so the same protocol runs over `child_process` with
 * `serialization: 'advanced'` and over Electron's `utilityProcess` MessagePort. Tasks and replies
 * travel apart, on each worker's channel (channel.ts, frames.ts).
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
  /** The statistics' metrics (every summary figure); null when the task failed. */
  readonly metrics: Metrics | null;
  /**
   * The metrics already in their stored binary form (`encodeMetrics`), when the evaluator holds
   * them so (a worker's reply): a run stores them as they are.
   */
  metricsBytes?(): Uint8Array | null;
  /**
   * The statistics in their stored binary form (`encodeStats`), cut from the worker's reply
   * without decoding, while this result holds it: a run stores the kept statistics so.
   */
  statsBytes?(): Uint8Array | null;
  error?: string;
  /** Milliseconds the worker spent evaluating (excluding transfer). */
  evalMs: number;
  /** Size of the reply's serialized payload (0 in-process). */
  replyBytes: number;
  /** Milliseconds spent moving the reply: encoding and writing it in the worker, reading it here (0 in-process). */
  transferMs: number;
}

/**
 * Tasks, cancels and results travel on each worker's channel (channel.ts, frames.ts); these
 * messages on the host's channel set a worker up and end it.
 */
export type ToWorker =
  /** The run's data, and where to listen for the pool's channel. */
  { type: 'prepare'; data: RunData; channel: ChannelEndpoint } | { type: 'shutdown' };

export type FromWorker =
  /** The channel's endpoint is ready for the pool to connect. */
  | { type: 'listening' }
  /** The run's data is loaded and the pool's channel is connected. */
  | { type: 'ready'; pid: number; prepareMs: number }
  | { type: 'prepare-failed'; message: string };

/** What a result's payload holds. */
export type { ReplyBody as ResultBody } from '../../../shared/stats/wire';
