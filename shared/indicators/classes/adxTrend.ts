import type { IndicatorDefinition, ParamSpec } from '../types';
import { dmi } from '../kernels/dmi';
import { directionFilterParam, filterDirection, num, str, withDefaults } from '../params';
import { resultColumn, sharedSeries } from '../context';

const params: readonly ParamSpec[] = [
  { name: 'period', type: 'int', min: 2, max: 50, step: 1, default: 14, description: 'DI and ADX period (Wilder smoothing)' },
  { name: 'trend_threshold', type: 'float', min: 0, max: 100, step: 1, default: 20, description: 'ADX at or below which there is no trend (value 0)' },
  { name: 'strong_trend_threshold', type: 'float', min: 0, max: 100, step: 1, default: 40, description: 'ADX at or above which the trend is full strength (±1)' },
  directionFilterParam(),
];

/**
 * Strength = (ADX − trend_threshold) ÷ (strong_trend_threshold − trend_threshold) clipped to
 * [0, 1] (a step at trend_threshold when strong ≤ trend); sign + when +DI > −DI, − when −DI > +DI,
 * 0 when equal; then `direction_filter`. 0 during warm-up (the first ADX is at index 2·period − 1).
 */
export const ADXTrendIndicator: IndicatorDefinition = {
  className: 'ADXTrendIndicator',
  kind: 'trend',
  description: 'ADX trend strength, signed by +DI vs −DI, ramping between two thresholds',
  layout: 'stacked',
  params,
  compute(c, p, ctx) {
    const q = withDefaults(params, p);
    const lo = num(q, 'trend_threshold');
    const hi = num(q, 'strong_trend_threshold');
    const filter = str(q, 'direction_filter');
    const period = num(q, 'period');
    const n = c.length;
    // +DI, −DI and ADX in one shared block (they depend on the period only).
    const block = sharedSeries(ctx, `dmi(${period})`, (col) => {
      const all = col(3 * n);
      dmi(c.high, c.low, c.close, period, { plusDI: all.subarray(0, n), minusDI: all.subarray(n, 2 * n), adx: all.subarray(2 * n) });
      return all;
    });
    const d = { plusDI: block.subarray(0, n), minusDI: block.subarray(n, 2 * n), adx: block.subarray(2 * n) };
    const out = resultColumn(n, ctx);
    for (let i = 0; i < c.length; i++) {
      const adx = d.adx[i]!;
      if (Number.isNaN(adx)) continue;
      const diff = d.plusDI[i]! - d.minusDI[i]!;
      const sign = diff > 0 ? 1 : diff < 0 ? -1 : 0;
      let strength: number;
      if (hi > lo) strength = adx <= lo ? 0 : adx >= hi ? 1 : (adx - lo) / (hi - lo);
      else strength = adx >= lo ? 1 : 0;
      out[i] = filterDirection(sign * strength, filter);
    }
    return out;
  },
  lines(c, p) {
    const period = num(withDefaults(params, p), 'period');
    const d = dmi(c.high, c.low, c.close, period);
    return [
      { name: `ADX(${period})`, values: d.adx, layout: 'stacked', color: '#ffb300' },
      { name: '+DI', values: d.plusDI, layout: 'stacked', color: '#26a69a' },
      { name: '−DI', values: d.minusDI, layout: 'stacked', color: '#ef5350' },
    ];
  },
};
