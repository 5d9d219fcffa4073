import type { IndicatorDefinition, ParamSpec } from '../types';
import { supertrend } from '../kernels/supertrend';
import { atr } from '../kernels/atr';
import { resultColumn } from '../context';
import { directionFilterParam, filterDirection, num, str, withDefaults } from '../params';

const params: readonly ParamSpec[] = [
  { name: 'atr_period', type: 'int', min: 2, max: 50, step: 1, default: 10, description: 'ATR period (Wilder smoothing)' },
  { name: 'multiplier', type: 'float', min: 0.5, max: 10, step: 0.1, default: 3, description: 'Band distance from (high + low) ÷ 2 in ATRs' },
  directionFilterParam(),
];

/** +1 in a SuperTrend up-trend, −1 in a down-trend, then `direction_filter`; 0 until index atr_period. */
export const SuperTrendIndicator: IndicatorDefinition = {
  className: 'SuperTrendIndicator',
  kind: 'trend',
  description: 'SuperTrend direction (±1)',
  layout: 'overlay',
  params,
  compute(c, p, ctx) {
    const q = withDefaults(params, p);
    const filter = str(q, 'direction_filter');
    const period = num(q, 'atr_period');
    const n = c.length;
    let direction: Float64Array;
    if (ctx) {
      // The ATR depends on the period only; the bands and the direction on the multiplier too.
      const atrLine = ctx.memo(`atr(${period})`, (col) => atr(c.high, c.low, c.close, period, col(n)));
      direction = supertrend(c.high, c.low, c.close, period, num(q, 'multiplier'), { line: ctx.column(n), direction: ctx.column(n) }, atrLine).direction;
    } else {
      direction = supertrend(c.high, c.low, c.close, period, num(q, 'multiplier')).direction;
    }
    const out = resultColumn(n, ctx);
    for (let i = 0; i < c.length; i++) {
      const d = direction[i]!;
      if (!Number.isNaN(d)) out[i] = filterDirection(d, filter);
    }
    return out;
  },
  lines(c, p) {
    const q = withDefaults(params, p);
    const { line, direction } = supertrend(c.high, c.low, c.close, num(q, 'atr_period'), num(q, 'multiplier'));
    const up = new Float64Array(c.length);
    const down = new Float64Array(c.length);
    for (let i = 0; i < c.length; i++) {
      up[i] = direction[i]! > 0 ? line[i]! : NaN;
      down[i] = direction[i]! < 0 ? line[i]! : NaN;
    }
    return [
      { name: 'SuperTrend up', values: up, layout: 'overlay', color: '#26a69a' },
      { name: 'SuperTrend down', values: down, layout: 'overlay', color: '#ef5350' },
    ];
  },
};
