/**
 * Bench suite `engine`: backtest throughput on 500k one-minute candles (a seeded random walk on
 * regular-hours timestamps), each figure next to a hand-written tight loop of the same logic
 * measured in the same run, and the SMA cross next to backtesting.py when Python has it.
 *  (a) close crosses SMA(20): bull bar on a bullish cross, bear exit on a bearish cross;
 *  (b) MACD 1m + SMA cross 5m entry, gated by ADX 5m (soft, AND), trailing stop, take profit,
 *      end of day.
 * "cold" = a fresh market and cache each run (aggregation, indicator kernels, alignment,
 * executor, statistics); "warm" = the GA's view, indicator series cached, only weights and
 * thresholds new: pipeline scores, executor and complete statistics.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateStrategyConfig } from '../../../shared/config/validate';
import type { StrategyConfig } from '../../../shared/config/types';
import { allocateCandles, type Candles } from '../../../shared/domain/candles';
import { backtest } from '../../../shared/engine/backtest';
import { createIndicatorCache } from '../../../shared/engine/cache';
import { createMarket, type Market } from '../../../shared/engine/market';
import { Prng } from '../../../shared/random/prng';
import { nyLocalToUtc, nyWeekday } from '../../../shared/time/newYork';
import { macd } from '../../../shared/indicators/kernels/macd';
import { INDICATORS } from '../../../shared/indicators/registry';
import { bestOf, type BenchRow, type BenchSkip, type BenchSuite } from './types';

/** Regular-hours 1-minute candles from 2015-01-02 on: 390 a weekday, a seeded random walk. */
export function sessionWalk(n: number, seed: number): Candles {
  const c = allocateCandles(n);
  const rng = new Prng(seed);
  let p = 100;
  let day = Date.UTC(2015, 0, 2) / 1000 / 86400;
  let i = 0;
  while (i < n) {
    const midnightLocal = day * 86400;
    if (nyWeekday(nyLocalToUtc(midnightLocal + 12 * 3600)) % 6 !== 0) {
      const open = nyLocalToUtc(midnightLocal + 9.5 * 3600);
      for (let m = 0; m < 390 && i < n; m++, i++) {
        const o = p;
        const a = p * (1 + 0.0006 * rng.normal());
        const b = a * (1 + 0.0006 * rng.normal());
        p = b * (1 + 0.0002 * rng.normal());
        c.ts[i] = open + m * 60;
        c.open[i] = o;
        c.high[i] = Math.max(o, a, b, p);
        c.low[i] = Math.min(o, a, b, p);
        c.close[i] = p;
        c.volume[i] = 100 + (rng.nextUint32() % 1000);
      }
    }
    day++;
  }
  return c;
}

const SMA_CROSS = (period: number): unknown => ({
  test_name: 'bench-sma',
  monitor: {
    name: 'sma',
    trade_executor: { default_position_size: 100 },
    bars: { bull: { type: 'bull', indicators: { up: 1 } }, bear: { type: 'bear', indicators: { down: 1 } } },
    enter_long: [{ name: 'bull', threshold: 1 }],
    exit_long: [{ name: 'bear', threshold: 1 }],
  },
  indicators: [
    { name: 'up', indicator_class: 'SMACrossoverIndicator', agg_config: '1m-normal', parameters: { period, trend: 'bullish', lookback: 1 } },
    { name: 'down', indicator_class: 'SMACrossoverIndicator', agg_config: '1m-normal', parameters: { period, trend: 'bearish', lookback: 1 } },
  ],
});

const GATED = (w: number, thr: number): unknown => ({
  test_name: 'bench-gated',
  monitor: {
    name: 'gated',
    trade_executor: {
      default_position_size: 100,
      stop_loss_pct: 0.01,
      take_profit_pct: 0.02,
      trailing_stop_loss: true,
      trailing_stop_distance_pct: 0.004,
      trailing_stop_activation_pct: 0.002,
      exit_by_end_of_day: true,
    },
    bars: {
      bull: {
        type: 'bull',
        indicators: { macd1m: w, sma5m: 1 - w },
        trend_indicators: { adx5m: { weight: 1, mode: 'soft' } },
        trend_logic: 'AND',
        trend_threshold: 0.1,
      },
    },
    enter_long: [{ name: 'bull', threshold: thr }],
    exit_long: [],
  },
  indicators: [
    { name: 'macd1m', indicator_class: 'MACDHistogramCrossoverIndicator', agg_config: '1m-normal', parameters: { fast: 12, slow: 26, signal: 9, histogram_threshold: 0, trend: 'bullish', lookback: 6 } },
    { name: 'sma5m', indicator_class: 'SMACrossoverIndicator', agg_config: '5m-normal', parameters: { period: 20, trend: 'bullish', lookback: 2 } },
    { name: 'adx5m', indicator_class: 'ADXTrendIndicator', agg_config: '5m-normal', parameters: { period: 14, trend_threshold: 20, strong_trend_threshold: 40 } },
  ],
});

