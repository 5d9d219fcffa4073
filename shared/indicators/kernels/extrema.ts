import { column } from './util';

/**
 * Rolling extremes over the last `window` values (this one included), O(n) amortised with a
 * monotonic queue of indexes: NaN for the first `window − 1` candles. Among equal extremes the
 * most recent one is kept, which is what `barsSince` reports (Aroon counts from it).
 */
function rolling(src: Float64Array, window: number, wantMax: boolean, out?: Float64Array, barsSince?: Float64Array): Float64Array {
  const n = src.length;
  const dst = column(n, out);
  const queue = new Int32Array(n);
  let head = 0;
  let tail = 0;
  for (let i = 0; i < n; i++) {
    const x = src[i]!;
    if (wantMax) {
      while (tail > head && src[queue[tail - 1]!]! <= x) tail--;
    } else {
      while (tail > head && src[queue[tail - 1]!]! >= x) tail--;
    }
    queue[tail++] = i;
    if (queue[head]! <= i - window) head++;
    if (i < window - 1) {
      dst[i] = NaN;
      if (barsSince) barsSince[i] = NaN;
    } else {
      const at = queue[head]!;
      dst[i] = src[at]!;
      if (barsSince) barsSince[i] = i - at;
    }
  }
  return dst;
}

export function rollingMax(src: Float64Array, window: number, out?: Float64Array): Float64Array {
  return rolling(src, window, true, out);
}

export function rollingMin(src: Float64Array, window: number, out?: Float64Array): Float64Array {
  return rolling(src, window, false, out);
}

/** Candles since the (most recent) highest value of the last `window` values: 0 = this candle. */
export function barsSinceMax(src: Float64Array, window: number, out?: Float64Array): Float64Array {
  const dst = column(src.length, out);
  rolling(src, window, true, new Float64Array(src.length), dst);
  return dst;
}

/** Candles since the (most recent) lowest value of the last `window` values: 0 = this candle. */
export function barsSinceMin(src: Float64Array, window: number, out?: Float64Array): Float64Array {
  const dst = column(src.length, out);
  rolling(src, window, false, new Float64Array(src.length), dst);
  return dst;
}
