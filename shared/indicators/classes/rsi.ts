import type { IndicatorDefinition, ParamSpec } from '../types';
import { rsi } from '../kernels/rsi';
import { lookbackParam, num, str, trendParam, withDefaults } from '../params';
import { resultColumn, sharedSeries } from '../context';

const params: readonly ParamSpec[] = [
  { name: 'period', type: 'int', min: 2, max: 50, step: 1, default: 14, description: 'RSI period (Wilder smoothing)' },
  { name: 'oversold', type: 'float', min: 1, max: 50, step: 1, default: 30, description: 'Oversold level; bullish fires when RSI rises back above it' },
  { name: 'overbought', type: 'float', min: 50, max: 99, step: 1, default: 70, description: 'Overbought level; bearish fires when RSI falls back below it' },
  trendParam(),
  lookbackParam(),
];

/**
 * Fires when RSI leaves a zone: bullish when it rises out of oversold (previous RSI ≤ oversold,
 * this one > oversold), bearish when it falls out of overbought (previous ≥ overbought, this one
 * < overbought). First possible fire: index period + 1.
 */
export const RSIIndicator: IndicatorDefinition = {
  className: 'RSIIndicator',
  kind: 'signal',
  description: 'RSI leaves the oversold zone (bullish) or the overbought zone (bearish)',
  layout: 'stacked',
  params,
  compute(c, p, ctx) {
    const q = withDefaults(params, p);
    const bullish = str(q, 'trend') === 'bullish';
    const level = bullish ? num(q, 'oversold') : num(q, 'overbought');
    const period = num(q, 'period');
    const r = sharedSeries(ctx, `rsi(close,${period})`, (col) => rsi(c.close, period, col(c.length)));
    const out = resultColumn(c.length, ctx);
    // One loop per direction, the fire as `&` of two comparisons (smaCrossover.ts says why).
    if (bullish) for (let i = 1; i < c.length; i++) out[i] = +(r[i - 1]! <= level) & +(r[i]! > level);
    else for (let i = 1; i < c.length; i++) out[i] = +(r[i - 1]! >= level) & +(r[i]! < level);
    return out;
  },
  lines(c, p) {
    const q = withDefaults(params, p);
    const period = num(q, 'period');
    const r = rsi(c.close, period);
    const level = (v: number) => {
      const col = new Float64Array(c.length);
      for (let i = 0; i < c.length; i++) col[i] = Number.isNaN(r[i]!) ? NaN : v;
      return col;
    };
    return [
      { name: `RSI(${period})`, values: r, layout: 'stacked', color: '#7e57c2' },
      { name: 'Oversold', values: level(num(q, 'oversold')), layout: 'stacked', color: '#26a69a' },
      { name: 'Overbought', values: level(num(q, 'overbought')), layout: 'stacked', color: '#ef5350' },
    ];
  },
};
