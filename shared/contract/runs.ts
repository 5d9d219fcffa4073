import { z } from 'zod';
import type { GaHyperparameters, StrategyConfig } from '../config/types';
import type { IndividualStats, Metrics } from '../stats/types';
import { eventStream, procedure } from './define';

/**
 * Optimizer runs: start and control them, browse any generation and any individual, export
 * elites. Generations are numbered from 1. Times are UTC epoch seconds.
 */

const epochSeconds = z.number().finite();
const runId = z.number().int().positive();

export const runStatusSchema = z.enum(['running', 'paused', 'stopped', 'finished', 'failed', 'interrupted']);
export type RunStatus = z.output<typeof runStatusSchema>;

const timeRange = z.object({ from: epochSeconds, to: epochSeconds });

export const runSummarySchema = z.object({
  id: z.number(),
  name: z.string(),
  /**
   * `running`/`paused`: driven by a live process; `interrupted`: that process died (resume it);
   * `stopped`: stopped by the user (resumable); `finished`; `failed` (see `error`).
   */
  status: runStatusSchema,
  /** Whether this backend process drives the run (pause/stop act on it directly). */
  active: z.boolean(),
  symbol: z.string(),
  /** Primary timeframe the executor runs on (the config's finest agg_config). */
  timeframe: z.string(),
  train: timeRange,
  test: timeRange.nullable(),
  regularHoursOnly: z.boolean(),
  seed: z.number(),
  /** Worker processes; 0 = sequential, in-process. */
  workers: z.number(),
  populationSize: z.number(),
  generationsTotal: z.number(),
  generationsDone: z.number(),
  objectives: z.array(z.string()),
  /** Per objective, the lowest value in the last completed generation (null before one). */
  best: z.array(z.number()).nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
  version: z.string(),
  error: z.string().nullable(),
});
export type RunSummary = z.output<typeof runSummarySchema>;

export const diversitySchema = z.object({
  pairs: z.number(),
  closeShare: z.number(),
  meanDistance: z.number(),
  collapsed: z.boolean(),
});

export const generationSummarySchema = z.object({
  generation: z.number(),
  /** The training chunk this generation was evaluated on, as primary-candle indices and times. */
  split: z.number(),
  window: z.object({ from: z.number(), to: z.number(), fromTime: z.number(), toTime: z.number() }),
  best: z.array(z.number()),
  mean: z.array(z.number()),
  diversity: diversitySchema,
  breeding: z.enum(['recipe', 'reinjection']),
  rates: z.object({ mutation: z.number(), crossover: z.number() }),
  /** Individual indices of the elites, best first. */
  elites: z.array(z.number()),
  /** Wall time of the generation, and the workers' transfer and evaluation time summed over tasks. */
  seconds: z.number(),
  replyBytes: z.number(),
  transferMs: z.number(),
  evalMs: z.number(),
  /**
   * Evaluations the generation ran: genomes carried over unchanged take their results from the
   * generation before. Null for runs stored before this was counted (every individual then).
   */
  evaluations: z.number().nullable(),
  finishedAt: z.number(),
});
export type GenerationSummary = z.output<typeof generationSummarySchema>;

const geneInfo = z.object({
  key: z.string(),
  kind: z.string(),
  type: z.enum(['int', 'float']),
  lo: z.number(),
  hi: z.number(),
  mutable: z.boolean(),
});

export const runDetailSchema = runSummarySchema.extend({
  config: z.custom<StrategyConfig>(),
  hyperparameters: z.custom<GaHyperparameters>(),
  /** What the data was when the run started: symbol, range, row count, content hash. */
  fingerprint: z.unknown(),
  testFingerprint: z.unknown().nullable(),
  genes: z.array(geneInfo),
  splits: z.array(z.object({ from: z.number(), to: z.number(), fromTime: z.number(), toTime: z.number() })),
  generations: z.array(generationSummarySchema),
});
export type RunDetail = z.output<typeof runDetailSchema>;

export const individualRowSchema = z.object({
  index: z.number(),
  objectives: z.array(z.number()),
  front: z.number(),
  rank: z.number(),
  crowding: z.number(),
  elite: z.boolean(),
  /** Whether complete statistics are stored (elites and Pareto fronts; see docs/OPTIMIZER.md). */
  hasStats: z.boolean(),
  genome: z.array(z.number()),
  metrics: z.custom<Metrics>().nullable(),
  error: z.string().nullable(),
});
export type IndividualRow = z.output<typeof individualRowSchema>;

export const generationDetailSchema = generationSummarySchema.extend({
  runId: z.number(),
  genes: z.array(z.string()),
  objectiveNames: z.array(z.string()),
  individuals: z.array(individualRowSchema),
});
export type GenerationDetail = z.output<typeof generationDetailSchema>;

const evaluation = z.object({
  objectives: z.array(z.number()),
  stats: z.custom<IndividualStats>().nullable(),
});

