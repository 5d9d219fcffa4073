import type { IndicatorDefinition, ParamSpec } from '../types';
import { ema } from '../kernels/ema';
import { resultColumn, sharedSeries } from '../context';
import { directionFilterParam, filterDirection, num, str, withDefaults } from '../params';

const params: readonly ParamSpec[] = [
  { name: 'period', type: 'int', min: 2, max: 200, step: 1, default: 20, description: 'Candles in the exponential moving average' },
  { name: 'slope_period', type: 'int', min: 1, max: 50, step: 1, default: 5, description: 'Candles over which the slope is measured' },
  { name: 'normalize_factor', type: 'float', min: 0.1, max: 10000, step: 0.1, default: 100, description: 'Multiplier from slope (% per candle) to trend value; 1 ÷ factor % per candle is full strength' },
  { name: 'smoothing', type: 'int', min: 1, max: 50, step: 1, default: 1, description: 'EMA period applied to the slope (1 = none)' },
  directionFilterParam(),
];

/**
 * slope = 100 × (EMA[i] − EMA[i − slope_period]) ÷ (slope_period × EMA[i − slope_period]), the
 * EMA's change in % per candle; optionally EMA-smoothed (`smoothing` > 1); value =
 * clip(slope × normalize_factor, −1, 1), then `direction_filter`. 0 during warm-up (first value
 * at index period − 1 + slope_period + smoothing − 1).
 */
export const EMASlopeTrendIndicator: IndicatorDefinition = {
  className: 'EMASlopeTrendIndicator',
  kind: 'trend',
  description: 'Normalised slope of an EMA, clipped to [−1, 1]',
  layout: 'overlay',
  params,
  compute(c, p, ctx) {
    const q = withDefaults(params, p);
    const k = num(q, 'slope_period');
    const factor = num(q, 'normalize_factor');
    const smoothing = num(q, 'smoothing');
    const filter = str(q, 'direction_filter');
    const n = c.length;
    const period = num(q, 'period');
    // The (smoothed) slope depends on the integer parameters only; the factor scales it after.
    const slope = sharedSeries(ctx, `emaSlope(close,${period},${k},${smoothing})`, (col) => {
      const line = ema(c.close, period, col(n));
      const raw = col(n);
      for (let i = 0; i < n; i++) {
        const base = i >= k ? line[i - k]! : NaN;
        raw[i] = base !== 0 ? (100 * (line[i]! - base)) / (k * base) : 0;
      }
      // The smoothed slope overwrites the line, which is no longer needed.
      return smoothing > 1 ? ema(raw, smoothing, line) : raw;
    });
    const out = resultColumn(n, ctx);
    for (let i = 0; i < n; i++) {
      const v = slope[i]! * factor;
      if (Number.isNaN(v)) continue;
      out[i] = filterDirection(v > 1 ? 1 : v < -1 ? -1 : v, filter);
    }
    return out;
  },
  lines(c, p) {
    const period = num(withDefaults(params, p), 'period');
    return [{ name: `EMA(${period})`, values: ema(c.close, period), layout: 'overlay', color: '#29b6f6' }];
  },
};
