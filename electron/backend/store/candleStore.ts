import { createHash } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';
import type { DatasetInfo } from '../../../shared/contract/data';
import { MlfError } from '../../../shared/contract/errors';
import { allocateCandles, lowerBound, sliceCandles, type CandleSeries, type Candles } from '../../../shared/domain/candles';
import { baseRange, deriveCandles } from '../../../shared/data/select';
import { isTimeframe, timeframeRank, TIMEFRAMES, type Timeframe } from '../../../shared/time/timeframes';
import { migrate, migrations } from './migrations';
import { dropChunks, isBusy } from './writer';

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
/** Candles per column chunk (192 KB of float64 columns). */
const CHUNK_ROWS = 4096;
const COLUMNS = 6;

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

  // Column chunks exist from schema 3 on (a read-only open accepts older stores as they are).
  const hasChunks = (db.pragma('user_version', { simple: true }) as number) >= 3;
  const q = {
    list: db.prepare('SELECT * FROM datasets ORDER BY symbol, timeframe'),
    one: db.prepare('SELECT * FROM datasets WHERE symbol = ? AND timeframe = ?'),
    bySymbol: db.prepare('SELECT * FROM datasets WHERE symbol = ?'),
    page: db
      .prepare(`SELECT ts, open, high, low, close, volume FROM candles WHERE dataset = ? AND ts >= ? AND ts < ? ORDER BY ts LIMIT ${PAGE}`)
      .raw(true),
    count: db.prepare('SELECT count(*) AS n FROM candles WHERE dataset = ? AND ts >= ? AND ts < ?'),
    getMeta: db.prepare('SELECT value FROM meta WHERE key = ?'),
    datasetFacts: db.prepare('SELECT rows, first_ts, last_ts, imported_at FROM datasets WHERE id = ?'),
    chunkSet: hasChunks ? db.prepare('SELECT rows, first_ts, last_ts, imported_at FROM candle_chunk_sets WHERE dataset = ?') : null,
    chunks: hasChunks
      ? db.prepare('SELECT first_ts, last_ts, rows, data FROM candle_chunks WHERE dataset = ? AND last_ts >= ? AND first_ts < ? ORDER BY first_ts')
      : null,
    insertChunk: hasChunks && !readonly ? db.prepare('INSERT INTO candle_chunks (dataset, first_ts, last_ts, rows, data) VALUES (?, ?, ?, ?, ?)') : null,
    insertChunkSet:
      hasChunks && !readonly
        ? db.prepare('INSERT INTO candle_chunk_sets (dataset, rows, first_ts, last_ts, imported_at) VALUES (?, ?, ?, ?, ?)')
        : null,
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

  /** Candles [from, to) of a dataset from its rows, a page at a time. */
  function readRows(id: number, rows: number, from: number, to: number): Candles {
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

  interface Facts {
    rows: number;
    first_ts: number | null;
    last_ts: number | null;
    imported_at: number;
  }

  /** Whether the dataset has column chunks built from its current candles. */
  function chunksValid(id: number): boolean {
    if (!q.chunkSet) return false;
    const set = q.chunkSet.get(id) as Facts | undefined;
    if (!set) return false;
    // Every write drops the chunks; comparing the facts they were built from guards the rest.
    const now = q.datasetFacts.get(id) as Facts | undefined;
    return !!now && now.rows === set.rows && now.first_ts === set.first_ts && now.last_ts === set.last_ts && now.imported_at === set.imported_at;
  }

  /** Candles [from, to) copied out of the dataset's column chunks. */
  function readChunks(id: number, from: number, to: number): Candles {
    const parts: Array<{ cols: Float64Array[]; lo: number; hi: number }> = [];
    let n = 0;
    for (const row of q.chunks!.iterate(id, from, to) as IterableIterator<{ rows: number; data: Buffer }>) {
      const m = row.rows;
      // A float64 view needs an 8-aligned start; SQLite's bytes may not have one.
      const bytes = row.data.byteOffset % 8 === 0 ? row.data : Buffer.from(row.data);
      const cols = Array.from({ length: COLUMNS }, (_, k) => new Float64Array(bytes.buffer, bytes.byteOffset + k * m * 8, m));
      const lo = lowerBound(cols[0]!, from);
      const hi = lowerBound(cols[0]!, to);
      if (hi > lo) {
        parts.push({ cols, lo, hi });
        n += hi - lo;
      }
    }
    const c = allocateCandles(n);
    const out = [c.ts, c.open, c.high, c.low, c.close, c.volume];
    let k = 0;
    for (const p of parts) {
      for (let j = 0; j < COLUMNS; j++) out[j]!.set(p.cols[j]!.subarray(p.lo, p.hi), k);
      k += p.hi - p.lo;
    }
    return c;
  }

  /** Writes the whole dataset's column chunks from its candles `all` (inside the caller's transaction). */
  function writeChunks(id: number, all: Candles): void {
    const facts = q.datasetFacts.get(id) as Facts;
    const cols = [all.ts, all.open, all.high, all.low, all.close, all.volume];
    for (let at = 0; at < all.length; at += CHUNK_ROWS) {
      const m = Math.min(CHUNK_ROWS, all.length - at);
      const block = new Float64Array(COLUMNS * m);
      for (let j = 0; j < COLUMNS; j++) block.set(cols[j]!.subarray(at, at + m), j * m);
      q.insertChunk!.run(id, all.ts[at]!, all.ts[at + m - 1]!, m, Buffer.from(block.buffer, block.byteOffset, block.byteLength));
    }
    q.insertChunkSet!.run(id, facts.rows, facts.first_ts, facts.last_ts, facts.imported_at);
  }

  function sliceRange(all: Candles, from: number, to: number): Candles {
    const lo = lowerBound(all.ts, from);
    const hi = lowerBound(all.ts, to);
    if (lo === 0 && hi === all.length) return all;
    const part = sliceCandles(all, lo, hi);
    // Own copies: the caller may keep the range long after the whole is gone.
    return {
      length: part.length,
      ts: part.ts.slice(),
      open: part.open.slice(),
      high: part.high.slice(),
      low: part.low.slice(),
      close: part.close.slice(),
      volume: part.volume.slice(),
    };
  }

  /**
   * Candles [from, to) of a dataset: from its column chunks when they are current, else from its
   * rows — and then, in a writable store not busy with an import, the chunks are built from all
   * its rows in the same immediate transaction (so no write can slip in between), for next time.
   */
  function readBase(id: number, rows: number, from: number, to: number): Candles {
    const cached = db.transaction(() => (chunksValid(id) ? readChunks(id, from, to) : null))();
    if (cached) return cached;
    if (!q.insertChunk || isBusy(db) || db.inTransaction) return readRows(id, rows, from, to);
    return db
      .transaction(() => {
        if (chunksValid(id)) return readChunks(id, from, to);
        const facts = q.datasetFacts.get(id) as Facts;
        const stored = (q.count.get(id, MIN_TS, MAX_TS) as { n: number }).n;
        // Stats that disagree with the rows (never after a complete write): no chunks from them.
        if (stored !== facts.rows) return readRows(id, rows, from, to);
        const all = readRows(id, stored, MIN_TS, MAX_TS);
        dropChunksOf(id);
        writeChunks(id, all);
        return sliceRange(all, from, to);
      })
      .immediate();
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

  function dropChunksOf(id: number): void {
    if (hasChunks && !readonly) dropChunks(db, id);
  }

  function deleteDataset(symbol: string, timeframe: Timeframe): number {
    const d = getDataset(symbol, timeframe);
    if (!d) {
      const stored = (q.bySymbol.all(symbol.toUpperCase()) as DatasetRow[]).map((r) => r.timeframe);
      if (stored.length === 0) throw unknownSymbol(symbol);
      throw new MlfError('NOT_FOUND', `${symbol.toUpperCase()} has no ${timeframe} dataset; stored: ${stored.join(', ')}`);
    }
    return db.transaction(() => {
      dropChunksOf(d.id);
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
