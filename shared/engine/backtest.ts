/**
 * `backtest(config, market)`: the one evaluation the CLI, the UI and the GA's workers share.
 * Pure and deterministic — no clock, no randomness, a fixed order of arithmetic — so the same
 * config and candles give bit-identical statistics in any process.
 */
import { MlfError } from '../contract/errors';
import type { StrategyConfig } from '../config/types';
import { originalHistogram } from '../stats/histogram';
import { computeMetrics } from '../stats/metrics';
import type { IndividualStats, OpenPosition, TradeTable } from '../stats/types';
import { createIndicatorCache, type IndicatorCache } from './cache';
import { execute, TradeBuffer, type ExecutorResult } from './executor';
import type { Market } from './market';
import { compileStrategy, type CompiledStrategy } from './plan';
import { barScores } from './scores';
import { alignedSeries } from './signals';

export interface BacktestWindow {
  /** Primary-candle index range [from, to): trades and statistics cover only these candles; indicators still read all earlier history. */
  from: number;
  to: number;
}

export interface BacktestOptions {
  /** Share indicator series between backtests (a GA's genomes); a private one is used otherwise. */
  cache?: IndicatorCache;
  window?: BacktestWindow;
}

/** The primary candle index range covering times [fromTs, toTs) (UTC s, candle open times). */
export function windowForTimes(market: Market, config: StrategyConfig, fromTs?: number, toTs?: number): BacktestWindow {
  const plan = compileStrategy(config);
  const ts = market.candles(plan.primary).ts;
  let from = 0;
  let to = ts.length;
  if (fromTs !== undefined) while (from < ts.length && ts[from]! < fromTs) from++;
  if (toTs !== undefined) while (to > from && ts[to - 1]! >= toTs) to--;
  return { from, to };
}

export function backtest(config: StrategyConfig, market: Market, opts: BacktestOptions = {}): IndividualStats {
  return runCompiled(compileStrategy(config), market, opts);
}

/** Scores of every bar on [from, to) and the indicators' aligned series (shared with inspectSeries). */
export function evaluatePipeline(
  plan: CompiledStrategy,
  market: Market,
  cache: IndicatorCache,
  from: number,
  to: number,
  fresh = false,
): { aligned: Float64Array[]; scores: Float64Array[] } {
  const aligned = plan.indicators.map((ind) => alignedSeries(market, cache, ind, plan.primary));
  const n = market.candles(plan.primary).length;
  const scores = plan.bars.map((bar, b) => {
    const out = fresh ? new Float64Array(n) : cache.scratch(b, n);
    const s = barScores(bar, aligned, from, to, out);
    return fresh && s !== out ? s.slice() : s;
  });
  return { aligned, scores };
}

export function runCompiled(plan: CompiledStrategy, market: Market, opts: BacktestOptions = {}): IndividualStats {
  const candles = market.candles(plan.primary);
  const n = candles.length;
  const from = opts.window?.from ?? 0;
  const to = opts.window?.to ?? n;
  if (!(Number.isInteger(from) && Number.isInteger(to) && from >= 0 && from <= to && to <= n)) {
    throw new MlfError('BAD_INPUT', `backtest window [${from}, ${to}) is outside the ${n} ${plan.primary} candles of ${market.symbol}`);
  }
  const cache = opts.cache ?? createIndicatorCache();
  const { aligned, scores } = evaluatePipeline(plan, market, cache, from, to);
  const calendar = market.calendar(plan.primary);
  const result = execute(
    {
      candles,
      calendar,
      scores,
      enterBar: plan.enterBar,
      enterThreshold: plan.enterThreshold,
      exitBar: plan.exitBar,
      exitThreshold: plan.exitThreshold,
      executor: plan.executor,
      from,
      to,
    },
    new TradeBuffer(),
  );
  return assemble(plan, market, result, aligned, scores, from, to);
}

