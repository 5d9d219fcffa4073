import { nyDayNumber } from '../time/newYork';

/** A range of primary candles, [from, to) as indices into the run's training candles. */
export interface IndexWindow {
  from: number;
  to: number;
}

export interface SplitOptions {
  /** Chunks to cut the range into; ≤ 1 means no splitting. Ignored when `daily`. */
  numSplits: number;
  /** One chunk per New York trading day instead of `numSplits` equal chunks. */
  daily: boolean;
}

/**
 * The training chunks a run draws from. `ts` are the open times of the primary candles the
 * workers evaluate on — already restricted to regular hours when the run excludes extended hours,
 * so a chunk never brings back candles the run left out (the original system's fault). Equal
 * chunks hold equal candle counts; daily chunks follow the New York calendar day.
 */
export function planSplits(ts: Float64Array, opts: SplitOptions): IndexWindow[] {
  const n = ts.length;
  if (n === 0) return [{ from: 0, to: 0 }];
  if (opts.daily) {
    const out: IndexWindow[] = [];
    let from = 0;
    let day = nyDayNumber(ts[0]!);
    for (let i = 1; i < n; i++) {
      const d = nyDayNumber(ts[i]!);
      if (d !== day) {
        out.push({ from, to: i });
        from = i;
        day = d;
      }
    }
    out.push({ from, to: n });
    return out;
  }
  const k = Math.max(1, Math.min(Math.floor(opts.numSplits), n));
  const out: IndexWindow[] = [];
  for (let j = 0; j < k; j++) out.push({ from: Math.floor((j * n) / k), to: Math.floor(((j + 1) * n) / k) });
  return out;
}
