/**
 * The trade executor: one pass over the primary candles of the window, long only, one position
 * of `default_position_size` shares. Per candle, at its close:
 *   in a position (from the candle after the entry on):
 *     stop (trailing if enabled, else fixed) → take profit → end of day → bear exit,
 *     then the trailing stop ratchets for the next candle;
 *   flat: nothing while halted, on an end-of-day candle (with exit_by_end_of_day) or on a
 *     conflict (an entry and an exit bar both at/above threshold); else buy on the first
 *     `enter_long` bar whose score ≥ its threshold. No entry on the candle of an exit.
 * The compounded equity is marked to market at every candle the position is open (drawdown,
 * underwater time) and sampled at every New York day's last candle (daily returns).
 * Columnar and allocation-free per candle; the trade columns grow by doubling.
 */
import type { TradeExecutorConfig } from '../config/types';
import {
  REASON_END_OF_DAY,
  REASON_EXIT_LONG,
  REASON_STOP_LOSS,
  REASON_TAKE_PROFIT,
  REASON_TRAILING_STOP,
} from '../stats/types';
import type { Candles } from '../domain/candles';
import type { PrimaryCalendar } from './market';

/** Trades as growable columns; `count` rows are valid. */
export class TradeBuffer {
  count = 0;
  capacity: number;
  entryIndex: Int32Array;
  exitIndex: Int32Array;
  entryPrice: Float64Array;
  exitPrice: Float64Array;
  exitReason: Uint8Array;
  entryBar: Int16Array;
  entryScore: Float64Array;
  stopLevel: Float64Array;
  targetLevel: Float64Array;
  returnFrac: Float64Array;
  pnlCash: Float64Array;

  constructor(capacity = 64) {
    this.capacity = capacity;
    this.entryIndex = new Int32Array(capacity);
    this.exitIndex = new Int32Array(capacity);
    this.entryPrice = new Float64Array(capacity);
    this.exitPrice = new Float64Array(capacity);
    this.exitReason = new Uint8Array(capacity);
    this.entryBar = new Int16Array(capacity);
    this.entryScore = new Float64Array(capacity);
    this.stopLevel = new Float64Array(capacity);
    this.targetLevel = new Float64Array(capacity);
    this.returnFrac = new Float64Array(capacity);
    this.pnlCash = new Float64Array(capacity);
  }

  grow(): void {
    const c = this.capacity * 2;
    const g = <T extends Int32Array | Float64Array | Uint8Array | Int16Array>(a: T, make: (n: number) => T): T => {
      const b = make(c);
      b.set(a);
      return b;
    };
    this.entryIndex = g(this.entryIndex, (n) => new Int32Array(n));
    this.exitIndex = g(this.exitIndex, (n) => new Int32Array(n));
    this.entryPrice = g(this.entryPrice, (n) => new Float64Array(n));
    this.exitPrice = g(this.exitPrice, (n) => new Float64Array(n));
    this.exitReason = g(this.exitReason, (n) => new Uint8Array(n));
    this.entryBar = g(this.entryBar, (n) => new Int16Array(n));
    this.entryScore = g(this.entryScore, (n) => new Float64Array(n));
    this.stopLevel = g(this.stopLevel, (n) => new Float64Array(n));
    this.targetLevel = g(this.targetLevel, (n) => new Float64Array(n));
    this.returnFrac = g(this.returnFrac, (n) => new Float64Array(n));
    this.pnlCash = g(this.pnlCash, (n) => new Float64Array(n));
    this.capacity = c;
  }
}

export interface ExecutorInput {
  candles: Candles;
  calendar: PrimaryCalendar;
  /** Score arrays per bar (indexed by primary candle). */
  scores: readonly Float64Array[];
  enterBar: Int32Array;
  enterThreshold: Float64Array;
  exitBar: Int32Array;
  exitThreshold: Float64Array;
  executor: TradeExecutorConfig;
  from: number;
  to: number;
  /**
   * The only candles where an entry is possible (entries.ts), as spans [start, end) in pairs,
   * ascending, each starting before `to` and ending after `from`; absent or null: every candle.
   * The entry bars' scores need to be valid on these candles only.
   */
  candidates?: { spans: Int32Array; count: number } | null;
}

/** Every candle of the window as the one candidate span. */
const WHOLE = new Int32Array(2);

