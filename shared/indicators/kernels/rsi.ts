import { column } from './util';

/**
 * Wilder's RSI. Gains and losses start at candle 1; their averages are seeded with the simple
 * mean of the first `period` of them (candles 1..period) and then smoothed with alpha 1/period,
 * so the first value is at index `period`. RSI = 100 × avgGain ÷ (avgGain + avgLoss); a window
 * with neither gains nor losses (a flat market) reads 50, not 100.
 */
export function rsi(close: Float64Array, period: number, out?: Float64Array): Float64Array {
  const n = close.length;
  const dst = column(n, out);
  dst.fill(NaN, 0, Math.min(n, period));
  let gain = 0;
  let loss = 0;
  const keep = period - 1;
  for (let i = 1; i < n; i++) {
    const d = close[i]! - close[i - 1]!;
    const g = d > 0 ? d : 0;
    const l = d < 0 ? -d : 0;
    if (i <= period) {
      gain += g;
      loss += l;
      if (i < period) continue;
      gain /= period;
      loss /= period;
    } else {
      gain = (gain * keep + g) / period;
      loss = (loss * keep + l) / period;
    }
    const total = gain + loss;
    dst[i] = total > 0 ? (100 * gain) / total : 50;
  }
  return dst;
}
