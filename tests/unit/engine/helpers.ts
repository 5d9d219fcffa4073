import { allocateCandles, type CandleSeries, type Candles } from '../../../shared/domain/candles';
import type { Timeframe } from '../../../shared/time/timeframes';
import { TIMEFRAME_SECONDS } from '../../../shared/time/timeframes';
import { Prng } from '../../../shared/random/prng';
import { validateStrategyConfig } from '../../../shared/config/validate';
import type { StrategyConfig } from '../../../shared/config/types';

export const utc = (iso: string) => Date.parse(iso) / 1000;

/** Candles from [open, high, low, close] rows, one `tf` apart from `start`. */
export function candlesOf(rows: ReadonlyArray<readonly [number, number, number, number]>, start: number, tf: Timeframe = '1m'): Candles {
  const c = allocateCandles(rows.length);
  rows.forEach(([o, h, l, cl], i) => {
    c.ts[i] = start + i * TIMEFRAME_SECONDS[tf];
    c.open[i] = o;
    c.high[i] = h;
    c.low[i] = l;
    c.close[i] = cl;
    c.volume[i] = 1;
  });
  return c;
}

/** Candles whose every OHLC value is the close (for close-only logic). */
export function closesOf(closes: readonly number[], start: number, tf: Timeframe = '1m'): Candles {
  return candlesOf(closes.map((x) => [x, x, x, x] as const), start, tf);
}

export function seriesOf(candles: Candles, tf: Timeframe = '1m', symbol = 'TEST'): CandleSeries {
  return { symbol, timeframe: tf, kind: 'normal', candles };
}

/** A seeded random walk at `tf`, `n` candles from `start` (every candle present). */
export function randomWalk(n: number, seed: number, start: number, tf: Timeframe = '1m', vol = 0.001): Candles {
  const rng = new Prng(seed);
  const c = allocateCandles(n);
  let p = 100;
  for (let i = 0; i < n; i++) {
    const o = p;
    const steps = 4;
    let h = o;
    let l = o;
    for (let s = 0; s < steps; s++) {
      p *= 1 + vol * rng.normal() * 0.5;
      if (p > h) h = p;
      if (p < l) l = p;
    }
    c.ts[i] = start + i * TIMEFRAME_SECONDS[tf];
    c.open[i] = o;
    c.high[i] = h;
    c.low[i] = l;
    c.close[i] = p;
    c.volume[i] = 1000;
  }
  return c;
}

/** The close-crosses-SMA monitor of resources/examples/sma-cross.json, at `agg`. */
export function smaCrossConfig(period = 20, agg = '1m-normal', executor: Record<string, unknown> = {}): StrategyConfig {
  return validateStrategyConfig({
    test_name: 'sma-cross',
    monitor: {
      name: 'sma-cross',
      trade_executor: { default_position_size: 100, ...executor },
      bars: {
        bull: { type: 'bull', indicators: { sma_up: 1 } },
        bear: { type: 'bear', indicators: { sma_down: 1 } },
      },
      enter_long: [{ name: 'bull', threshold: 1.0, threshold_range: null }],
      exit_long: [{ name: 'bear', threshold: 1.0, threshold_range: null }],
    },
    indicators: [
      { name: 'sma_up', type: 'Indicator', indicator_class: 'SMACrossoverIndicator', agg_config: agg, calc_on_pip: false, parameters: { period, crossover_value: 0, trend: 'bullish', lookback: 1 } },
      { name: 'sma_down', type: 'Indicator', indicator_class: 'SMACrossoverIndicator', agg_config: agg, calc_on_pip: false, parameters: { period, crossover_value: 0, trend: 'bearish', lookback: 1 } },
    ],
  });
}