export interface ExecutorResult {
  trades: TradeBuffer;
  /** The position open after the last candle, or null. */
  open: {
    entryIndex: number;
    entryPrice: number;
    entryBar: number;
    entryScore: number;
    stopLevel: number;
    targetLevel: number;
    unrealizedFrac: number;
  } | null;
  /** Compounded equity at each New York day's last candle of the window. */
  dayCount: number;
  dayIndex: Int32Array;
  dayEquity: Float64Array;
  maxDrawdown: number;
  /** Candle indices of the peak (from − 1 = the start) and trough of the max drawdown; −2 when none. */
  ddPeakIndex: number;
  ddTroughIndex: number;
  /**
   * Longest drawdown period: the last candle at the peak (from − 1 = the start of the window) and
   * the candles from it to the first candle back at or above the peak (or to the window's last
   * candle); 0 when the equity never fell.
   */
  uwPeak: number;
  uwBars: number;
  /** Candles that ended with a position open. */
  exposureBars: number;
}

/**
 * Drawdown bookkeeping over one pass through the candles. Fields of an object rather than
 * variables shared with a closure: V8 keeps numbers captured by a closure boxed, so every new peak
 * or deeper drawdown was a new heap object — thousands per backtest, in the optimizer's hottest loop.
 */
class Drawdown {
  peak = 1;
  peakIdx: number;
  maxDD = 0;
  ddPeak = -2;
  ddTrough = -2;
  /** Under water (below the peak) since candle `uwPeak`. */
  uw = false;
  uwPeak = 0;
  bestUwPeak = 0;
  bestUwBars = 0;

  constructor(from: number) {
    this.peakIdx = from - 1;
  }

  /** Candle `j`'s equity `eq`; equity moves only on candles with a position (or its entry or exit), flat candles repeat it. */
  mark(j: number, eq: number): void {
    if (eq >= this.peak) {
      if (this.uw) {
        if (j - this.uwPeak > this.bestUwBars) {
          this.bestUwBars = j - this.uwPeak;
          this.bestUwPeak = this.uwPeak;
        }
        this.uw = false;
      }
      this.peak = eq;
      this.peakIdx = j;
    } else {
      if (!this.uw) {
        // Flat candles since the last mark stood at the peak: the peak is the previous candle.
        this.uw = true;
        this.uwPeak = j - 1;
        this.peakIdx = j - 1;
      }
      const dd = 1 - eq / this.peak;
      if (dd > this.maxDD) {
        this.maxDD = dd;
        this.ddPeak = this.peakIdx;
        this.ddTrough = j;
      }
    }
  }
}

