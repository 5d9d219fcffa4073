import type { IndicatorDefinition, ParamSpec } from '../types';
import { sma } from '../kernels/sma';
import { lookbackParam, num, str, trendParam, withDefaults } from '../params';
import { resultColumn, sharedSeries } from '../context';

const params: readonly ParamSpec[] = [
  { name: 'period', type: 'int', min: 2, max: 30, step: 1, default: 20, description: 'Candles in the simple moving average' },
  { name: 'crossover_value', type: 'float', min: 0, max: 0.01, step: 0.0005, default: 0, description: 'Band around the SMA as a fraction of it' },
  trendParam(),
  lookbackParam(),
];

/**
 * Fires on the candle whose close crosses above SMA × (1 + x) (bullish) or below SMA × (1 − x)
 * (bearish). A cross is strict on both sides, as in backtesting.py's `crossover`: previous close
 * below (above) the band and this close above (below) it. First possible fire: index `period`.
 */
export const SMACrossoverIndicator: IndicatorDefinition = {
  className: 'SMACrossoverIndicator',
  kind: 'signal',
  description: 'Close crosses its simple moving average (with an optional band)',
  layout: 'overlay',
  params,
  compute(c, p, ctx) {
    const q = withDefaults(params, p);
    const period = num(q, 'period');
    const x = num(q, 'crossover_value');
    const bullish = str(q, 'trend') === 'bullish';
    // The SMA line depends on the period only: shared by every band and direction.
    const line = sharedSeries(ctx, `sma(close,${period})`, (col) => sma(c.close, period, col(c.length)));
    const out = resultColumn(c.length, ctx);
    const k = bullish ? 1 + x : 1 - x;
    let prev = c.length > 0 ? c.close[0]! - line[0]! * k : NaN;
    // NaN (warm-up) fails every comparison, so no fire until both sides are defined. One loop per
    // direction, and the fire as `&` of two comparisons: a conditional per candle ran twice as long.
    if (bullish) {
      for (let i = 1; i < c.length; i++) {
        const cur = c.close[i]! - line[i]! * k;
        out[i] = +(prev < 0) & +(cur > 0);
        prev = cur;
      }
    } else {
      for (let i = 1; i < c.length; i++) {
        const cur = c.close[i]! - line[i]! * k;
        out[i] = +(prev > 0) & +(cur < 0);
        prev = cur;
      }
    }
    return out;
  },
  lines(c, p) {
    const q = withDefaults(params, p);
    const period = num(q, 'period');
    const x = num(q, 'crossover_value');
    const line = sma(c.close, period);
    const out = [{ name: `SMA(${period})`, values: line, layout: 'overlay' as const, color: '#f5a623' }];
    if (x > 0) {
      const k = str(q, 'trend') === 'bullish' ? 1 + x : 1 - x;
      const band = new Float64Array(c.length);
      for (let i = 0; i < c.length; i++) band[i] = line[i]! * k;
      out.push({ name: `SMA(${period}) × ${k}`, values: band, layout: 'overlay', color: '#f5a62399' });
    }
    return out;
  },
};
