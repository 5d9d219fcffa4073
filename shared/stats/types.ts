/**
 * The complete statistics of one backtest: what `evaluate` returns, what a worker sends back,
 * what a run stores and what the UI draws. Plain structured-cloneable data; per-trade and
 * per-day series are typed arrays so a reply is a few memcpy-able buffers.
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

export const REASON_EXIT_LONG = 1;
export const REASON_STOP_LOSS = 2;
export const REASON_TRAILING_STOP = 3;
export const REASON_TAKE_PROFIT = 4;
export const REASON_END_OF_DAY = 5;

/** Closed trades as columns, in entry order (one position at a time, so also exit order). */
export interface TradeTable {
  count: number;
  /** Primary-candle index (into the market's primary candles) of the entry and exit candles. */
  entryIndex: Int32Array;
  exitIndex: Int32Array;
  /**
   * UTC epoch seconds of the entry and exit candles' close: the fill time for close fills, and
   * the time by which an intrabar fill is known.
   */
  entryTime: Float64Array;
  exitTime: Float64Array;
  /** Fill prices, slippage included. */
  entryPrice: Float64Array;
  exitPrice: Float64Array;
  /** Shares (`default_position_size`). */
  quantity: Float64Array;
  /** Index into TRADE_REASONS (1..5; entries are always ENTER_LONG). */
  exitReason: Uint8Array;
  /** r_i × 100: per-trade return in percent of the entry value, after fees and slippage. */
  returnPct: Float64Array;
  /** Cash P&L of the trade: (exit − entry) × quantity − fees on both sides. */
  pnlCash: Float64Array;
  /** Fixed stop and take-profit levels set at entry (NaN when disabled). */
  stopLevel: Float64Array;
  targetLevel: Float64Array;
  /** Index into `IndividualStats.barNames` of the `enter_long` bar that triggered, and its score. */
  entryBar: Int16Array;
  entryScore: Float64Array;
  /** Every bar's score at the entry and at the exit candle: row-major, `count × barNames.length`. */
  barScoresAtEntry: Float64Array;
  barScoresAtExit: Float64Array;
  /**
   * Every used indicator's pipeline value at the entry candle (decayed signal value or trend
   * value): row-major, `count × indicatorNames.length`.
   */
  indicatorValuesAtEntry: Float64Array;
}

/** A position still open when the tested range ended (not counted as a closed trade). */
export interface OpenPosition {
  entryIndex: number;
  entryTime: number;
  entryPrice: number;
  quantity: number;
  entryBar: number;
  entryScore: number;
  stopLevel: number;
  targetLevel: number;
  /** Return in percent if it were closed at the last candle's close (fees and slippage included). */
  unrealizedPct: number;
}

export interface Histogram {
  /** 0.25, 0.5, 1 or 2 (percent) by the value range, as the original system; 0 when empty. */
  binWidth: number;
  /** Left edge of each bin in percent; bin k covers [edges[k], edges[k] + binWidth). */
  edges: Float64Array;
  counts: Int32Array;
  /** The original system's labels: `"x.x% to y.y%"`. */
  labels: string[];
}

export interface Metrics {
  /** Primary candles in the tested window. */
  bars: number;
  /** Open time of the first and close time of the last primary candle of the window (UTC s). */
  startTime: number;
  endTime: number;
  /** Closed trades (exits). */
  totalTrades: number;
  /** Trades with return > 0 / < 0 (break-even trades are neither). */
  winningTrades: number;
  losingTrades: number;
  /** Σ r_i × 100 — additive, as the original system. */
  totalPnlPct: number;
  /** (Π(1 + r_i) − 1) × 100 over closed trades. */
  compoundedReturnPct: number;
  /** Σ pnlCash */
  totalPnlCash: number;
  /** Buy and hold: (last close − first close) ÷ first close × 100 over the window. */
  marketReturnPct: number;
  /** Lowest and highest close in the window (for MaximizeScaledNetPnL). */
  minClose: number;
  maxClose: number;
  /** Largest peak-to-trough fall of the compounded equity (marked to market at every primary candle), in percent. */
  maxDrawdownPct: number;
  /** Close times of the peak and the trough of that drawdown (NaN when there is none). */
  maxDrawdownPeakTime: number;
  maxDrawdownTroughTime: number;
  /** Longest stretch under a previous equity peak, in primary candles and in seconds. */
  maxDrawdownBars: number;
  maxDrawdownSeconds: number;
  /**
   * The original system's drawdown: largest fall of the additive cumulative P&L % sampled at
   * trade exits (starting from 0), in percentage points, as a number ≤ 0.
   */
  maxDrawdownAdditivePct: number;
  /** Winners ÷ closed trades (0..1); null without trades. */
  winRate: number | null;
  /** Mean r_i × 100 of winners / of losers (losers negative); null when there are none. */
  avgWinPct: number | null;
  avgLossPct: number | null;
  /** Sample standard deviation of the trades' returns in percent; null under 2 trades. */
  tradeReturnStdPct: number | null;
  /** Σ winning r ÷ |Σ losing r|; null when there are no losing trades (∞) or no trades. */
  profitFactor: number | null;
  /** winRate × avgWin + (1 − winRate) × avgLoss, in percent; null without trades. */
  expectancyPct: number | null;
  /** √n × mean(r) ÷ std(r) (sample std); null under 2 trades or when std is 0. */
  sqn: number | null;
  /** Annualised Sharpe and Sortino of the daily returns of the compounded equity; null under 2 days or zero deviation. */
  sharpe: number | null;
  sortino: number | null;
  /** ((1 + compounded return)^(periodsPerYear ÷ days) − 1) × 100; null without days. */
  annualizedReturnPct: number | null;
  /** annualizedReturnPct ÷ maxDrawdownPct; null when there is no drawdown. */
  calmar: number | null;
  /** Primary candles that end with a position open ÷ all candles of the window × 100. */
  exposurePct: number;
  /** Mean of exitIndex − entryIndex; null without trades. */
  avgBarsHeld: number | null;
  /** New York days with candles in the window (the samples of the daily returns). */
  days: number;
  /** Days per year used to annualise: 365 when the data has Saturday candles (24/7), else 252. */
  periodsPerYear: number;
}

export interface IndividualStats {
  metrics: Metrics;
  trades: TradeTable;
  openPosition: OpenPosition | null;
  /** The primary timeframe the executor ran on (the config's finest agg_config). */
  timeframe: string;
  /** Names of the monitor's bars, the column order of the per-trade bar scores. */
  barNames: string[];
  /** Names of the indicators the bars use, the column order of `indicatorValuesAtEntry`. */
  indicatorNames: string[];
  /**
   * Compounded equity (starting at 1, marked to market) at the last primary candle of each New
   * York day of the window; `time` is that candle's close.
   */
  dailyEquity: { time: Float64Array; value: Float64Array };
  histograms: { winning: Histogram; losing: Histogram };
}
