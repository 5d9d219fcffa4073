import { createHash } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';
import type { DatasetInfo } from '../../../shared/contract/data';
import { MlfError } from '../../../shared/contract/errors';
import { allocateCandles, type CandleSeries, type Candles } from '../../../shared/domain/candles';
import { baseRange, deriveCandles } from '../../../shared/data/select';
import { isTimeframe, timeframeRank, TIMEFRAMES, type Timeframe } from '../../../shared/time/timeframes';
import { migrate, migrations } from './migrations';

export interface LoadOptions {
  /** Requested timeframe; default: the finest stored one. */
  timeframe?: Timeframe;
  /** Inclusive lower bound on candle open time (UTC epoch seconds). */
  from?: number;
  /** Exclusive upper bound on candle open time. */
  to?: number;
  heikinAshi?: boolean;
  /** Keep regular hours only (09:30–16:00 New York, weekdays). */
  regularHoursOnly?: boolean;
}

/** A stable content hash of the candles a run uses, to detect changed data on reproduction. */
export interface DataFingerprint {
  symbol: string;
  timeframe: Timeframe;
  /** Open time of the first and last candle covered (null when there are none). */
  from: number | null;
  to: number | null;
  rows: number;
  /** sha256 (hex) over symbol, timeframe and the ts/OHLCV columns as little-endian float64. */
  hash: string;
}

export interface CandleStore {
  readonly path: string;
  readonly readonly: boolean;
  /** The better-sqlite3 connection, for other services' tables (added through migrations.ts). */
  readonly db: Db;
  listDatasets(): DatasetInfo[];
  getDataset(symbol: string, timeframe: Timeframe): (DatasetInfo & { id: number }) | undefined;
  /** Throws MlfError NOT_FOUND naming the known symbols. */
  loadCandles(symbol: string, opts?: LoadOptions): CandleSeries & { baseTimeframe: Timeframe };
  fingerprint(symbol: string, timeframe: Timeframe, from?: number, to?: number): DataFingerprint;
  /** Deletes a dataset and its candles; returns the number of candles deleted. */
  deleteDataset(symbol: string, timeframe: Timeframe): number;
  getMeta(key: string): string | undefined;
  setMeta(key: string, value: string): void;
  close(): void;
}

interface DatasetRow {
  id: number;
  symbol: string;
  timeframe: string;
  first_ts: number | null;
  last_ts: number | null;
  rows: number;
  source: string | null;
  imported_at: number;
}

function toInfo(r: DatasetRow): DatasetInfo & { id: number } {
  if (!isTimeframe(r.timeframe)) throw new MlfError('FAILED', `dataset ${r.symbol} has an unknown timeframe '${r.timeframe}'`);
  return {
    id: r.id,
    symbol: r.symbol,
    timeframe: r.timeframe,
    firstTs: r.first_ts,
    lastTs: r.last_ts,
    rows: r.rows,
    source: r.source,
    importedAt: r.imported_at,
  };
}

// Bounds that SQLite compares cleanly against INTEGER keys (no ±Infinity binds).
const MIN_TS = -1e15;
const MAX_TS = 1e15;
const PAGE = 4096;

export interface OpenStoreOptions {
  readonly?: boolean;
  /**
   * better-sqlite3's compiled addon to load instead of the one in node_modules (which is built for
   * Node): the desktop app and its utility-process workers run under Electron's ABI. Defaults to
   * MLF_SQLITE_BINDING, which the desktop app sets for itself and passes to its workers.
   */
  nativeBinding?: string;
}

/**
 * Opens (and in write mode creates and migrates) the candle store at `path`. Write mode uses WAL,
 * so worker processes can read with `{ readonly: true }` while the main process writes.
 */
