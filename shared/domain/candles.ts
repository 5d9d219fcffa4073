import type { Timeframe } from '../time/timeframes';

/**
 * Candles as columns: the shape every hot path (indicators, pipeline, executor, charts) reads.
 * `ts` is each candle's open time in UTC epoch seconds, strictly increasing.
 */
export interface Candles {
  readonly length: number;
  readonly ts: Float64Array;
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  readonly volume: Float64Array;
}

/** Normal candles or Heikin-Ashi ones (the original files spell it "heiken"). */
export type CandleKind = 'normal' | 'heiken';

/** A series of candles with what it is: which symbol, at which timeframe, of which kind. */
export interface CandleSeries {
  readonly symbol: string;
  readonly timeframe: Timeframe;
  readonly kind: CandleKind;
  readonly candles: Candles;
}

export function allocateCandles(length: number): Candles {
  return {
    length,
    ts: new Float64Array(length),
    open: new Float64Array(length),
    high: new Float64Array(length),
    low: new Float64Array(length),
    close: new Float64Array(length),
    volume: new Float64Array(length),
  };
}

/** A view of rows [from, to) sharing memory with the source. */
export function sliceCandles(c: Candles, from: number, to: number): Candles {
  return {
    length: Math.max(0, to - from),
    ts: c.ts.subarray(from, to),
    open: c.open.subarray(from, to),
    high: c.high.subarray(from, to),
    low: c.low.subarray(from, to),
    close: c.close.subarray(from, to),
    volume: c.volume.subarray(from, to),
  };
}

/** First index with ts >= t (binary search); `length` when none. */
export function lowerBound(ts: Float64Array, t: number): number {
  let lo = 0;
  let hi = ts.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ts[mid]! < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
