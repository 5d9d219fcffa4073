import { describe, expect, it } from 'vitest';
import { backtest } from '../../../shared/engine/backtest';
import { createMarket } from '../../../shared/engine/market';
import type { Candles } from '../../../shared/domain/candles';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { allocateCandles } from '../../../shared/domain/candles';
import { randomWalk, seriesOf, smaCrossConfig, utc } from './helpers';

/** The real hourly EUR/USD fixture, read plainly (pandas to_csv layout: index,Open,High,Low,Close,Volume). */
function eurusd(): Candles {
  const lines = readFileSync(join(__dirname, '../../fixtures/EURUSD_H1_pandas.csv'), 'utf8').trim().split('\n').slice(1);
  const c = allocateCandles(lines.length);
  lines.forEach((line, i) => {
    const [t, o, h, l, cl, v] = line.split(',');
    c.ts[i] = Date.parse(t!.replace(' ', 'T')) / 1000;
    c.open[i] = Number(o);
    c.high[i] = Number(h);
    c.low[i] = Number(l);
    c.close[i] = Number(cl);
    c.volume[i] = Number(v);
  });
  return c;
}

/**
 * An independent reference, written plainly: the logic of backtesting.py's SmaCross with
 * trade_on_close — buy at the close of the candle where crossover(close, sma) holds, close the
 * position at the close of the candle where crossover(sma, close) holds. crossover(a, b) is
 * a[-2] < b[-2] and a[-1] > b[-1].
 */
function reference(c: Candles, period: number) {
  const close = Array.from(c.close);
  const sma = close.map((_, i) => {
    if (i < period - 1) return NaN;
    let s = 0;
    for (let k = i - period + 1; k <= i; k++) s += close[k]!;
    return s / period;
  });
  const crossover = (a: number[], b: number[], i: number) => a[i - 1]! < b[i - 1]! && a[i]! > b[i]!;
  const trades: Array<{ entry: number; exit: number; entryPrice: number; exitPrice: number }> = [];
  let open: number | null = null;
  for (let i = 1; i < close.length; i++) {
    if (crossover(close, sma, i)) {
      if (open === null) open = i;
    } else if (crossover(sma, close, i)) {
      if (open !== null) {
        trades.push({ entry: open, exit: i, entryPrice: close[open]!, exitPrice: close[i]! });
        open = null;
      }
    }
  }
  return { trades, open };
}

describe('close crosses SMA(20): trades exactly where the close crosses its SMA, filled at that close', () => {
  it('on the real hourly EUR/USD fixture, as the reference backtester with fills on close', () => {
    const c = eurusd();
    expect(c.length).toBe(679);
    const stats = backtest(smaCrossConfig(20, '1h-normal'), createMarket(seriesOf(c, '1h', 'EURUSD')));
    const ref = reference(c, 20);
    expect(ref.trades.length).toBeGreaterThan(10);
    const t = stats.trades;
    const ours = Array.from({ length: t.count }, (_, i) => ({ entry: t.entryIndex[i], exit: t.exitIndex[i], entryPrice: t.entryPrice[i], exitPrice: t.exitPrice[i] }));
    expect(ours).toEqual(ref.trades);
    expect(stats.openPosition?.entryIndex ?? null).toBe(ref.open);
    // Fill times are the close of the crossing candle (open time + 1 h), in UTC.
    expect(t.entryTime[0]).toBe(c.ts[ref.trades[0]!.entry]! + 3600);
    const net = ref.trades.reduce((a, r) => a + ((r.exitPrice - r.entryPrice) / r.entryPrice) * 100, 0);
    expect(stats.metrics.totalPnlPct).toBeCloseTo(net, 10);
  });

  for (const [label, tf, seed] of [
    ['1-minute random walk', '1m', 7],
    ['hourly random walk', '1h', 11],
  ] as const) {
    it(label, () => {
      const c = randomWalk(20_000, seed, utc('2023-03-01T00:00:00Z'), tf);
      const stats = backtest(smaCrossConfig(20, `${tf}-normal`), createMarket(seriesOf(c, tf)));
      const ref = reference(c, 20);
      expect(ref.trades.length).toBeGreaterThan(100);
      const t = stats.trades;
      expect(t.count).toBe(ref.trades.length);
      for (let i = 0; i < t.count; i++) {
        const r = ref.trades[i]!;
        expect([t.entryIndex[i], t.exitIndex[i], t.entryPrice[i], t.exitPrice[i]]).toEqual([r.entry, r.exit, r.entryPrice, r.exitPrice]);
        expect(t.returnPct[i]).toBeCloseTo(((r.exitPrice - r.entryPrice) / r.entryPrice) * 100, 10);
      }
      expect(stats.openPosition?.entryIndex ?? null).toBe(ref.open);
    });
  }
});
