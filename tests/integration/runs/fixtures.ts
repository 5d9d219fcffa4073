import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openStore } from '../../../electron/backend/store/index';
import { CandleWriter, refreshDatasetStats, upsertDataset } from '../../../electron/backend/store/writer';
import { randomWalkCandles } from '../../../shared/indicators/randomWalk';

export const SYMBOL = 'WALK';

/**
 * A store holding `n` one-minute random-walk candles of WALK, around the clock (so every minute
 * is a candle; runs here keep extended hours unless a test says otherwise).
 */
export function seedStore(path: string, n = 4000, seed = 7): { from: number; to: number } {
  const c = randomWalkCandles(n, seed, { volatility: 0.0015 });
  const store = openStore(path);
  try {
    const id = upsertDataset(store.db, SYMBOL, '1m', `random walk seed=${seed}`, 1);
    store.db.transaction(() => {
      new CandleWriter(store.db, id).write(c.ts, c.open, c.high, c.low, c.close, c.volume, n);
      refreshDatasetStats(store.db, id);
    })();
  } finally {
    store.close();
  }
  return { from: c.ts[0]!, to: c.ts[n - 1]! + 60 };
}

/** A small optimizer config with genes of every kind the GA mutates. */
export function gaConfig(ga: Record<string, unknown> = {}) {
  return {
    test_name: 'walk-opt',
    monitor: {
      name: 'walk',
      description: 'SMA crosses and RSI on a random walk',
      trade_executor: {
        default_position_size: 100,
        stop_loss_pct: 0.01,
        take_profit_pct: 0.02,
        trailing_stop_loss: true,
        trailing_stop_distance_pct: 0.005,
        trailing_stop_activation_pct: 0.002,
      },
      bars: {
        bull: {
          type: 'bull',
          indicators: { up: 0.6, rsi_up: 0.4 },
          weight_ranges: { up: { t: 'float', r: [0.2, 1] }, rsi_up: { t: 'float', r: [0.2, 1] } },
        },
        bear: { type: 'bear', indicators: { down: 1 } },
      },
      enter_long: [{ name: 'bull', threshold: 0.5, threshold_range: [0.2, 0.9] }],
      exit_long: [{ name: 'bear', threshold: 0.5, threshold_range: [0.2, 0.9] }],
    },
    indicators: [
      {
        name: 'up',
        type: 'Indicator',
        indicator_class: 'SMACrossoverIndicator',
        agg_config: '1m-normal',
        calc_on_pip: false,
        parameters: { period: 12, crossover_value: 0, trend: 'bullish', lookback: 3 },
        ranges: { period: { t: 'int', r: [4, 30] }, lookback: { t: 'int', r: [1, 8] }, trend: { t: 'skip' } },
      },
      {
        name: 'rsi_up',
        type: 'Indicator',
        indicator_class: 'RSIIndicator',
        agg_config: '5m-normal',
        calc_on_pip: false,
        parameters: { period: 14, oversold: 30, overbought: 70, trend: 'bullish', lookback: 2 },
        ranges: { period: { t: 'int', r: [5, 20] }, oversold: { t: 'float', r: [20, 40] } },
      },
      {
        name: 'down',
        type: 'Indicator',
        indicator_class: 'SMACrossoverIndicator',
        agg_config: '1m-normal',
        calc_on_pip: false,
        parameters: { period: 20, crossover_value: 0.001, trend: 'bearish', lookback: 2 },
        ranges: { period: { t: 'int', r: [5, 30] }, crossover_value: { t: 'float', r: [0, 0.003] } },
      },
    ],
    objectives: [
      { objective: 'MaximizeNetPnL', weight: 1, parameters: { mode: 'inverse' } },
      { objective: 'MinimizeLosingTrades', weight: 1 },
    ],
    ga_hyperparameters: {
      population_size: 20,
      number_of_iterations: 4,
      elite_size: 4,
      propagation_fraction: 0.4,
      chance_of_mutation: 0.2,
      chance_of_crossover: 0.2,
      num_splits: 3,
      split_repeats: 2,
      random_seed: 11,
      ...ga,
    },
  };
}

export function writeConfig(dir: string, config: unknown, name = 'opt.json'): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(config, null, 2));
  return path;
}
