import { barsSinceMax, barsSinceMin } from './extrema';
import { column } from './util';

export interface AroonColumns {
  up: Float64Array;
  down: Float64Array;
}

/**
 * Aroon over `period` (TA-Lib's window of period + 1 candles, this one included):
 * up = 100 × (period − candles since the highest high) ÷ period, down likewise from the lowest
 * low; ties count from the most recent extreme. NaN until index `period`.
 * The oscillator is up − down.
 */
export function aroon(high: Float64Array, low: Float64Array, period: number, out?: Partial<AroonColumns>): AroonColumns {
  const n = high.length;
  const up = barsSinceMax(high, period + 1, column(n, out?.up));
  const down = barsSinceMin(low, period + 1, column(n, out?.down));
  // 100 × k ÷ period is exact at k = period (100 × (k ÷ period) need not be).
  for (let i = 0; i < n; i++) {
    up[i] = (100 * (period - up[i]!)) / period;
    down[i] = (100 * (period - down[i]!)) / period;
  }
  return { up, down };
}
