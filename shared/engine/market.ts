/**
 * A market: one symbol's stored candles and everything derived from them on demand — candles of
 * coarser timeframes (normal and Heikin-Ashi), which coarse candle each primary candle may see,
 * and the New York calendar facts the executor needs. Everything is computed once and memoised,
 * so a GA's thousands of backtests share it.
 */
import { MlfError } from '../contract/errors';
import { deriveCandles, heikinAshi } from '../data/aggregate';
import type { CandleKind, CandleSeries, Candles } from '../domain/candles';
import { nyDayNumber, nyLocalToUtc } from '../time/newYork';
import { regularHoursOnly as keepRegularHours } from '../data/select';
import { bucketEnd, TIMEFRAME_SECONDS, timeframeRank, type Timeframe } from '../time/timeframes';

/** Per primary candle: close times and the New York calendar. */
export interface PrimaryCalendar {
  timeframe: Timeframe;
  /** Close time of each primary candle (UTC s): open time + length, DST-aware for 4h and 1d. */
  closeTime: Float64Array;
  /** New York calendar day number of each candle's open (days since 1970-01-01 local). */
  day: Int32Array;
  /** 1 at the last candle of each New York day in the data. */
  dayLast: Uint8Array;
  /** Ordinal of each candle's day among the data's days (0, 0, …, 1, 1, …): days in a window without a scan. */
  dayOrdinal: Int32Array;
  /** The last candle of each day, by ordinal: a pass that skips candles still closes every day it skips. */
  dayLastIndex: Int32Array;
  /**
   * 1 on candles that close less than 60 s before 16:00 New York time, or later, on the day they
   * opened — the candle closing at 16:00, and any later one that day. `exit_by_end_of_day` exits on the first
   * and opens nothing on any of them (a position opened there would be held overnight).
   */
  endOfDay: Uint8Array;
}

export interface Market {
  readonly symbol: string;
  /** Timeframe of the stored candles the market was made from. */
  readonly baseTimeframe: Timeframe;
  readonly regularHoursOnly: boolean;
  /** Days per year for annualising: 365 when any candle opens on a New York Saturday (24/7 data), else 252. */
  readonly periodsPerYear: number;
  /** Candles of `tf` (≥ the base timeframe) and kind; memoised. */
  candles(tf: Timeframe, kind?: CandleKind): Candles;
  /**
   * For each candle of `primary`, the index of the last `tf` candle that has closed by that
   * candle's close (−1 when none yet): a coarse candle is visible only from its close on.
   */
  visibility(tf: Timeframe, primary: Timeframe): Int32Array;
  calendar(primary: Timeframe): PrimaryCalendar;
}

/** Close time of every candle of `tf` (bucket end: a 5m candle at 10:00 closes at 10:05). */
export function closeTimes(c: Candles, tf: Timeframe): Float64Array {
  const out = new Float64Array(c.length);
  const sec = TIMEFRAME_SECONDS[tf];
  if (sec <= 3600) for (let i = 0; i < c.length; i++) out[i] = c.ts[i]! + sec;
  else for (let i = 0; i < c.length; i++) out[i] = bucketEnd(c.ts[i]!, tf);
  return out;
}

const END_OF_DAY_SECOND = 16 * 3600 - 60;