/**
 * (a) by hand: running-sum SMA, strict crossovers, fills at the close, compounded equity marked
 * at every candle in a position for the max drawdown, and the equity at each day's last candle.
 */
function tightSma(c: Candles, dayLast: Uint8Array, period: number, out: { trades: number; sum: number; mdd: number; days: number }) {
  const close = c.close;
  const n = c.length;
  let s = 0;
  let prevDiff = NaN;
  let inPos = false;
  let entry = 0;
  let capital = 1;
  let peak = 1;
  let mdd = 0;
  let trades = 0;
  let sum = 0;
  let days = 0;
  let daySum = 0;
  for (let i = 0; i < n; i++) {
    const x = close[i]!;
    s += x;
    if (i >= period) s -= close[i - period]!;
    const diff = i >= period - 1 ? x - s / period : NaN;
    let eq = capital;
    if (inPos) {
      if (prevDiff > 0 && diff < 0) {
        const r = (x - entry) / entry;
        capital *= 1 + r;
        sum += r;
        trades++;
        inPos = false;
        eq = capital;
      } else eq = capital * (x / entry);
      if (eq > peak) peak = eq;
      else if (1 - eq / peak > mdd) mdd = 1 - eq / peak;
    } else if (prevDiff < 0 && diff > 0) {
      inPos = true;
      entry = x;
    }
    if (dayLast[i]) {
      days++;
      daySum += eq;
    }
    prevDiff = diff;
  }
  out.trades = trades;
  out.sum = sum;
  out.mdd = mdd;
  out.days = days + daySum * 0;
}

/**
 * (b) by hand, on precomputed indicator series: MACD triggers decayed over 6 candles, 5m SMA
 * triggers made visible at the 5m close and decayed over 10, ADX held from the 5m close as a soft
 * gate; weighted score; stop, trailing stop with activation, take profit and end of day.
 */
function tightGated(
  c: Candles,
  macdTrig: Float64Array,
  smaTrig5: Float64Array,
  adx5: Float64Array,
  vis5: Int32Array,
  eod: Uint8Array,
  w: number,
  thr: number,
  out: { trades: number; sum: number; mdd: number },
) {
  const close = c.close;
  const n = c.length;
  let lastA = -1e9;
  let lastB = -1e9;
  let k = 0;
  let inPos = false;
  let entryIdx = 0;
  let entry = 0;
  let stop = 0;
  let target = 0;
  let trail = 0;
  let hw = 0;
  let armed = false;
  let capital = 1;
  let peak = 1;
  let mdd = 0;
  let trades = 0;
  let sum = 0;
  for (let j = 0; j < n; j++) {
    if (macdTrig[j] !== 0) lastA = j;
    const upTo = vis5[j]!;
    for (; k <= upTo; k++) if (smaTrig5[k] !== 0) lastB = j;
    const ageA = j - lastA;
    const ageB = j - lastB;
    const vA = ageA < 6 ? 1 - ageA * (1 / 6) : 0;
    const vB = ageB < 10 ? 1 - ageB * (1 / 10) : 0;
    let g = upTo >= 0 ? adx5[upTo]! : 0;
    g = g < 0 ? 0 : g > 1 ? 1 : g;
    const score = g < 0.1 ? 0 : (vA * w + vB * (1 - w)) * g;
    const x = close[j]!;
    if (inPos && j > entryIdx) {
      let exit = false;
      if (x <= trail || x >= target || eod[j]) exit = true;
      let eq: number;
      if (exit) {
        const r = (x - entry) / entry;
        capital *= 1 + r;
        sum += r;
        trades++;
        inPos = false;
        eq = capital;
      } else {
        eq = capital * (x / entry);
        if (x > hw) hw = x;
        if (!armed && hw >= entry * (1 + 0.002)) armed = true;
        if (armed && hw * (1 - 0.004) > trail) trail = hw * (1 - 0.004);
      }
      if (eq > peak) peak = eq;
      else if (1 - eq / peak > mdd) mdd = 1 - eq / peak;
    } else if (!inPos && !eod[j] && score >= thr) {
      inPos = true;
      entryIdx = j;
      entry = x;
      stop = x * (1 - 0.01);
      target = x * (1 + 0.02);
      trail = stop;
      hw = x;
      armed = false;
    }
  }
  out.trades = trades;
  out.sum = sum;
  out.mdd = mdd;
}

