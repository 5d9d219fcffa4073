import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backtest } from '../../../shared/engine/backtest';
import { createIndicatorCache, findNonzeroRuns } from '../../../shared/engine/cache';
import { entryCandidates, fewerThanEveryCandle } from '../../../shared/engine/entries';
import { createMarket } from '../../../shared/engine/market';
import { compileStrategy } from '../../../shared/engine/plan';
import { validateStrategyConfig } from '../../../shared/config/validate';
import { ByteWriter } from '../../../shared/stats/bytes';
import { encodeStats } from '../../../shared/stats/wire';
import type { IndividualStats } from '../../../shared/stats/types';
import { randomWalk, seriesOf, utc } from './helpers';

const runsOf = (xs: number[]) => Array.from(findNonzeroRuns(Float64Array.from(xs)));

describe('nonzero runs of a series', () => {
  it('pairs [start, end) of every stretch not 0, NaN included', () => {
    expect(runsOf([])).toEqual([]);
    expect(runsOf([0, 0])).toEqual([]);
    expect(runsOf([1, 0.5, 0, 0, 0.2, NaN, 0, 1])).toEqual([0, 2, 4, 6, 7, 8]);
    expect(runsOf([-0, 0.1])).toEqual([1, 2]);
  });

  it('are found again for a recycled column, not remembered from the series it held before', () => {
    const cache = createIndicatorCache({ maxBytes: 8 * 100 });
    const m = createMarket(seriesOf(randomWalk(10, 1, utc('2024-06-03T14:00:00Z'))));
    const fill = (v: number) => () => {
      const c = cache.column(100);
      c.fill(0);
      c[v] = 1;
      return c;
    };
    cache.beginPass();
    const a = cache.get(m, 'a', fill(3));
    expect(Array.from(cache.nonzeroRuns(a))).toEqual([3, 4]);
    cache.get(m, 'b', fill(5)); // evicts a
    cache.beginPass();
    const c = cache.get(m, 'c', fill(7)); // evicts b, reuses a's column
    expect(c).toBe(a);
    expect(Array.from(cache.nonzeroRuns(c))).toEqual([7, 8]);
  });
});

/** A monitor with two fading signals in one entry bar (weights 0.6 and 0.4 after normalising). */
function twoSignals(threshold: number, extra: Record<string, unknown> = {}) {
  return validateStrategyConfig({
    test_name: 't',
    monitor: {
      name: 't',
      trade_executor: { default_position_size: 1 },
      bars: {
        bull: { type: 'bull', indicators: { a: 3, b: 2 }, ...extra },
        bear: { type: 'bear', indicators: { a: 1 } },
      },
      enter_long: [{ name: 'bull', threshold }],
      exit_long: [{ name: 'bear', threshold: 1 }],
    },
    indicators: [
      { name: 'a', indicator_class: 'SMACrossoverIndicator', agg_config: '1m-normal', parameters: { period: 3, crossover_value: 0, trend: 'bullish', lookback: 1 } },
      { name: 'b', indicator_class: 'SMACrossoverIndicator', agg_config: '1m-normal', parameters: { period: 5, crossover_value: 0, trend: 'bullish', lookback: 1 } },
      { name: 'g', indicator_class: 'EMASlopeTrendIndicator', agg_config: '1m-normal', parameters: { period: 4, slope_period: 2 } },
    ],
  });
}

describe('entry candidates', () => {
  const a = Float64Array.from([0, 1, 0.5, 0, 0, 1, 0, 0, 0, 0]);
  const b = Float64Array.from([0, 0, 1, 1, 0, 0, 0, 1, 1, 0]);
  const spans = (threshold: number, from = 0, to = 10) => {
    const r = entryCandidates(compileStrategy(twoSignals(threshold)), [a, b], createIndicatorCache(), from, to);
    return r && Array.from(r.spans.subarray(0, 2 * r.count));
  };

  it('a threshold either signal reaches alone: where either is not 0', () => {
    expect(spans(0.4)).toEqual([1, 4, 5, 6, 7, 9]);
  });

  it('a threshold only the stronger one reaches alone: where it is not 0', () => {
    expect(spans(0.5)).toEqual([1, 3, 5, 6]);
    expect(spans(0.6)).toEqual([1, 3, 5, 6]);
  });

  it('a threshold that needs both: where both are not 0; none above their sum', () => {
    expect(spans(0.7)).toEqual([2, 3]);
    expect(spans(1)).toEqual([2, 3]);
  });

  it('only inside the window', () => {
    expect(spans(0.4, 2, 8)).toEqual([2, 4, 5, 6, 7, 8]);
    expect(spans(0.4, 4, 5)).toEqual([]);
  });

  it('are not used when stepping between them costs more than scanning every candle', () => {
    const c = (pairs: number[]) => ({ spans: Int32Array.from(pairs), count: pairs.length / 2 });
    expect(fewerThanEveryCandle(c([100, 110, 500, 520]), 0, 1000)).toBe(true);
    expect(fewerThanEveryCandle(c(Array.from({ length: 100 }, (_, i) => 10 * (i >> 1) + 2 * (i % 2))), 0, 500)).toBe(false);
    expect(fewerThanEveryCandle(c([0, 1000]), 0, 1000)).toBe(false);
  });

  it('none are given when no bound applies: a threshold of 0, or an entry bar reading a held (trend) series as a signal', () => {
    expect(spans(0)).toBeNull();
    const plan = compileStrategy(twoSignals(0.5));
    plan.indicators[1]!.role = 'trend';
    expect(entryCandidates(plan, [a, b], createIndicatorCache(), 0, 10)).toBeNull();
  });
});

