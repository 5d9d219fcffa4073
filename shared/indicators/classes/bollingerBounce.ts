import type { IndicatorDefinition, ParamSpec } from '../types';
import { bandsAt, bollinger, bollingerStats } from '../kernels/bollinger';
import { resultColumn, sharedSeries } from '../context';
import { lookbackParam, num, str, trendParam, withDefaults } from '../params';

const params: readonly ParamSpec[] = [
  { name: 'period', type: 'int', min: 5, max: 100, step: 1, default: 20, description: 'Bollinger period (SMA and population σ)' },
  { name: 'sd', type: 'float', min: 0.5, max: 4, step: 0.1, default: 2, description: 'Band width in standard deviations' },
  { name: 'candle_bounce_number', type: 'int', min: 1, max: 20, step: 1, default: 3, description: 'Candles after a touch (the touching one counts as the first) in which the bounce must come' },
  { name: 'bounce_trigger', type: 'float', min: 0, max: 1, step: 0.05, default: 0, description: 'How far back inside the band the close must get, as a fraction of the band-to-middle distance' },
  trendParam(),
  lookbackParam(),
];

/**
 * Bullish: a candle whose low reaches the lower band (low ≤ lower) is a touch and arms the
 * signal; it fires once, on the first candle at most `candle_bounce_number − 1` candles after the
 * latest touch (the touching candle itself included) whose close is above
 * lower + bounce_trigger × (middle − lower). Every new touch re-arms it. Bearish mirrors this on
 * the upper band (high ≥ upper; close below upper − bounce_trigger × (upper − middle)).
 * First possible fire: index period − 1.
 */
export const BollingerBandsLowerBandBounceIndicator: IndicatorDefinition = {
  className: 'BollingerBandsLowerBandBounceIndicator',
  kind: 'signal',
  description: 'Close bounces back inside a Bollinger band shortly after touching it',
  layout: 'overlay',
  params,
  compute(c, p, ctx) {
    const q = withDefaults(params, p);
    const bullish = str(q, 'trend') === 'bullish';
    const window = num(q, 'candle_bounce_number');
    const trigger = num(q, 'bounce_trigger');
    const period = num(q, 'period');
    const k = num(q, 'sd');
    const n = c.length;
    // Mean and σ depend on the period only (one shared block); the bands on `sd` too.
    const stats = sharedSeries(ctx, `bollingerStats(close,${period})`, (col) => {
      const all = col(2 * n);
      bollingerStats(c.close, period, { mean: all.subarray(0, n), sigma: all.subarray(n) });
      return all;
    });
    const mean = stats.subarray(0, n);
    const sigma = stats.subarray(n);
    const bands = new Float64Array(3);
    const out = resultColumn(n, ctx);
    let lastTouch = -Infinity;
    let armed = false;
    for (let i = 0; i < n; i++) {
      bandsAt(mean[i]!, sigma[i]!, k, bands);
      const middle = bands[0]!;
      const band = bullish ? bands[2]! : bands[1]!;
      const touched = bullish ? c.low[i]! <= band : c.high[i]! >= band;
      if (touched) {
        lastTouch = i;
        armed = true;
      }
      if (!armed || i - lastTouch >= window) continue;
      const level = band + trigger * (middle - band);
      if (bullish ? c.close[i]! > level : c.close[i]! < level) {
        out[i] = 1;
        armed = false;
      }
    }
    return out;
  },
  lines(c, p) {
    const q = withDefaults(params, p);
    const period = num(q, 'period');
    const b = bollinger(c.close, period, num(q, 'sd'));
    return [
      { name: `BB upper(${period})`, values: b.upper, layout: 'overlay', color: '#42a5f5' },
      { name: `BB middle(${period})`, values: b.middle, layout: 'overlay', color: '#90a4ae' },
      { name: `BB lower(${period})`, values: b.lower, layout: 'overlay', color: '#42a5f5' },
    ];
  },
};