export function openStore(path: string, opts: OpenStoreOptions = {}): CandleStore {
  const readonly = opts.readonly === true;
  const nativeBinding = opts.nativeBinding || process.env.MLF_SQLITE_BINDING || undefined;
  const addon = nativeBinding ? { nativeBinding } : {};
  let db: Db;
  if (readonly) {
    if (!existsSync(path)) throw new MlfError('NOT_FOUND', `no candle store at ${path}`);
    db = new Database(path, { readonly: true, fileMustExist: true, ...addon });
    const version = db.pragma('user_version', { simple: true }) as number;
    const latest = migrations[migrations.length - 1]!.version;
    if (version < 1 || version > latest) {
      db.close();
      throw new MlfError('FAILED', `${path} is not a store this program can read (schema ${version}, expected 1–${latest})`);
    }
  } else {
    mkdirSync(dirname(path), { recursive: true });
    db = new Database(path, addon);
    try {
      db.pragma('journal_mode = WAL');
      // WAL + NORMAL: durable against application crashes; a power cut may lose the last commit.
      db.pragma('synchronous = NORMAL');
      migrate(db);
    } catch (err) {
      db.close();
      if (err instanceof Error && /file is not a database|malformed/i.test(err.message)) {
        throw new MlfError('FAILED', `${path} is not an MLF Workstation store (${err.message})`);
      }
      throw err;
    }
  }

  const q = {
    list: db.prepare('SELECT * FROM datasets ORDER BY symbol, timeframe'),
    one: db.prepare('SELECT * FROM datasets WHERE symbol = ? AND timeframe = ?'),
    bySymbol: db.prepare('SELECT * FROM datasets WHERE symbol = ?'),
    page: db
      .prepare(`SELECT ts, open, high, low, close, volume FROM candles WHERE dataset = ? AND ts >= ? AND ts < ? ORDER BY ts LIMIT ${PAGE}`)
      .raw(true),
    count: db.prepare('SELECT count(*) AS n FROM candles WHERE dataset = ? AND ts >= ? AND ts < ?'),
    getMeta: db.prepare('SELECT value FROM meta WHERE key = ?'),
  };

  function listDatasets(): DatasetInfo[] {
    return (q.list.all() as DatasetRow[]).map((r) => {
      const { id: _id, ...info } = toInfo(r);
      return info;
    });
  }

  function getDataset(symbol: string, timeframe: Timeframe) {
    const r = q.one.get(symbol.toUpperCase(), timeframe) as DatasetRow | undefined;
    return r ? toInfo(r) : undefined;
  }

  function unknownSymbol(symbol: string): MlfError {
    const known = [...new Set(listDatasets().map((d) => d.symbol))];
    return new MlfError(
      'NOT_FOUND',
      `no candles for symbol '${symbol}'; ` +
        (known.length ? `the store has: ${known.join(', ')}` : 'the store is empty (import a CSV or run `mlf sample`)'),
    );
  }

  /** The finest stored dataset of `symbol` that can serve `timeframe` (aggregation goes upward). */
  function pickBase(symbol: string, timeframe: Timeframe | undefined) {
    const all = (q.bySymbol.all(symbol.toUpperCase()) as DatasetRow[])
      .map(toInfo)
      .sort((a, b) => timeframeRank(a.timeframe) - timeframeRank(b.timeframe));
    if (all.length === 0) throw unknownSymbol(symbol);
    const usable = timeframe ? all.filter((d) => timeframeRank(d.timeframe) <= timeframeRank(timeframe)) : all;
    if (usable.length === 0) {
      const coarser = TIMEFRAMES.filter((tf) => timeframeRank(tf) >= timeframeRank(all[0]!.timeframe));
      throw new MlfError(
        'BAD_INPUT',
        `${symbol} is stored as ${all.map((d) => d.timeframe).join(', ')}; candles can be aggregated up to ${coarser.join(', ')} but not down to ${timeframe}`,
      );
    }
    return usable[0]!;
  }

  function readBase(id: number, rows: number, from: number, to: number): Candles {
    const whole = from <= MIN_TS && to >= MAX_TS;
    const n = whole ? rows : (q.count.get(id, from, to) as { n: number }).n;
    const c = allocateCandles(n);
    let k = 0;
    // Small pages: better-sqlite3 builds each page's rows at once, and short-lived pages keep
    // the garbage collector's work small (faster than one big all() or a row-by-row iterate).
    for (let at = from; k < n; ) {
      const page = q.page.all(id, at, to) as number[][];
      for (let j = 0; j < page.length && k < n; j++) {
        const r = page[j]!;
        c.ts[k] = r[0]!;
        c.open[k] = r[1]!;
        c.high[k] = r[2]!;
        c.low[k] = r[3]!;
        c.close[k] = r[4]!;
        c.volume[k] = r[5]!;
        k++;
      }
      if (page.length < PAGE) break;
      at = page[page.length - 1]![0]! + 1;
    }
    if (k === n) return c;
    // Fewer rows than counted (a concurrent delete): return what was read.
    return {
      length: k,
      ts: c.ts.slice(0, k),
      open: c.open.slice(0, k),
      high: c.high.slice(0, k),
      low: c.low.slice(0, k),
      close: c.close.slice(0, k),
      volume: c.volume.slice(0, k),
    };
  }

  function loadCandles(symbol: string, o: LoadOptions = {}) {
    const base = pickBase(symbol, o.timeframe);
    const timeframe = o.timeframe ?? base.timeframe;
    const query = {
      timeframe,
      ...(o.from !== undefined ? { from: o.from } : {}),
      ...(o.to !== undefined ? { to: o.to } : {}),
      heikinAshi: o.heikinAshi === true,
      regularHoursOnly: o.regularHoursOnly === true,
    };
    const r = baseRange(query);
    const rows = readBase(base.id, base.rows, Math.max(MIN_TS, r.from), Math.min(MAX_TS, r.to));
    const { candles, kind } = deriveCandles(rows, base.timeframe, query);
    return { symbol: base.symbol, timeframe, kind, candles, baseTimeframe: base.timeframe };
  }

  function fingerprint(symbol: string, timeframe: Timeframe, from?: number, to?: number): DataFingerprint {
    const s = loadCandles(symbol, {
      timeframe,
      ...(from !== undefined ? { from } : {}),
      ...(to !== undefined ? { to } : {}),
    });
    const c = s.candles;
    const h = createHash('sha256');
    h.update(`${s.symbol}|${timeframe}|${c.length}|`);
    for (const col of [c.ts, c.open, c.high, c.low, c.close, c.volume]) {
      h.update(new Uint8Array(col.buffer, col.byteOffset, col.byteLength));
    }
    return {
      symbol: s.symbol,
      timeframe,
      from: c.length ? c.ts[0]! : null,
      to: c.length ? c.ts[c.length - 1]! : null,
      rows: c.length,
      hash: h.digest('hex'),
    };
  }

  function deleteDataset(symbol: string, timeframe: Timeframe): number {
    const d = getDataset(symbol, timeframe);
    if (!d) {
      const stored = (q.bySymbol.all(symbol.toUpperCase()) as DatasetRow[]).map((r) => r.timeframe);
      if (stored.length === 0) throw unknownSymbol(symbol);
      throw new MlfError('NOT_FOUND', `${symbol.toUpperCase()} has no ${timeframe} dataset; stored: ${stored.join(', ')}`);
    }
    return db.transaction(() => {
      const n = db.prepare('DELETE FROM candles WHERE dataset = ?').run(d.id).changes;
      db.prepare('DELETE FROM datasets WHERE id = ?').run(d.id);
      return n;
    })();
  }

  return {
    path,
    readonly,
    db,
    listDatasets,
    getDataset,
    loadCandles,
    fingerprint,
    deleteDataset,
    getMeta: (key) => (q.getMeta.get(key) as { value: string } | undefined)?.value,
    setMeta: (key, value) => {
      db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
    },
    close: () => {
      if (db.open) db.close();
    },
  };
}
