import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateStrategyConfig } from '../../../shared/config/validate';
import { execute, TradeBuffer } from '../../../shared/engine/executor';
import { createMarket } from '../../../shared/engine/market';
import { backtest, windowForTimes } from '../../../shared/engine/backtest';
import { createIndicatorCache } from '../../../shared/engine/cache';
import { EXECUTOR_DEFAULTS } from '../../../shared/config/defaults';
import { toOriginalHistory } from '../../../shared/stats/original';
import { closesOf, randomWalk, seriesOf, smaCrossConfig, utc } from './helpers';

describe('equity marked to market at every candle', () => {
  // Monday 3 June 2024, 10:00 New York: enter at 100, 110, 90, exit at 105; flat; enter at 100, exit at 120.
  const closes = [100, 110, 90, 105, 100, 100, 120];
  const enter = [1, 0, 0, 0, 0, 1, 0];
  const exit = [0, 0, 0, 1, 0, 0, 1];
  const market = createMarket(seriesOf(closesOf(closes, utc('2024-06-03T14:00:00Z'))));
  const res = execute(
    {
      candles: market.candles('1m'),
      calendar: market.calendar('1m'),
      scores: [Float64Array.from(enter), Float64Array.from(exit)],
      enterBar: Int32Array.of(0),
      enterThreshold: Float64Array.of(1),
      exitBar: Int32Array.of(1),
      exitThreshold: Float64Array.of(1),
      executor: { ...EXECUTOR_DEFAULTS },
      from: 0,
      to: closes.length,
    },
    new TradeBuffer(),
  );

  it('max drawdown is measured on open-position marks: 110 → 90 is 1 − 0.9 ÷ 1.1', () => {
    expect(res.maxDrawdown).toBeCloseTo(1 - 0.9 / 1.1, 15);
    expect([res.ddPeakIndex, res.ddTroughIndex]).toEqual([1, 2]);
  });

  it('the drawdown lasts from the peak (candle 1) to the first candle back above it (candle 6)', () => {
    expect([res.uwPeak, res.uwBars]).toEqual([1, 5]);
  });

  it('exposure counts candles ending with a position open; one day sampled at its last candle', () => {
    expect(res.exposureBars).toBe(4);
    expect(Array.from(res.dayIndex)).toEqual([6]);
    expect(res.dayEquity[0]).toBeCloseTo(1.05 * 1.2, 15);
  });
});

