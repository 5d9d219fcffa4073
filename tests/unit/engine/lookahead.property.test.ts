import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { backtest } from '../../../shared/engine/backtest';
import { inspectSeries } from '../../../shared/engine/inspect';
import { createMarket } from '../../../shared/engine/market';
import { validateStrategyConfig } from '../../../shared/config/validate';
import { sliceCandles } from '../../../shared/domain/candles';
import { randomWalk, seriesOf, utc } from './helpers';

/**
 * Signal indicators on three timeframes (one Heikin-Ashi), MACD on 1m, trend gating by ADX on 5m
 * and EMA slope on 1m; two entry bars, one exit bar, trailing stop and end of day.
 */
function multiTimeframe(p: { fast: number; slow: number; lb5: number; lb15: number; thr: number; logic: string }) {
  const ind = (name: string, agg: string, period: number, trend: string, lookback: number) => ({
    name,
    type: 'Indicator',
    indicator_class: 'SMACrossoverIndicator',
    agg_config: agg,
    calc_on_pip: false,
    parameters: { period, crossover_value: 0, trend, lookback },
  });
  return validateStrategyConfig({
    test_name: 'mtf',
    monitor: {
      name: 'mtf',
      trade_executor: { default_position_size: 10, stop_loss_pct: 0.004, take_profit_pct: 0.006, trailing_stop_loss: true, trailing_stop_distance_pct: 0.002, trailing_stop_activation_pct: 0.001, exit_by_end_of_day: true },
      bars: {
        bull: {
          type: 'bull',
          indicators: { up1: 0.5, up5: 0.3, up15: 0.2, macd1: 0.4 },
          trend_indicators: { adx5: { weight: 1, mode: 'soft' }, slope1: { weight: 0.5, mode: 'hard' } },
          trend_logic: p.logic,
          trend_threshold: 0.05,
        },
        quick: { type: 'bull', indicators: { up1: 1 } },
        bear: { type: 'bear', indicators: { down5: 1 }, trend_indicators: { adx5: { weight: 1, mode: 'soft' } }, trend_logic: 'AND' },
      },
      enter_long: [{ name: 'bull', threshold: p.thr }, { name: 'quick', threshold: 1 }],
      exit_long: [{ name: 'bear', threshold: 0.6 }],
    },
    indicators: [
      ind('up1', '1m-normal', p.fast, 'bullish', 2),
      ind('up5', '5m-heiken', p.slow, 'bullish', p.lb5),
      ind('up15', '15m-normal', p.slow, 'bullish', p.lb15),
      ind('down5', '5m-normal', p.fast, 'bearish', p.lb5),
      {
        name: 'macd1',
        indicator_class: 'MACDHistogramCrossoverIndicator',
        agg_config: '1m-normal',
        parameters: { fast: 5, slow: 13, signal: 4, histogram_threshold: 0, trend: 'bullish', lookback: 3 },
      },
      { name: 'adx5', indicator_class: 'ADXTrendIndicator', agg_config: '5m-normal', parameters: { period: 7, trend_threshold: 10, strong_trend_threshold: 30 } },
      { name: 'slope1', indicator_class: 'EMASlopeTrendIndicator', agg_config: '1m-heiken', parameters: { period: 10, slope_period: 3 } },
    ],
  });
}

describe('no look-ahead: appending future candles never changes the past', () => {
  it('bar scores and trades before the cut are the same with and without the later candles', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 200, max: 2900 }),
        fc.record({
          fast: fc.integer({ min: 2, max: 10 }),
          slow: fc.integer({ min: 2, max: 30 }),
          lb5: fc.integer({ min: 1, max: 6 }),
          lb15: fc.integer({ min: 1, max: 4 }),
          thr: fc.double({ min: 0.05, max: 0.6, noNaN: true }),
          logic: fc.constantFrom('AND', 'OR', 'AVG'),
        }),
        (seed, cut, p) => {
          // Session-hours data starting at 09:30 New York on a Monday, so end-of-day exits happen too.
          const all = randomWalk(3000, seed, utc('2024-06-03T13:30:00Z'), '1m', 0.002);
          const config = multiTimeframe(p);
          const full = createMarket(seriesOf(all));
          const part = createMarket(seriesOf(sliceCandles(all, 0, cut)));

          const sFull = inspectSeries(config, full);
          const sPart = inspectSeries(config, part);
          for (let b = 0; b < sPart.bars.length; b++) {
            expect(Array.from(sPart.bars[b]!.score)).toEqual(Array.from(sFull.bars[b]!.score.subarray(0, cut)));
          }
          for (let k = 0; k < sPart.indicators.length; k++) {
            expect(Array.from(sPart.indicators[k]!.value)).toEqual(Array.from(sFull.indicators[k]!.value.subarray(0, cut)));
          }

          const tFull = backtest(config, full).trades;
          const bPart = backtest(config, part);
          const tPart = bPart.trades;
          for (let i = 0; i < tPart.count; i++) {
            expect([tPart.entryIndex[i], tPart.exitIndex[i], tPart.exitPrice[i], tPart.exitReason[i]]).toEqual([
              tFull.entryIndex[i],
              tFull.exitIndex[i],
              tFull.exitPrice[i],
              tFull.exitReason[i],
            ]);
          }
          // A position still open at the cut was opened where the full run opened it.
          if (bPart.openPosition) expect(tFull.count > tPart.count ? tFull.entryIndex[tPart.count] : undefined).toBe(bPart.openPosition.entryIndex);
        },
      ),
      { numRuns: 40, seed: 20240603 },
    );
  });
});
