/**
 * Statistics in forms people read and other tools load: trade rows (ISO-8601 UTC times, prices
 * as numbers), CSV, and plain JSON-safe data (typed arrays as arrays, non-finite numbers as null).
 */
import { TRADE_REASONS, type IndividualStats } from './types';

export interface TradeRow {
  n: number;
  entry_time: string;
  exit_time: string;
  entry_price: number;
  exit_price: number;
  quantity: number;
  reason: string;
  pnl_pct: number;
  pnl_cash: number;
  bars_held: number;
  entry_bar: string;
  entry_score: number;
  stop_level: number | null;
  target_level: number | null;
  entry_index: number;
  exit_index: number;
  /** Every bar's score at the entry and at the exit candle. */
  scores_at_entry: Record<string, number>;
  scores_at_exit: Record<string, number>;
}

/** `2024-06-03T14:00:00Z` (seconds precision, UTC). */
export function isoTime(epochSeconds: number): string {
  if (!Number.isFinite(epochSeconds)) return '';
  return new Date(epochSeconds * 1000).toISOString().replace('.000Z', 'Z');
}

const finiteOrNull = (x: number) => (Number.isFinite(x) ? x : null);

export function tradeRows(stats: Pick<IndividualStats, 'trades' | 'barNames'>): TradeRow[] {
  const t = stats.trades;
  const nb = stats.barNames.length;
  const rows: TradeRow[] = [];
  for (let i = 0; i < t.count; i++) {
    const atEntry: Record<string, number> = {};
    const atExit: Record<string, number> = {};
    stats.barNames.forEach((b, k) => {
      atEntry[b] = t.barScoresAtEntry[i * nb + k]!;
      atExit[b] = t.barScoresAtExit[i * nb + k]!;
    });
    rows.push({
      n: i + 1,
      entry_time: isoTime(t.entryTime[i]!),
      exit_time: isoTime(t.exitTime[i]!),
      entry_price: t.entryPrice[i]!,
      exit_price: t.exitPrice[i]!,
      quantity: t.quantity[i]!,
      reason: TRADE_REASONS[t.exitReason[i]!] ?? String(t.exitReason[i]),
      pnl_pct: t.returnPct[i]!,
      pnl_cash: t.pnlCash[i]!,
      bars_held: t.exitIndex[i]! - t.entryIndex[i]!,
      entry_bar: stats.barNames[t.entryBar[i]!] ?? '',
      entry_score: t.entryScore[i]!,
      stop_level: finiteOrNull(t.stopLevel[i]!),
      target_level: finiteOrNull(t.targetLevel[i]!),
      entry_index: t.entryIndex[i]!,
      exit_index: t.exitIndex[i]!,
      scores_at_entry: atEntry,
      scores_at_exit: atExit,
    });
  }
  return rows;
}

function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'number' ? String(v) : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The trade rows as CSV (header line, one line per trade; bar scores as `entry:<bar>` / `exit:<bar>` columns). */
export function tradesCsv(rows: readonly TradeRow[], barNames: readonly string[]): string {
  const fixed = [
    'n', 'entry_time', 'exit_time', 'entry_price', 'exit_price', 'quantity', 'reason', 'pnl_pct', 'pnl_cash',
    'bars_held', 'entry_bar', 'entry_score', 'stop_level', 'target_level', 'entry_index', 'exit_index',
  ] as const;
  const head = [...fixed, ...barNames.map((b) => `entry:${b}`), ...barNames.map((b) => `exit:${b}`)];
  const lines = [head.map(csvCell).join(',')];
  for (const r of rows) {
    const cells: unknown[] = fixed.map((k) => r[k]);
    for (const b of barNames) cells.push(r.scores_at_entry[b]);
    for (const b of barNames) cells.push(r.scores_at_exit[b]);
    lines.push(cells.map(csvCell).join(','));
  }
  return `${lines.join('\n')}\n`;
}

/** Any value with typed arrays turned into arrays and NaN/±∞ into null: safe for JSON.stringify. */
export function toPlain(value: unknown): unknown {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    return Array.from(value as unknown as ArrayLike<number>, (x) => (Number.isFinite(x) ? x : null));
  }
  if (Array.isArray(value)) return value.map(toPlain);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = toPlain(v);
    return out;
  }
  return value;
}
