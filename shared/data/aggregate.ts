import { allocateCandles, type CandleKind, type Candles } from '../domain/candles';
import { bucketEnd, bucketStart, TIMEFRAME_SECONDS, timeframeRank, type Timeframe } from '../time/timeframes';

/**
 * Aggregates candles upward (e.g. 1m → 5m). Buckets follow `bucketStart`; a bucket holds whatever
 * rows fall into it, so gaps give partial buckets rather than invented candles. The result's `ts`
 * is each bucket's start.
 */
export function aggregate(src: Candles, from: Timeframe, to: Timeframe): Candles {
  if (timeframeRank(to) < timeframeRank(from)) {
    throw new Error(`cannot aggregate ${from} candles down to ${to}`);
  }
  if (to === from) return src;
  const n = src.length;
  const out = allocateCandles(n); // upper bound; trimmed below
  const sec = TIMEFRAME_SECONDS[to];
  const clockAligned = sec <= 3600;
  let k = -1;
  let end = -Infinity;
  for (let i = 0; i < n; i++) {
    const t = src.ts[i]!;
    if (t >= end) {
      // A new bucket: only here is the (slower, DST-aware) bucket arithmetic needed.
      const start = clockAligned ? Math.floor(t / sec) * sec : bucketStart(t, to);
      end = clockAligned ? start + sec : bucketEnd(start, to);
      k++;
      out.ts[k] = start;
      out.open[k] = src.open[i]!;
      out.high[k] = src.high[i]!;
      out.low[k] = src.low[i]!;
      out.close[k] = src.close[i]!;
      out.volume[k] = src.volume[i]!;
    } else {
      const h = src.high[i]!;
      const l = src.low[i]!;
      if (h > out.high[k]!) out.high[k] = h;
      if (l < out.low[k]!) out.low[k] = l;
      out.close[k] = src.close[i]!;
      out.volume[k] = out.volume[k]! + src.volume[i]!;
    }
  }
  return trim(out, k + 1);
}

function trim(c: Candles, length: number): Candles {
  if (length === c.length) return c;
  return {
    length,
    ts: c.ts.slice(0, length),
    open: c.open.slice(0, length),
    high: c.high.slice(0, length),
    low: c.low.slice(0, length),
    close: c.close.slice(0, length),
    volume: c.volume.slice(0, length),
  };
}

/**
 * Heikin-Ashi candles from (already aggregated) candles: each HA candle is computed from the whole
 * bucket's OHLC. close = (O+H+L+C)/4; open = mean of the previous HA open and close (the first:
 * (O+C)/2); high/low extend to include the HA open and close.
 */
export function heikinAshi(c: Candles): Candles {
  const n = c.length;
  const out = allocateCandles(n);
  out.ts.set(c.ts);
  out.volume.set(c.volume);
  let prevOpen = 0;
  let prevClose = 0;
  for (let i = 0; i < n; i++) {
    const o = c.open[i]!;
    const h = c.high[i]!;
    const l = c.low[i]!;
    const cl = c.close[i]!;
    const haClose = (o + h + l + cl) / 4;
    const haOpen = i === 0 ? (o + cl) / 2 : (prevOpen + prevClose) / 2;
    out.open[i] = haOpen;
    out.close[i] = haClose;
    out.high[i] = Math.max(h, haOpen, haClose);
    out.low[i] = Math.min(l, haOpen, haClose);
    prevOpen = haOpen;
    prevClose = haClose;
  }
  return out;
}

/** Candles of `to` and `kind` built from base candles of timeframe `from`. */
export function deriveCandles(src: Candles, from: Timeframe, to: Timeframe, kind: CandleKind): Candles {
  const agg = aggregate(src, from, to);
  return kind === 'heiken' ? heikinAshi(agg) : agg;
}
