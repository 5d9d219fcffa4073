/**
 * Our kernels against the independent `technicalindicators` package, on random-walk candles
 * (continuous prices, and prices on a tick grid so that ties and flat stretches occur).
 * `technicalindicators` returns only the defined values; ours are full-length columns with NaN
 * during warm-up, so the test also checks that both start at the same candle.
 */
import { describe, expect, it } from 'vitest';
import { ADX, ATR, BollingerBands, EMA, MACD, RSI, SMA } from 'technicalindicators';
import { randomWalkCandles } from '../../../shared/indicators/randomWalk';
import { sma } from '../../../shared/indicators/kernels/sma';
import { ema } from '../../../shared/indicators/kernels/ema';
import { rsi } from '../../../shared/indicators/kernels/rsi';
import { macd } from '../../../shared/indicators/kernels/macd';
import { bollinger } from '../../../shared/indicators/kernels/bollinger';
import { atr } from '../../../shared/indicators/kernels/atr';
import { dmi } from '../../../shared/indicators/kernels/dmi';

const N = 3000;
const inputs = [
  { label: 'continuous prices', c: randomWalkCandles(N, 11) },
  { label: 'FX-like prices on a 0.00001 grid', c: randomWalkCandles(N, 12, { start: 1.1, volatility: 0.0004, tick: 0.00001 }) },
  { label: 'coarse 0.25 grid (many ties)', c: randomWalkCandles(N, 13, { start: 50, volatility: 0.003, tick: 0.25 }) },
];
const arr = (a: Float64Array) => Array.from(a);

/**
 * ours[first..] equals theirs within a tolerance (relative to the magnitude, or absolute), and
 * ours is NaN before `first` (unless `warmUp` is false: then only the tail is compared).
 */
function agree(
  ours: Float64Array,
  theirs: ReadonlyArray<number | undefined>,
  first: number,
  { rel = 1e-9, abs = 0, warmUp = true }: { rel?: number; abs?: number; warmUp?: boolean } = {},
): void {
  expect(ours.length - first, 'number of defined values').toBe(theirs.length);
  if (warmUp) for (let i = 0; i < first; i++) expect(ours[i], `warm-up at ${i}`).toBeNaN();
  for (let k = 0; k < theirs.length; k++) {
    const a = ours[first + k]!;
    const b = theirs[k]!;
    expect(Number.isFinite(a), `ours at ${first + k} is ${a}`).toBe(true);
    if (Math.abs(a - b) > Math.max(abs, rel * Math.max(1, Math.abs(b)))) {
      throw new Error(`index ${first + k}: ours ${a}, technicalindicators ${b}`);
    }
  }
}

describe.each(inputs)('kernels agree with technicalindicators — $label', ({ c }) => {
  const values = arr(c.close);
  const hlc = { high: arr(c.high), low: arr(c.low), close: values };

  it.each([2, 5, 20, 50])('SMA(%i)', (period) => {
    agree(sma(c.close, period), SMA.calculate({ period, values }), period - 1);
  });

  it.each([2, 9, 20, 50])('EMA(%i), seeded with the SMA of the first period values', (period) => {
    agree(ema(c.close, period), EMA.calculate({ period, values }), period - 1);
  });

  it.each([2, 7, 14, 30])('RSI(%i) (theirs rounded to 2 decimals)', (period) => {
    agree(rsi(c.close, period), RSI.calculate({ period, values }), period, { abs: 0.0051 });
  });

  it.each([
    [12, 26, 9],
    [5, 13, 4],
    [2, 12, 2],
    [15, 30, 30],
  ])('MACD(%i, %i, %i)', (fast, slow, signal) => {
    const ours = macd(c.close, fast, slow, signal);
    const theirs = MACD.calculate({ values, fastPeriod: fast, slowPeriod: slow, signalPeriod: signal, SimpleMAOscillator: false, SimpleMASignal: false });
    agree(ours.macd, theirs.map((r) => r.MACD), slow - 1);
    const withSignal = theirs.filter((r) => r.signal !== undefined);
    agree(ours.signal, withSignal.map((r) => r.signal), slow + signal - 2);
    agree(ours.histogram, withSignal.map((r) => r.histogram), slow + signal - 2);
  });

  it.each([
    [20, 2],
    [5, 1.5],
    [50, 3],
  ])('Bollinger(%i, %f) with population σ', (period, k) => {
    const ours = bollinger(c.close, period, k);
    const theirs = BollingerBands.calculate({ period, stdDev: k, values });
    agree(ours.middle, theirs.map((r) => r.middle), period - 1);
    agree(ours.upper, theirs.map((r) => r.upper), period - 1);
    agree(ours.lower, theirs.map((r) => r.lower), period - 1);
  });

  it.each([2, 10, 14, 30])('ATR(%i)', (period) => {
    agree(atr(c.high, c.low, c.close, period), ATR.calculate({ ...hlc, period }), period);
  });

  it.each([2, 5, 14, 30])('ADX(%i) with +DI and −DI', (period) => {
    const ours = dmi(c.high, c.low, c.close, period);
    const theirs = ADX.calculate({ ...hlc, period });
    agree(ours.adx, theirs.map((r) => r.adx), 2 * period - 1);
    // Theirs reports the DIs only from the first ADX on; ours has them from index `period`.
    agree(ours.plusDI, theirs.map((r) => r.pdi), 2 * period - 1, { warmUp: false });
    agree(ours.minusDI, theirs.map((r) => r.mdi), 2 * period - 1, { warmUp: false });
    expect(ours.plusDI[period - 1]).toBeNaN();
    expect(ours.plusDI[period]).not.toBeNaN();
  });
});

describe('where the definitions differ (documented in docs/INDICATORS.md)', () => {
  it('a flat market: our RSI reads 50, technicalindicators reads 100', () => {
    const flat = new Float64Array(30).fill(1.25);
    expect(rsi(flat, 14)[20]).toBe(50);
    expect(RSI.calculate({ period: 14, values: Array.from(flat) })[5]).toBe(100);
  });

  it('a flat market: our ADX reads 0 where technicalindicators divides 0 by 0', () => {
    const flat = new Float64Array(40).fill(1.25);
    expect(dmi(flat, flat, flat, 5).adx[20]).toBe(0);
    const theirs = ADX.calculate({ high: Array.from(flat), low: Array.from(flat), close: Array.from(flat), period: 5 });
    expect(theirs.every((r) => Number.isNaN(r.adx))).toBe(true);
  });
});