function assemble(
  plan: CompiledStrategy,
  market: Market,
  res: ExecutorResult,
  aligned: readonly Float64Array[],
  scores: readonly Float64Array[],
  from: number,
  to: number,
): IndividualStats {
  const candles = market.candles(plan.primary);
  const { closeTime } = market.calendar(plan.primary);
  const tb = res.trades;
  const n = tb.count;
  const nb = plan.bars.length;
  const ni = plan.indicators.length;
  const qty = plan.executor.default_position_size;

  const entryIndex = tb.entryIndex.slice(0, n);
  const exitIndex = tb.exitIndex.slice(0, n);
  const returnFrac = tb.returnFrac.subarray(0, n);
  const trades: TradeTable = {
    count: n,
    entryIndex,
    exitIndex,
    entryTime: Float64Array.from(entryIndex, (i) => closeTime[i]!),
    exitTime: Float64Array.from(exitIndex, (i) => closeTime[i]!),
    entryPrice: tb.entryPrice.slice(0, n),
    exitPrice: tb.exitPrice.slice(0, n),
    quantity: new Float64Array(n).fill(qty),
    exitReason: tb.exitReason.slice(0, n),
    returnPct: Float64Array.from(returnFrac, (r) => r * 100),
    pnlCash: tb.pnlCash.slice(0, n),
    stopLevel: tb.stopLevel.slice(0, n),
    targetLevel: tb.targetLevel.slice(0, n),
    entryBar: tb.entryBar.slice(0, n),
    entryScore: tb.entryScore.slice(0, n),
    barScoresAtEntry: new Float64Array(n * nb),
    barScoresAtExit: new Float64Array(n * nb),
    indicatorValuesAtEntry: new Float64Array(n * ni),
  };
  for (let t = 0; t < n; t++) {
    for (let b = 0; b < nb; b++) {
      trades.barScoresAtEntry[t * nb + b] = scores[b]![entryIndex[t]!]!;
      trades.barScoresAtExit[t * nb + b] = scores[b]![exitIndex[t]!]!;
    }
    for (let k = 0; k < ni; k++) trades.indicatorValuesAtEntry[t * ni + k] = aligned[k]![entryIndex[t]!]!;
  }

  let openPosition: OpenPosition | null = null;
  if (res.open) {
    const o = res.open;
    openPosition = {
      entryIndex: o.entryIndex,
      entryTime: closeTime[o.entryIndex]!,
      entryPrice: o.entryPrice,
      quantity: qty,
      entryBar: o.entryBar,
      entryScore: o.entryScore,
      stopLevel: o.stopLevel,
      targetLevel: o.targetLevel,
      unrealizedPct: o.unrealizedFrac * 100,
    };
  }

  const close = candles.close;
  let minClose = Infinity;
  let maxClose = -Infinity;
  for (let j = from; j < to; j++) {
    const c = close[j]!;
    if (c < minClose) minClose = c;
    if (c > maxClose) maxClose = c;
  }
  const startTime = to > from ? candles.ts[from]! : NaN;
  // The time of a candle index for drawdown reporting; from − 1 is the window's start.
  const timeAt = (i: number) => (i < from ? startTime : closeTime[i]!);
  const uwEnd = res.uwBars > 0 ? res.uwPeak + res.uwBars : 0;
  const metrics = computeMetrics({
    returns: returnFrac,
    pnlCash: trades.pnlCash,
    entryIndex,
    exitIndex,
    count: n,
    dayEquity: res.dayEquity,
    periodsPerYear: market.periodsPerYear,
    bars: to - from,
    exposureBars: res.exposureBars,
    startTime,
    endTime: to > from ? closeTime[to - 1]! : NaN,
    firstClose: to > from ? close[from]! : NaN,
    lastClose: to > from ? close[to - 1]! : NaN,
    minClose: to > from ? minClose : NaN,
    maxClose: to > from ? maxClose : NaN,
    maxDrawdown: res.maxDrawdown,
    maxDrawdownPeakTime: res.ddPeakIndex >= -1 ? timeAt(res.ddPeakIndex) : NaN,
    maxDrawdownTroughTime: res.ddTroughIndex >= 0 ? closeTime[res.ddTroughIndex]! : NaN,
    maxDrawdownBars: res.uwBars,
    maxDrawdownSeconds: res.uwBars > 0 ? timeAt(uwEnd) - timeAt(res.uwPeak) : 0,
  });

  return {
    metrics,
    trades,
    openPosition,
    timeframe: plan.primary,
    barNames: plan.bars.map((b) => b.name),
    indicatorNames: plan.indicators.map((i) => i.name),
    dailyEquity: { time: Float64Array.from(res.dayIndex, (i) => closeTime[i]!), value: res.dayEquity },
    histograms: {
      winning: originalHistogram(trades.returnPct.filter((x) => x > 0)),
      losing: originalHistogram(trades.returnPct.filter((x) => x < 0)),
    },
  };
}
