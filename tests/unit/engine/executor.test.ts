import { describe, expect, it } from 'vitest';
import { execute, TradeBuffer } from '../../../shared/engine/executor';
import { createMarket } from '../../../shared/engine/market';
import { EXECUTOR_DEFAULTS } from '../../../shared/config/defaults';
import type { TradeExecutorConfig } from '../../../shared/config/types';
import { allocateCandles } from '../../../shared/domain/candles';
import { TRADE_REASONS } from '../../../shared/stats/types';
import type { Timeframe } from '../../../shared/time/timeframes';
import { utc } from './helpers';

type Row = { t: string; o?: number; h?: number; l?: number; c: number; enter?: number; exit?: number };

/**
 * Runs the executor on hand-built candles. Each row: its open time (ISO, UTC), OHLC (open, high
 * and low default to the close) and the scores of one entry bar and one exit bar (default 0),
 * both with threshold 1.
 */
function run(rows: Row[], te: Partial<TradeExecutorConfig> = {}, tf: Timeframe = '1m') {
  const c = allocateCandles(rows.length);
  rows.forEach((r, i) => {
    c.ts[i] = utc(r.t);
    c.close[i] = r.c;
    c.open[i] = r.o ?? r.c;
    c.high[i] = r.h ?? Math.max(r.c, r.o ?? r.c);
    c.low[i] = r.l ?? Math.min(r.c, r.o ?? r.c);
    c.volume[i] = 1;
  });
  const market = createMarket({ symbol: 'T', timeframe: tf, kind: 'normal', candles: c });
  const res = execute(
    {
      candles: market.candles(tf),
      calendar: market.calendar(tf),
      scores: [Float64Array.from(rows, (r) => r.enter ?? 0), Float64Array.from(rows, (r) => r.exit ?? 0)],
      enterBar: Int32Array.of(0),
      enterThreshold: Float64Array.of(1),
      exitBar: Int32Array.of(1),
      exitThreshold: Float64Array.of(1),
      executor: { ...EXECUTOR_DEFAULTS, ...te },
      from: 0,
      to: rows.length,
    },
    new TradeBuffer(2),
  );
  const trades = Array.from({ length: res.trades.count }, (_, i) => ({
    entry: res.trades.entryIndex[i]!,
    exit: res.trades.exitIndex[i]!,
    entryPrice: res.trades.entryPrice[i]!,
    exitPrice: res.trades.exitPrice[i]!,
    reason: TRADE_REASONS[res.trades.exitReason[i]!],
  }));
  return { trades, res };
}

/** Consecutive 1-minute rows from `start` (UTC ISO). */
function minutes(start: string, rows: Array<Omit<Row, 't'>>): Row[] {
  const t0 = utc(start);
  return rows.map((r, i) => ({ ...r, t: new Date((t0 + 60 * i) * 1000).toISOString() }));
}

const T0 = '2024-06-03T14:00:00Z'; // Monday 10:00 New York (EDT)

describe('executor: fixed stop', () => {
  it('exits at the close of the first candle closing at or below entry × (1 − sl)', () => {
    const { trades, res } = run(minutes(T0, [{ c: 100, enter: 1 }, { c: 99 }, { c: 98.5 }, { c: 98 }, { c: 90 }]), { stop_loss_pct: 0.02 });
    expect(trades).toEqual([{ entry: 0, exit: 3, entryPrice: 100, exitPrice: 98, reason: 'STOP_LOSS' }]);
    expect(res.trades.stopLevel[0]).toBe(98);
    expect(res.trades.targetLevel[0]).toBeNaN();
  });

  it('0 means no stop: a pure signal strategy rides any fall', () => {
    const { trades, res } = run(minutes(T0, [{ c: 100, enter: 1 }, { c: 50 }, { c: 10 }, { c: 20, exit: 1 }]), { stop_loss_pct: 0 });
    expect(trades).toEqual([{ entry: 0, exit: 3, entryPrice: 100, exitPrice: 20, reason: 'EXIT_LONG' }]);
    expect(res.trades.stopLevel[0]).toBeNaN();
  });

  it('never exits on the entry candle itself', () => {
    // The entry candle's own high and low would hit both levels if they were checked there.
    const { trades, res } = run(minutes(T0, [{ o: 100, h: 200, l: 1, c: 100, enter: 1 }, { c: 100 }]), {
      fill_model: 'intrabar',
      stop_loss_pct: 0.01,
      take_profit_pct: 0.01,
    });
    expect(trades).toEqual([]);
    expect(res.open?.entryIndex).toBe(0);
  });
});

