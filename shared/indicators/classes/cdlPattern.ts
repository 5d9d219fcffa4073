import type { IndicatorDefinition, ParamSpec } from '../types';
import { candleContext } from '../cdl/context';
import { CANDLE_PATTERN_NAMES, candlePattern, scanPattern } from '../cdl/patterns';
import { list, lookbackParam, str, trendParam, withDefaults } from '../params';
import { resultColumn } from '../context';

const params: readonly ParamSpec[] = [
  {
    name: 'patterns',
    type: 'patterns',
    choices: CANDLE_PATTERN_NAMES,
    default: ['CDLENGULFING'],
    description: 'TA-Lib candlestick patterns; the signal fires when any of them does',
  },
  trendParam(),
  lookbackParam(),
];

/**
 * 1 on the last candle of any listed TA-Lib pattern that points in the configured direction
 * (neutral patterns such as the doji count for both); rules in docs/INDICATORS.md.
 */
export const CDLPatternIndicator: IndicatorDefinition = {
  className: 'CDLPatternIndicator',
  kind: 'signal',
  description: 'Any of the listed TA-Lib candlestick patterns fires in the configured direction',
  layout: 'stacked',
  params,
  compute(c, p, ctx) {
    const q = withDefaults(params, p);
    const bullish = str(q, 'trend') === 'bullish';
    const out = resultColumn(c.length, ctx);
    const shapes = candleContext(c);
    for (const name of list(q, 'patterns')) {
      const pattern = candlePattern(name);
      if (!pattern) throw new Error(`unknown candlestick pattern ${name}`);
      scanPattern(shapes, pattern, bullish, out);
    }
    return out;
  },
  lines(c, p) {
    return [{ name: 'Pattern', values: CDLPatternIndicator.compute(c, p), layout: 'stacked', color: '#ab47bc' }];
  },
};
