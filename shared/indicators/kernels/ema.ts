import { column, firstFinite } from './util';

/**
 * Exponential smoothing seeded with the simple average of the first `period` values (the
 * convention of TA-Lib's EMA and of `technicalindicators`): NaN before that, then
 * `y = y' + alpha × (x − y')`. Leading NaNs are skipped.
 */
function smooth(src: Float64Array, period: number, alpha: number, out?: Float64Array): Float64Array {
  const n = src.length;
  const dst = column(n, out);
  const start = firstFinite(src);
  const seedAt = start + period - 1;
  dst.fill(NaN, 0, Math.min(n, seedAt));
  if (seedAt >= n) return dst;
  let sum = 0;
  let same = true;
  for (let i = start; i <= seedAt; i++) {
    sum += src[i]!;
    if (src[i] !== src[start]) same = false;
  }
  // A constant seed window gives the constant exactly (see sma.ts on why exactness matters).
  let y = same ? src[start]! : sum / period;
  dst[seedAt] = y;
  for (let i = seedAt + 1; i < n; i++) {
    y = (src[i]! - y) * alpha + y;
    dst[i] = y;
  }
  return dst;
}

/** Exponential moving average, alpha = 2 ÷ (period + 1). */
export function ema(src: Float64Array, period: number, out?: Float64Array): Float64Array {
  return smooth(src, period, 2 / (period + 1), out);
}

/** Wilder's running moving average (RMA / SMMA), alpha = 1 ÷ period, as in RSI, ATR and ADX. */
export function rma(src: Float64Array, period: number, out?: Float64Array): Float64Array {
  return smooth(src, period, 1 / period, out);
}
