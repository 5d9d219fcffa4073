import { describe, expect, it } from 'vitest';
import { aggregate, heikinAshi } from '../../../shared/data/aggregate';
import { baseRange, deriveCandles, regularHoursOnly } from '../../../shared/data/select';
import type { Candles } from '../../../shared/domain/candles';

const utc = (iso: string) => Date.parse(iso) / 1000;

/** Candles from rows [iso time, open, high, low, close, volume]. */
function candles(rows: Array<[string, number, number, number, number, number]>): Candles {
  return {
    length: rows.length,
    ts: Float64Array.from(rows.map((r) => utc(r[0]))),
    open: Float64Array.from(rows.map((r) => r[1])),
    high: Float64Array.from(rows.map((r) => r[2])),
    low: Float64Array.from(rows.map((r) => r[3])),
    close: Float64Array.from(rows.map((r) => r[4])),
    volume: Float64Array.from(rows.map((r) => r[5])),
  };
}

function rows(c: Candles): Array<[string, number, number, number, number, number]> {
  const out: Array<[string, number, number, number, number, number]> = [];
  for (let i = 0; i < c.length; i++) {
    out.push([new Date(c.ts[i]! * 1000).toISOString().replace('.000Z', 'Z'), c.open[i]!, c.high[i]!, c.low[i]!, c.close[i]!, c.volume[i]!]);
  }
  return out;
}

describe('aggregation upward (hand-computed)', () => {
  it('1m → 5m with a gap and a partial last bucket', () => {
    const src = candles([
      ['2024-01-02T14:30:00Z', 10, 11, 9.5, 10.5, 100],
      ['2024-01-02T14:31:00Z', 10.5, 12, 10.4, 11.8, 200],
      // 14:32 missing (gap)
      ['2024-01-02T14:33:00Z', 11.8, 11.9, 9, 9.2, 50],
      ['2024-01-02T14:34:00Z', 9.2, 9.6, 9.1, 9.5, 10],
      ['2024-01-02T14:37:00Z', 9.5, 9.9, 9.4, 9.8, 70],
    ]);
    expect(rows(aggregate(src, '1m', '5m'))).toEqual([
      ['2024-01-02T14:30:00Z', 10, 12, 9, 9.5, 360],
      ['2024-01-02T14:35:00Z', 9.5, 9.9, 9.4, 9.8, 70],
    ]);
  });

  it('1h → 4h on the US spring-forward day: the 00:00–04:00 New York bucket has three hours', () => {
    // 2024-03-10: 02:00 EST jumps to 03:00 EDT at 07:00Z.
    const src = candles([
      ['2024-03-10T04:00:00Z', 1, 2, 0.5, 1.5, 1], // 23:00 EST on the 9th → the 20:00 bucket of the 9th
      ['2024-03-10T05:00:00Z', 2, 3, 1.5, 2.5, 2], // 00:00 EST
      ['2024-03-10T06:00:00Z', 3, 4, 2.5, 3.5, 3], // 01:00 EST
      ['2024-03-10T07:00:00Z', 4, 5, 3.5, 4.5, 4], // 03:00 EDT
      ['2024-03-10T08:00:00Z', 5, 6, 4.5, 5.5, 5], // 04:00 EDT → next bucket
    ]);
    expect(rows(aggregate(src, '1h', '4h'))).toEqual([
      ['2024-03-10T01:00:00Z', 1, 2, 0.5, 1.5, 1],
      ['2024-03-10T05:00:00Z', 2, 5, 1.5, 4.5, 9],
      ['2024-03-10T08:00:00Z', 5, 6, 4.5, 5.5, 5],
    ]);
  });

  it('1h → 4h on the US fall-back day: the 00:00–04:00 New York bucket has five hours', () => {
    // 2024-11-03: 02:00 EDT falls back to 01:00 EST at 06:00Z.
    const src = candles([
      ['2024-11-03T04:00:00Z', 1, 2, 1, 2, 1], // 00:00 EDT
      ['2024-11-03T05:00:00Z', 2, 3, 2, 3, 1], // 01:00 EDT
      ['2024-11-03T06:00:00Z', 3, 4, 3, 4, 1], // 01:00 EST (repeated hour)
      ['2024-11-03T07:00:00Z', 4, 5, 4, 5, 1], // 02:00 EST
      ['2024-11-03T08:00:00Z', 5, 6, 5, 6, 1], // 03:00 EST
      ['2024-11-03T09:00:00Z', 6, 7, 6, 7, 1], // 04:00 EST → next bucket
    ]);
    expect(rows(aggregate(src, '1h', '4h'))).toEqual([
      ['2024-11-03T04:00:00Z', 1, 6, 1, 6, 5],
      ['2024-11-03T09:00:00Z', 6, 7, 6, 7, 1],
    ]);
  });

  it('1m → 1d follows New York calendar days across both DST changes', () => {
    const src = candles([
      ['2024-03-10T04:59:00Z', 1, 1, 1, 1, 1], // 23:59 EST, March 9
      ['2024-03-10T05:00:00Z', 2, 2, 2, 2, 1], // 00:00 EST, March 10 (a 23-hour day)
      ['2024-03-11T03:59:00Z', 3, 3, 3, 3, 1], // 23:59 EDT, March 10
      ['2024-03-11T04:00:00Z', 4, 4, 4, 4, 1], // 00:00 EDT, March 11
      ['2024-11-03T03:59:00Z', 5, 5, 5, 5, 1], // 23:59 EDT, November 2
      ['2024-11-03T04:00:00Z', 6, 6, 6, 6, 1], // 00:00 EDT, November 3 (a 25-hour day)
      ['2024-11-04T04:59:00Z', 7, 7, 7, 7, 1], // 23:59 EST, November 3
      ['2024-11-04T05:00:00Z', 8, 8, 8, 8, 1], // 00:00 EST, November 4
    ]);
    expect(rows(aggregate(src, '1m', '1d'))).toEqual([
      ['2024-03-09T05:00:00Z', 1, 1, 1, 1, 1],
      ['2024-03-10T05:00:00Z', 2, 3, 2, 3, 2],
      ['2024-03-11T04:00:00Z', 4, 4, 4, 4, 1],
      ['2024-11-02T04:00:00Z', 5, 5, 5, 5, 1],
      ['2024-11-03T04:00:00Z', 6, 7, 6, 7, 2],
      ['2024-11-04T05:00:00Z', 8, 8, 8, 8, 1],
    ]);
  });

  it('refuses to aggregate downward and returns the same candles for the same timeframe', () => {
    const src = candles([['2024-01-02T14:30:00Z', 1, 1, 1, 1, 1]]);
    expect(() => aggregate(src, '1h', '5m')).toThrow(/down/);
    expect(aggregate(src, '5m', '5m')).toBe(src);
  });
});

