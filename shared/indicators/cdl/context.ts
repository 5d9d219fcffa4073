import type { Candles } from '../../domain/candles';

/**
 * TA-Lib's default candle settings, which give "long", "short", "near" their meaning. Each is a
 * factor times the average of some range over the `period` candles *before* the candle it is
 * applied to (period 0: the candle's own real body).
 *
 * | setting         | range      | period | factor |
 * |-----------------|------------|--------|--------|
 * | BodyLong        | real body  | 10     | 1.0    |
 * | BodyShort       | real body  | 10     | 1.0    |
 * | BodyDoji        | high − low | 10     | 0.1    |
 * | ShadowLong      | real body  | 0      | 1.0    |
 * | ShadowVeryShort | high − low | 10     | 0.1    |
 * | Near            | high − low | 5      | 0.2    |
 * | Far             | high − low | 5      | 0.6    |
 */
export const CANDLE_SETTINGS = {
  bodyPeriod: 10,
  rangePeriod: 10,
  nearPeriod: 5,
  bodyDoji: 0.1,
  shadowVeryShort: 0.1,
  near: 0.2,
  far: 0.6,
} as const;

/** Per-candle shape columns and trailing averages, built once and shared by every pattern. */
export interface CandleContext {
  readonly n: number;
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  /** |close − open| */
  readonly body: Float64Array;
  readonly upperShadow: Float64Array;
  readonly lowerShadow: Float64Array;
  /** Mean real body of the 10 candles before j (NaN for j < 10). */
  readonly bodyAvg: Float64Array;
  /** Mean high − low of the 10 candles before j. */
  readonly rangeAvg: Float64Array;
  /** Mean high − low of the 5 candles before j. */
  readonly nearAvg: Float64Array;
}

/** out[j] = mean of src[j − period .. j − 1]; NaN for j < period. */
function trailingMean(src: Float64Array, period: number): Float64Array {
  const n = src.length;
  const out = new Float64Array(n);
  out.fill(NaN, 0, Math.min(n, period));
  let sum = 0;
  for (let j = 0; j < n; j++) {
    if (j >= period) {
      out[j] = sum / period;
      sum -= src[j - period]!;
    }
    sum += src[j]!;
  }
  return out;
}

export function candleContext(c: Candles): CandleContext {
  const n = c.length;
  const body = new Float64Array(n);
  const range = new Float64Array(n);
  const upperShadow = new Float64Array(n);
  const lowerShadow = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const o = c.open[i]!;
    const cl = c.close[i]!;
    const top = cl >= o ? cl : o;
    const bottom = cl >= o ? o : cl;
    body[i] = top - bottom;
    range[i] = c.high[i]! - c.low[i]!;
    upperShadow[i] = c.high[i]! - top;
    lowerShadow[i] = bottom - c.low[i]!;
  }
  return {
    n,
    open: c.open,
    high: c.high,
    low: c.low,
    close: c.close,
    body,
    upperShadow,
    lowerShadow,
    bodyAvg: trailingMean(body, CANDLE_SETTINGS.bodyPeriod),
    rangeAvg: trailingMean(range, CANDLE_SETTINGS.rangePeriod),
    nearAvg: trailingMean(range, CANDLE_SETTINGS.nearPeriod),
  };
}
