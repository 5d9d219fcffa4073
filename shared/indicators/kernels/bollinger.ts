import { column, firstFinite } from './util';

export interface BollingerColumns {
  middle: Float64Array;
  upper: Float64Array;
  lower: Float64Array;
}

/** Every this many candles the window's mean and variance are recomputed exactly. */
const RESYNC = 1024;

/**
 * Bollinger Bands: middle = SMA(period), bands = middle ± k × σ with σ the population standard
 * deviation of the window (divide by `period`, as Bollinger, TA-Lib and `technicalindicators` do).
 * NaN until `period` values are in.
 *
 * The window's mean and sum of squared deviations slide in O(1) per candle (Welford's update for
 * a replaced value) and are recomputed exactly every 1024 candles, at fixed indexes so that a
 * longer series never changes earlier values; a window of identical values has σ = 0 exactly.
 */
/**
 * The window statistics the bands are made of, per candle: `mean` and `sigma` (population σ),
 * NaN during warm-up; a window of identical values has sigma −1 (its bands are the value itself,
 * exactly). Independent of the band width, so one computation serves every `k`.
 */
export function bollingerStats(src: Float64Array, period: number, out?: { mean?: Float64Array; sigma?: Float64Array }): { mean: Float64Array; sigma: Float64Array } {
  const n = src.length;
  const meanCol = column(n, out?.mean);
  const sigmaCol = column(n, out?.sigma);
  const start = firstFinite(src);
  const first = Math.min(n, start + period - 1);
  meanCol.fill(NaN, 0, first);
  sigmaCol.fill(NaN, 0, first);
  let mean = 0;
  let m2 = 0;
  let run = 0;
  for (let i = start; i < n; i++) {
    const x = src[i]!;
    const count = i - start + 1;
    if (count <= period) {
      const d = x - mean;
      mean += d / count;
      m2 += d * (x - mean);
    } else {
      const old = src[i - period]!;
      const prevMean = mean;
      const d = x - old;
      mean += d / period;
      m2 += d * (x - mean + old - prevMean);
    }
    run = i > start && x === src[i - 1] ? run + 1 : 1;
    if (count < period) continue;
    if (i % RESYNC === 0) {
      let s = 0;
      for (let j = i - period + 1; j <= i; j++) s += src[j]!;
      mean = s / period;
      let q = 0;
      for (let j = i - period + 1; j <= i; j++) {
        const d = src[j]! - mean;
        q += d * d;
      }
      m2 = q;
    }
    if (run >= period) {
      meanCol[i] = x;
      sigmaCol[i] = -1;
    } else {
      meanCol[i] = mean;
      sigmaCol[i] = Math.sqrt(m2 > 0 ? m2 / period : 0);
    }
  }
  return { mean: meanCol, sigma: sigmaCol };
}

/** Band `k` at candle i from the window statistics: [middle, upper, lower] written into `at`. */
export function bandsAt(mean: number, sigma: number, k: number, at: Float64Array): void {
  if (sigma < 0) {
    at[0] = mean;
    at[1] = mean;
    at[2] = mean;
  } else {
    const band = k * sigma;
    at[0] = mean;
    at[1] = mean + band;
    at[2] = mean - band;
  }
}

export function bollinger(src: Float64Array, period: number, k: number, out?: Partial<BollingerColumns>): BollingerColumns {
  const n = src.length;
  const middle = column(n, out?.middle);
  const upper = column(n, out?.upper);
  const lower = column(n, out?.lower);
  // The statistics go through the upper and lower columns, which are then overwritten in place.
  const { mean, sigma } = bollingerStats(src, period, { mean: upper, sigma: lower });
  const at = new Float64Array(3);
  for (let i = 0; i < n; i++) {
    bandsAt(mean[i]!, sigma[i]!, k, at);
    middle[i] = at[0]!;
    upper[i] = at[1]!;
    lower[i] = at[2]!;
  }
  return { middle, upper, lower };
}
