/** Hand-computed fixtures for the kernels `technicalindicators` does not cover, and edge cases. */
import { describe, expect, it } from 'vitest';
import { sma } from '../../../shared/indicators/kernels/sma';
import { ema, rma } from '../../../shared/indicators/kernels/ema';
import { rsi } from '../../../shared/indicators/kernels/rsi';
import { bollinger } from '../../../shared/indicators/kernels/bollinger';
import { trueRange } from '../../../shared/indicators/kernels/atr';
import { aroon } from '../../../shared/indicators/kernels/aroon';
import { supertrend } from '../../../shared/indicators/kernels/supertrend';
import { barsSinceMax, rollingMax, rollingMin } from '../../../shared/indicators/kernels/extrema';
import { confirmedSwingHighs, confirmedSwingLows } from '../../../shared/indicators/kernels/pivots';
import { randomWalkCandles } from '../../../shared/indicators/randomWalk';
import { candles, col, list } from './build';

describe('moving averages', () => {
  it('SMA by hand, NaN during warm-up', () => {
    expect(list(sma(col([1, 2, 3, 4, 5]), 3))).toEqual([NaN, NaN, 2, 3, 4]);
  });

  it('SMA, EMA and RMA skip leading NaNs (a chained kernel’s warm-up)', () => {
    const src = col([NaN, NaN, 2, 4, 6, 8]);
    expect(list(sma(src, 2))).toEqual([NaN, NaN, NaN, 3, 5, 7]);
    // EMA(3): seed mean(2, 4, 6) = 4 at index 4, then 4 + 0.5 × (8 − 4) = 6
    expect(list(ema(src, 3))).toEqual([NaN, NaN, NaN, NaN, 4, 6]);
    // RMA(2): seed mean(2, 4) = 3 at index 3, then 3 + (6 − 3) / 2 = 4.5, 4.5 + (8 − 4.5) / 2 = 6.25
    expect(list(rma(src, 2))).toEqual([NaN, NaN, NaN, 3, 4.5, 6.25]);
  });

  it('a flat window gives the price exactly (no rounding noise for crossings)', () => {
    const x = 1.10237;
    const src = new Float64Array(500);
    for (let i = 0; i < 500; i++) src[i] = i < 250 ? 1.1 + ((i * 7919) % 113) * 1e-5 : x;
    expect(sma(src, 20)[499]).toBe(x);
    expect(bollinger(src, 20, 2).lower[499]).toBe(x);
    const flat = new Float64Array(50).fill(x);
    expect(ema(flat, 20)[49]).toBe(x);
  });

  it('SMA stays accurate over a long series (compensated running sum)', () => {
    const c = randomWalkCandles(200_000, 3, { start: 1.1, volatility: 0.0005 });
    const s = sma(c.close, 30);
    for (const i of [29, 1000, 99_999, 199_999]) {
      let sum = 0;
      for (let j = i - 29; j <= i; j++) sum += c.close[j]!;
      expect(Math.abs(s[i]! - sum / 30)).toBeLessThan(1e-13);
    }
  });
});

describe('RSI', () => {
  it('Wilder RSI(2) by hand', () => {
    // diffs +1 +1 −1 −1 +1 +1; seed gains (1+1)/2 = 1, losses 0 → 100; then
    // (1·1 + 0)/2 = 0.5 vs (0 + 1)/2 = 0.5 → 50; 0.25 vs 0.75 → 25; 0.625 vs 0.375 → 62.5; 0.8125 vs 0.1875 → 81.25
    expect(list(rsi(col([10, 11, 12, 11, 10, 11, 12]), 2))).toEqual([NaN, NaN, 100, 50, 25, 62.5, 81.25]);
  });
});

describe('Bollinger', () => {
  it('population σ by hand', () => {
    // window 10, 10, 10, 10, 10.5: mean 10.1, σ = √((4 × 0.01 + 0.16) / 5) = 0.2
    const b = bollinger(col([10, 10, 10, 10, 10.5]), 5, 2);
    expect(b.middle[4]).toBeCloseTo(10.1, 12);
    expect(b.upper[4]).toBeCloseTo(10.5, 12);
    expect(b.lower[4]).toBeCloseTo(9.7, 12);
  });

  it('matches a two-pass computation over a long series, across the periodic resync', () => {
    const c = randomWalkCandles(5000, 8, { start: 1.1, volatility: 0.0005 });
    const b = bollinger(c.close, 20, 2);
    for (let i = 19; i < 5000; i += 97) {
      let m = 0;
      for (let j = i - 19; j <= i; j++) m += c.close[j]! / 20;
      let v = 0;
      for (let j = i - 19; j <= i; j++) v += (c.close[j]! - m) ** 2 / 20;
      expect(Math.abs(b.upper[i]! - (m + 2 * Math.sqrt(v)))).toBeLessThan(1e-12);
    }
  });
});

