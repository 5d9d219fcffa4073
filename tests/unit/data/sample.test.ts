import { describe, expect, it } from 'vitest';
import { generateSampleCandles, SAMPLE_MINUTES_PER_DAY } from '../../../electron/backend/sample/generator';
import { isRegularHours, nySecondOfDay, nyWeekday } from '../../../shared/time/newYork';

const utc = (iso: string) => Date.parse(iso) / 1000;

describe('sample generator', () => {
  const c = generateSampleCandles({ days: 60, seed: 1 });

  it('is deterministic for a seed and differs between seeds', () => {
    const again = generateSampleCandles({ days: 60, seed: 1 });
    expect(again.close).toEqual(c.close);
    expect(again.volume).toEqual(c.volume);
    expect(generateSampleCandles({ days: 60, seed: 2 }).close).not.toEqual(c.close);
  });

  it('covers 04:00–20:00 New York on weekdays only, across the March DST change', () => {
    expect(c.length).toBe(60 * SAMPLE_MINUTES_PER_DAY);
    expect(c.ts[0]).toBe(utc('2024-01-02T09:00:00Z')); // 04:00 EST
    for (let i = 0; i < c.length; i++) {
      const s = nySecondOfDay(c.ts[i]!);
      expect(s >= 4 * 3600 && s < 20 * 3600).toBe(true);
      expect(nyWeekday(c.ts[i]!) % 6).not.toBe(0);
      if (i) expect(c.ts[i]! > c.ts[i - 1]!).toBe(true);
    }
    // After 2024-03-10 the 04:00 session start is 08:00Z.
    expect(Array.from(c.ts)).toContain(utc('2024-03-11T08:00:00Z'));
    expect(Array.from(c.ts)).not.toContain(utc('2024-03-11T09:00:00Z') - 3600 * 2);
  });

  it('has valid candles in cents', () => {
    for (let i = 0; i < c.length; i++) {
      const o = c.open[i]!;
      const cl = c.close[i]!;
      expect(c.high[i]! >= Math.max(o, cl) && c.low[i]! <= Math.min(o, cl)).toBe(true);
      expect(c.low[i]! > 0 && c.volume[i]! >= 0).toBe(true);
      expect(Math.abs(o * 100 - Math.round(o * 100)) < 1e-6).toBe(true);
    }
  });

  it('has a U-shaped regular session, thin extended hours, overnight gaps and fat tails', () => {
    const byMinute = new Map<number, { range: number; volume: number; n: number }>();
    const returns: number[] = [];
    let gaps = 0;
    for (let i = 1; i < c.length; i++) {
      const t = c.ts[i]!;
      const m = Math.floor(nySecondOfDay(t) / 60);
      const b = byMinute.get(m) ?? { range: 0, volume: 0, n: 0 };
      b.range += (c.high[i]! - c.low[i]!) / c.open[i]!;
      b.volume += c.volume[i]!;
      b.n++;
      byMinute.set(m, b);
      if (t - c.ts[i - 1]! > 3600) {
        if (c.open[i] !== c.close[i - 1]) gaps++;
      } else if (isRegularHours(t, 60)) returns.push(Math.log(c.close[i]! / c.open[i]!));
    }
    const avg = (from: number, to: number, f: 'range' | 'volume') => {
      let s = 0;
      let n = 0;
      for (let m = from; m < to; m++) {
        const b = byMinute.get(m)!;
        s += b[f] / b.n;
        n++;
      }
      return s / n;
    };
    const open = 9 * 60 + 30;
    for (const f of ['range', 'volume'] as const) {
      const first = avg(open, open + 30, f);
      const lunch = avg(12 * 60, 13 * 60, f);
      const last = avg(15 * 60 + 30, 16 * 60, f);
      const pre = avg(5 * 60, 9 * 60, f);
      expect(first).toBeGreaterThan(1.5 * lunch);
      expect(last).toBeGreaterThan(1.3 * lunch);
      expect(pre).toBeLessThan(lunch);
    }
    expect(gaps).toBeGreaterThan(50); // almost every overnight move is a gap
    const mean = returns.reduce((a, b) => a + b, 0) / returns.length;
    const m2 = returns.reduce((a, b) => a + (b - mean) ** 2, 0) / returns.length;
    const m4 = returns.reduce((a, b) => a + (b - mean) ** 4, 0) / returns.length;
    expect(m4 / (m2 * m2)).toBeGreaterThan(4); // excess kurtosis: fatter tails than a normal's 3
  });

  it('has both trending and ranging stretches (daily closes)', () => {
    const closes: number[] = [];
    for (let i = 0; i < c.length; i++) if (nySecondOfDay(c.ts[i]!) === 15 * 3600 + 59 * 60) closes.push(c.close[i]!);
    expect(closes).toHaveLength(60);
    const moves = closes.slice(10).map((x, k) => Math.abs(Math.log(x / closes[k]!)));
    // Ten-day moves vary widely: some periods drift far, others stay near where they were.
    expect(Math.max(...moves)).toBeGreaterThan(4 * Math.min(...moves));
  });
});
