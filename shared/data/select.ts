import { allocateCandles, lowerBound, sliceCandles, type CandleKind, type Candles } from '../domain/candles';
import { isRegularHours } from '../time/newYork';
import { bucketEnd, bucketStart, TIMEFRAME_SECONDS, timeframeRank, type Timeframe } from '../time/timeframes';
import { aggregate, heikinAshi } from './aggregate';

/** What a reader asks for; the stored (base) timeframe may be finer than `timeframe`. */
export interface CandleQuery {
  timeframe: Timeframe;
  /** Inclusive lower bound on the requested candles' open time (UTC epoch seconds). */
  from?: number;
  /** Exclusive upper bound on the requested candles' open time. */
  to?: number;
  heikinAshi?: boolean;
  /** Keep only regular hours, 09:30–16:00 New York (DST-aware), weekdays. */
  regularHoursOnly?: boolean;
}

/**
 * The base rows [from, to) needed to build the requested candles: whole buckets, so the first and
 * last requested candle are built from all of their base rows, not from the part inside the range.
 */
export function baseRange(q: CandleQuery): { from: number; to: number } {
  const from = q.from === undefined ? -Infinity : bucketStart(q.from, q.timeframe);
  const to = q.to === undefined ? Infinity : bucketEnd(bucketStart(q.to - 1, q.timeframe), q.timeframe);
  return { from, to };
}

/**
 * Rows lying wholly inside regular hours. Daily rows are already session bars, so they pass
 * unchanged (a 1d candle can never lie inside 09:30–16:00).
 */
export function regularHoursOnly(c: Candles, tf: Timeframe): Candles {
  if (tf === '1d') return c;
  const sec = TIMEFRAME_SECONDS[tf];
  const out = allocateCandles(c.length);
  let k = 0;
  for (let i = 0; i < c.length; i++) {
    const t = c.ts[i]!;
    if (!isRegularHours(t, sec)) continue;
    out.ts[k] = t;
    out.open[k] = c.open[i]!;
    out.high[k] = c.high[i]!;
    out.low[k] = c.low[i]!;
    out.close[k] = c.close[i]!;
    out.volume[k] = c.volume[i]!;
    k++;
  }
  return k === c.length ? c : copyOf(sliceCandles(out, 0, k));
}

function copyOf(c: Candles): Candles {
  return {
    length: c.length,
    ts: c.ts.slice(),
    open: c.open.slice(),
    high: c.high.slice(),
    low: c.low.slice(),
    close: c.close.slice(),
    volume: c.volume.slice(),
  };
}

/**
 * Requested candles from base candles of `baseTf`: regular-hours filter on the base rows first
 * (so an hour bucket opening at 09:00 holds 09:30–09:59), then upward aggregation, then the
 * [from, to) window on the result's open times, then Heikin-Ashi over that window.
 */
export function deriveCandles(base: Candles, baseTf: Timeframe, q: CandleQuery): { candles: Candles; kind: CandleKind } {
  if (timeframeRank(q.timeframe) < timeframeRank(baseTf)) {
    throw new Error(`cannot build ${q.timeframe} candles from ${baseTf} data (aggregation goes upward only)`);
  }
  let c = q.regularHoursOnly ? regularHoursOnly(base, baseTf) : base;
  c = aggregate(c, baseTf, q.timeframe);
  const lo = q.from === undefined ? 0 : lowerBound(c.ts, q.from);
  const hi = q.to === undefined ? c.length : lowerBound(c.ts, q.to);
  if (lo !== 0 || hi !== c.length) c = copyOf(sliceCandles(c, lo, Math.max(lo, hi)));
  if (q.heikinAshi) return { candles: heikinAshi(c), kind: 'heiken' };
  return { candles: c, kind: 'normal' };
}
