import type { IndicatorDefinition, ParamSpec } from '../types';
import { aroon } from '../kernels/aroon';
import { num, withDefaults } from '../params';
import { resultColumn, sharedSeries } from '../context';

const params: readonly ParamSpec[] = [
  { name: 'period', type: 'int', min: 2, max: 100, step: 1, default: 25, description: 'Aroon period (window of period + 1 candles)' },
  { name: 'threshold', type: 'float', min: 0, max: 100, step: 1, default: 0, description: 'Oscillator magnitude below which the value is 0 (no trend)' },
];

/**
 * (Aroon up − Aroon down) ÷ 100, in [−1, 1]; 0 when the oscillator's magnitude is below
 * `threshold`; 0 until index `period`.
 */
export const AROONTrendIndicator: IndicatorDefinition = {
  className: 'AROONTrendIndicator',
  kind: 'trend',
  description: 'Aroon oscillator ÷ 100, with a dead zone below a threshold',
  layout: 'stacked',
  params,
  compute(c, p, ctx) {
    const q = withDefaults(params, p);
    const thr = num(q, 'threshold');
    const period = num(q, 'period');
    const n = c.length;
    const block = sharedSeries(ctx, `aroon(${period})`, (col) => {
      const all = col(2 * n);
      aroon(c.high, c.low, period, { up: all.subarray(0, n), down: all.subarray(n) });
      return all;
    });
    const up = block.subarray(0, n);
    const down = block.subarray(n);
    const out = resultColumn(n, ctx);
    for (let i = 0; i < c.length; i++) {
      const osc = up[i]! - down[i]!;
      if (Math.abs(osc) >= thr) out[i] = osc / 100;
    }
    return out;
  },
  lines(c, p) {
    const period = num(withDefaults(params, p), 'period');
    const { up, down } = aroon(c.high, c.low, period);
    return [
      { name: `Aroon up(${period})`, values: up, layout: 'stacked', color: '#26a69a' },
      { name: `Aroon down(${period})`, values: down, layout: 'stacked', color: '#ef5350' },
    ];
  },
};