describe('backtest', () => {
  const c = randomWalk(30_000, 3, utc('2024-01-02T14:30:00Z'));
  const market = createMarket(seriesOf(c));
  const config = smaCrossConfig(20);

  it('never writes to its config: optimizer evaluations share the parts a genome leaves alone', () => {
    const dir = join(__dirname, '../../../resources/examples');
    const freeze = (o: unknown): void => {
      if (o && typeof o === 'object' && !Object.isFrozen(o)) {
        Object.freeze(o);
        for (const v of Object.values(o)) freeze(v);
      }
    };
    let checked = 0;
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
      const cfg = validateStrategyConfig(JSON.parse(readFileSync(join(dir, file), 'utf8')), { purpose: 'backtest' });
      const before = JSON.stringify(cfg);
      freeze(cfg);
      const cache = createIndicatorCache();
      // Strict-mode code throws on a write to a frozen object.
      expect(() => backtest(cfg, market, { cache }), file).not.toThrow();
      expect(() => backtest(cfg, market, { cache, everyCandle: true }), file).not.toThrow();
      expect(JSON.stringify(cfg)).toBe(before);
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(5);
  });

  it('is deterministic and the cache changes nothing', () => {
    const a = backtest(config, market);
    const cache = createIndicatorCache();
    backtest(config, market, { cache });
    const b = backtest(config, market, { cache });
    expect(cache.stats().hits).toBeGreaterThan(0);
    expect(b).toEqual(a);
    // Bit-identical in another market object built from the same candles.
    expect(backtest(config, createMarket(seriesOf(c)))).toEqual(a);
  });

  it('a window starts flat and covers only its candles; indicators still read earlier history', () => {
    const full = backtest(config, market);
    const win = backtest(config, market, { window: { from: 10_000, to: 20_000 } });
    expect(win.metrics.bars).toBe(10_000);
    expect(win.metrics.startTime).toBe(c.ts[10_000]);
    const t = win.trades;
    for (let i = 0; i < t.count; i++) {
      expect(t.entryIndex[i]).toBeGreaterThanOrEqual(10_000);
      expect(t.exitIndex[i]).toBeLessThan(20_000);
    }
    // Once both runs are flat at the same time they trade identically.
    const firstFull = Array.from(full.trades.entryIndex).findIndex((e) => e >= 10_000 && e >= t.entryIndex[0]!);
    expect(full.trades.entryIndex[firstFull]).toBe(t.entryIndex[0]);
    expect(full.trades.exitIndex[firstFull]).toBe(t.exitIndex[0]);
    expect(full.trades.entryPrice[firstFull + 1]).toBe(t.entryPrice[1]);
  });

  it('windowForTimes maps times to primary-candle indices', () => {
    const w = windowForTimes(market, config, c.ts[100], c.ts[200]);
    expect(w).toEqual({ from: 100, to: 200 });
  });

  it('rejects a window outside the data', () => {
    expect(() => backtest(config, market, { window: { from: 0, to: 30_001 } })).toThrow(/outside the 30000 1m candles/);
  });

  it('reports per-trade details: bar scores at entry and exit, indicator values at entry', () => {
    const s = backtest(config, market);
    expect(s.barNames).toEqual(['bull', 'bear']);
    expect(s.indicatorNames).toEqual(['sma_up', 'sma_down']);
    for (let i = 0; i < s.trades.count; i++) {
      expect([s.trades.barScoresAtEntry[2 * i], s.trades.barScoresAtExit[2 * i + 1]]).toEqual([1, 1]);
      expect(s.trades.indicatorValuesAtEntry[2 * i]).toBe(1);
      expect(s.trades.entryBar[i]).toBe(0);
      expect(s.trades.entryTime[i]).toBe(c.ts[s.trades.entryIndex[i]!]! + 60);
    }
  });

  it('the original history: buy and sell rows per trade, additive cumulative P&L per exit', () => {
    const s = backtest(config, market);
    const h = toOriginalHistory(s);
    expect(h.trade_history.length).toBe(2 * s.trades.count + (s.openPosition ? 1 : 0));
    expect(h.trade_history[0]).toEqual({ timestamp: s.trades.entryTime[0], type: 'buy', price: s.trades.entryPrice[0], quantity: 100, reason: 'ENTER_LONG' });
    expect(h.trade_history[1]).toMatchObject({ type: 'sell', reason: 'EXIT_LONG' });
    const last = h.pnl_history[h.pnl_history.length - 1]!;
    expect(last.cumulative_pnl).toBeCloseTo(s.metrics.totalPnlPct, 9);
    expect(h.pnl_history.length).toBe(s.trades.count);
  });

  it('the statistics survive structured cloning unchanged', () => {
    const s = backtest(config, market);
    expect(structuredClone(s)).toEqual(s);
  });
});

describe('the indicator cache as an arena', () => {
  const c = randomWalk(20_000, 11, utc('2024-01-02T14:30:00Z'));
  const market = createMarket(seriesOf(c));
  // Float kernel parameters miss the cache on every new value, as in a GA.
  const configs = Array.from({ length: 24 }, (_, k) => {
    const cfg = smaCrossConfig(10 + (k % 5));
    cfg.indicators[0]!.parameters.crossover_value = (k * 0.0007) % 0.003;
    cfg.indicators[1]!.parameters.lookback = 1 + (k % 3);
    return cfg;
  });

  it('recycles evicted series into later computations without changing any result', () => {
    // Room for a few series only: evictions (and reuse) on nearly every backtest.
    const cache = createIndicatorCache({ maxBytes: 5 * 20_000 * 8 });
    for (const round of [0, 1]) {
      for (const cfg of configs) {
        expect(backtest(cfg, market, { cache }), `round ${round}`).toEqual(backtest(cfg, market));
      }
    }
    const s = cache.stats();
    expect(s.reused).toBeGreaterThan(configs.length);
    expect(s.bytes).toBeLessThanOrEqual(5 * 20_000 * 8);
  });

  it('a series evicted during a backtest is not reused before that backtest is over', () => {
    // Smaller than one backtest's series: every entry is evicted while its backtest still reads it.
    const cache = createIndicatorCache({ maxBytes: 20_000 * 8 });
    for (const cfg of configs.slice(0, 8)) expect(backtest(cfg, market, { cache })).toEqual(backtest(cfg, market));
  });
});