describe('Heikin-Ashi from whole buckets (hand-computed)', () => {
  const src = candles([
    ['2024-01-02T14:30:00Z', 10, 11, 9.5, 10.5, 1],
    ['2024-01-02T14:31:00Z', 10.5, 12, 10, 11, 1],
    ['2024-01-02T14:35:00Z', 11, 11.5, 10, 10.2, 1],
  ]);

  it('computes HA on the aggregated bucket, not on the 1-minute rows', () => {
    const { candles: ha, kind } = deriveCandles(src, '1m', { timeframe: '5m', heikinAshi: true });
    expect(kind).toBe('heiken');
    // Bucket 1: O 10 H 12 L 9.5 C 11 → close (10+12+9.5+11)/4 = 10.625, open (10+11)/2 = 10.5.
    // Bucket 2: O 11 H 11.5 L 10 C 10.2 → close 10.675, open (10.5+10.625)/2 = 10.5625.
    expect(rows(ha)).toEqual([
      ['2024-01-02T14:30:00Z', 10.5, 12, 9.5, 10.625, 2],
      ['2024-01-02T14:35:00Z', 10.5625, 11.5, 10, 10.675, 1],
    ]);
    // Aggregating 1-minute HA candles instead would give a different first bucket.
    const wrong = aggregate(heikinAshi(src), '1m', '5m');
    expect(wrong.close[0]).not.toBe(ha.close[0]);
  });

  it('extends high and low to include the HA open and close', () => {
    const c = heikinAshi(candles([
      ['2024-01-02T14:30:00Z', 10, 10, 8, 8, 1],
      ['2024-01-02T14:31:00Z', 8, 8.5, 7.9, 8.4, 1],
    ]));
    // Second: open (9 + 9)/2 = 9 is above the bucket high 8.5 → high 9.
    expect(c.open[1]).toBe(9);
    expect(c.high[1]).toBe(9);
    expect(c.low[1]).toBe(7.9);
  });
});

