import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMarket } from '../../../shared/engine/market';
import { decaySignal, holdTrend } from '../../../shared/engine/signals';
import { barScores } from '../../../shared/engine/scores';
import { LOGIC_AND, LOGIC_AVG, LOGIC_OR, type CompiledBar } from '../../../shared/engine/plan';
import { allocateCandles } from '../../../shared/domain/candles';
import { closesOf, seriesOf, utc } from './helpers';

function at(times: number[]) {
  const c = allocateCandles(times.length);
  times.forEach((t, i) => {
    c.ts[i] = t;
    c.open[i] = c.high[i] = c.low[i] = c.close[i] = 100 + i;
  });
  return c;
}

describe('market: a coarse candle is visible only from its close on', () => {
  const t0 = utc('2024-06-03T14:00:00Z');

  it('5m on 1m: the 10:00 candle is seen by the 1m candle closing at 10:05', () => {
    const m = createMarket(seriesOf(closesOf(Array.from({ length: 12 }, (_, i) => 100 + i), t0)));
    expect(Array.from(m.visibility('5m', '1m'))).toEqual([-1, -1, -1, -1, 0, 0, 0, 0, 0, 1, 1, 1]);
    expect(Array.from(m.visibility('1m', '1m'))).toEqual(Array.from({ length: 12 }, (_, i) => i));
  });

  it('a bucket cut short by a gap becomes visible at its nominal close, not earlier', () => {
    // 1m candles 10:00, 10:01, 10:02, then 10:10: the 10:00 5m candle closes at 10:05.
    const m = createMarket(seriesOf(at([t0, t0 + 60, t0 + 120, t0 + 600])));
    expect(Array.from(m.visibility('5m', '1m'))).toEqual([-1, -1, -1, 0]);
    const five = m.candles('5m');
    expect(Array.from(five.close)).toEqual([102, 103]);
  });

  it('daily candles on hourly data: visible from the first candle of the next New York day', () => {
    // Hourly candles from Monday 22:00 to Tuesday 06:00 New York (EDT = UTC−4).
    const start = utc('2024-06-04T02:00:00Z');
    const m = createMarket(seriesOf(at(Array.from({ length: 9 }, (_, i) => start + i * 3600)), '1h'));
    // Monday's daily candle closes at midnight New York = 04:00 UTC: the 03:00 UTC hourly candle closes then.
    expect(Array.from(m.visibility('1d', '1h'))).toEqual([-1, 0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('refuses a timeframe finer than the stored one', () => {
    const m = createMarket(seriesOf(closesOf([1, 2, 3], t0, '1h'), '1h'));
    expect(() => m.candles('5m')).toThrow(/stored at 1h; 5m candles cannot be made from it/);
  });

  it('derives Heikin-Ashi candles from whole buckets and memoises them', () => {
    const m = createMarket(seriesOf(closesOf(Array.from({ length: 10 }, (_, i) => 100 + i), t0)));
    const ha = m.candles('5m', 'heiken');
    expect(ha.length).toBe(2);
    // First HA candle: close = (O + H + L + C) ÷ 4 of the bucket 100..104.
    expect(ha.close[0]).toBe((100 + 104 + 100 + 104) / 4);
    expect(m.candles('5m', 'heiken')).toBe(ha);
  });

  it('detects 24/7 data by Saturday candles (365 periods a year, else 252)', () => {
    const fri = utc('2024-06-07T14:00:00Z');
    expect(createMarket(seriesOf(closesOf([1, 2, 3], fri, '1h'), '1h')).periodsPerYear).toBe(252);
    const sat = utc('2024-06-08T14:00:00Z');
    expect(createMarket(seriesOf(closesOf([1, 2, 3], sat, '1h'), '1h')).periodsPerYear).toBe(365);
  });
});

describe('signal decay at primary resolution', () => {
  it('lookback 1 on a 5m indicator over 1m candles fades over 5 candles: 1, 0.8, 0.6, 0.4, 0.2, 0', () => {
    const trig = Float64Array.of(1, 0, 0);
    const vis = Int32Array.of(-1, -1, -1, -1, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 2);
    const out = decaySignal(trig, vis, 5, new Float64Array(vis.length));
    expect(Array.from(out).map((x) => +x.toFixed(10))).toEqual([0, 0, 0, 0, 1, 0.8, 0.6, 0.4, 0.2, 0, 0, 0, 0, 0, 0]);
  });

  it('a new trigger restarts the fade; several coarse candles becoming visible at once count their latest trigger', () => {
    const out = decaySignal(Float64Array.of(1, 0, 1, 0), Int32Array.of(0, 0, 3, 3, 3), 3, new Float64Array(5));
    expect(Array.from(out).map((x) => +x.toFixed(10))).toEqual([1, 0.6666666667, 1, 0.6666666667, 0.3333333333]);
  });

  it('equals the per-candle definition for any triggers, visibility and length (ramps written from sparse triggers)', () => {
    // The definition: at each primary candle, the latest visible trigger's age a gives 1 − a ÷ L while a < L.
    const reference = (trigger: Float64Array, vis: Int32Array, length: number) => {
      const out = new Float64Array(vis.length);
      let last = -Infinity;
      let k = 0;
      for (let j = 0; j < vis.length; j++) {
        for (; k <= vis[j]!; k++) if (trigger[k] !== 0 && !Number.isNaN(trigger[k])) last = j;
        const age = j - last;
        out[j] = age < length ? 1 - age * (1 / length) : 0;
      }
      return out;
    };
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(0, 0, 0, 1, Number.NaN), { minLength: 1, maxLength: 60 }),
        fc.array(fc.nat(3), { minLength: 0, maxLength: 120 }),
        fc.oneof(fc.integer({ min: 1, max: 12 }), fc.double({ min: 0.5, max: 12, noNaN: true })),
        (triggers, steps, length) => {
          const trigger = Float64Array.from(triggers);
          // A non-decreasing visibility from −1 up to at most the last coarse candle.
          const vis = new Int32Array(steps.length);
          let v = -1;
          steps.forEach((s, j) => {
            v = Math.min(trigger.length - 1, v + (s === 3 ? 0 : s));
            vis[j] = v;
          });
          expect(Array.from(decaySignal(trigger, vis, length, new Float64Array(vis.length).fill(7)))).toEqual(Array.from(reference(trigger, vis, length)));
          const identity = Int32Array.from(trigger, (_, j) => j);
          expect(Array.from(decaySignal(trigger, null, length, new Float64Array(identity.length).fill(7)))).toEqual(Array.from(reference(trigger, identity, length)));
          expect(Array.from(holdTrend(trigger, null, new Float64Array(identity.length)))).toEqual(Array.from(holdTrend(trigger, identity, new Float64Array(identity.length))));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('trend values are held, not decayed; before the first close they are 0', () => {
    const out = holdTrend(Float64Array.of(0.5, -0.25, NaN), Int32Array.of(-1, 0, 0, 1, 2), new Float64Array(5));
    expect(Array.from(out)).toEqual([0, 0.5, 0.5, -0.25, 0]);
  });
});

describe('bar scores and trend gating', () => {
  const sig = [Float64Array.of(1, 0.5, 0, 1), Float64Array.of(0, 1, 1, 1)];
  const trendA = Float64Array.of(0.5, -0.5, 1.5, 0.2);
  const trendB = Float64Array.of(0.1, 0.9, 0.4, -1);
  const aligned = [...sig, trendA, trendB];
  const bar = (o: Partial<CompiledBar>): CompiledBar => ({
    name: 'b',
    bear: false,
    signal: Int32Array.of(0, 1),
    signalWeight: Float64Array.of(0.75, 0.25),
    trend: new Int32Array(0),
    trendWeight: new Float64Array(0),
    trendHard: new Uint8Array(0),
    logic: LOGIC_AND,
    trendThreshold: 0,
    ...o,
  });
  const scores = (b: CompiledBar) => Array.from(barScores(b, aligned, 0, 4, new Float64Array(4))).map((x) => +x.toFixed(12));

  it('Σ value × weight ÷ Σ weight', () => {
    expect(scores(bar({}))).toEqual([0.75, 0.625, 0.25, 1]);
  });

  it('soft gate clamps the trend to [0, 1]; hard gives 1 if > 0 else 0', () => {
    const soft = bar({ trend: Int32Array.of(2), trendWeight: Float64Array.of(1), trendHard: Uint8Array.of(0) });
    expect(scores(soft)).toEqual([0.375, 0, 0.25, 0.2]);
    const hard = bar({ trend: Int32Array.of(2), trendWeight: Float64Array.of(1), trendHard: Uint8Array.of(1) });
    expect(scores(hard)).toEqual([0.75, 0, 0.25, 1]);
  });

  it('bear bars negate the trend', () => {
    const b = bar({ bear: true, trend: Int32Array.of(2), trendWeight: Float64Array.of(1), trendHard: Uint8Array.of(0) });
    expect(scores(b)).toEqual([0, 0.3125, 0, 0]);
  });

  it('AND = min, OR = max, AVG = weighted mean of the gates', () => {
    const two = { trend: Int32Array.of(2, 3), trendWeight: Float64Array.of(0.25, 0.75), trendHard: Uint8Array.of(0, 0) };
    // gates A = [0.5, 0, 1, 0.2], B = [0.1, 0.9, 0.4, 0]
    expect(scores(bar({ ...two, logic: LOGIC_AND }))).toEqual([0.075, 0, 0.1, 0]);
    expect(scores(bar({ ...two, logic: LOGIC_OR }))).toEqual([0.375, 0.5625, 0.25, 0.2]);
    expect(scores(bar({ ...two, logic: LOGIC_AVG }))).toEqual([0.15, 0.421875, 0.1375, 0.05]);
  });

  it('the gate is 0 below trend_threshold', () => {
    const b = bar({ trend: Int32Array.of(2), trendWeight: Float64Array.of(1), trendHard: Uint8Array.of(0), trendThreshold: 0.5 });
    expect(scores(b)).toEqual([0.375, 0, 0.25, 0]);
  });

  it('one signal with no gate is the aligned series itself (no copy)', () => {
    const single = bar({ signal: Int32Array.of(1), signalWeight: Float64Array.of(1) });
    expect(barScores(single, aligned, 0, 4, new Float64Array(4))).toBe(sig[1]);
  });
});

describe('market calendar', () => {
  it('agrees with the New York clock for every hour of two years (DST switches included)', async () => {
    const { nyDayNumber, nyLocal } = await import('../../../shared/time/newYork');
    const start = utc('2023-01-01T00:00:00Z');
    const n = 2 * 366 * 24;
    const m = createMarket(seriesOf(at(Array.from({ length: n }, (_, i) => start + i * 3600)), '1h'));
    const cal = m.calendar('1h');
    for (let i = 0; i < n; i++) {
      const t = start + i * 3600;
      expect(cal.day[i]).toBe(nyDayNumber(t));
      const closeLocal = nyLocal(t + 3600) - nyDayNumber(t) * 86400;
      expect(cal.endOfDay[i]).toBe(closeLocal > 16 * 3600 - 60 ? 1 : 0);
    }
    expect(m.periodsPerYear).toBe(365);
  });
});