describe('executor: trailing stop with activation', () => {
  const closes = [{ c: 100, enter: 1 }, { c: 102 }, { c: 99.9 }, { c: 103.5 }, { c: 102 }, { c: 101.4 }, { c: 90 }];
  const te = { stop_loss_pct: 0.05, trailing_stop_loss: true, trailing_stop_distance_pct: 0.02 };

  it('without activation the trail follows the high-water mark from the entry on', () => {
    // After 102: trail = 102 × 0.98 = 99.96; the close of 99.9 is below it.
    const { trades } = run(minutes(T0, closes), { ...te, trailing_stop_activation_pct: 0 });
    expect(trades).toEqual([{ entry: 0, exit: 2, entryPrice: 100, exitPrice: 99.9, reason: 'TRAILING_STOP' }]);
  });

  it('arms only after the gain reaches trailing_stop_activation_pct, then ratchets', () => {
    // 102 is +2 % (< 3 %): not armed, the stop stays at 95 and 99.9 holds. 103.5 arms it:
    // trail = 103.5 × 0.98 = 101.43; 102 holds; 101.4 exits.
    const { trades } = run(minutes(T0, closes), { ...te, trailing_stop_activation_pct: 0.03 });
    expect(trades).toEqual([{ entry: 0, exit: 5, entryPrice: 100, exitPrice: 101.4, reason: 'TRAILING_STOP' }]);
  });

  it('starts at the fixed stop: a fall before arming exits as STOP_LOSS at the fixed level', () => {
    const { trades } = run(minutes(T0, [{ c: 100, enter: 1 }, { c: 102 }, { c: 94 }]), { ...te, trailing_stop_activation_pct: 0.03 });
    expect(trades).toEqual([{ entry: 0, exit: 2, entryPrice: 100, exitPrice: 94, reason: 'STOP_LOSS' }]);
  });
});

describe('executor: take profit', () => {
  it('percent: exits at the first close at or above entry × (1 + tp)', () => {
    const { trades, res } = run(minutes(T0, [{ c: 100, enter: 1 }, { c: 103.9 }, { c: 104 }]), { take_profit_pct: 0.04 });
    expect(trades).toEqual([{ entry: 0, exit: 2, entryPrice: 100, exitPrice: 104, reason: 'TAKE_PROFIT' }]);
    expect(res.trades.targetLevel[0]).toBe(104);
  });

  it('dollars: target = entry + dollars ÷ shares', () => {
    const { trades, res } = run(minutes(T0, [{ c: 100, enter: 1 }, { c: 102.4 }, { c: 102.5 }]), {
      take_profit_type: 'dollars',
      take_profit_dollars: 250,
      default_position_size: 100,
    });
    expect(trades).toEqual([{ entry: 0, exit: 2, entryPrice: 100, exitPrice: 102.5, reason: 'TAKE_PROFIT' }]);
    expect(res.trades.targetLevel[0]).toBe(102.5);
    expect(res.trades.pnlCash[0]).toBeCloseTo(250, 9);
  });

  it('takes priority over end of day and bear exit on the same candle', () => {
    const { trades } = run(
      minutes('2024-06-03T19:57:00Z', [{ c: 100, enter: 1 }, { c: 101 }, { c: 105, exit: 1 }]),
      { take_profit_pct: 0.04, exit_by_end_of_day: true },
    );
    expect(trades[0]!.reason).toBe('TAKE_PROFIT');
  });
});

describe('executor: halt_after_target', () => {
  // Two New York sessions: Monday 3 June and Tuesday 4 June 2024 (EDT, 13:30 UTC = 09:30).
  const rows: Row[] = [
    ...minutes('2024-06-03T13:30:00Z', [{ c: 100, enter: 1 }, { c: 103 }, { c: 100, enter: 1 }, { c: 101, enter: 1 }]),
    ...minutes('2024-06-04T13:30:00Z', [{ c: 100, enter: 1 }, { c: 101 }]),
  ];
  const te = { take_profit_type: 'dollars' as const, take_profit_dollars: 200, default_position_size: 100 };

  it('after a dollar target no new entry until the next New York session', () => {
    const { trades, res } = run(rows, { ...te, halt_after_target: true });
    expect(trades).toEqual([{ entry: 0, exit: 1, entryPrice: 100, exitPrice: 103, reason: 'TAKE_PROFIT' }]);
    expect(res.open?.entryIndex).toBe(4); // the first candle of Tuesday
  });

  it('without it the next signal enters at once', () => {
    const { trades, res } = run(rows, { ...te, halt_after_target: false });
    expect(trades).toEqual([{ entry: 0, exit: 1, entryPrice: 100, exitPrice: 103, reason: 'TAKE_PROFIT' }]);
    expect(res.open?.entryIndex).toBe(2);
  });
});

