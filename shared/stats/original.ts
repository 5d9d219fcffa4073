import { TRADE_REASONS, type IndividualStats } from './types';

export interface OriginalTradeRecord {
  /** UTC epoch seconds of the fill. */
  timestamp: number;
  type: 'buy' | 'sell';
  price: number;
  quantity: number;
  reason: string;
}

export interface OriginalPnlRecord {
  timestamp: number;
  /** Additive cumulative P&L in percent after this trade. */
  cumulative_pnl: number;
  trade_pnl: number;
}

/**
 * The original system's `trade_history` (a buy and a sell row per closed trade, plus a buy row
 * for a position still open) and `pnl_history` (one row per exit, additive), derived from the
 * columns.
 */
export function toOriginalHistory(stats: Pick<IndividualStats, 'trades' | 'openPosition'>): {
  trade_history: OriginalTradeRecord[];
  pnl_history: OriginalPnlRecord[];
} {
  const t = stats.trades;
  const trade_history: OriginalTradeRecord[] = [];
  const pnl_history: OriginalPnlRecord[] = [];
  let cum = 0;
  for (let i = 0; i < t.count; i++) {
    trade_history.push({ timestamp: t.entryTime[i]!, type: 'buy', price: t.entryPrice[i]!, quantity: t.quantity[i]!, reason: 'ENTER_LONG' });
    trade_history.push({
      timestamp: t.exitTime[i]!,
      type: 'sell',
      price: t.exitPrice[i]!,
      quantity: t.quantity[i]!,
      reason: TRADE_REASONS[t.exitReason[i]!] ?? 'EXIT_LONG',
    });
    cum += t.returnPct[i]!;
    pnl_history.push({ timestamp: t.exitTime[i]!, cumulative_pnl: cum, trade_pnl: t.returnPct[i]! });
  }
  const o = stats.openPosition;
  if (o) trade_history.push({ timestamp: o.entryTime, type: 'buy', price: o.entryPrice, quantity: o.quantity, reason: 'ENTER_LONG' });
  return { trade_history, pnl_history };
}