export function createMarket(series: CandleSeries, opts: { regularHoursOnly?: boolean } = {}): Market {
  if (series.kind !== 'normal') {
    throw new MlfError('BAD_INPUT', `a market is built from normal candles; ${series.symbol} ${series.timeframe} is ${series.kind}`);
  }
  const regularHoursOnly = opts.regularHoursOnly ?? false;
  // The store's rule, so a run and its stored candles agree: daily rows are session bars and pass.
  const base = regularHoursOnly ? keepRegularHours(series.candles, series.timeframe) : series.candles;
  const baseTf = series.timeframe;
  const derived = new Map<string, Candles>();
  const closes = new Map<Timeframe, Float64Array>();
  const vis = new Map<string, Int32Array>();
  const cals = new Map<Timeframe, PrimaryCalendar>();
  let perYear = 0;

  const candles = (tf: Timeframe, kind: CandleKind = 'normal'): Candles => {
    if (timeframeRank(tf) < timeframeRank(baseTf)) {
      throw new MlfError(
        'BAD_INPUT',
        `${series.symbol} is stored at ${baseTf}; ${tf} candles cannot be made from it (the config's finest agg_config must be ${baseTf} or coarser)`,
      );
    }
    const key = `${tf}-${kind}`;
    let c = derived.get(key);
    if (!c) {
      if (kind === 'normal') c = tf === baseTf ? base : deriveCandles(base, baseTf, tf, 'normal');
      else c = heikinAshi(candles(tf, 'normal'));
      derived.set(key, c);
    }
    return c;
  };

  const closeOf = (tf: Timeframe): Float64Array => {
    let c = closes.get(tf);
    if (!c) {
      c = closeTimes(candles(tf), tf);
      closes.set(tf, c);
    }
    return c;
  };

  return {
    symbol: series.symbol,
    baseTimeframe: baseTf,
    regularHoursOnly,
    get periodsPerYear() {
      if (perYear === 0) {
        perYear = 252;
        // One weekday check per New York day, not per candle.
        let dayEnd = -Infinity;
        for (let i = 0; i < base.length; i++) {
          const t = base.ts[i]!;
          if (t < dayEnd) continue;
          const d = nyDayNumber(t);
          if ((d + 4) % 7 === 6) {
            perYear = 365;
            break;
          }
          dayEnd = nyLocalToUtc((d + 1) * 86400);
        }
      }
      return perYear;
    },
    candles,
    visibility(tf, primary) {
      const key = `${tf}>${primary}`;
      let v = vis.get(key);
      if (v) return v;
      const pc = closeOf(primary);
      v = new Int32Array(pc.length);
      if (tf === primary) {
        for (let j = 0; j < v.length; j++) v[j] = j;
      } else {
        const cc = closeOf(tf);
        let k = -1;
        for (let j = 0; j < pc.length; j++) {
          const t = pc[j]!;
          while (k + 1 < cc.length && cc[k + 1]! <= t) k++;
          v[j] = k;
        }
      }
      vis.set(key, v);
      return v;
    },
    calendar(primary) {
      let cal = cals.get(primary);
      if (cal) return cal;
      const c = candles(primary);
      const n = c.length;
      const closeTime = closeOf(primary);
      const day = new Int32Array(n);
      const dayLast = new Uint8Array(n);
      const endOfDay = new Uint8Array(n);
      const dayOrdinal = new Int32Array(n);
      // Day facts change only at New York midnights: compute them once per day, compare per candle.
      // One pass: a candle whose day differs from the previous one's closes that previous day.
      let d = 0;
      let dayStart = Infinity;
      let dayEnd = -Infinity;
      let eodAfter = 0;
      let ord = -1;
      for (let i = 0; i < n; i++) {
        const t = c.ts[i]!;
        if (t >= dayEnd || t < dayStart) {
          d = nyDayNumber(t);
          dayStart = nyLocalToUtc(d * 86400);
          dayEnd = nyLocalToUtc((d + 1) * 86400);
          eodAfter = nyLocalToUtc(d * 86400 + END_OF_DAY_SECOND);
        }
        if (i === 0 || d !== day[i - 1]) {
          if (i > 0) dayLast[i - 1] = 1;
          ord++;
        }
        day[i] = d;
        dayOrdinal[i] = ord;
        endOfDay[i] = closeTime[i]! > eodAfter ? 1 : 0;
      }
      if (n > 0) dayLast[n - 1] = 1;
      const dayLastIndex = new Int32Array(ord + 1);
      for (let i = 0; i < n; i++) if (dayLast[i]) dayLastIndex[dayOrdinal[i]!] = i;
      cal = { timeframe: primary, closeTime, day, dayLast, dayOrdinal, dayLastIndex, endOfDay };
      cals.set(primary, cal);
      return cal;
    },
  };
}
