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
  if (period >= n) return dst;
  let gain = 0;
  let loss = 0;
  for (let i = 1; i <= period; i++) {
    const d = close[i]! - close[i - 1]!;
    gain += Math.max(d, 0);
    loss += Math.max(-d, 0);
  }
  gain /= period;
  loss /= period;
  dst[period] = gain + loss > 0 ? (100 * gain) / (gain + loss) : 50;
  // Branch-free body (max instead of if): up and down moves alternate unpredictably.
  const alpha = 1 / period;
  for (let i = period + 1; i < n; i++) {
    const d = close[i]! - close[i - 1]!;
    gain += (Math.max(d, 0) - gain) * alpha;
    loss += (Math.max(-d, 0) - loss) * alpha;
    const total = gain + loss;
    dst[i] = total > 0 ? (100 * gain) / total : 50;
  }
  return dst;
}
