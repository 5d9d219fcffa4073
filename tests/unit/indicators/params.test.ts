import { describe, expect, it } from 'vitest';
import { INDICATORS, indicatorClassNames } from '../../../shared/indicators/registry';
import { defaultParams, kernelParams, validateParams, withDefaults } from '../../../shared/indicators/params';

const sma = INDICATORS.SMACrossoverIndicator!;
const macd = INDICATORS.MACDHistogramCrossoverIndicator!;
const cdl = INDICATORS.CDLPatternIndicator!;

describe('validateParams', () => {
  it.each(indicatorClassNames())('%s: its defaults are valid, and so is an empty object', (name) => {
    const def = INDICATORS[name]!;
    expect(validateParams(def, defaultParams(def))).toEqual([]);
    expect(validateParams(def, {})).toEqual([]);
  });

  it('accepts the original system’s MACD example', () => {
    expect(validateParams(macd, { fast: 12, slow: 26, signal: 9, histogram_threshold: 0.001, lookback: 6, trend: 'bullish' })).toEqual([]);
  });

  it('reports bounds with what is allowed (SYSTEM.md §3 bounds)', () => {
    expect(validateParams(sma, { period: 31, crossover_value: 0.02 })).toEqual([
      { path: 'period', message: 'must be an integer from 2 to 30, got 31' },
      { path: 'crossover_value', message: 'must be a number from 0 to 0.01, got 0.02' },
    ]);
    expect(validateParams(macd, { fast: 1, slow: 31, signal: 31, histogram_threshold: -0.1 }).map((p) => p.path)).toEqual([
      'fast',
      'slow',
      'signal',
      'histogram_threshold',
    ]);
  });

  it('reports a wrong type, a fraction for an integer, and non-finite numbers', () => {
    expect(validateParams(sma, { period: '20' })).toEqual([{ path: 'period', message: "must be an integer from 2 to 30, got '20'" }]);
    expect(validateParams(sma, { period: 20.5 })).toEqual([{ path: 'period', message: 'must be an integer from 2 to 30, got 20.5' }]);
    expect(validateParams(sma, { period: Number.NaN })[0]!.path).toBe('period');
    expect(validateParams(sma, { period: null })).toEqual([{ path: 'period', message: 'must be an integer from 2 to 30, got null' }]);
  });

  it('reports a choice outside its list', () => {
    expect(validateParams(sma, { trend: 'up' })).toEqual([{ path: 'trend', message: "must be one of 'bullish', 'bearish', got 'up'" }]);
  });

  it('reports unknown parameter names with the known ones', () => {
    expect(validateParams(sma, { period: 20, perod: 3 })).toEqual([
      { path: 'perod', message: 'unknown parameter \'perod\' for SMACrossoverIndicator; known: period, crossover_value, trend, lookback' },
    ]);
  });

  it('checks pattern lists element by element', () => {
    expect(validateParams(cdl, { patterns: ['CDLDOJI', 'CDLFOO', 'CDLDOJI'] })).toEqual([
      { path: 'patterns[1]', message: expect.stringMatching(/^unknown pattern 'CDLFOO'; known: CDLDOJI, CDLHAMMER, /) },
      { path: 'patterns[2]', message: "pattern 'CDLDOJI' is listed twice" },
    ]);
    expect(validateParams(cdl, { patterns: [] })[0]).toMatchObject({ path: 'patterns', message: expect.stringMatching(/^must be a non-empty list of pattern names from 'CDLDOJI'/) });
    expect(validateParams(cdl, { patterns: 'CDLDOJI' })[0]!.path).toBe('patterns');
  });
});

describe('defaults and cache keys', () => {
  it('fills missing parameters from the specs', () => {
    expect(withDefaults(sma.params, { period: 5 })).toEqual({ period: 5, crossover_value: 0, trend: 'bullish', lookback: 1 });
  });

  it('defaultParams copies arrays, so callers may mutate the result', () => {
    const a = defaultParams(cdl);
    (a.patterns as string[]).push('CDLDOJI');
    expect(defaultParams(cdl).patterns).toEqual(['CDLENGULFING']);
  });

  it('kernelParams leaves out pipeline parameters (lookback)', () => {
    expect(kernelParams(sma, { period: 5, lookback: 9 })).toEqual({ period: 5, crossover_value: 0, trend: 'bullish' });
    expect(JSON.stringify(kernelParams(sma, { lookback: 2 }))).toBe(JSON.stringify(kernelParams(sma, { lookback: 7 })));
  });

  it('compute ignores lookback', () => {
    const c = { length: 3, ts: new Float64Array(3), open: new Float64Array(3), high: new Float64Array(3), low: new Float64Array(3), close: Float64Array.from([1, 2, 3]), volume: new Float64Array(3) };
    expect(Array.from(INDICATORS.SMAIndicator!.compute(c, { period: 2, lookback: 1 }))).toEqual(Array.from(INDICATORS.SMAIndicator!.compute(c, { period: 2, lookback: 50 })));
  });
});
