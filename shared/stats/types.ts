/**
 * The complete statistics of one backtest: what `evaluate` returns, what a worker sends back,
 * what a run stores and what the UI draws. Plain structured-cloneable data; per-trade and
 * per-sample series are typed arrays so a reply is a few memcpy-able buffers.
 * Definitions of every metric: docs/METRICS.md.
 */

/** Why a position was opened or closed. Numeric codes live in `TradeTable.exitReason`. */
export const TRADE_REASONS = [
  'ENTER_LONG',
  'EXIT_LONG',
  'STOP_LOSS',
  'TRAILING_STOP',
  'TAKE_PROFIT',
  'END_OF_DAY',
] as const;
export type TradeReason = (typeof TRADE_REASONS)[number];

/** Closed trades as columns, in entry order. */
export interface TradeTable {
  count: number;
  /** Primary-candle index of the entry and exit fills. */
  entryIndex: Int32Array;
  exitIndex: Int32Array;
  /** UTC epoch seconds of the entry and exit candles' close (the fill time). */
  entryTime: Float64Array;
  exitTime: Float64Array;
  /** Fill prices, slippage included. */
  entryPrice: Float64Array;
  exitPrice: Float64Array;
  quantity: Float64Array;
  /** Index into TRADE_REASONS. */
  exitReason: Uint8Array;
  /** r_i × 100: per-trade return in percent, after fees and slippage when enabled. */
  returnPct: Float64Array;
  /** Cash P&L of the trade: (exit − entry) × quantity − fees. */
  pnlCash: Float64Array;
  /** Stop and take-profit levels at entry (NaN when not set). */
  stopLevel: Float64Array;
  targetLevel: Float64Array;
  /** Index into `IndividualStats.barNames` of the `enter_long` bar that triggered, and its score. */
  entryBar: Int16Array;
  entryScore: Float64Array;
  /** Every bar's score at entry and at exit: row-major, `count × barNames.length`. */
  barScoresAtEntry: Float64Array;
  barScoresAtExit: Float64Array;
}

/** A position still open when the data ended (not counted as a closed trade). */
export interface OpenPosition {
  entryIndex: number;
  entryTime: number;
  entryPrice: number;
  quantity: number;
  entryBar: number;
  entryScore: number;
  stopLevel: number;
  targetLevel: number;
}

export interface Histogram {
  binWidth: number;
  /** Left edge of each bin in percent; bin k covers [edges[k], edges[k] + binWidth). */
  edges: Float64Array;
  counts: Int32Array;
  /** The original system's labels: `"x.x% to y.y%"`. */
  labels: string[];
}

export interface Metrics {
  bars: number;
  startTime: number;
  endTime: number;
  totalTrades: number;
  winningTrades: number;
  losingTrades: number;
  /** Σ r_i × 100 — additive, as the original system. */
  totalPnlPct: number;
  /** (Π(1 + r_i) − 1) × 100 */
  compoundedReturnPct: number;
  /** Σ pnlCash */
  totalPnlCash: number;
  marketReturnPct: number;
  maxDrawdownPct: number;
  /** Longest time under a previous equity peak, in primary candles and seconds. */
  maxDrawdownBars: number;
  maxDrawdownSeconds: number;
  /** Winners ÷ closed trades (0..1); null without trades. */
  winRate: number | null;
  avgWinPct: number | null;
  avgLossPct: number | null;
  /** null when there are no losing trades (∞) or no trades. */
  profitFactor: number | null;
  expectancyPct: number | null;
  sqn: number | null;
  sharpe: number | null;
  sortino: number | null;
  calmar: number | null;
  exposurePct: number;
  avgBarsHeld: number | null;
  /** Days per year used to annualise (252 sessions-based, 365 for 24/7 data). */
  periodsPerYear: number;
}

export interface IndividualStats {
  metrics: Metrics;
  trades: TradeTable;
  openPosition: OpenPosition | null;
  /** Names of the monitor's bars, the column order of the per-trade bar scores. */
  barNames: string[];
  /** Compounded equity (starting at 1) sampled at the last primary candle of each day. */
  dailyEquity: { time: Float64Array; value: Float64Array };
  histograms: { winning: Histogram; losing: Histogram };
}
