import type { GaHyperparameters, TradeExecutorConfig } from './types';

/**
 * Values applied where a config leaves a `trade_executor` field out. A stop or take-profit of 0
 * means "none", so a pure signal strategy (enter on one bar, leave on another) needs no fields
 * beyond `default_position_size`. Documented in docs/CONFIG.md.
 */
export const EXECUTOR_DEFAULTS: Readonly<TradeExecutorConfig> = {
  default_position_size: 100,
  stop_loss_pct: 0,
  take_profit_pct: 0,
  take_profit_type: 'percent',
  take_profit_dollars: 0,
  halt_after_target: false,
  ignore_bear_signals: false,
  exit_by_end_of_day: false,
  trailing_stop_loss: false,
  trailing_stop_distance_pct: 0,
  trailing_stop_activation_pct: 0,
  fill_model: 'close',
  fee_bps: 0,
  slippage_bps: 0,
};

/** The original system's `ga_hyperparameters` defaults (SYSTEM.md §4), plus the UI's two fields. */
export const GA_DEFAULTS: Readonly<GaHyperparameters> = {
  number_of_iterations: 1000,
  population_size: 300,
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
  save_elites_every_epoch: false,
};
