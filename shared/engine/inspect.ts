/**
 * The replay view's series for one individual, computed on demand (never part of the GA's
 * statistics): every used indicator's own-timeframe series and chart lines, its pipeline value on
 * the primary candles, and every bar's score with its thresholds.
 */
import type { StrategyConfig } from '../config/types';
import type { IndicatorLine } from '../indicators/types';
import { createIndicatorCache } from './cache';
import type { IndicatorCache } from './cache';
import { evaluatePipeline, type BacktestWindow } from './backtest';
import type { Market } from './market';
import { compileStrategy } from './plan';
import { decayLength } from './signals';

export interface InspectedIndicator {
  name: string;
  className: string;
  role: 'signal' | 'trend';
  /** agg_config parts. */
  timeframe: string;
  kind: string;
  /** Signals: decay length in primary candles (lookback × timeframe ratio). */
  decay: number | null;
  /** Open times of the indicator's own candles, its raw series (triggers or trend values) and lines on them. */
  ownTime: Float64Array;
  raw: Float64Array;
  lines: IndicatorLine[];
  /** Per primary candle of the window: index of the own candle visible at its close (−1 none). */
  visible: Int32Array;
  /** Per primary candle of the window: the pipeline value (decayed signal or held trend value). */
  value: Float64Array;
}

export interface InspectedBar {
  name: string;
  type: 'bull' | 'bear';
  /** Per primary candle of the window. */
  score: Float64Array;
  /** Thresholds of the rules naming this bar (null when no rule of that side does). */
  enterThreshold: number | null;
  exitThreshold: number | null;
}

export interface InspectedSeries {
  timeframe: string;
  from: number;
  to: number;
  /** Open times of the window's primary candles. */
  time: Float64Array;
  indicators: InspectedIndicator[];
  bars: InspectedBar[];
}

export function inspectSeries(
  config: StrategyConfig,
  market: Market,
  opts: { cache?: IndicatorCache; window?: BacktestWindow } = {},
): InspectedSeries {
  const plan = compileStrategy(config);
  const candles = market.candles(plan.primary);
  const from = opts.window?.from ?? 0;
  const to = opts.window?.to ?? candles.length;
  const cache = opts.cache ?? createIndicatorCache();
  const { aligned, scores } = evaluatePipeline(plan, market, cache, from, to);
  const rule = (rules: StrategyConfig['monitor']['enter_long'], name: string) => rules.find((r) => r.name === name)?.threshold ?? null;
  return {
    timeframe: plan.primary,
    from,
    to,
    time: candles.ts.slice(from, to),
    indicators: plan.indicators.map((ind, k) => {
      const own = market.candles(ind.timeframe, ind.kind);
      return {
        name: ind.name,
        className: ind.def.className,
        role: ind.role,
        timeframe: ind.timeframe,
        kind: ind.kind,
        decay: ind.role === 'signal' ? decayLength(ind, plan.primary) : null,
        ownTime: own.ts.slice(),
        raw: ind.def.compute(own, ind.config.parameters),
        lines: ind.def.lines(own, ind.config.parameters),
        visible: market.visibility(ind.timeframe, plan.primary).slice(from, to),
        value: aligned[k]!.slice(from, to),
      };
    }),
    bars: plan.bars.map((bar, b) => ({
      name: bar.name,
      type: bar.bear ? 'bear' : 'bull',
      score: scores[b]!.slice(from, to),
      enterThreshold: rule(config.monitor.enter_long, bar.name),
      exitThreshold: rule(config.monitor.exit_long, bar.name),
    })),
  };
}
