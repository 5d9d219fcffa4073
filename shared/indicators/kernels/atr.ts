import { column } from './util';

/**
 * True range: max(high − low, |high − previous close|, |low − previous close|). Candle 0 has no
 * previous close and is NaN (TA-Lib and `technicalindicators` leave it out too).
 */
export function trueRange(high: Float64Array, low: Float64Array, close: Float64Array, out?: Float64Array): Float64Array {
  const n = close.length;
  const dst = column(n, out);
  if (n > 0) dst[0] = NaN;
  for (let i = 1; i < n; i++) {
    const pc = close[i - 1]!;
    const h = high[i]!;
    const l = low[i]!;
    const tr = Math.max(h - l, Math.abs(h - pc), Math.abs(l - pc));
    dst[i] = tr;
  }
  return dst;
}

/**
 * Average true range: Wilder's RMA of the true range, seeded with the mean of TR over candles
 * 1..period, so the first value is at index `period`. One pass, no intermediate column.
 */
export function atr(high: Float64Array, low: Float64Array, close: Float64Array, period: number, out?: Float64Array): Float64Array {
  const n = close.length;
  const dst = column(n, out);
  dst.fill(NaN, 0, Math.min(n, period));
  const alpha = 1 / period;
  let avg = 0;
  for (let i = 1; i < n; i++) {
    const pc = close[i - 1]!;
    const h = high[i]!;
    const l = low[i]!;
    const tr = Math.max(h - l, Math.abs(h - pc), Math.abs(l - pc));
    if (i < period) {
      avg += tr;
    } else if (i === period) {
      avg = (avg + tr) / period;
      dst[i] = avg;
    } else {
      avg = (tr - avg) * alpha + avg;
      dst[i] = avg;
    }
  }
  return dst;
}
