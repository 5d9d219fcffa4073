import type { IndicatorDefinition, ParamSpec } from '../types';
import { bollinger } from '../kernels/bollinger';
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
  compute(c, p) {
    const q = withDefaults(params, p);
    const bullish = str(q, 'trend') === 'bullish';
    const window = num(q, 'candle_bounce_number');
    const trigger = num(q, 'bounce_trigger');
    const { middle, upper, lower } = bollinger(c.close, num(q, 'period'), num(q, 'sd'));
    const out = new Float64Array(c.length);
    let lastTouch = -Infinity;
    let armed = false;
    for (let i = 0; i < c.length; i++) {
      const band = bullish ? lower[i]! : upper[i]!;
      const touched = bullish ? c.low[i]! <= band : c.high[i]! >= band;
      if (touched) {
        lastTouch = i;
        armed = true;
      }
      if (!armed || i - lastTouch >= window) continue;
      const level = band + trigger * (middle[i]! - band);
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
