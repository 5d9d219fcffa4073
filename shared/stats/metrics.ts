/**
 * The metrics of docs/METRICS.md from a backtest's columns. Plain arithmetic in a fixed order, so
 * the same trades give bit-identical numbers in any process.
 */
import type { Metrics } from './types';

export interface MetricInputs {
  /** Per-trade returns r_i as fractions (first `count` entries). */
  returns: Float64Array;
  pnlCash: Float64Array;
  entryIndex: Int32Array;
  exitIndex: Int32Array;
  count: number;
  /** Compounded equity at each day's last candle (starting equity 1 before the first). */
  dayEquity: Float64Array;
  periodsPerYear: number;
  bars: number;
  exposureBars: number;
  startTime: number;
  endTime: number;
  firstClose: number;
  lastClose: number;
  minClose: number;
  maxClose: number;
  maxDrawdown: number;
  maxDrawdownPeakTime: number;
  maxDrawdownTroughTime: number;
  maxDrawdownBars: number;
  maxDrawdownSeconds: number;
}

/** Sample standard deviation (n − 1); NaN under two values. */
export function sampleStd(xs: ArrayLike<number>, n: number, mean: number): number {
  if (n < 2) return NaN;
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const d = xs[i]! - mean;
    ss += d * d;
  }
  return Math.sqrt(ss / (n - 1));
}

/** Annualised Sharpe and Sortino of daily returns of an equity sampled once a day (start = 1). */
export function dailyRatios(dayEquity: Float64Array, periodsPerYear: number): { sharpe: number | null; sortino: number | null } {
  const n = dayEquity.length;
  if (n < 2) return { sharpe: null, sortino: null };
  const d = new Float64Array(n);
  let prev = 1;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    d[i] = dayEquity[i]! / prev - 1;
    prev = dayEquity[i]!;
    sum += d[i]!;
  }
  const mean = sum / n;
  const std = sampleStd(d, n, mean);
  let down = 0;
  for (let i = 0; i < n; i++) if (d[i]! < 0) down += d[i]! * d[i]!;
  const downside = Math.sqrt(down / n);
  const root = Math.sqrt(periodsPerYear);
  return {
    sharpe: std > 0 ? (mean / std) * root : null,
    sortino: downside > 0 ? (mean / downside) * root : null,
  };
}

export function computeMetrics(m: MetricInputs): Metrics {
  const n = m.count;
  const r = m.returns;
  let wins = 0;
  let losses = 0;
  let sumWin = 0;
  let sumLoss = 0;
  let sum = 0;
  let compounded = 1;
  let cash = 0;
  let held = 0;
  let cum = 0;
  let cumPeak = 0;
  let addDD = 0;
  for (let i = 0; i < n; i++) {
    const x = r[i]!;
    sum += x;
    compounded *= 1 + x;
    cash += m.pnlCash[i]!;
    held += m.exitIndex[i]! - m.entryIndex[i]!;
    if (x > 0) {
      wins++;
      sumWin += x;
    } else if (x < 0) {
      losses++;
      sumLoss += x;
    }
    cum += x * 100;
    if (cum > cumPeak) cumPeak = cum;
    if (cum - cumPeak < addDD) addDD = cum - cumPeak;
  }
  const mean = n > 0 ? sum / n : NaN;
  const std = sampleStd(r, n, mean);
  const winRate = n > 0 ? wins / n : null;
  const avgWin = wins > 0 ? (sumWin / wins) * 100 : null;
  const avgLoss = losses > 0 ? (sumLoss / losses) * 100 : null;
  const { sharpe, sortino } = dailyRatios(m.dayEquity, m.periodsPerYear);
  const days = m.dayEquity.length;
  const compoundedReturn = compounded - 1;
  const annualized = days > 0 ? (Math.pow(1 + compoundedReturn, m.periodsPerYear / days) - 1) * 100 : null;
  const mddPct = m.maxDrawdown * 100;
  return {
    bars: m.bars,
    startTime: m.startTime,
    endTime: m.endTime,
    totalTrades: n,
    winningTrades: wins,
    losingTrades: losses,
    totalPnlPct: sum * 100,
    compoundedReturnPct: compoundedReturn * 100,
    totalPnlCash: cash,
    marketReturnPct: ((m.lastClose - m.firstClose) / m.firstClose) * 100,
    minClose: m.minClose,
    maxClose: m.maxClose,
    maxDrawdownPct: mddPct,
    maxDrawdownPeakTime: m.maxDrawdownPeakTime,
    maxDrawdownTroughTime: m.maxDrawdownTroughTime,
    maxDrawdownBars: m.maxDrawdownBars,
    maxDrawdownSeconds: m.maxDrawdownSeconds,
    maxDrawdownAdditivePct: addDD,
    winRate,
    avgWinPct: avgWin,
    avgLossPct: avgLoss,
    tradeReturnStdPct: n >= 2 ? std * 100 : null,
    profitFactor: n > 0 && losses > 0 ? sumWin / -sumLoss : null,
    expectancyPct: winRate === null ? null : winRate * (avgWin ?? 0) + (1 - winRate) * (avgLoss ?? 0),
    sqn: n >= 2 && std > 0 ? (Math.sqrt(n) * mean) / std : null,
    sharpe,
    sortino,
    annualizedReturnPct: annualized,
    calmar: annualized !== null && mddPct > 0 ? annualized / mddPct : null,
    exposurePct: m.bars > 0 ? (m.exposureBars / m.bars) * 100 : 0,
    avgBarsHeld: n > 0 ? held / n : null,
    days,
    periodsPerYear: m.periodsPerYear,
  };
}
