/** Firing rules of every class, on hand-built candles, and on random candles against the rule as stated. */
import { describe, expect, it } from 'vitest';
import type { ParamValue } from '../../../shared/config/types';
import { INDICATORS, indicatorClassNames } from '../../../shared/indicators/registry';
import { defaultParams } from '../../../shared/indicators/params';
import { randomWalkCandles } from '../../../shared/indicators/randomWalk';
import { macd } from '../../../shared/indicators/kernels/macd';
import { dmi } from '../../../shared/indicators/kernels/dmi';
import { ema } from '../../../shared/indicators/kernels/ema';
import { candles, fromCloses, type Ohlc } from './build';

const run = (name: string, c: ReturnType<typeof candles>, p: Record<string, ParamValue>) => INDICATORS[name]!.compute(c, { ...defaultParams(INDICATORS[name]!), ...p });
const firing = (out: Float64Array) => Array.from(out.keys()).filter((i) => out[i] === 1);
const walk = randomWalkCandles(4000, 99, { volatility: 0.004 });

describe('registry', () => {
  it('holds the eleven classes of the original system', () => {
    expect(indicatorClassNames()).toEqual([
      'ADXTrendIndicator',
      'AROONTrendIndicator',
      'BollingerBandsLowerBandBounceIndicator',
      'CDLPatternIndicator',
      'EMASlopeTrendIndicator',
      'MACDHistogramCrossoverIndicator',
      'RSIIndicator',
      'SMACrossoverIndicator',
      'SMAIndicator',
      'SuperTrendIndicator',
      'SupportResistanceIndicator',
    ]);
  });

  it.each(indicatorClassNames())('%s: every parameter has a description and a valid default', (name) => {
    const def = INDICATORS[name]!;
    expect(def.params.some((s) => s.name === 'lookback')).toBe(def.kind === 'signal');
    for (const s of def.params) {
      expect(s.description.length).toBeGreaterThan(10);
      if (s.type === 'int' || s.type === 'float') {
        expect(s.min).toBeDefined();
        expect(s.max).toBeDefined();
        expect(s.step).toBeGreaterThan(0);
        expect(s.default as number).toBeGreaterThanOrEqual(s.min!);
        expect(s.default as number).toBeLessThanOrEqual(s.max!);
      } else {
        expect(s.choices?.length).toBeGreaterThan(0);
      }
    }
  });

  it.each(indicatorClassNames())('%s: with default parameters it is alive on random candles', (name) => {
    const def = INDICATORS[name]!;
    const out = def.compute(walk, defaultParams(def));
    const nonZero = out.filter((v) => v !== 0).length;
    expect(nonZero).toBeGreaterThan(0);
    expect(nonZero).toBeLessThan(out.length);
  });
});

describe('SMAIndicator', () => {
  it('holds while the close is above (below) its SMA', () => {
    // SMA(2): –, 1.5, 2.5, 2.5, 1.5, 1.5
    const c = fromCloses([1, 2, 3, 2, 1, 2]);
    expect(firing(run('SMAIndicator', c, { period: 2, trend: 'bullish' }))).toEqual([1, 2, 5]);
    expect(firing(run('SMAIndicator', c, { period: 2, trend: 'bearish' }))).toEqual([3, 4]);
  });
});

