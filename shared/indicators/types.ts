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

/**
 * Where a kernel computes when the engine's cache drives it: result columns come from a pool
 * (zeroed, as a new array), and intermediate series that depend on fewer parameters than the
 * result (an SMA line under a crossing band) are computed once per candle series and shared.
 * A kernel must give the same values with or without a context.
 */
export interface ComputeContext {
  /** A zeroed column of `length`. */
  column(length: number): Float64Array;
  /**
   * The intermediate series named `key` on these candles (the key names the series completely,
   * e.g. `sma(close,20)`), made once with `make` (whose `column` is a zeroed pooled column).
   * Read it, never write it.
   */
  memo(key: string, make: (column: (length: number) => Float64Array) => Float64Array): Float64Array;
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
   * With `ctx` (the engine's cache) the result column and shared intermediate lines come from it.
   */
  compute(candles: Candles, params: Readonly<Record<string, ParamValue>>, ctx?: ComputeContext): Float64Array;
  /** Lines for charts (NaN during warm-up). */
  lines(candles: Candles, params: Readonly<Record<string, ParamValue>>): IndicatorLine[];
}