describe('executor: end of day (16:00 New York)', () => {
  it('exits at the close of the candle closing at 16:00 and opens nothing on it (EDT, June)', () => {
    // 19:57–19:59 UTC = 15:57–15:59 EDT; the 15:59 candle closes at 16:00 (15:58 closes at
    // 15:59:00, a full minute early, and is not the end of the day).
    const { trades, res } = run(minutes('2024-06-03T19:57:00Z', [{ c: 100, enter: 1 }, { c: 101 }, { c: 102, enter: 1 }]), { exit_by_end_of_day: true });
    expect(trades).toEqual([{ entry: 0, exit: 2, entryPrice: 100, exitPrice: 102, reason: 'END_OF_DAY' }]);
    expect(res.open).toBeNull();
  });

  it('follows daylight saving time: the same UTC minute is not the end of day in winter (EST)', () => {
    const winter = run(minutes('2024-01-08T19:57:00Z', [{ c: 100, enter: 1 }, { c: 101 }, { c: 102 }]), { exit_by_end_of_day: true });
    expect(winter.trades).toEqual([]);
    const est = run(minutes('2024-01-08T20:57:00Z', [{ c: 100, enter: 1 }, { c: 101 }, { c: 102 }]), { exit_by_end_of_day: true });
    expect(est.trades).toEqual([{ entry: 0, exit: 2, entryPrice: 100, exitPrice: 102, reason: 'END_OF_DAY' }]);
  });

  it('on hourly 24-hour data across the spring change (Fri 8 Mar EST, Mon 11 Mar EDT 2024)', () => {
    const hours = (start: string, closes: Array<Omit<Row, 't'>>) =>
      closes.map((r, i) => ({ ...r, t: new Date((utc(start) + 3600 * i) * 1000).toISOString() }));
    // Friday: 18:00–21:00 UTC = 13:00–16:00 EST → the 20:00 UTC candle closes at 16:00.
    const fri = run(hours('2024-03-08T18:00:00Z', [{ c: 1.09, enter: 1 }, { c: 1.1 }, { c: 1.11 }, { c: 1.12, enter: 1 }]), { exit_by_end_of_day: true }, '1h');
    expect(fri.trades).toEqual([{ entry: 0, exit: 2, entryPrice: 1.09, exitPrice: 1.11, reason: 'END_OF_DAY' }]);
    expect(fri.res.open).toBeNull(); // 16:00–17:00 is after the close: no entry
    // Monday: EDT, so the candle closing at 16:00 New York opens at 19:00 UTC.
    const mon = run(hours('2024-03-11T17:00:00Z', [{ c: 1.09, enter: 1 }, { c: 1.1 }, { c: 1.11 }, { c: 1.12 }]), { exit_by_end_of_day: true }, '1h');
    expect(mon.trades).toEqual([{ entry: 0, exit: 2, entryPrice: 1.09, exitPrice: 1.11, reason: 'END_OF_DAY' }]);
  });
});

describe('executor: bear exit and conflict', () => {
  it('exits when an exit_long bar reaches its threshold', () => {
    const { trades } = run(minutes(T0, [{ c: 100, enter: 1 }, { c: 101, exit: 0.99 }, { c: 102, exit: 1 }]));
    expect(trades).toEqual([{ entry: 0, exit: 2, entryPrice: 100, exitPrice: 102, reason: 'EXIT_LONG' }]);
  });

  it('ignore_bear_signals keeps the position', () => {
    const { trades, res } = run(minutes(T0, [{ c: 100, enter: 1 }, { c: 101, exit: 1 }]), { ignore_bear_signals: true });
    expect(trades).toEqual([]);
    expect(res.open?.entryIndex).toBe(0);
  });

  it('enters nothing while an entry and an exit bar are both at threshold', () => {
    const { trades, res } = run(minutes(T0, [{ c: 100, enter: 1, exit: 1 }, { c: 101, enter: 1, exit: 1 }, { c: 102, enter: 1 }]));
    expect(trades).toEqual([]);
    expect(res.open?.entryIndex).toBe(2);
  });

  it('does not re-enter on the candle of an exit', () => {
    const { trades, res } = run(minutes(T0, [{ c: 100, enter: 1 }, { c: 101, enter: 1, exit: 1 }, { c: 102, enter: 1 }]), { ignore_bear_signals: false });
    expect(trades).toEqual([{ entry: 0, exit: 1, entryPrice: 100, exitPrice: 101, reason: 'EXIT_LONG' }]);
    expect(res.open?.entryIndex).toBe(2);
  });

  it('stops take priority over a bear exit on the same candle', () => {
    const { trades } = run(minutes(T0, [{ c: 100, enter: 1 }, { c: 97, exit: 1 }]), { stop_loss_pct: 0.02 });
    expect(trades[0]!.reason).toBe('STOP_LOSS');
  });
});

