import type { GaHyperparameters, StrategyConfig } from '../../../shared/config/types';
import type { GeneSpec } from '../../../shared/ga/genes';

export const hyper = (over: Partial<GaHyperparameters> = {}): GaHyperparameters => ({
  number_of_iterations: 10,
  population_size: 20,
  propagation_fraction: 0.4,
  elite_size: 4,
  chance_of_mutation: 0.075,
  chance_of_crossover: 0.075,
  num_splits: 4,
  split_repeats: 3,
  daily_splits: false,
  random_seed: 0,
  num_workers: 0,
  seed_with_original: true,
  elites_to_save: 4,
  save_elites_every_epoch: true,
  ...over,
});

/** A normalised config with one gene of every kind. */
export function sampleConfig(): StrategyConfig {
  return {
    test_name: 'fixture',
    monitor: {
      name: 'm',
      description: '',
      trade_executor: {
        default_position_size: 100,
        stop_loss_pct: 0.02,
        take_profit_pct: 0.04,
        take_profit_type: 'percent',
        take_profit_dollars: 0,
        halt_after_target: false,
        ignore_bear_signals: false,
        exit_by_end_of_day: false,
        trailing_stop_loss: false,
        trailing_stop_distance_pct: 0.01,
        trailing_stop_activation_pct: 0,
        fill_model: 'close',
        fee_bps: 0,
        slippage_bps: 0,
      },
      bars: {
        bull: {
          type: 'bull',
          indicators: { fast: 0.6, slow: 0.8 },
          weight_ranges: { fast: { t: 'float', r: [0.5, 1] }, slow: { t: 'skip' } },
          trend_indicators: { tr: { weight: 1, mode: 'soft' } },
          trend_logic: 'AND',
          trend_threshold: 0.1,
          trend_threshold_range: [0, 0.5],
          trend_weight_ranges: { tr: { t: 'float', r: [0.5, 2] } },
        },
        bear: {
          type: 'bear',
          indicators: { slow: 1 },
          weight_ranges: {},
          trend_indicators: {},
          trend_logic: 'AND',
          trend_threshold: 0,
          trend_threshold_range: null,
          trend_weight_ranges: {},
        },
      },
      enter_long: [{ name: 'bull', threshold: 0.7, threshold_range: [0.5, 1] }],
      exit_long: [{ name: 'bear', threshold: 0.5, threshold_range: [0.2, 0.9] }],
    },
    indicators: [
      {
        name: 'fast',
        type: 'Indicator',
        indicator_class: 'SMACrossoverIndicator',
        agg_config: '1m-normal',
        calc_on_pip: false,
        parameters: { period: 10, crossover_value: 0.001, trend: 'bullish', lookback: 3 },
        ranges: { period: { t: 'int', r: [2, 30] }, crossover_value: { t: 'float', r: [0, 0.01] }, trend: { t: 'skip' } },
      },
      {
        name: 'slow',
        type: 'Indicator',
        indicator_class: 'SMACrossoverIndicator',
        agg_config: '5m-normal',
        calc_on_pip: false,
        parameters: { period: 20, crossover_value: 0, trend: 'bearish', lookback: 2 },
        ranges: { lookback: { t: 'int', r: [1, 4] } },
      },
    ],
    objectives: [{ objective: 'MaximizeNetPnL', weight: 1, parameters: { mode: 'inverse' } }],
    ga_hyperparameters: hyper(),
  };
}

/** Real-valued genes on [0, 1] for test problems that are not trading configs (ZDT1). */
export function unitGenes(n: number): GeneSpec[] {
  return Array.from({ length: n }, (_, i) => ({
    key: `x${i}`,
    kind: 'param' as const,
    type: 'float' as const,
    lo: 0,
    hi: 1,
    mutable: true,
    target: { kind: 'param' as const, indicator: 0, param: `x${i}` },
  }));
}