describe('SMACrossoverIndicator', () => {
  const c = fromCloses([10, 10, 10, 11, 10, 9, 10, 10]);
  it('fires on the crossing candle only, strictly on both sides', () => {
    // SMA(3): –, –, 10, 10.33, 10.33, 10, 9.67, 9.67 → close − SMA: 0, 0.67, −0.33, −1, 0.33, 0.33
    // index 3: previous close − SMA is 0, not below: no bullish cross (strict)
    expect(firing(run('SMACrossoverIndicator', c, { period: 3, trend: 'bullish' }))).toEqual([6]);
    expect(firing(run('SMACrossoverIndicator', c, { period: 3, trend: 'bearish' }))).toEqual([4]);
  });

  it('the band moves the level: above SMA × (1 + x)', () => {
    // x = 0.01: levels 10.1, 10.44, 10.44, 10.1, 9.76 — the close 10 at index 2 is now strictly below
    // the level, so index 3 (11 > 10.44) is a cross; index 6 (10 > 9.76 after 9 < 10.1) still is
    expect(firing(run('SMACrossoverIndicator', c, { period: 3, trend: 'bullish', crossover_value: 0.01 }))).toEqual([3, 6]);
    const d = fromCloses([100, 100, 100, 100.5, 100.5, 101.5]);
    // SMA(3): 100, 100.17, 100.33, 100.83. x = 0.01: levels 101, 101.17, 101.34, 101.84 — never crossed;
    // x = 0.001: levels 100.1, 100.27, … — crossed at index 3 (100.5 > 100.27 after 100 < 100.1)
    expect(firing(run('SMACrossoverIndicator', d, { period: 3, trend: 'bullish', crossover_value: 0.01 }))).toEqual([]);
    expect(firing(run('SMACrossoverIndicator', d, { period: 3, trend: 'bullish', crossover_value: 0.001 }))).toEqual([3]);
  });
});

describe('MACDHistogramCrossoverIndicator', () => {
  it('fires exactly where the histogram crosses ±threshold (previous ≤ thr < current)', () => {
    for (const [thr, trend] of [
      [0, 'bullish'],
      [0.05, 'bullish'],
      [0, 'bearish'],
      [0.05, 'bearish'],
    ] as const) {
      const out = run('MACDHistogramCrossoverIndicator', walk, { fast: 5, slow: 13, signal: 4, histogram_threshold: thr, trend });
      const h = macd(walk.close, 5, 13, 4).histogram;
      const expected: number[] = [];
      for (let i = 1; i < h.length; i++) {
        if (trend === 'bullish' ? h[i - 1]! <= thr && h[i]! > thr : h[i - 1]! >= -thr && h[i]! < -thr) expected.push(i);
      }
      expect(expected.length).toBeGreaterThan(10);
      expect(firing(out)).toEqual(expected);
      expect(expected[0]).toBeGreaterThan(13 + 4 - 2); // not before the histogram exists
    }
  });

  it('a rising close after a flat stretch fires once, on the first candle the histogram turns positive', () => {
    const closes = [...Array(20).fill(100), 101, 102, 103, 104];
    const out = run('MACDHistogramCrossoverIndicator', fromCloses(closes), { fast: 3, slow: 5, signal: 2, trend: 'bullish' });
    // flat: MACD = signal = 0 exactly, histogram 0 (≤ 0); at index 20 MACD jumps above its signal
    expect(firing(out)).toEqual([20]);
  });
});

describe('RSIIndicator', () => {
  // RSI(2) of these closes: –, –, 100, 50, 25, 62.5, 81.25 (see kernels.test.ts)
  const c = fromCloses([10, 11, 12, 11, 10, 11, 12]);
  it('bullish: RSI rises out of oversold', () => {
    expect(firing(run('RSIIndicator', c, { period: 2, oversold: 30, trend: 'bullish' }))).toEqual([5]);
    expect(firing(run('RSIIndicator', c, { period: 2, oversold: 20, trend: 'bullish' }))).toEqual([]);
  });
  it('bearish: RSI falls out of overbought', () => {
    expect(firing(run('RSIIndicator', c, { period: 2, overbought: 70, trend: 'bearish' }))).toEqual([3]);
    // 81.25 at index 6 is inside the zone; it has not left it yet
    expect(firing(run('RSIIndicator', c, { period: 2, overbought: 80, trend: 'bearish' }))).toEqual([3]);
  });
});