describe('true range', () => {
  it('takes gaps into account and is NaN at candle 0', () => {
    const c = candles([
      [10, 11, 9, 10],
      [13, 14, 12, 13], // gap up: |14 − 10| = 4
      [12, 12.5, 11.5, 12], // inside: 1 vs |12.5 − 13| = 0.5, |11.5 − 13| = 1.5
    ]);
    expect(list(trueRange(c.high, c.low, c.close))).toEqual([NaN, 4, 1.5]);
  });
});

describe('rolling extrema', () => {
  it('max and min over a window, NaN until it is full', () => {
    const src = col([3, 1, 4, 1, 5, 9, 2, 6]);
    expect(list(rollingMax(src, 3))).toEqual([NaN, NaN, 4, 4, 5, 9, 9, 9]);
    expect(list(rollingMin(src, 3))).toEqual([NaN, NaN, 1, 1, 1, 1, 2, 2]);
  });

  it('bars since the maximum count from its most recent occurrence', () => {
    expect(list(barsSinceMax(col([2, 2, 1, 1, 3, 3]), 4))).toEqual([NaN, NaN, NaN, 2, 0, 0]);
  });

  it('agree with a brute-force scan', () => {
    const c = randomWalkCandles(2000, 4, { tick: 0.25 });
    for (const w of [1, 2, 7, 50]) {
      const mx = rollingMax(c.high, w);
      const mn = rollingMin(c.low, w);
      for (let i = w - 1; i < 2000; i++) {
        expect(mx[i]).toBe(Math.max(...c.high.subarray(i - w + 1, i + 1)));
        expect(mn[i]).toBe(Math.min(...c.low.subarray(i - w + 1, i + 1)));
      }
    }
  });
});

describe('Aroon', () => {
  it('by hand, period 3 (window of 4 candles)', () => {
    const high = col([1, 2, 3, 2, 2]);
    const low = col([0, 1, 2, 1, 1.5]);
    const a = aroon(high, low, 3);
    // i = 3: highest 3 at index 2 → 1 bar ago → 100 × 2/3; lowest 0 at index 0 → 3 bars ago → 0
    expect(a.up[3]).toBeCloseTo(200 / 3, 12);
    expect(a.down[3]).toBe(0);
    // i = 4: window 1..4: highest 3 two bars ago → 100/3; lowest 1, at 1 and 3 → most recent, 1 bar ago → 200/3
    expect(a.up[4]).toBeCloseTo(100 / 3, 12);
    expect(a.down[4]).toBeCloseTo(200 / 3, 12);
    expect(a.up[2]).toBeNaN();
  });
});

describe('SuperTrend', () => {
  it('by hand: ATR stays 2, bands at mid ± 2; the trend turns when the close breaks the ratcheted band', () => {
    // high = mid + 1, low = mid − 1, close = mid; mid moves by ≤ 1 so every true range is 2
    const mids = [10, 10.5, 11, 11.5, 12, 12.5, 11.5, 10.5, 9.5];
    const c = candles(mids.map((m) => [m, m + 1, m - 1, m] as const));
    const st = supertrend(c.high, c.low, c.close, 2, 1);
    // starts up at index 2; the lower band ratchets 9, 9.5, 10, 10.5 and holds at 10.5;
    // the close 10.5 at index 7 is not below it (strict), 9.5 at index 8 is
    expect(list(st.direction)).toEqual([NaN, NaN, 1, 1, 1, 1, 1, 1, -1]);
    expect(list(st.line).slice(2, 8)).toEqual([9, 9.5, 10, 10.5, 10.5, 10.5]);
    // the upper band only falls: 13 held until basic 12.5 (index 7), then 11.5
    expect(st.line[8]).toBe(11.5);
  });
});

describe('swing points', () => {
  it('a swing low is reported s candles after it, never at the swing itself', () => {
    const low = col([5, 4, 3, 4, 5, 6, 5, 4, 4, 5, 6, 7]);
    const s = confirmedSwingLows(low, 2);
    // 3 at index 2: below 5, 4 before and ≤ 4, 5 after → known at index 4
    // 4 at index 7: below 6, 5 before and ≤ 4, 5 after (a flat bottom counts once) → known at index 9
    expect(list(s).map((v, i) => (Number.isNaN(v) ? null : [i, v])).filter(Boolean)).toEqual([
      [4, 3],
      [9, 4],
    ]);
  });

  it('swing highs mirror swing lows', () => {
    const high = col([1, 2, 3, 2, 1, 1]);
    expect(list(confirmedSwingHighs(high, 2))).toEqual([NaN, NaN, NaN, NaN, 3, NaN]);
  });
});
