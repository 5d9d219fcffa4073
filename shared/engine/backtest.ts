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
import { execute, type ExecutorResult } from './executor';
import type { Market } from './market';
import { compileStrategy, type CompiledStrategy } from './plan';
import { entryCandidates, fewerThanEveryCandle } from './entries';
import { barScores, barScoresOn } from './scores';
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
  /**
   * Scan and score every candle of the window instead of only where an entry is possible
   * (entries.ts). The same statistics, slower: the reference the candidate scan is tested against.
   */
  everyCandle?: boolean;
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

/** Each indicator's series on the primary candles, as one backtest's pass of the cache. */
function alignAll(plan: CompiledStrategy, market: Market, cache: IndicatorCache): Float64Array[] {
  cache.beginPass();
  return plan.indicators.map((ind) => alignedSeries(market, cache, ind, plan.primary));
}

/** Scores of every bar on [from, to), in columns of their own, and the indicators' aligned series (for inspectSeries). */
export function evaluatePipeline(
  plan: CompiledStrategy,
  market: Market,
  cache: IndicatorCache,
  from: number,
  to: number,
): { aligned: Float64Array[]; scores: Float64Array[] } {
  const aligned = alignAll(plan, market, cache);
  const n = market.candles(plan.primary).length;
  const scores = plan.bars.map((bar) => {
    const out = new Float64Array(n);
    const s = barScores(bar, aligned, from, to, out);
    return s !== out ? s.slice() : s;
  });
  return { aligned, scores };
}

export function runCompiled(plan: CompiledStrategy, market: Market, opts: BacktestOptions = {}): IndividualStats {
  const candles = market.candles(plan.primary);
  const n = candles.length;
  const windowFrom = opts.window?.from ?? 0;
  const windowTo = opts.window?.to ?? n;
  if (!(Number.isInteger(windowFrom) && Number.isInteger(windowTo) && windowFrom >= 0 && windowFrom <= windowTo && windowTo <= n)) {
    throw new MlfError('BAD_INPUT', `backtest window [${windowFrom}, ${windowTo}) is outside the ${n} ${plan.primary} candles of ${market.symbol}`);
  }
  // As small integers, whatever form the window's numbers came in: V8 may hold an object's number
  // fields as doubles (a window read from a frame did), and bounds read as doubles made every
  // candle loop below ~10 % slower.
  const from = windowFrom | 0;
  const to = windowTo | 0;
  const cache = opts.cache ?? createIndicatorCache();
  const aligned = alignAll(plan, market, cache);
  let candidates = opts.everyCandle ? null : entryCandidates(plan, aligned, cache, from, to);
  if (candidates && !fewerThanEveryCandle(candidates, from, to)) candidates = null;
  // With candidates, a bar no exit rule reads is scored on them only (the executor reads entry
  // bars nowhere else), then at each trade's entry and exit for the statistics.
  const partial = plan.bars.map((_, b) => candidates !== null && !plan.exitBar.includes(b));
  const scores = plan.bars.map((bar, b) => {
    const out = cache.scratch(b, n);
    return partial[b] ? barScoresOn(bar, aligned, candidates!.spans, candidates!.count, out) : barScores(bar, aligned, from, to, out);
  });
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
      candidates,
    },
    cache.tradeBuffer(),
  );
  const trades = result.trades;
  plan.bars.forEach((bar, b) => {
    if (!partial[b]) return;
    for (let t = 0; t < trades.count; t++) {
      barScores(bar, aligned, trades.entryIndex[t]!, trades.entryIndex[t]! + 1, scores[b]!);
      barScores(bar, aligned, trades.exitIndex[t]!, trades.exitIndex[t]! + 1, scores[b]!);
    }
  });
  return assemble(plan, market, result, aligned, scores, from, to);
}

/** The lowest and highest close of a window; the last answer per close column is kept (a GA evaluates one window many times). */
const closeRanges = new WeakMap<Float64Array, { from: number; to: number; min: number; max: number }>();
function closeRange(close: Float64Array, from: number, to: number): { min: number; max: number } {
  const hit = closeRanges.get(close);
  if (hit && hit.from === from && hit.to === to) return hit;
  let min = Infinity;
  let max = -Infinity;
  for (let j = from; j < to; j++) {
    const c = close[j]!;
    if (c < min) min = c;
    if (c > max) max = c;
  }
  const r = { from, to, min, max };
  closeRanges.set(close, r);
  return r;
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
  // Plain loops: TypedArray.from with a map function walks an iterator, ~30× slower.
  const entryTime = new Float64Array(n);
  const exitTime = new Float64Array(n);
  const returnPct = new Float64Array(n);
  const barScoresAtEntry = new Float64Array(n * nb);
  const barScoresAtExit = new Float64Array(n * nb);
  const indicatorValuesAtEntry = new Float64Array(n * ni);
  for (let t = 0; t < n; t++) {
    const e = entryIndex[t]!;
    const x = exitIndex[t]!;
    entryTime[t] = closeTime[e]!;
    exitTime[t] = closeTime[x]!;
    returnPct[t] = returnFrac[t]! * 100;
    for (let b = 0; b < nb; b++) {
      barScoresAtEntry[t * nb + b] = scores[b]![e]!;
      barScoresAtExit[t * nb + b] = scores[b]![x]!;
    }
    for (let k = 0; k < ni; k++) indicatorValuesAtEntry[t * ni + k] = aligned[k]![e]!;
  }
  const trades: TradeTable = {
    count: n,
    entryIndex,
    exitIndex,
    entryTime,
    exitTime,
    entryPrice: tb.entryPrice.slice(0, n),
    exitPrice: tb.exitPrice.slice(0, n),
    quantity: new Float64Array(n).fill(qty),
    exitReason: tb.exitReason.slice(0, n),
    returnPct,
    pnlCash: tb.pnlCash.slice(0, n),
    stopLevel: tb.stopLevel.slice(0, n),
    targetLevel: tb.targetLevel.slice(0, n),
    entryBar: tb.entryBar.slice(0, n),
    entryScore: tb.entryScore.slice(0, n),
    barScoresAtEntry,
    barScoresAtExit,
    indicatorValuesAtEntry,
  };

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
  const { min: minClose, max: maxClose } = closeRange(close, from, to);
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

  const dayTime = new Float64Array(res.dayCount);
  for (let d = 0; d < res.dayCount; d++) dayTime[d] = closeTime[res.dayIndex[d]!]!;
  const wins: number[] = [];
  const losses: number[] = [];
  for (let t = 0; t < n; t++) {
    const r = returnPct[t]!;
    if (r > 0) wins.push(r);
    else if (r < 0) losses.push(r);
  }
  return {
    metrics,
    trades,
    openPosition,
    timeframe: plan.primary,
    barNames: plan.bars.map((b) => b.name),
    indicatorNames: plan.indicators.map((i) => i.name),
    dailyEquity: { time: dayTime, value: res.dayEquity },
    histograms: { winning: originalHistogram(wins), losing: originalHistogram(losses) },
  };
}