function python(): string | null {
  try {
    execFileSync('python3', ['-c', 'import backtesting, pandas'], { stdio: 'ignore', timeout: 20_000 });
    return 'python3';
  } catch {
    return null;
  }
}

/** backtesting.py's SmaCross with fills on close, timed inside Python (data loading excluded). */
function backtestingPy(py: string, dir: string, c: Candles): number {
  const csv = join(dir, 'engine-bench.csv');
  const lines = ['ts,Open,High,Low,Close,Volume'];
  for (let i = 0; i < c.length; i++) lines.push(`${c.ts[i]},${c.open[i]},${c.high[i]},${c.low[i]},${c.close[i]},${c.volume[i]}`);
  writeFileSync(csv, lines.join('\n'));
  const script = `
import time, pandas as pd, warnings
warnings.filterwarnings('ignore')
from backtesting import Backtest, Strategy
from backtesting.lib import crossover
from backtesting.test import SMA
df = pd.read_csv(${JSON.stringify(csv)})
df.index = pd.to_datetime(df.pop('ts'), unit='s')
class SmaCross(Strategy):
    def init(self):
        self.sma = self.I(SMA, self.data.Close, 20)
    def next(self):
        if crossover(self.data.Close, self.sma):
            if not self.position: self.buy(size=100)
        elif crossover(self.sma, self.data.Close):
            self.position.close()
bt = Backtest(df, SmaCross, cash=1e9, trade_on_close=True)
t = time.perf_counter(); bt.run(); print(time.perf_counter() - t)
`;
  const out = execFileSync(py, ['-c', script], { encoding: 'utf8', timeout: 600_000 });
  return Number(out.trim().split('\n').pop());
}

