import { TIMEFRAME_SECONDS, TIMEFRAMES, type Timeframe } from '../../time/timeframes';

/** What timeframe inference looks at: the first rows of a file. */
export interface TimeSample {
  /** UTC epoch seconds, in file order. */
  ts: ArrayLike<number>;
  /** Time of day as written (seconds), or -1 when the row had a date only. */
  timeOfDay: ArrayLike<number>;
  /** File line of each row (for messages). */
  line: ArrayLike<number>;
  length: number;
}

export type Inference = { ok: true; timeframe: Timeframe } | { ok: false; message: string; line?: number };

const fmtSpan = (s: number) =>
  s % 86400 === 0 ? `${s / 86400} d` : s % 3600 === 0 ? `${s / 3600} h` : s % 60 === 0 ? `${s / 60} min` : `${s} s`;

/**
 * The timeframe of a file from its first rows. Date-only rows are daily; rows that all share one
 * time of day (e.g. stamped at midnight) at least 20 h apart are daily too; otherwise the smallest
 * gap between consecutive rows must be one of the supported timeframes.
 */
export function inferTimeframe(s: TimeSample): Inference {
  if (s.length === 0) return { ok: false, message: 'no valid rows to infer the timeframe from' };
  let dateOnly = true;
  let sameTime = true;
  for (let i = 0; i < s.length; i++) {
    if (s.timeOfDay[i] !== -1) dateOnly = false;
    if (s.timeOfDay[i] !== s.timeOfDay[0]) sameTime = false;
  }
  if (dateOnly) return { ok: true, timeframe: '1d' };
  if (s.length < 2) return { ok: false, message: 'a single row cannot show its timeframe; pass --timeframe' };
  let min = Infinity;
  let at = -1;
  for (let i = 1; i < s.length; i++) {
    const d = s.ts[i]! - s.ts[i - 1]!;
    if (d > 0 && d < min) {
      min = d;
      at = i;
    }
  }
  if (!Number.isFinite(min)) return { ok: false, message: 'no two rows with increasing times to infer the timeframe from' };
  if (sameTime && min >= 20 * 3600) return { ok: true, timeframe: '1d' };
  const tf = TIMEFRAMES.find((t) => TIMEFRAME_SECONDS[t] === min);
  if (tf) return { ok: true, timeframe: tf };
  return {
    ok: false,
    line: s.line[at],
    message:
      `cannot infer the timeframe: the closest rows are ${fmtSpan(min)} apart (lines ${s.line[at - 1]} and ${s.line[at]}), ` +
      `which is none of ${TIMEFRAMES.join(' ')}; pass --timeframe with the candle length`,
  };
}