describe('regular hours (09:30–16:00 New York) on both sides of a DST change', () => {
  const src = candles([
    ['2024-03-08T14:29:00Z', 1, 1, 1, 1, 1], // 09:29 EST: before the open
    ['2024-03-08T14:30:00Z', 2, 2, 2, 2, 1], // 09:30 EST
    ['2024-03-08T20:59:00Z', 3, 3, 3, 3, 1], // 15:59 EST
    ['2024-03-08T21:00:00Z', 4, 4, 4, 4, 1], // 16:00 EST: after the close
    ['2024-03-09T15:00:00Z', 5, 5, 5, 5, 1], // Saturday
    ['2024-03-11T13:29:00Z', 6, 6, 6, 6, 1], // 09:29 EDT
    ['2024-03-11T13:30:00Z', 7, 7, 7, 7, 1], // 09:30 EDT
    ['2024-03-11T19:59:00Z', 8, 8, 8, 8, 1], // 15:59 EDT
    ['2024-03-11T20:00:00Z', 9, 9, 9, 9, 1], // 16:00 EDT
  ]);

  it('keeps exactly the regular-hours minutes', () => {
    expect(Array.from(regularHoursOnly(src, '1m').open)).toEqual([2, 3, 7, 8]);
  });

  it('filters before aggregating: the 09:00 hour holds only 09:30–09:59', () => {
    const { candles: h } = deriveCandles(src, '1m', { timeframe: '1h', regularHoursOnly: true });
    expect(rows(h)).toEqual([
      ['2024-03-08T14:00:00Z', 2, 2, 2, 2, 1],
      ['2024-03-08T20:00:00Z', 3, 3, 3, 3, 1],
      ['2024-03-11T13:00:00Z', 7, 7, 7, 7, 1],
      ['2024-03-11T19:00:00Z', 8, 8, 8, 8, 1],
    ]);
    const { candles: d } = deriveCandles(src, '1m', { timeframe: '1d', regularHoursOnly: true });
    expect(rows(d)).toEqual([
      ['2024-03-08T05:00:00Z', 2, 3, 2, 3, 2],
      ['2024-03-11T04:00:00Z', 7, 8, 7, 8, 2],
    ]);
  });

  it('a 5-minute candle must lie wholly inside regular hours', () => {
    const five = candles([
      ['2024-03-11T13:25:00Z', 1, 1, 1, 1, 1], // 09:25–09:30 EDT
      ['2024-03-11T13:30:00Z', 2, 2, 2, 2, 1],
      ['2024-03-11T19:55:00Z', 3, 3, 3, 3, 1], // 15:55–16:00
    ]);
    expect(Array.from(regularHoursOnly(five, '5m').open)).toEqual([2, 3]);
  });

  it('leaves daily data alone (daily bars are session bars)', () => {
    const daily = candles([['2024-03-08T05:00:00Z', 1, 2, 0.5, 1.5, 10]]);
    expect(regularHoursOnly(daily, '1d')).toBe(daily);
  });
});

describe('windows', () => {
  it('reads whole buckets for the edge candles', () => {
    const r = baseRange({ timeframe: '1h', from: utc('2024-01-02T14:45:00Z'), to: utc('2024-01-02T16:10:00Z') });
    expect(r).toEqual({ from: utc('2024-01-02T14:00:00Z'), to: utc('2024-01-02T17:00:00Z') });
    expect(baseRange({ timeframe: '1h' })).toEqual({ from: -Infinity, to: Infinity });
  });

  it('keeps candles whose open time is in [from, to)', () => {
    const src = candles([
      ['2024-01-02T14:00:00Z', 1, 1, 1, 1, 1],
      ['2024-01-02T15:00:00Z', 2, 2, 2, 2, 1],
      ['2024-01-02T16:00:00Z', 3, 3, 3, 3, 1],
    ]);
    const { candles: c } = deriveCandles(src, '1h', { timeframe: '1h', from: utc('2024-01-02T14:30:00Z'), to: utc('2024-01-02T16:00:00Z') });
    expect(Array.from(c.open)).toEqual([2]);
  });
});
