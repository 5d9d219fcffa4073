import { rollingMax, rollingMin } from './extrema';
import { column } from './util';

/**
 * Swing points, reported when they become known. Candle j is a swing low of strength s when its
 * low is strictly below the lows of the s candles before it and no higher than the lows of the s
 * candles after it (so a flat bottom counts once, at its first candle). That is only known at the
 * close of candle j + s: `out[j + s]` holds the swing low's price, every other entry is NaN.
 * Swing highs mirror this on the highs. Nothing reads past the candle it is written at.
 */
function swings(src: Float64Array, strength: number, lows: boolean, out?: Float64Array): Float64Array {
  const n = src.length;
  const dst = column(n, out);
  dst.fill(NaN, 0, n);
  const ext = lows ? rollingMin(src, strength) : rollingMax(src, strength);
  for (let i = 2 * strength; i < n; i++) {
    const j = i - strength;
    const x = src[j]!;
    const before = ext[j - 1]!; // extreme of candles j − s .. j − 1
    const after = ext[i]!; // extreme of candles j + 1 .. j + s
    if (lows ? x < before && x <= after : x > before && x >= after) dst[i] = x;
  }
  return dst;
}

export function confirmedSwingLows(low: Float64Array, strength: number, out?: Float64Array): Float64Array {
  return swings(low, strength, true, out);
}

export function confirmedSwingHighs(high: Float64Array, strength: number, out?: Float64Array): Float64Array {
  return swings(high, strength, false, out);
}
