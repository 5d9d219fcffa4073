import { describe, expect, it } from 'vitest';
import { planSplits } from '../../../shared/ga/splits';
import { isRegularHours, nyDayNumber } from '../../../shared/time/newYork';

const utc = (s: string) => Date.parse(s) / 1000;

/** One-minute open times over [start, start + n minutes), optionally regular hours only. */
function minutes(start: string, n: number, rth: boolean): Float64Array {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = utc(start) + 60 * i;
    if (!rth || isRegularHours(t, 60)) out.push(t);
  }
  return Float64Array.from(out);
}

describe('planSplits', () => {
  it('cuts the range into equal candle counts', () => {
    const ts = Float64Array.from({ length: 10 }, (_, i) => i * 60);
    expect(planSplits(ts, { numSplits: 3, daily: false })).toEqual([
      { from: 0, to: 3 },
      { from: 3, to: 6 },
      { from: 6, to: 10 },
    ]);
    expect(planSplits(ts, { numSplits: 1, daily: false })).toEqual([{ from: 0, to: 10 }]);
    expect(planSplits(ts, { numSplits: 50, daily: false })).toHaveLength(10);
  });

  it('makes one chunk per New York day, across a DST change', () => {
    // 2024-03-08 (Friday, EST) to 2024-03-12 (Tuesday, EDT), regular hours only: Fri, Mon, Tue.
    const ts = minutes('2024-03-08T00:00:00Z', 5 * 1440, true);
    const chunks = planSplits(ts, { numSplits: 4, daily: true });
    expect(chunks).toHaveLength(3);
    for (const c of chunks) {
      expect(c.to - c.from).toBe(390);
      const day = nyDayNumber(ts[c.from]!);
      for (let i = c.from; i < c.to; i++) expect(nyDayNumber(ts[i]!)).toBe(day);
    }
    // Each chunk starts at 09:30 New York: 14:30 UTC in winter time, 13:30 UTC in summer time.
    expect(chunks.map((c) => new Date(ts[c.from]! * 1000).toISOString())).toEqual([
      '2024-03-08T14:30:00.000Z',
      '2024-03-11T13:30:00.000Z',
      '2024-03-12T13:30:00.000Z',
    ]);
  });

  it('never brings back candles the run left out: chunks index only the candles it uses', () => {
    const all = minutes('2024-03-04T00:00:00Z', 2 * 1440, false);
    const rth = minutes('2024-03-04T00:00:00Z', 2 * 1440, true);
    const chunks = planSplits(rth, { numSplits: 4, daily: false });
    expect(chunks[chunks.length - 1]!.to).toBe(rth.length);
    for (const c of chunks) for (let i = c.from; i < c.to; i++) expect(isRegularHours(rth[i]!, 60)).toBe(true);
    // With extended hours the same days give more, longer chunks.
    expect(planSplits(all, { numSplits: 4, daily: false })[0]!.to).toBeGreaterThan(chunks[0]!.to);
  });
});