export const individualDetailSchema = individualRowSchema.extend({
  runId: z.number(),
  generation: z.number(),
  genes: z.array(z.string()),
  /** The individual as a config, as `exportRun` writes it (ranges removed from indicators). */
  config: z.custom<StrategyConfig>(),
  /** Complete statistics on the generation's training chunk (null when not stored). */
  stats: z.custom<IndividualStats>().nullable(),
  window: z.object({ from: z.number(), to: z.number(), fromTime: z.number(), toTime: z.number() }),
  /** Elites only, when the generation used a chunk: the whole training range. */
  full: evaluation.nullable(),
  /** Elites only, with a test range: the test range, and train − test per objective. */
  test: evaluation.nullable(),
  overfitting: z.array(z.number()).nullable(),
});
export type IndividualDetail = z.output<typeof individualDetailSchema>;

export const exportFileSchema = z.object({ name: z.string(), content: z.string() });
export type ExportFile = z.output<typeof exportFileSchema>;

export const startRunInputSchema = z
  .object({
    /** The optimizer config as parsed JSON (monitor, indicators, objectives, ga_hyperparameters). */
    config: z.unknown(),
    /** Where the config came from, for error locations (a file path or a label). */
    source: z.string().optional(),
    symbol: z.string().trim().min(1).max(32),
    from: epochSeconds.optional(),
    to: epochSeconds.optional(),
    testFrom: epochSeconds.optional(),
    testTo: epochSeconds.optional(),
    /** The data config's `include_extended_hours` (default true, as `mlf backtest`); false keeps regular hours only. */
    includeExtendedHours: z.boolean().optional(),
    /** Overrides of `ga_hyperparameters` (stored with the run, so the manifest reproduces it). */
    workers: z.number().int().min(0).max(256).optional(),
    seed: z.number().int().min(0).max(0xffffffff).optional(),
    population: z.number().int().min(2).max(100_000).optional(),
    generations: z.number().int().min(1).max(1_000_000).optional(),
    name: z.string().max(200).optional(),
  })
  .strict();
export type StartRunInput = z.input<typeof startRunInputSchema>;

const byId = z.object({ id: runId }).strict();

export const runProcedures = {
  startRun: procedure('Validates a config and starts an optimizer run in the background; emits runProgress and runFinished.', startRunInputSchema, runSummarySchema),
  pauseRun: procedure('Pauses a run once the evaluations already with workers have finished.', byId, runSummarySchema),
  resumeRun: procedure('Resumes a paused run, or continues a stopped or interrupted one from its last completed generation.', byId, runSummarySchema),
  stopRun: procedure('Stops a run; completed generations stay stored and the run can be resumed later.', byId, runSummarySchema),
  listRuns: procedure('Every stored run, newest first.', z.object({}).strict(), z.array(runSummarySchema)),
  getRun: procedure('A run with its config, hyperparameters, data fingerprint and per-generation summaries.', byId, runDetailSchema),
  getGeneration: procedure(
    'Every individual of one generation: objective values, front, rank, genome and metrics.',
    z.object({ id: runId, generation: z.number().int().positive() }).strict(),
    generationDetailSchema,
  ),
  getIndividual: procedure(
    'One individual of one generation with its stored statistics (complete for elites and Pareto fronts), config and test evaluation.',
    z.object({ id: runId, generation: z.number().int().positive(), index: z.number().int().min(0) }).strict(),
    individualDetailSchema,
  ),
  exportRun: procedure(
    'The export files (elite configs, statistics sidecars, objectives CSV, manifest) as data, e.g. for a browser download; ' +
      'with `dir` (an absolute folder path, as the desktop folder dialog gives) they are also written there.',
    z
      .object({
        id: runId,
        generation: z.number().int().positive().optional(),
        top: z.number().int().positive().optional(),
        dir: z.string().min(1).max(4096).optional(),
      })
      .strict(),
    z.object({ files: z.array(exportFileSchema), dir: z.string().nullable() }),
  ),
} as const;

export const runProgressSchema = z.object({
  id: z.number(),
  status: runStatusSchema,
  generation: z.number(),
  generationsTotal: z.number(),
  evaluated: z.number(),
  total: z.number(),
  /** Per objective, the lowest value so far in this generation (or the last completed one). */
  best: z.array(z.number()).nullable(),
  /** Mean normalised distance between front-0 elites of the last completed generation. */
  diversity: z.number().nullable(),
  elapsedSeconds: z.number(),
  etaSeconds: z.number().nullable(),
});
export type RunProgress = z.output<typeof runProgressSchema>;

export const runFinishedSchema = z.object({
  id: z.number(),
  status: runStatusSchema,
  generationsDone: z.number(),
  error: z.string().nullable(),
  /** The last completed generation's elites. */
  elites: z.array(z.object({ index: z.number(), objectives: z.array(z.number()) })),
});
export type RunFinished = z.output<typeof runFinishedSchema>;

export const runEvents = {
  runProgress: eventStream('Progress of a run: per finished evaluation (throttled) and per generation.', runProgressSchema),
  runFinished: eventStream('A run’s driver ended: finished, stopped or failed, with the last completed generation’s elites.', runFinishedSchema),
} as const;
