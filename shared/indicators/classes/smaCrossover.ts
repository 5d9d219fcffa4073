import type { IndicatorDefinition } from '../types';
import { sma } from '../kernels/sma';
import { lookbackParam, num, str, trendParam } from '../params';

/**
 * Fires on the candle whose close crosses above SMA × (1 + x) (bullish) or below SMA × (1 − x)
 * (bearish). A cross is strict on both sides, as in backtesting.py's `crossover`: previous close
 * below (above) the band and this close above (below) it.
 */
export const SMACrossoverIndicator: IndicatorDefinition = {
  className: 'SMACrossoverIndicator',
  kind: 'signal',
  description: 'Close crosses its simple moving average (with an optional band)',
  layout: 'overlay',
  params: [
    { name: 'period', type: 'int', min: 2, max: 30, step: 1, default: 20, description: 'SMA period' },
    { name: 'crossover_value', type: 'float', min: 0, max: 0.01, step: 0.0005, default: 0, description: 'Band around the SMA as a fraction' },
    trendParam(),
    lookbackParam(),
  ],
  compute(c, p) {
    const period = num(p, 'period');
    const x = num(p, 'crossover_value');
    const bullish = str(p, 'trend') === 'bullish';
    const line = sma(c.close, period);
    const out = new Float64Array(c.length);
    const k = bullish ? 1 + x : 1 - x;
    for (let i = period; i < c.length; i++) {
      const prev = c.close[i - 1]! - line[i - 1]! * k;
      const cur = c.close[i]! - line[i]! * k;
      out[i] = bullish ? (prev < 0 && cur > 0 ? 1 : 0) : prev > 0 && cur < 0 ? 1 : 0;
    }
    return out;
  },
  lines(c, p) {
    return [{ name: `SMA(${num(p, 'period')})`, values: sma(c.close, num(p, 'period')), layout: 'overlay', color: '#f5a623' }];
  },
};
