import type { IndicatorDefinition, ParamSpec } from '../types';
import { macd } from '../kernels/macd';
import { lookbackParam, num, str, trendParam, withDefaults } from '../params';
import { resultColumn, sharedSeries } from '../context';

const params: readonly ParamSpec[] = [
  { name: 'fast', type: 'int', min: 2, max: 15, step: 1, default: 12, description: 'Fast EMA period' },
  { name: 'slow', type: 'int', min: 12, max: 30, step: 1, default: 26, description: 'Slow EMA period' },
  { name: 'signal', type: 'int', min: 2, max: 30, step: 1, default: 9, description: 'Signal-line EMA period' },
  { name: 'histogram_threshold', type: 'float', min: 0, max: 0.5, step: 0.0005, default: 0, description: 'Level (in price units) the histogram must cross' },
  trendParam(),
  lookbackParam(),
];

const read = (p: Parameters<IndicatorDefinition['compute']>[1]) => {
  const q = withDefaults(params, p);
  return { fast: num(q, 'fast'), slow: num(q, 'slow'), signal: num(q, 'signal'), thr: num(q, 'histogram_threshold'), bullish: str(q, 'trend') === 'bullish' };
};

/**
 * Fires when the MACD histogram (MACD − signal) crosses above +threshold (bullish: previous
 * histogram ≤ +thr, this one > +thr) or below −threshold (bearish: previous ≥ −thr, this < −thr).
 * First possible fire: the candle after the histogram's first value (index max(fast, slow) + signal − 1).
 */
export const MACDHistogramCrossoverIndicator: IndicatorDefinition = {
  className: 'MACDHistogramCrossoverIndicator',
  kind: 'signal',
  description: 'MACD histogram crosses above +threshold (bullish) or below −threshold (bearish)',
  layout: 'stacked',
  params,
  compute(c, p, ctx) {
    const { fast, slow, signal, thr, bullish } = read(p);
    const n = c.length;
    // The three MACD columns in one shared block; the histogram is the last third.
    const block = sharedSeries(ctx, `macd(close,${fast},${slow},${signal})`, (col) => {
      const all = col(3 * n);
      macd(c.close, fast, slow, signal, { macd: all.subarray(0, n), signal: all.subarray(n, 2 * n), histogram: all.subarray(2 * n) });
      return all;
    });
    const h = block.subarray(2 * n);
    const out = resultColumn(n, ctx);
    // One loop per direction, the fire as `&` of two comparisons (smaCrossover.ts says why).
    if (bullish) for (let i = 1; i < c.length; i++) out[i] = +(h[i - 1]! <= thr) & +(h[i]! > thr);
    else for (let i = 1; i < c.length; i++) out[i] = +(h[i - 1]! >= -thr) & +(h[i]! < -thr);
    return out;
  },
  lines(c, p) {
    const { fast, slow, signal } = read(p);
    const m = macd(c.close, fast, slow, signal);
    return [
      { name: `MACD(${fast},${slow})`, values: m.macd, layout: 'stacked', color: '#2962ff' },
      { name: `Signal(${signal})`, values: m.signal, layout: 'stacked', color: '#ff6d00' },
      { name: 'Histogram', values: m.histogram, layout: 'stacked', color: '#26a69a' },
    ];
  },
};
