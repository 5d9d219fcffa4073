import { createIndicatorCache, createMarket, backtest, type Market } from '../../../shared/engine/index';
import { computeObjectives } from '../../../shared/objectives/compute';
import { applyGenome } from '../../../shared/ga/genome';
import type { IndividualStats } from '../../../shared/stats/types';
import { openStore, type CandleStore } from '../store/index';
import type { EvalTask, LoadRange, RunData } from './protocol';

export interface EvaluationOutcome {
  objectives: number[];
  stats: IndividualStats | null;
  error?: string;
}

/** One run's data, loaded once, and the one evaluation every mode uses. */
export interface Evaluation {
  readonly train: Market;
  readonly test: Market | null;
  evaluate(task: EvalTask): EvaluationOutcome;
}

/** A run's market for one range: the stored candles of [from, to), regular hours kept or not. */
export function loadMarket(store: CandleStore, symbol: string, range: LoadRange, regularHoursOnly: boolean): Market {
  const series = store.loadCandles(symbol, {
    ...(range.from !== undefined ? { from: range.from } : {}),
    ...(range.to !== undefined ? { to: range.to } : {}),
  });
  return createMarket(series, { regularHoursOnly });
}

/**
 * `evaluate(genome, runData) → statistics`, the same in the sequential in-process evaluator and in
 * every worker: the genome applied to the run's config, one backtest on the task's window with
 * indicator series cached across genomes, then the objectives. A genome the engine rejects (an
 * impossible parameter combination) scores the penalty, with the reason kept.
 */
export function openEvaluation(data: RunData): Evaluation {
  const store = openStore(data.storePath, { readonly: true });
  let train: Market;
  let test: Market | null;
  try {
    train = loadMarket(store, data.symbol, data.train, data.regularHoursOnly);
    test = data.test ? loadMarket(store, data.symbol, data.test, data.regularHoursOnly) : null;
  } finally {
    store.close();
  }
  const cache = createIndicatorCache();
  const penalty = () => data.config.objectives.map((o) => data.penalty * o.weight);
  return {
    train,
    test,
    evaluate(task) {
      try {
        const market = task.market === 'test' ? test : train;
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