const bytesOf = (s: IndividualStats) => Array.from(encodeStats(new ByteWriter(1 << 16), s));

describe('scanning only the entry candidates changes no statistic', () => {
  it('random monitors (signals on 1m and 5m, trend gates, two entry rules, halts and end-of-day exits) give the same bytes', () => {
    const ind = (name: string, agg: string, cls: string, parameters: Record<string, unknown>) => ({ name, indicator_class: cls, agg_config: agg, parameters });
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.record({
          w: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 4, maxLength: 4 }),
          thr: fc.array(fc.constantFrom(0, 0.05, 0.3, 0.5, 0.55, 0.7, 0.9, 1), { minLength: 2, maxLength: 2 }),
          lb: fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 3, maxLength: 3 }),
          period: fc.integer({ min: 2, max: 12 }),
          oversold: fc.integer({ min: 25, max: 50 }),
          gate: fc.constantFrom('none', 'AND', 'OR', 'AVG'),
          secondRule: fc.boolean(),
          eod: fc.boolean(),
          dollars: fc.boolean(),
          from: fc.integer({ min: 0, max: 1500 }),
          len: fc.integer({ min: 0, max: 2500 }),
        }),
        (seed, p) => {
          const config = validateStrategyConfig({
            test_name: 'p',
            monitor: {
              name: 'p',
              trade_executor: {
                default_position_size: 10,
                stop_loss_pct: 0.003,
                trailing_stop_loss: true,
                trailing_stop_distance_pct: 0.002,
                exit_by_end_of_day: p.eod,
                ...(p.dollars ? { take_profit_type: 'dollars', take_profit_dollars: 0.05, halt_after_target: true } : { take_profit_pct: 0.004 }),
              },
              bars: {
                bull: {
                  type: 'bull',
                  indicators: { up1: p.w[0]!, up5: p.w[1]!, rsi: p.w[2]! },
                  ...(p.gate === 'none' ? {} : { trend_indicators: { slope: { weight: 1, mode: 'soft' }, adx: { weight: 0.5, mode: 'hard' } }, trend_logic: p.gate, trend_threshold: 0.1 }),
                },
                quick: { type: 'bull', indicators: { up5: p.w[3]!, rsi: 1 } },
                bear: { type: 'bear', indicators: { down1: 1 } },
              },
              enter_long: [{ name: 'bull', threshold: p.thr[0]! }, ...(p.secondRule ? [{ name: 'quick', threshold: p.thr[1]! }] : [])],
              exit_long: [{ name: 'bear', threshold: 0.8 }],
            },
            indicators: [
              ind('up1', '1m-normal', 'SMACrossoverIndicator', { period: p.period, crossover_value: 0, trend: 'bullish', lookback: p.lb[0] }),
              ind('up5', '5m-normal', 'SMACrossoverIndicator', { period: 4, crossover_value: 0, trend: 'bullish', lookback: p.lb[1] }),
              ind('rsi', '1m-normal', 'RSIIndicator', { period: 6, oversold: p.oversold, overbought: 70, trend: 'bullish', lookback: p.lb[2] }),
              ind('down1', '1m-normal', 'SMACrossoverIndicator', { period: p.period + 2, crossover_value: 0, trend: 'bearish', lookback: 2 }),
              ind('slope', '1m-normal', 'EMASlopeTrendIndicator', { period: 8, slope_period: 2 }),
              ind('adx', '5m-normal', 'ADXTrendIndicator', { period: 5, trend_threshold: 10, strong_trend_threshold: 30 }),
            ],
          });
          // Session hours from 09:30 New York on a Monday, over two days, so days end inside skipped stretches.
          const market = createMarket(seriesOf(randomWalk(3000, seed, utc('2024-06-03T13:30:00Z'), '1m', 0.002)));
          const window = { from: p.from, to: Math.min(3000, p.from + p.len) };
          const cache = createIndicatorCache();
          const fast = backtest(config, market, { cache, window });
          const reference = backtest(config, market, { cache, window, everyCandle: true });
          expect(bytesOf(fast)).toEqual(bytesOf(reference));
        },
      ),
      { numRuns: 150, seed: 20261128 },
    );
  });
});