export const engineSuite: BenchSuite = {
  name: 'engine',
  async run(ctx) {
    const n = Math.round(500_000 * ctx.scale);
    ctx.log(`generating ${n} one-minute candles`);
    const candles = sessionWalk(n, 42);
    const series = { symbol: 'BENCH', timeframe: '1m' as const, kind: 'normal' as const, candles };
    const rows: Array<BenchRow | BenchSkip> = [];
    const rate = (ms: number) => n / (ms / 1000);
    const note = `${n} 1m candles`;

    // (a) close crosses SMA(20)
    const sma: StrategyConfig = validateStrategyConfig(SMA_CROSS(20));
    const warmMarket: Market = createMarket(series);
    const dayLast = warmMarket.calendar('1m').dayLast;
    const tOut = { trades: 0, sum: 0, mdd: 0, days: 0 };
    const tightA = await bestOf(15, () => tightSma(candles, dayLast, 20, tOut));
    const cold = await bestOf(5, () => backtest(sma, createMarket(series)));
    const cache = createIndicatorCache();
    const ref = backtest(sma, warmMarket, { cache });
    if (ref.trades.count !== tOut.trades || Math.abs(ref.metrics.totalPnlPct - tOut.sum * 100) > 1e-6) {
      // The kernel's SMA is compensated; a plain running sum can flip a crossing on an exact tie.
      ctx.log(`note: tight loop (a) differs from the engine: ${tOut.trades} vs ${ref.trades.count} trades`);
    }
    const warm = await bestOf(15, () => backtest(sma, warmMarket, { cache }));
    const peerA = { name: 'tight loop', value: rate(tightA) };
    ctx.log(`(a) ${ref.trades.count} trades; tight ${tightA.toFixed(2)} ms, warm ${warm.toFixed(2)} ms, cold ${cold.toFixed(1)} ms`);
    rows.push({
      suite: 'engine',
      measure: '(a) SMA(20) cross, warm (GA view)',
      value: rate(warm),
      unit: 'candles/s',
      peer: peerA,
      higherIsBetter: true,
      goal: '≥ 30M/s, ≥ 1/3 of tight loop',
      note: `${note}; indicator series cached; ${ref.trades.count} trades, full stats`,
    });
    rows.push({
      suite: 'engine',
      measure: '(a) SMA(20) cross, cold',
      value: rate(cold),
      unit: 'candles/s',
      peer: peerA,
      higherIsBetter: true,
      note: `${note}; includes market, SMA kernel, alignment`,
    });
    const py = python();
    if (py) {
      const seconds = backtestingPy(py, ctx.dir, candles);
      rows.push({
        suite: 'engine',
        measure: '(a) SMA(20) cross vs backtesting.py',
        value: rate(cold),
        unit: 'candles/s',
        peer: { name: 'backtesting.py', value: n / seconds },
        higherIsBetter: true,
        note: `${note}; ours cold; theirs Backtest.run() with trade_on_close`,
      });
    } else {
      rows.push({
        suite: 'engine',
        measure: '(a) SMA(20) cross vs backtesting.py',
        reason: 'python3 cannot import backtesting and pandas here (pip install backtesting pandas to compare)',
      });
    }

    // (b) three indicators on two timeframes with trend gating
    const gated = validateStrategyConfig(GATED(0.6, 0.5));
    const gMarket = createMarket(series);
    const gCache = createIndicatorCache();
    const gRef = backtest(gated, gMarket, { cache: gCache });
    const c5 = gMarket.candles('5m');
    const p = (name: string) => gated.indicators.find((i) => i.name === name)!.parameters;
    const macdTrig = INDICATORS.MACDHistogramCrossoverIndicator!.compute(candles, p('macd1m'));
    const smaTrig5 = INDICATORS.SMACrossoverIndicator!.compute(c5, p('sma5m'));
    const adx5 = INDICATORS.ADXTrendIndicator!.compute(c5, p('adx5m'));
    const vis5 = gMarket.visibility('5m', '1m');
    const eod = gMarket.calendar('1m').endOfDay;
    const gOut = { trades: 0, sum: 0, mdd: 0 };
    const tightB = await bestOf(15, () => tightGated(candles, macdTrig, smaTrig5, adx5, vis5, eod, 0.6, 0.5, gOut));
    if (gRef.trades.count !== gOut.trades || Math.abs(gRef.metrics.totalPnlPct - gOut.sum * 100) > 1e-6) {
      ctx.log(`note: tight loop (b) differs from the engine: ${gOut.trades} vs ${gRef.trades.count} trades`);
    }
    // Warm: every run a new genome (weights and threshold), as the GA evaluates them.
    let g = 0;
    const genomes = Array.from({ length: 16 }, (_, k) => validateStrategyConfig(GATED(0.3 + 0.04 * k, 0.4 + 0.02 * k)));
    const gWarm = await bestOf(15, () => backtest(genomes[g++ % genomes.length]!, gMarket, { cache: gCache }));
    const gCold = await bestOf(5, () => backtest(gated, createMarket(series)));
    const macdCold = await bestOf(5, () => macd(candles.close, 12, 26, 9));
    const peerB = { name: 'tight loop', value: rate(tightB) };
    ctx.log(`(b) ${gRef.trades.count} trades; tight ${tightB.toFixed(2)} ms, warm ${gWarm.toFixed(2)} ms, cold ${gCold.toFixed(1)} ms (MACD kernel alone ${macdCold.toFixed(1)} ms)`);
    rows.push({
      suite: 'engine',
      measure: '(b) MACD 1m + SMA 5m, ADX 5m gate, warm',
      value: rate(gWarm),
      unit: 'candles/s',
      peer: peerB,
      higherIsBetter: true,
      goal: '≥ 5M/s',
      note: `${note}; series cached, new weights/threshold each run; tight loop on the same precomputed series; ${gRef.trades.count} trades`,
    });
    rows.push({
      suite: 'engine',
      measure: '(b) MACD 1m + SMA 5m, ADX 5m gate, cold',
      value: rate(gCold),
      unit: 'candles/s',
      peer: peerB,
      higherIsBetter: true,
      goal: '≥ 5M/s',
      note: `${note}; includes 1m→5m aggregation and the three kernels`,
    });
    return rows;
  },
};
