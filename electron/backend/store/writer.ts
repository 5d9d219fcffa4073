import type { Database, Statement } from 'better-sqlite3';
import { MlfError } from '../../../shared/contract/errors';
import type { Timeframe } from '../../../shared/time/timeframes';

/** Rows per multi-row INSERT: one native call binds this many rows, amortising the call cost. */
export const ROWS_PER_STATEMENT = 128;

/**
 * Appends candles to one dataset. The caller owns the transaction. A candle at a time already
 * stored replaces it (merge without duplicates).
 */
export class CandleWriter {
  private readonly many: Statement;
  private readonly one: Statement;
  private readonly params: number[] = new Array<number>(ROWS_PER_STATEMENT * 6).fill(0);

  constructor(db: Database, readonly datasetId: number) {
    // The dataset's column chunks no longer match once it is written (dropped in the caller's transaction).
    dropChunks(db, datasetId);
    // The dataset id is an integer we issued, inlined so each row binds six values, not seven.
    const id = Math.trunc(datasetId);
    const tuple = `(${id},?,?,?,?,?,?)`;
    const upsert =
      ' ON CONFLICT(dataset, ts) DO UPDATE SET open = excluded.open, high = excluded.high,' +
      ' low = excluded.low, close = excluded.close, volume = excluded.volume';
    const head = 'INSERT INTO candles (dataset, ts, open, high, low, close, volume) VALUES ';
    this.many = db.prepare(head + new Array(ROWS_PER_STATEMENT).fill(tuple).join(',') + upsert);
    this.one = db.prepare(head + tuple + upsert);
  }

  /** Writes rows [0, n) of the columns. */
  write(
    ts: ArrayLike<number>,
    open: ArrayLike<number>,
    high: ArrayLike<number>,
    low: ArrayLike<number>,
    close: ArrayLike<number>,
    volume: ArrayLike<number>,
    n: number,
  ): void {
    const p = this.params;
    let i = 0;
    for (; i + ROWS_PER_STATEMENT <= n; i += ROWS_PER_STATEMENT) {
      for (let r = 0, j = 0; r < ROWS_PER_STATEMENT; r++, j += 6) {
        const k = i + r;
        p[j] = ts[k]!;
        p[j + 1] = open[k]!;
        p[j + 2] = high[k]!;
        p[j + 3] = low[k]!;
        p[j + 4] = close[k]!;
        p[j + 5] = volume[k]!;
      }
      this.many.run(p);
    }
    for (; i < n; i++) this.one.run(ts[i]!, open[i]!, high[i]!, low[i]!, close[i]!, volume[i]!);
  }
}

/**
 * The dataset row for (symbol, timeframe), created if missing; returns its id. Every write to a
 * dataset starts here, so its column chunks (a read cache, candleStore.ts) are dropped here too.
 */
export function upsertDataset(db: Database, symbol: string, timeframe: Timeframe, source: string | null, importedAt: number): number {
  const row = db
    .prepare(
      `INSERT INTO datasets (symbol, timeframe, source, imported_at) VALUES (?, ?, ?, ?)
       ON CONFLICT(symbol, timeframe) DO UPDATE SET source = excluded.source, imported_at = excluded.imported_at
       RETURNING id`,
    )
    .get(symbol, timeframe, source, importedAt) as { id: number };
  dropChunks(db, row.id);
  return row.id;
}

/** Drops a dataset's column chunks (they are rebuilt from its candles on a later load). */
export function dropChunks(db: Database, id: number): void {
  db.prepare('DELETE FROM candle_chunks WHERE dataset = ?').run(id);
  db.prepare('DELETE FROM candle_chunk_sets WHERE dataset = ?').run(id);
}

/** Recomputes a dataset's first/last time and row count from its candles. */
export function refreshDatasetStats(db: Database, id: number): void {
  db.prepare(
    `UPDATE datasets SET (first_ts, last_ts, rows) =
       (SELECT min(ts), max(ts), count(*) FROM candles WHERE dataset = @id) WHERE id = @id`,
  ).run({ id });
}

export function countCandles(db: Database, id: number): number {
  return (db.prepare('SELECT count(*) AS n FROM candles WHERE dataset = ?').get(id) as { n: number }).n;
}

// Connections with a long write (an import) in progress. The import yields to the event loop
// between chunks inside its transaction, so other writes on the same connection must wait.
const busy = new WeakMap<Database, string>();

/** Marks `db` as written by `what` until the returned release is called; CONFLICT if already busy. */
export function claimWriter(db: Database, what: string): () => void {
  assertWritable(db);
  busy.set(db, what);
  return () => busy.delete(db);
}

/** Whether a long write holds the connection (nothing else may write on it meanwhile). */
export function isBusy(db: Database): boolean {
  return busy.has(db);
}

/** Throws CONFLICT while another long write holds the connection. */
export function assertWritable(db: Database): void {
  const holder = busy.get(db);
  if (holder) throw new MlfError('CONFLICT', `the store is busy: ${holder}; try again when it has finished`);
}
