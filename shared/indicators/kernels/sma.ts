import { column, firstFinite } from './util';

/**
 * Simple moving average; NaN until `period` values are in. Leading NaNs (another kernel's warm-up)
 * are skipped, so `sma(macdLine, 9)` starts where the MACD line does.
 *
 * The running sum is compensated (Neumaier), and a window whose values are all identical yields
 * that value exactly: without both, a long flat stretch (common in 1-minute FX data) leaves the
 * average a few ulps off the close, and strict crossing rules would fire on rounding noise.
 */
export function sma(src: Float64Array, period: number, out?: Float64Array): Float64Array {
  const n = src.length;
  const dst = column(n, out);
  const start = firstFinite(src);
  dst.fill(NaN, 0, Math.min(n, start + period - 1));
  let sum = 0;
  let comp = 0;
  let run = 0;
  for (let i = start; i < n; i++) {
    const x = src[i]!;
    let t = sum + x;
    comp += Math.abs(sum) >= Math.abs(x) ? sum - t + x : x - t + sum;
    sum = t;
    if (i - start >= period) {
      const y = -src[i - period]!;
      t = sum + y;
      comp += Math.abs(sum) >= Math.abs(y) ? sum - t + y : y - t + sum;
      sum = t;
    }
    run = i > start && x === src[i - 1] ? run + 1 : 1;
    if (i - start >= period - 1) dst[i] = run >= period ? x : (sum + comp) / period;
  }
  return dst;
}