describe('BollingerBandsLowerBandBounceIndicator', () => {
  // period 5, sd 2. Index 4: window of 10s → bands collapse to 10; the low 9.5 touches.
  // Index 5: window 10,10,10,10,10.5 → middle 10.1, σ 0.2, lower 9.7; low 10.2 (no touch), close 10.5.
  const rows: Ohlc[] = [
    [10, 10.5, 9.5, 10],
    [10, 10.5, 9.5, 10],
    [10, 10.5, 9.5, 10],
    [10, 10.5, 9.5, 10],
    [10, 10.5, 9.5, 10],
    [10.3, 10.6, 10.2, 10.5],
    [10.5, 10.8, 10.4, 10.7],
  ];
  const c = candles(rows);
  const base = { period: 5, sd: 2, trend: 'bullish' };

  it('fires once, on the first close back above the level within the window after a touch', () => {
    // level at 5 with trigger 0.5: 9.7 + 0.5 × 0.4 = 9.9 < 10.5. The touching candle itself closed at the
    // (collapsed) band, not above it. Index 6 is still above, but the touch was used up.
    expect(firing(run('BollingerBandsLowerBandBounceIndicator', c, { ...base, candle_bounce_number: 3, bounce_trigger: 0.5 }))).toEqual([5]);
  });

  it('does not fire when the bounce comes too late', () => {
    expect(firing(run('BollingerBandsLowerBandBounceIndicator', c, { ...base, candle_bounce_number: 1, bounce_trigger: 0.5 }))).toEqual([]);
  });

  it('bearish mirrors it on the upper band', () => {
    const mirrored = candles(rows.map(([o, h, l, cl]) => [20 - o, 20 - l, 20 - h, 20 - cl] as const));
    expect(firing(run('BollingerBandsLowerBandBounceIndicator', mirrored, { ...base, trend: 'bearish', candle_bounce_number: 3, bounce_trigger: 0.5 }))).toEqual([5]);
  });
});

describe('SupportResistanceIndicator (no look-ahead)', () => {
  // lows: a swing low of 3 at index 2 (sensitivity 2), known at index 4; later the close breaks below 3.
  const lows = [5, 4, 3, 4, 5, 6, 5, 4, 3.5, 2.5];
  const c = candles(lows.map((l) => [l + 0.5, l + 1, l, l + 0.5] as const));

  it('support + bullish fires when the swing low is confirmed, not at the swing itself', () => {
    const out = run('SupportResistanceIndicator', c, { sensitivity: 2, level_type: 'support', trend: 'bullish' });
    expect(out[2]).toBe(0);
    expect(firing(out)).toEqual([4]);
  });

  it('support + bearish fires when the close breaks below the latest confirmed swing low', () => {
    // level 3 from index 4; closes 4, 3 (index 9: 3.0 — not below), … the close at index 9 is 3.0
    const out = run('SupportResistanceIndicator', c, { sensitivity: 2, level_type: 'support', trend: 'bearish' });
    expect(firing(out)).toEqual([]);
    const deeper = candles([...lows, 2].map((l) => [l + 0.5, l + 1, l, l + 0.5] as const));
    // index 10: previous close 3.0 ≥ 3, close 2.5 < 3
    expect(firing(run('SupportResistanceIndicator', deeper, { sensitivity: 2, level_type: 'support', trend: 'bearish' }))).toEqual([10]);
  });

  it('resistance mirrors support', () => {
    const highs = lows.map((l) => 10 - l);
    const m = candles(highs.map((h) => [h - 0.5, h, h - 1, h - 0.5] as const));
    expect(firing(run('SupportResistanceIndicator', m, { sensitivity: 2, level_type: 'resistance', trend: 'bearish' }))).toEqual([4]);
  });
});

describe('ADXTrendIndicator', () => {
  it('ramps between the thresholds, signed by +DI vs −DI, 0 during warm-up', () => {
    const p = { period: 14, trend_threshold: 20, strong_trend_threshold: 40 };
    const out = run('ADXTrendIndicator', walk, p);
    const d = dmi(walk.high, walk.low, walk.close, 14);
    let ramped = 0;
    for (let i = 0; i < walk.length; i++) {
      if (i < 27) {
        expect(out[i]).toBe(0);
        continue;
      }
      const s = Math.sign(d.plusDI[i]! - d.minusDI[i]!);
      const strength = Math.min(1, Math.max(0, (d.adx[i]! - 20) / 20));
      expect(out[i]).toBeCloseTo(s * strength, 12);
      if (strength > 0 && strength < 1) ramped++;
    }
    expect(ramped).toBeGreaterThan(100);
  });

  it('a steady rise is a full-strength up-trend; a steady fall a full-strength down-trend', () => {
    const up = fromCloses(Array.from({ length: 60 }, (_, i) => 100 + i));
    const down = fromCloses(Array.from({ length: 60 }, (_, i) => 200 - i));
    expect(run('ADXTrendIndicator', up, { period: 5 })[59]).toBe(1);
    expect(run('ADXTrendIndicator', down, { period: 5 })[59]).toBe(-1);
    expect(run('ADXTrendIndicator', down, { period: 5, direction_filter: 'bullish' })[59]).toBe(0);
    expect(run('ADXTrendIndicator', down, { period: 5, direction_filter: 'bearish' })[59]).toBe(-1);
  });

  it('equal thresholds make a step', () => {
    const out = run('ADXTrendIndicator', walk, { trend_threshold: 25, strong_trend_threshold: 25 });
    expect(new Set(out)).toEqual(new Set([0, 1, -1]));
  });
});

