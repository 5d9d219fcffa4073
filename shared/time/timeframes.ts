import { nyLocal, nyLocalToUtc } from './newYork';

/** Timeframes the store, aggregation and `agg_config` understand, finest first. */
export const TIMEFRAMES = ['1m', '5m', '15m', '30m', '1h', '4h', '1d'] as const;
export type Timeframe = (typeof TIMEFRAMES)[number];

export const TIMEFRAME_SECONDS: Readonly<Record<Timeframe, number>> = {
  '1m': 60,
  '5m': 300,
  '15m': 900,
  '30m': 1800,
  '1h': 3600,
  '4h': 14400,
  '1d': 86400,
};

export function isTimeframe(value: string): value is Timeframe {
  return (TIMEFRAMES as readonly string[]).includes(value);
}

export function timeframeMinutes(tf: Timeframe): number {
  return TIMEFRAME_SECONDS[tf] / 60;
}

/** Position in TIMEFRAMES; larger is coarser. */
export function timeframeRank(tf: Timeframe): number {
  return TIMEFRAMES.indexOf(tf);
}

/**
 * Start of the bucket of `tf` that contains `ts` (UTC epoch seconds).
 * Buckets up to 1h are aligned to the UTC epoch, which is also the New York clock because its
 * offsets are whole hours. 4h and 1d buckets follow the New York wall clock (DST-aware): a daily
 * candle is a New York calendar day and 4h candles split it at 00, 04, 08, 12, 16 and 20 local.
 */
export function bucketStart(ts: number, tf: Timeframe): number {
  const sec = TIMEFRAME_SECONDS[tf];
  if (sec <= 3600) return Math.floor(ts / sec) * sec;
  const local = nyLocal(ts);
  return nyLocalToUtc(Math.floor(local / sec) * sec);
}

/** End (exclusive) of the bucket starting at `start`: the instant that candle has closed. */
export function bucketEnd(start: number, tf: Timeframe): number {
  const sec = TIMEFRAME_SECONDS[tf];
  if (sec <= 3600) return start + sec;
  return nyLocalToUtc(Math.floor(nyLocal(start) / sec) * sec + sec);
}
