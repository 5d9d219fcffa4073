import type { IndicatorDefinition, ParamSpec } from '../types';
import { sma } from '../kernels/sma';
import { lookbackParam, num, str, trendParam, withDefaults } from '../params';
import { resultColumn } from '../context';

const params: readonly ParamSpec[] = [
  { name: 'period', type: 'int', min: 2, max: 200, step: 1, default: 20, description: 'Candles in the simple moving average' },
  trendParam(),
  lookbackParam(),
];

/**
 * The SMA line as a state signal: 1 on every candle whose close is above its SMA (bullish) or
 * below it (bearish), 0 otherwise and during warm-up (first possible 1: index period − 1).
 * Where `SMACrossoverIndicator` marks the crossing, this one holds while price stays on that side.
 */
export const SMAIndicator: IndicatorDefinition = {
  className: 'SMAIndicator',
  kind: 'signal',
  description: 'Close above (bullish) or below (bearish) its simple moving average',
  layout: 'overlay',
  params,
  compute(c, p, ctx) {
    const q = withDefaults(params, p);
    const bullish = str(q, 'trend') === 'bullish';
    const line = sma(c.close, num(q, 'period'));
    const out = resultColumn(c.length, ctx);
    // One loop per direction, a comparison as the value (smaCrossover.ts says why).
    if (bullish) for (let i = 0; i < c.length; i++) out[i] = +(c.close[i]! - line[i]! > 0);
    else for (let i = 0; i < c.length; i++) out[i] = +(c.close[i]! - line[i]! < 0);
    return out;
  },
  lines(c, p) {
    const period = num(withDefaults(params, p), 'period');
    return [{ name: `SMA(${period})`, values: sma(c.close, period), layout: 'overlay', color: '#f5a623' }];
  },
};
