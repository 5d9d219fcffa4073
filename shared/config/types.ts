/**
 * The original system's JSON formats, as TypeScript types. Field names are the original's own
 * (snake_case) so that its users' files load unchanged; everything optional here has a default
 * applied by the validator, which returns these types fully normalised.
 */
import type { Timeframe } from '../time/timeframes';
import type { CandleKind } from '../domain/candles';

/** An optimisation range: `{"t":"int","r":[2,30]}`, `{"t":"float","r":[0,1]}` or `{"t":"skip"}`. */
export type RangeSpec = { t: 'int' | 'float'; r: [number, number] } | { t: 'skip' };

export type ParamValue = number | string | boolean | string[];

export interface TradeExecutorConfig {
  default_position_size: number;
  stop_loss_pct: number;
  take_profit_pct: number;
  take_profit_type: 'percent' | 'dollars';
  take_profit_dollars: number;
  halt_after_target: boolean;
  ignore_bear_signals: boolean;
  exit_by_end_of_day: boolean;
  trailing_stop_loss: boolean;
  trailing_stop_distance_pct: number;
  trailing_stop_activation_pct: number;
  /** Beyond the original (defaults keep its behaviour): where stops and targets fill. */
  fill_model: 'close' | 'intrabar';
  /** Fee per side in basis points of the traded value. */
  fee_bps: number;
  /** Adverse slippage per side in basis points of the price. */
  slippage_bps: number;
}

export interface IndicatorConfig {
  name: string;
  type: 'Indicator' | 'CDL';
  /** Older files spell this `function`; the validator accepts both and writes this one. */
  indicator_class: string;
  /** `"<timeframe>-<kind>"`, e.g. `"5m-normal"`, `"1m-heiken"`. */
  agg_config: string;
  calc_on_pip: boolean;
  parameters: Record<string, ParamValue>;
  ranges: Record<string, RangeSpec>;
}

/** `agg_config` split into its parts. */
export interface AggConfig {
  timeframe: Timeframe;
  kind: CandleKind;
}

export interface TrendIndicatorRef {
  weight: number;
  mode: 'soft' | 'hard';
}

export interface BarConfig {
  type: 'bull' | 'bear';
  indicators: Record<string, number>;
  weight_ranges: Record<string, RangeSpec>;
  trend_indicators: Record<string, TrendIndicatorRef>;
  trend_logic: 'AND' | 'OR' | 'AVG';
  trend_threshold: number;
  trend_threshold_range: [number, number] | null;
  trend_weight_ranges: Record<string, RangeSpec>;
}

export interface SignalRule {
  name: string;
  threshold: number;
  threshold_range: [number, number] | null;
}

export interface MonitorConfig {
  name: string;
  description: string;
  trade_executor: TradeExecutorConfig;
  bars: Record<string, BarConfig>;
  enter_long: SignalRule[];
  exit_long: SignalRule[];
}

export interface ObjectiveConfig {
  objective: string;
  weight: number;
  parameters: Record<string, ParamValue>;
}

export interface GaHyperparameters {
  number_of_iterations: number;
  population_size: number;
  propagation_fraction: number;
  elite_size: number;
  chance_of_mutation: number;
  chance_of_crossover: number;
  num_splits: number;
  split_repeats: number;
  daily_splits: boolean;
  random_seed: number;
  num_workers: number;
  seed_with_original: boolean;
  elites_to_save: number;
  save_elites_every_epoch: boolean;
}

/** The original's separate data config: `{ticker, start_date, end_date, include_extended_hours}`. */
export interface DataConfig {
  ticker: string;
  start_date: string;
  end_date: string;
  include_extended_hours: boolean;
}

/** A monitor config; an optimizer config adds objectives and GA hyperparameters. */
export interface StrategyConfig {
  test_name: string;
  monitor: MonitorConfig;
  indicators: IndicatorConfig[];
  objectives: ObjectiveConfig[];
  ga_hyperparameters: GaHyperparameters;
  /** Free-form notes a tool attached (e.g. an export's provenance); kept as given, never read. */
  metadata?: Record<string, unknown>;
}
