/**
 * America/New_York wall clock without Intl: the hot paths (sessions, end of day, daily buckets) ask
 * per candle, and the US rules are few and fixed. Covers 1976 onward; earlier years use the 1976 rule.
 */

const HOUR = 3600;
const DAY = 86400;
const EST = -5 * HOUR;
const EDT = -4 * HOUR;

const dstCache = new Map<number, readonly [number, number]>();

function utcDayOf(year: number, month0: number, day: number): number {
  return Math.floor(Date.UTC(year, month0, day) / 1000 / DAY);
}

/** Epoch day of the n-th (1-based) Sunday of a month, or the last one when n = -1. */
function sundayOf(year: number, month0: number, n: number): number {
  if (n > 0) {
    const first = utcDayOf(year, month0, 1);
    const dow = (first + 4) % 7; // 1970-01-01 was a Thursday
    return first + ((7 - dow) % 7) + (n - 1) * 7;
  }
  const last = utcDayOf(year, month0 + 1, 1) - 1;
  const dow = (last + 4) % 7;
  return last - dow;
}

/** [start, end) of daylight saving time in UTC epoch seconds for a calendar year. */
export function nyDstRange(year: number): readonly [number, number] {
  const hit = dstCache.get(year);
  if (hit) return hit;
  let startDay: number;
  let endDay: number;
  if (year >= 2007) {
    startDay = sundayOf(year, 2, 2);
    endDay = sundayOf(year, 10, 1);
  } else if (year >= 1987) {
    startDay = sundayOf(year, 3, 1);
    endDay = sundayOf(year, 9, -1);
  } else {
    startDay = sundayOf(year, 3, -1);
    endDay = sundayOf(year, 9, -1);
  }
  // Both switches happen at 02:00 local: 07:00 UTC in winter time, 06:00 UTC in summer time.
  const range = [startDay * DAY + 7 * HOUR, endDay * DAY + 6 * HOUR] as const;
  dstCache.set(year, range);
  return range;
}

/** New York's UTC offset in seconds (−14400 or −18000) at a UTC instant. */
export function nyOffsetSeconds(ts: number): number {
  const year = new Date(ts * 1000).getUTCFullYear();
  const [start, end] = nyDstRange(year);
  return ts >= start && ts < end ? EDT : EST;
}

/**
 * The UTC instant of a New York wall-clock time given as "local epoch seconds" (seconds since
 * 1970-01-01 00:00 on the local clock). A time skipped by the spring change resolves to the
 * summer side; a repeated autumn hour resolves to its first occurrence.
 */
export function nyLocalToUtc(local: number): number {
  const asDst = local - EDT;
  if (nyOffsetSeconds(asDst) === EDT) return asDst;
  const asStd = local - EST;
  if (nyOffsetSeconds(asStd) === EST) return asStd;
  return asDst;
}

/** Local wall-clock seconds since the local epoch for a UTC instant. */
export function nyLocal(ts: number): number {
  return ts + nyOffsetSeconds(ts);
}

/** Seconds since local midnight in New York. */
export function nySecondOfDay(ts: number): number {
  const local = nyLocal(ts);
  return local - Math.floor(local / DAY) * DAY;
}

/** UTC instant of the New York midnight that starts the local day containing `ts`. */
export function nyDayStart(ts: number): number {
  const local = nyLocal(ts);
  return nyLocalToUtc(Math.floor(local / DAY) * DAY);
}

/** Local calendar day number (days since 1970-01-01 on the New York clock); a stable day key. */
export function nyDayNumber(ts: number): number {
  return Math.floor(nyLocal(ts) / DAY);
}

/** Day of week on the New York clock, 0 = Sunday. */
export function nyWeekday(ts: number): number {
  return (nyDayNumber(ts) + 4) % 7;
}

export const RTH_OPEN_SECOND = 9 * HOUR + 30 * 60;
export const RTH_CLOSE_SECOND = 16 * HOUR;

/** Whether a candle opening at `ts` with length `seconds` lies inside regular hours 09:30–16:00. */
export function isRegularHours(ts: number, seconds: number): boolean {
  const s = nySecondOfDay(ts);
  return s >= RTH_OPEN_SECOND && s + seconds <= RTH_CLOSE_SECOND && nyWeekday(ts) % 6 !== 0;
}
