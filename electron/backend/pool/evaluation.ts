import type { StrategyConfig } from '../../../shared/config/types';
import { backtest, createIndicatorCache, type IndicatorCacheStats, type Market } from '../../../shared/engine/index';
import type { IndexWindow } from '../../../shared/ga/splits';
import { applyGenome } from '../../../shared/ga/genome';
import { computeObjectives } from '../../../shared/objectives/compute';
import type { IndividualStats } from '../../../shared/stats/types';
import { loadMarket } from '../services/engineService';
import { openStore, type CandleStore } from '../store/index';
import type { EvalTask, RunData, TimeRange } from './protocol';

export interface EvaluationOutcome {
  objectives: number[];
  stats: IndividualStats | null;
  error?: string;
}

/** A market and the primary-candle window of one time range. */
export interface RangeMarket {
  market: Market;
  window: IndexWindow;
}

/** One run's data, loaded once, and the one evaluation every mode uses. */
export interface Evaluation {
  readonly train: RangeMarket;
  readonly test: RangeMarket | null;
  evaluate(task: EvalTask): EvaluationOutcome;
  /** The indicator cache's counters (hits, misses, columns reused from evicted series). */
  cacheStats(): IndicatorCacheStats;
}

/**
 * The market of one time range, built by the engine service exactly as `mlf backtest --from --to
 * [--rth]` builds it: the primary timeframe from the start of the data up to `to` (indicators warm
 * up on all earlier history), regular hours filtered at load, the window of candles opening in
 * [from, to). An exported elite therefore reproduces its stored statistics.
 */
export function loadRangeMarket(store: CandleStore, config: StrategyConfig, symbol: string, range: TimeRange, regularHoursOnly: boolean): RangeMarket {
  const { market, window } = loadMarket(store, config, { symbol, from: range.from, to: range.to, regularHoursOnly });
  return { market, window };
}

/**
 * `evaluate(genome, runData) → statistics`, the same in the sequential in-process evaluator and in
 * every worker: the genome applied to the run's config, one backtest on the task's window with
 * indicator series cached across genomes, then the objectives. A genome the engine rejects (an
 * impossible parameter combination) scores the penalty, with the reason kept.
 */
export function openEvaluation(data: RunData): Evaluation {
  const store = openStore(data.storePath, { readonly: true });
  let train: RangeMarket;
  let test: RangeMarket | null;
  try {
    train = loadRangeMarket(store, data.config, data.symbol, data.train, data.regularHoursOnly);
    test = data.test ? loadRangeMarket(store, data.config, data.symbol, data.test, data.regularHoursOnly) : null;
  } finally {
    store.close();
  }
  const cache = createIndicatorCache();
  const penalty = () => data.config.objectives.map((o) => data.penalty * o.weight);
  return {
    train,
    test,
    cacheStats: () => cache.stats(),
    evaluate(task) {
      try {
        const market = task.market === 'test' ? test?.market : train.market;
        if (!market) throw new Error('this run has no test range');
        const config = applyGenome(data.config, data.genes, task.genome);
        const stats = backtest(config, market, { cache, window: task.window });
        const objectives = computeObjectives(stats, config.objectives, { penalty: data.penalty });
        return { objectives, stats };
      } catch (err) {
        return { objectives: penalty(), stats: null, error: err instanceof Error ? err.message : String(err) };
      }
    },
  };
}