describe('executor: intrabar fills', () => {
  const te = { fill_model: 'intrabar' as const, stop_loss_pct: 0.02, take_profit_pct: 0.04 };

  it('a low through the stop fills at the stop level', () => {
    const { trades } = run(minutes(T0, [{ c: 100, enter: 1 }, { o: 99.5, h: 100, l: 97, c: 99 }]), te);
    expect(trades).toEqual([{ entry: 0, exit: 1, entryPrice: 100, exitPrice: 98, reason: 'STOP_LOSS' }]);
  });

  it('a gap below the stop fills at the open', () => {
    const { trades } = run(minutes(T0, [{ c: 100, enter: 1 }, { o: 96, h: 99, l: 95, c: 99 }]), te);
    expect(trades).toEqual([{ entry: 0, exit: 1, entryPrice: 100, exitPrice: 96, reason: 'STOP_LOSS' }]);
  });

  it('a high through the target fills at the target; a gap above it at the open', () => {
    const hit = run(minutes(T0, [{ c: 100, enter: 1 }, { o: 101, h: 105, l: 100.5, c: 101 }]), te);
    expect(hit.trades).toEqual([{ entry: 0, exit: 1, entryPrice: 100, exitPrice: 104, reason: 'TAKE_PROFIT' }]);
    const gap = run(minutes(T0, [{ c: 100, enter: 1 }, { o: 106, h: 107, l: 105, c: 106 }]), te);
    expect(gap.trades).toEqual([{ entry: 0, exit: 1, entryPrice: 100, exitPrice: 106, reason: 'TAKE_PROFIT' }]);
  });

  it('when one candle spans both, the stop wins (the order inside a candle is unknown)', () => {
    const { trades } = run(minutes(T0, [{ c: 100, enter: 1 }, { o: 100, h: 105, l: 97, c: 100 }]), te);
    expect(trades[0]).toMatchObject({ exitPrice: 98, reason: 'STOP_LOSS' });
  });

  it('the trail ratchets on highs after each candle and fills at its level', () => {
    // High 110 → trail 107.8 for the next candle; its low of 107 crosses it.
    const { trades } = run(
      minutes(T0, [{ c: 100, enter: 1 }, { o: 101, h: 110, l: 100.5, c: 108 }, { o: 108, h: 108.5, l: 107, c: 108 }]),
      { fill_model: 'intrabar', trailing_stop_loss: true, trailing_stop_distance_pct: 0.02 },
    );
    expect(trades).toEqual([{ entry: 0, exit: 2, entryPrice: 100, exitPrice: 107.8, reason: 'TRAILING_STOP' }]);
  });

  it('the close model ignores the same highs and lows', () => {
    const { trades } = run(minutes(T0, [{ c: 100, enter: 1 }, { o: 96, h: 105, l: 95, c: 99 }]), { ...te, fill_model: 'close' });
    expect(trades).toEqual([]);
  });
});

describe('executor: fees and slippage', () => {
  it('slippage moves both fills against the trade; fees are charged on both sides', () => {
    const { res } = run(minutes(T0, [{ c: 100, enter: 1 }, { c: 110, exit: 1 }]), { slippage_bps: 10, fee_bps: 5, default_position_size: 10 });
    const t = res.trades;
    const entry = 100 * 1.001;
    const exit = 110 * 0.999;
    expect(t.entryPrice[0]).toBeCloseTo(entry, 12);
    expect(t.exitPrice[0]).toBeCloseTo(exit, 12);
    // Cash: price change × shares − 5 bps of each side's traded value.
    expect(t.pnlCash[0]).toBeCloseTo((exit - entry) * 10 - 0.0005 * (entry + exit) * 10, 9);
    // Return: that cash over the entry value.
    expect(t.returnFrac[0]).toBeCloseTo(((exit - entry) * 10 - 0.0005 * (entry + exit) * 10) / (entry * 10), 12);
  });

  it('stop and target levels are set from the slipped entry fill', () => {
    const { res } = run(minutes(T0, [{ c: 100, enter: 1 }, { c: 100 }]), { slippage_bps: 100, stop_loss_pct: 0.1, take_profit_pct: 0.1 });
    expect(res.trades.count).toBe(0);
    expect(res.open!.stopLevel).toBeCloseTo(101 * 0.9, 12);
    expect(res.open!.targetLevel).toBeCloseTo(101 * 1.1, 12);
  });
});