/** Runs the executor over primary candles [from, to), appending to `trades`. */
export function execute(inp: ExecutorInput, trades = new TradeBuffer()): ExecutorResult {
  const { open, high, low, close } = inp.candles;
  const { dayLast, endOfDay, day, dayOrdinal, dayLastIndex } = inp.calendar;
  const te = inp.executor;
  const from = inp.from;
  const to = inp.to;

  const qty = te.default_position_size;
  const sl = te.stop_loss_pct;
  const tp = te.take_profit_pct;
  const dollars = te.take_profit_type === 'dollars';
  const tpCash = te.take_profit_dollars;
  const haltAfter = dollars && te.halt_after_target;
  const ignoreBear = te.ignore_bear_signals;
  const eodExit = te.exit_by_end_of_day;
  const trailing = te.trailing_stop_loss;
  const trailDist = te.trailing_stop_distance_pct;
  const trailAct = te.trailing_stop_activation_pct;
  const intrabar = te.fill_model === 'intrabar';
  const slipUp = 1 + te.slippage_bps / 1e4;
  const slipDown = 1 - te.slippage_bps / 1e4;
  const fee = te.fee_bps / 1e4;

  // Rules as score columns; the first entry and exit rule get their own locals (the common case
  // is one of each), the rest are looped over.
  const scores = inp.scores;
  const nEnter = inp.enterBar.length;
  const nExit = inp.exitBar.length;
  const enterS = Array.from(inp.enterBar, (b) => scores[b]!);
  const exitS = Array.from(inp.exitBar, (b) => scores[b]!);
  const enterT = inp.enterThreshold;
  const exitT = inp.exitThreshold;
  const NONE = new Float64Array(0);
  const e0 = nEnter > 0 ? enterS[0]! : NONE;
  const e0t = nEnter > 0 ? enterT[0]! : Infinity;
  const x0 = nExit > 0 ? exitS[0]! : NONE;
  const x0t = nExit > 0 ? exitT[0]! : Infinity;
  const bearExits = !ignoreBear && nExit > 0;

  let spans: Int32Array = WHOLE;
  let spanCount = 1;
  if (inp.candidates) {
    spans = inp.candidates.spans;
    spanCount = inp.candidates.count;
  } else {
    WHOLE[0] = from;
    WHOLE[1] = to;
  }
  let span = 0;

  const days = to > from ? dayOrdinal[to - 1]! - dayOrdinal[from]! + 1 : 0;
  const firstDay = to > from ? dayOrdinal[from]! : 0;
  const dayIndex = new Int32Array(days);
  const dayEquity = new Float64Array(days);
  let d = 0;

  let entryIdx = -1;
  let entry = 0; // entry fill price
  let invEntry = 0;
  let entryBarIdx = -1;
  let entryScore = 0;
  let stop = -Infinity; // fixed stop level
  let target = Infinity;
  let trail = -Infinity; // trailing level (starts at the fixed stop)
  let armed = false;
  let hw = 0;
  let halted = false;
  let haltDay = 0;
  let inPos = false;

  let capital = 1; // compounded equity of closed trades
  let exposure = 0;
  const dd = new Drawdown(from);

  let j = from;
  while (j < to) {
    // Flat: scan the candidate candles for an entry; between them only days end.
    let bar = -1;
    let sc = 0;
    while (bar < 0 && j < to) {
      while (span < spanCount && spans[2 * span + 1]! <= j) span++;
      const start = span < spanCount ? Math.max(spans[2 * span]!, j) : to;
      if (start > j) {
        for (; d < days; d++) {
          const last = dayLastIndex[firstDay + d]!;
          if (last >= start) break;
          dayIndex[d] = last;
          dayEquity[d] = capital;
        }
        j = start;
        if (j >= to) break;
      }
      const end = Math.min(spans[2 * span + 1]!, to);
      for (; j < end; j++) {
        if (halted && day[j] !== haltDay) halted = false;
        if (!halted && !(eodExit && endOfDay[j])) {
          const s0 = e0[j]!;
          if (s0 >= e0t) {
            bar = inp.enterBar[0]!;
            sc = s0;
          } else {
            for (let r = 1; r < nEnter; r++) {
              const s = enterS[r]![j]!;
              if (s >= enterT[r]!) {
                bar = inp.enterBar[r]!;
                sc = s;
                break;
              }
            }
          }
          if (bar >= 0) {
            // No entry while an exit bar is also at its threshold (a bull/bear conflict).
            let conflict = nExit > 0 && x0[j]! >= x0t;
            for (let r = 1; r < nExit && !conflict; r++) conflict = exitS[r]![j]! >= exitT[r]!;
            if (!conflict) break;
            bar = -1;
          }
        }
        if (dayLast[j]) {
          dayIndex[d] = j;
          dayEquity[d++] = capital;
        }
      }
    }
    if (bar < 0) break;

    // Entry at the close of candle j.
    inPos = true;
    entryIdx = j;
    entry = close[j]! * slipUp;
    invEntry = 1 / entry;
    entryBarIdx = bar;
    entryScore = sc;
    stop = sl > 0 ? entry * (1 - sl) : -Infinity;
    target = dollars ? (tpCash > 0 ? entry + tpCash / qty : Infinity) : tp > 0 ? entry * (1 + tp) : Infinity;
    trail = stop;
    armed = false;
    hw = entry;
    if (trailing && trailAct <= 0) {
      armed = true;
      const lv = hw * (1 - trailDist);
      if (lv > trail) trail = lv;
    }
    {
      // Marked at its liquidation value: fees and slippage show at once.
      const liq = close[j]! * slipDown;
      const eq = capital * (1 + (liq - entry) * invEntry - fee * (1 + liq * invEntry));
      dd.mark(j, eq);
      if (dayLast[j]) {
        dayIndex[d] = j;
        dayEquity[d++] = eq;
      }
    }
    j++;

    // In a position: exits by priority, else mark to market and ratchet the trail.
    for (; j < to; j++) {
      const c = close[j]!;
      const level = trailing ? trail : stop;
      let px = 0;
      let reason = 0;
      if (intrabar) {
        const o = open[j]!;
        if (o <= level) {
          px = o;
          reason = trail > stop ? REASON_TRAILING_STOP : REASON_STOP_LOSS;
        } else if (low[j]! <= level) {
          px = level;
          reason = trail > stop ? REASON_TRAILING_STOP : REASON_STOP_LOSS;
        } else if (o >= target) {
          px = o;
          reason = REASON_TAKE_PROFIT;
        } else if (high[j]! >= target) {
          px = target;
          reason = REASON_TAKE_PROFIT;
        }
      } else if (c <= level) {
        px = c;
        reason = trail > stop ? REASON_TRAILING_STOP : REASON_STOP_LOSS;
      } else if (c >= target) {
        px = c;
        reason = REASON_TAKE_PROFIT;
      }
      if (reason === 0) {
        if (eodExit && endOfDay[j]) {
          px = c;
          reason = REASON_END_OF_DAY;
        } else if (bearExits) {
          let hit = x0[j]! >= x0t;
          for (let r = 1; r < nExit && !hit; r++) hit = exitS[r]![j]! >= exitT[r]!;
          if (hit) {
            px = c;
            reason = REASON_EXIT_LONG;
          }
        }
      }
      if (reason !== 0) {
        const exitPx = px * slipDown;
        const ret = (exitPx - entry) * invEntry - fee * (1 + exitPx * invEntry);
        if (trades.count === trades.capacity) trades.grow();
        const t = trades.count++;
        trades.entryIndex[t] = entryIdx;
        trades.exitIndex[t] = j;
        trades.entryPrice[t] = entry;
        trades.exitPrice[t] = exitPx;
        trades.exitReason[t] = reason;
        trades.entryBar[t] = entryBarIdx;
        trades.entryScore[t] = entryScore;
        trades.stopLevel[t] = stop === -Infinity ? NaN : stop;
        trades.targetLevel[t] = target === Infinity ? NaN : target;
        trades.returnFrac[t] = ret;
        trades.pnlCash[t] = (exitPx - entry) * qty - fee * (entry + exitPx) * qty;
        capital *= 1 + ret;
        exposure += j - entryIdx;
        inPos = false;
        if (reason === REASON_TAKE_PROFIT && haltAfter) {
          halted = true;
          haltDay = day[j]!;
        }
        dd.mark(j, capital);
        if (dayLast[j]) {
          dayIndex[d] = j;
          dayEquity[d++] = capital;
        }
        // No new entry on the candle of an exit.
        j++;
        break;
      }
      const liq = c * slipDown;
      const eq = capital * (1 + (liq - entry) * invEntry - fee * (1 + liq * invEntry));
      const h = intrabar ? high[j]! : c;
      if (h > hw) hw = h;
      if (trailing) {
        if (!armed && hw >= entry * (1 + trailAct)) armed = true;
        if (armed) {
          const lv = hw * (1 - trailDist);
          if (lv > trail) trail = lv;
        }
      }
      dd.mark(j, eq);
      if (dayLast[j]) {
        dayIndex[d] = j;
        dayEquity[d++] = eq;
      }
    }
  }
  // The window's last candle closes its last day even when the data goes on.
  if (to > from && !dayLast[to - 1]) {
    dayIndex[d] = to - 1;
    dayEquity[d++] = inPos
      ? capital * (1 + (close[to - 1]! * slipDown - entry) * invEntry - fee * (1 + close[to - 1]! * slipDown * invEntry))
      : capital;
  }

  if (dd.uw && to - 1 - dd.uwPeak > dd.bestUwBars) {
    dd.bestUwBars = to - 1 - dd.uwPeak;
    dd.bestUwPeak = dd.uwPeak;
  }
  let openPos: ExecutorResult['open'] = null;
  if (inPos) {
    exposure += to - entryIdx;
    const liq = close[to - 1]! * slipDown;
    openPos = {
      entryIndex: entryIdx,
      entryPrice: entry,
      entryBar: entryBarIdx,
      entryScore,
      stopLevel: stop === -Infinity ? NaN : stop,
      targetLevel: target === Infinity ? NaN : target,
      unrealizedFrac: (liq - entry) * invEntry - fee * (1 + liq * invEntry),
    };
  }
  return {
    trades,
    open: openPos,
    dayCount: days,
    dayIndex,
    dayEquity,
    maxDrawdown: dd.maxDD,
    ddPeakIndex: dd.ddPeak,
    ddTroughIndex: dd.ddTrough,
    uwPeak: dd.bestUwPeak,
    uwBars: dd.bestUwBars,
    exposureBars: exposure,
  };
}
