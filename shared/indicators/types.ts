import type { Candles } from '../domain/candles';
import type { ParamValue } from '../config/types';

/**
 * One parameter of an indicator class. Specs drive config validation (type, bounds, choices),
 * the bounds a `ranges` entry may span, and the generated forms in the UI.
 */
export interface ParamSpec {
  name: string;
  type: 'int' | 'float' | 'choice' | 'bool' | 'patterns';
  min?: number;
  max?: number;
  step?: number;
  /** For `choice` (one of) and `patterns` (any subset of). */
  choices?: readonly string[];
  default: ParamValue;
  description: string;
  /**
   * Read by the signal pipeline rather than the kernel (e.g. `lookback`): left out of the
   * indicator-series cache key so that genomes differing only here share one computed series.
   */
  pipeline?: boolean;
}

/** A line an indicator draws for the replay chart. */
export interface IndicatorLine {
  name: string;
  values: Float64Array;
  layout: 'overlay' | 'stacked';
  color: string;
}

export interface IndicatorDefinition {
  /** The original system's class name, e.g. `SMACrossoverIndicator`. */
  className: string;
  /** `signal`: fires 0/1 triggers that the pipeline decays; `trend`: a gate value in [−1, 1]. */
  kind: 'signal' | 'trend';
  description: string;
  params: readonly ParamSpec[];
  layout: 'overlay' | 'stacked';
  /**
   * The series the pipeline consumes, one value per candle. Signal indicators: 1 where the
   * indicator fires in its configured direction, 0 elsewhere (warm-up included). Trend
   * indicators: a value in [−1, 1] (0 during warm-up). Value i reads candles 0..i only.
   */
  compute(candles: Candles, params: Readonly<Record<string, ParamValue>>): Float64Array;
  /** Lines for charts (NaN during warm-up). */
  lines(candles: Candles, params: Readonly<Record<string, ParamValue>>): IndicatorLine[];
}
