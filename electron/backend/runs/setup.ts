import { cpus } from 'node:os';
import type { GaHyperparameters, StrategyConfig } from '../../../shared/config/types';
import { primaryTimeframe } from '../../../shared/config/aggConfig';
import { validateStrategyConfig } from '../../../shared/config/validate';
import { MlfError } from '../../../shared/contract/errors';
import type { StartRunInput } from '../../../shared/contract/runs';
import { geneSpecs, type GeneSpec } from '../../../shared/ga/genes';
import { genomeFromConfig } from '../../../shared/ga/genome';
import type { GaSetup } from '../../../shared/ga/loop';
import { gaParams } from '../../../shared/ga/params';
import { planSplits, type IndexWindow } from '../../../shared/ga/splits';
import { PENALTY } from '../../../shared/objectives/registry';
import { TIMEFRAME_SECONDS, timeframeRank } from '../../../shared/time/timeframes';
import { loadRangeMarket } from '../pool/evaluation';
import type { RunData, TimeRange } from '../pool/protocol';
import type { CandleStore } from '../store/index';
import type { StoredSplit } from './repository';

/** Worker processes when neither the config nor the caller says: every core but one, at least one. */
export function defaultWorkerCount(): number {
  return Math.max(1, cpus().length - 1);
}

/** What a run is, fully resolved: everything needed to drive it and to store it. */
export interface RunPlan {
  config: StrategyConfig;
  hyperparameters: GaHyperparameters;
  symbol: string;
  timeframe: string;
  train: TimeRange;
  test: TimeRange | null;
  regularHoursOnly: boolean;
  genes: GeneSpec[];
  splits: StoredSplit[];
  /** The whole training market, as a window. */
  trainWindow: IndexWindow;
  testWindow: IndexWindow | null;
  fingerprint: unknown;
  testFingerprint: unknown | null;
  setup: GaSetup;
  data: RunData;
}

/**
 * An open-ended range pinned to the stored data (first candle's open; last candle's open + 1 s as
 * the exclusive end), so the stored run and its manifest name the same candles later.
 */
function pinnedRange(store: CandleStore, symbol: string, from: number | undefined, to: number | undefined): TimeRange {
  if (from !== undefined && to !== undefined) return { from, to };
  const sets = store
    .listDatasets()
    .filter((d) => d.symbol === symbol.toUpperCase() && d.firstTs !== null && d.lastTs !== null)
    .sort((a, b) => timeframeRank(a.timeframe) - timeframeRank(b.timeframe));
  const d = sets[0];
  if (!d) {
    const known = [...new Set(store.listDatasets().map((x) => x.symbol))];
    throw new MlfError('NOT_FOUND', `no candles for symbol '${symbol}'; ` + (known.length ? `the store has: ${known.join(', ')}` : 'the store is empty'));
  }
  return { from: from ?? d.firstTs!, to: to ?? d.lastTs! + 1 };
}

function rangeMarket(store: CandleStore, symbol: string, range: TimeRange, regularHoursOnly: boolean, what: string, config: StrategyConfig) {
  if (!(range.from < range.to)) throw new MlfError('BAD_INPUT', `the ${what} range is empty: from ${range.from} is not before to ${range.to}`);
  const rm = loadRangeMarket(store, config, symbol, range, regularHoursOnly);
  const primary = primaryTimeframe(config.indicators);
  // What the market is made of: every stored candle of the primary timeframe up to the range's end.
  return { ...rm, ts: rm.market.candles(primary).ts, fingerprint: store.fingerprint(symbol, primary, undefined, range.to) };
}

/**
 * Validates a start request and resolves it into a plan: the config with the caller's overrides
 * written into its `ga_hyperparameters` (so the stored config alone reproduces the run), pinned
 * time ranges, the markets' sizes, the training chunks and the data fingerprints.
 */
export function planRun(store: CandleStore, input: StartRunInput): RunPlan {
  const validated = validateStrategyConfig(input.config, { purpose: 'optimize', ...(input.source ? { source: input.source } : {}) });
  const rawGa = (input.config as { ga_hyperparameters?: Record<string, unknown> } | null)?.ga_hyperparameters;
  const explicitWorkers = rawGa && typeof rawGa.num_workers === 'number';
  const h: GaHyperparameters = {
    ...validated.ga_hyperparameters,
    random_seed: input.seed ?? validated.ga_hyperparameters.random_seed,
    population_size: input.population ?? validated.ga_hyperparameters.population_size,
    number_of_iterations: input.generations ?? validated.ga_hyperparameters.number_of_iterations,
    num_workers: input.workers ?? (explicitWorkers ? validated.ga_hyperparameters.num_workers : defaultWorkerCount()),
  };
  if (h.elite_size > h.population_size) {
    throw new MlfError('BAD_INPUT', `elite_size ${h.elite_size} is more than the population of ${h.population_size}`, [
      { path: 'ga_hyperparameters.elite_size', message: `must be at most population_size (${h.population_size})` },
    ]);
  }
  const config: StrategyConfig = { ...validated, ga_hyperparameters: h };
  return resolvePlan(store, {
    config,
    symbol: input.symbol.toUpperCase(),
    train: pinnedRange(store, input.symbol, input.from, input.to),
    test:
      input.testFrom !== undefined || input.testTo !== undefined
        ? pinnedRange(store, input.symbol, input.testFrom ?? input.to, input.testTo)
        : null,
    regularHoursOnly: !(input.includeExtendedHours ?? true),
    storePath: store.path,
  });
}

export interface PlanParts {
  config: StrategyConfig;
  symbol: string;
  train: TimeRange;
  test: TimeRange | null;
  regularHoursOnly: boolean;
  storePath: string;
}

/** The plan of a run from its stored parts (start and resume share this). */
export function resolvePlan(store: CandleStore, p: PlanParts): RunPlan {
  const { config } = p;
  const h = config.ga_hyperparameters;
  const train = rangeMarket(store, p.symbol, p.train, p.regularHoursOnly, 'training', config);
  const test = p.test ? rangeMarket(store, p.symbol, p.test, p.regularHoursOnly, 'test', config) : null;
  const ts = train.ts;
  const w0 = train.window.from;
  // Chunks of the training window (in the market's candle indices), cut on the candles the run
  // actually uses: regular hours only when the run excludes extended hours.
  const step = TIMEFRAME_SECONDS[primaryTimeframe(config.indicators)];
  const splits: StoredSplit[] = planSplits(ts.subarray(w0, train.window.to), { numSplits: h.num_splits, daily: h.daily_splits }).map((w) => ({
    from: w0 + w.from,
    to: w0 + w.to,
    fromTime: ts[w0 + w.from] ?? NaN,
    toTime: w.to > w.from ? ts[w0 + w.to - 1]! + step : NaN,
  }));
  const genes = geneSpecs(config);
  const setup: GaSetup = {
    specs: genes,
    params: gaParams(h, PENALTY),
    original: genomeFromConfig(config, genes),
    splitCount: splits.length,
  };
  return {
    config,
    hyperparameters: h,
    symbol: p.symbol,
    timeframe: primaryTimeframe(config.indicators),
    train: p.train,
    test: p.test,
    regularHoursOnly: p.regularHoursOnly,
    genes,
    splits,
    trainWindow: train.window,
    testWindow: test ? test.window : null,
    fingerprint: train.fingerprint,
    testFingerprint: test?.fingerprint ?? null,
    setup,
    data: {
      storePath: p.storePath,
      symbol: p.symbol,
      train: p.train,
      test: p.test,
      regularHoursOnly: p.regularHoursOnly,
      config,
      genes,
      penalty: PENALTY,
    },
  };
}

