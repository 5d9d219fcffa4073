import type { Candles } from '../../domain/candles';
import type { IndicatorDefinition, ParamSpec } from '../types';
import { confirmedSwingHighs, confirmedSwingLows } from '../kernels/pivots';
import { lookbackParam, num, str, trendParam, withDefaults } from '../params';
import { resultColumn } from '../context';

const params: readonly ParamSpec[] = [
  { name: 'sensitivity', type: 'int', min: 1, max: 50, step: 1, default: 5, description: 'Candles on each side a swing low/high must beat; it is known this many candles after it' },
  { name: 'level_type', type: 'choice', choices: ['support', 'resistance'], default: 'support', description: 'Swing lows (support) or swing highs (resistance)' },
  trendParam(),
  lookbackParam(),
];

/** The latest confirmed level in force at each candle (NaN before the first). */
function levels(confirmed: Float64Array): Float64Array {
  const out = new Float64Array(confirmed.length);
  let level = NaN;
  for (let i = 0; i < confirmed.length; i++) {
    if (!Number.isNaN(confirmed[i]!)) level = confirmed[i]!;
    out[i] = level;
  }
  return out;
}

function confirmed(c: Candles, support: boolean, s: number): Float64Array {
  return support ? confirmedSwingLows(c.low, s) : confirmedSwingHighs(c.high, s);
}

/**
 * Support = swing lows, resistance = swing highs, with sensitivity s: candle j is a swing low
 * when its low is below the lows of the s candles before it and not above those of the s after
 * it. The original system marked the swing at j itself, peeking s candles ahead; here a swing is
 * only known at the close of candle j + s, and that is where it fires.
 *
 * - support + bullish: fires when a swing low is confirmed (price has turned up off support);
 * - resistance + bearish: fires when a swing high is confirmed;
 * - support + bearish: fires when the close breaks below the latest confirmed swing low
 *   (previous close ≥ level, this close < level);
 * - resistance + bullish: fires when the close breaks above the latest confirmed swing high.
 */
export const SupportResistanceIndicator: IndicatorDefinition = {
  className: 'SupportResistanceIndicator',
  kind: 'signal',
  description: 'Swing lows/highs, known only once confirmed: turns off support/resistance or breaks through them',
  layout: 'overlay',
  params,
  compute(c, p, ctx) {
    const q = withDefaults(params, p);
    const support = str(q, 'level_type') === 'support';
    const bullish = str(q, 'trend') === 'bullish';
    const swings = confirmed(c, support, num(q, 'sensitivity'));
    const out = resultColumn(c.length, ctx);
    if (support === bullish) {
      for (let i = 0; i < c.length; i++) out[i] = Number.isNaN(swings[i]!) ? 0 : 1;
      return out;
    }
    const level = levels(swings);
    // One loop per direction, the fire as `&` of two comparisons (smaCrossover.ts says why).
    if (support) for (let i = 1; i < c.length; i++) out[i] = +(c.close[i - 1]! >= level[i]!) & +(c.close[i]! < level[i]!);
    else for (let i = 1; i < c.length; i++) out[i] = +(c.close[i - 1]! <= level[i]!) & +(c.close[i]! > level[i]!);
    return out;
  },
  lines(c, p) {
    const q = withDefaults(params, p);
    const s = num(q, 'sensitivity');
    return [
      { name: `Support(${s})`, values: levels(confirmedSwingLows(c.low, s)), layout: 'overlay', color: '#26a69a' },
      { name: `Resistance(${s})`, values: levels(confirmedSwingHighs(c.high, s)), layout: 'overlay', color: '#ef5350' },
    ];
  },
};