describe('EMASlopeTrendIndicator', () => {
  it('is the EMA’s % change per candle × factor, clipped', () => {
    const p = { period: 10, slope_period: 3, normalize_factor: 5, smoothing: 1 };
    const out = run('EMASlopeTrendIndicator', walk, p);
    const e = ema(walk.close, 10);
    for (let i = 0; i < walk.length; i++) {
      if (i < 12) {
        expect(out[i]).toBe(0);
        continue;
      }
      const v = ((100 * (e[i]! - e[i - 3]!)) / (3 * e[i - 3]!)) * 5;
      expect(out[i]).toBeCloseTo(Math.max(-1, Math.min(1, v)), 12);
    }
  });

  it('a close growing 1 % per candle reads (1.01⁵ − 1) ÷ 5 ≈ 1.02 % per candle over 5 candles', () => {
    const c = fromCloses(Array.from({ length: 300 }, (_, i) => 100 * 1.01 ** i));
    const out = run('EMASlopeTrendIndicator', c, { period: 10, slope_period: 5, normalize_factor: 0.5 });
    // the EMA of an exponential grows at the same rate once the seed has washed out
    expect(out[299]).toBeCloseTo(((100 * (1.01 ** 5 - 1)) / 5) * 0.5, 9);
    expect(run('EMASlopeTrendIndicator', c, { period: 10, slope_period: 5, normalize_factor: 0.5, direction_filter: 'bearish' })[299]).toBe(0);
  });

  it('smoothing delays the first value by smoothing − 1 candles', () => {
    const out = run('EMASlopeTrendIndicator', walk, { period: 10, slope_period: 3, normalize_factor: 1000, smoothing: 4 });
    expect(out[14]).toBe(0);
    expect(out[15]).not.toBe(0);
  });
});

describe('SuperTrendIndicator', () => {
  it('is the SuperTrend direction (the kernel fixture in kernels.test.ts)', () => {
    const mids = [10, 10.5, 11, 11.5, 12, 12.5, 11.5, 10.5, 9.5];
    const c = candles(mids.map((m) => [m, m + 1, m - 1, m] as const));
    expect(Array.from(run('SuperTrendIndicator', c, { atr_period: 2, multiplier: 1 }))).toEqual([0, 0, 1, 1, 1, 1, 1, 1, -1]);
    expect(Array.from(run('SuperTrendIndicator', c, { atr_period: 2, multiplier: 1, direction_filter: 'bullish' }))).toEqual([0, 0, 1, 1, 1, 1, 1, 1, 0]);
  });
});

describe('AROONTrendIndicator', () => {
  it('is the oscillator ÷ 100 with a dead zone', () => {
    const high = [1, 2, 3, 2, 2];
    const low = [0, 1, 2, 1, 1.5];
    const c = candles(high.map((h, i) => [low[i]!, h, low[i]!, h] as const));
    // i = 3: up 66.7, down 0 → 0.667; i = 4: up 33.3, down 66.7 → −0.333
    const out = run('AROONTrendIndicator', c, { period: 3, threshold: 0 });
    expect(out[2]).toBe(0);
    expect(out[3]).toBeCloseTo(2 / 3, 12);
    expect(out[4]).toBeCloseTo(-1 / 3, 12);
    const gated = run('AROONTrendIndicator', c, { period: 3, threshold: 50 });
    expect(gated[3]).toBeCloseTo(2 / 3, 12);
    expect(gated[4]).toBe(0);
  });
});
