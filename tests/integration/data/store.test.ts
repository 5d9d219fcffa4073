import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { MlfError } from '../../../shared/contract/errors';
import { migrate, migrations, type Migration } from '../../../electron/backend/store/migrations';
import { openStore } from '../../../electron/backend/store/candleStore';
import { CandleWriter, refreshDatasetStats, upsertDataset } from '../../../electron/backend/store/writer';
import { tempDir } from '../../helpers/tmp';

const tmp: Array<() => void> = [];
afterEach(() => tmp.splice(0).forEach((f) => f()));
function dir() {
  const t = tempDir();
  tmp.push(t.cleanup);
  return t.dir;
}
const utc = (iso: string) => Date.parse(iso) / 1000;

/** Writes `n` one-minute candles starting at `start` with close = index + 1. */
function seed(path: string, symbol: string, tf: '1m' | '1h' | '1d', start: number, n: number, step = 60) {
  const store = openStore(path);
  const id = upsertDataset(store.db, symbol, tf, 'test', 1);
  const ts = Array.from({ length: n }, (_, i) => start + i * step);
  const px = Array.from({ length: n }, (_, i) => i + 1);
  store.db.transaction(() => {
    new CandleWriter(store.db, id).write(ts, px, px.map((p) => p + 0.5), px.map((p) => p - 0.5), px, px.map(() => 10), n);
    refreshDatasetStats(store.db, id);
  })();
  return store;
}

describe('candle store', () => {
  it('creates the folder and file, in WAL mode, at the latest schema version', () => {
    const path = join(dir(), 'nested', 'deeper', 'store.sqlite');
    const store = openStore(path);
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('user_version', { simple: true })).toBe(migrations.at(-1)!.version);
    expect(store.listDatasets()).toEqual([]);
    store.close();
    expect(readFileSync(path).subarray(0, 15).toString()).toBe('SQLite format 3');
  });

  it('runs appended migrations once, in order, and refuses a newer store', () => {
    const path = join(dir(), 's.sqlite');
    openStore(path).close();
    const db = new Database(path);
    const calls: number[] = [];
    const extra: Migration[] = [
      ...migrations,
      { version: migrations.length + 1, name: 'runs', up: (d) => { calls.push(1); d.exec('CREATE TABLE runs (id INTEGER PRIMARY KEY)'); } },
    ];
    migrate(db, extra);
    migrate(db, extra);
    expect(calls).toEqual([1]);
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.length + 1);
    db.close();
    expect(() => openStore(path)).toThrow(/newer MLF Workstation/);
  });

  it('rejects a migration list with a gap', () => {
    const db = new Database(':memory:');
    expect(() => migrate(db, [{ version: 2, name: 'x', up: () => {} }])).toThrow(/count up from 1/);
  });

  it('loads stored candles into columns and aggregates upward on read', () => {
    const start = utc('2024-03-04T14:30:00Z');
    const store = seed(join(dir(), 's.sqlite'), 'ABC', '1m', start, 120);
    const base = store.loadCandles('abc');
    expect(base.timeframe).toBe('1m');
    expect(base.candles.length).toBe(120);
    expect(base.candles.ts).toBeInstanceOf(Float64Array);
    expect(base.candles.close[119]).toBe(120);
    const h = store.loadCandles('ABC', { timeframe: '1h' });
    // 14:30–14:59 is a partial bucket at 14:00, then 15:00–15:59, then 16:00–16:29.
    expect(Array.from(h.candles.ts)).toEqual([utc('2024-03-04T14:00:00Z'), utc('2024-03-04T15:00:00Z'), utc('2024-03-04T16:00:00Z')]);
    expect(Array.from(h.candles.open)).toEqual([1, 31, 91]);
    expect(Array.from(h.candles.close)).toEqual([30, 90, 120]);
    expect(Array.from(h.candles.high)).toEqual([30.5, 90.5, 120.5]);
    expect(Array.from(h.candles.volume)).toEqual([300, 600, 300]);
    store.close();
  });

  it('windows by candle open time [from, to) and builds edge candles from whole buckets', () => {
    const start = utc('2024-03-04T14:30:00Z');
    const store = seed(join(dir(), 's.sqlite'), 'ABC', '1m', start, 120);
    const h = store.loadCandles('ABC', { timeframe: '1h', from: utc('2024-03-04T14:45:00Z'), to: utc('2024-03-04T16:00:00Z') });
    expect(Array.from(h.candles.ts)).toEqual([utc('2024-03-04T15:00:00Z')]);
    const h2 = store.loadCandles('ABC', { timeframe: '1h', from: utc('2024-03-04T15:00:00Z'), to: utc('2024-03-04T16:00:01Z') });
    expect(Array.from(h2.candles.open)).toEqual([31, 91]);
    expect(Array.from(h2.candles.close)).toEqual([90, 120]); // the 16:00 candle holds all of its bucket
    store.close();
  });

  it('picks the finest stored timeframe that can serve a request', () => {
    const path = join(dir(), 's.sqlite');
    seed(path, 'ABC', '1h', utc('2024-01-01T00:00:00Z'), 48, 3600).close();
    const store = seed(path, 'ABC', '1m', utc('2024-01-01T10:00:00Z'), 60);
    expect(store.loadCandles('ABC', { timeframe: '1h' }).baseTimeframe).toBe('1m');
    expect(store.loadCandles('ABC', { timeframe: '1m' }).baseTimeframe).toBe('1m');
    store.close();
  });

  it('says which symbols exist when one is missing, and refuses to aggregate downward', () => {
    const store = seed(join(dir(), 's.sqlite'), 'ABC', '1h', utc('2024-01-01T00:00:00Z'), 5, 3600);
    let err: unknown;
    try {
      store.loadCandles('XYZ');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(MlfError);
    expect((err as MlfError).code).toBe('NOT_FOUND');
    expect((err as MlfError).message).toMatch(/XYZ.*ABC/);
    expect(() => store.loadCandles('ABC', { timeframe: '1m' })).toThrow(/not down to 1m/);
    store.close();
  });

  it('fingerprints content: stable across opens, different when a value changes', () => {
    const path = join(dir(), 's.sqlite');
    const start = utc('2024-03-04T14:30:00Z');
    let store = seed(path, 'ABC', '1m', start, 100);
    const a = store.fingerprint('ABC', '5m');
    store.close();
    store = openStore(path, { readonly: true });
    const b = store.fingerprint('ABC', '5m');
    expect(b).toEqual(a);
    expect(a.rows).toBe(20);
    expect(a.from).toBe(start - 0); // 14:30 is a 5m boundary
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(store.fingerprint('ABC', '5m', start + 300).hash).not.toBe(a.hash);
    store.close();
    store = openStore(path);
    // 15:24 closes the 15:20 bucket, so its close is part of the 5m content.
    store.db.prepare('UPDATE candles SET close = close + 0.001 WHERE ts = ?').run(start + 60 * 54);
    expect(store.fingerprint('ABC', '5m').hash).not.toBe(a.hash);
    store.close();
  });

  it('opens read-only stores without writing, and reports a missing one', () => {
    const path = join(dir(), 's.sqlite');
    expect(() => openStore(path, { readonly: true })).toThrow(/no candle store/);
    seed(path, 'ABC', '1m', utc('2024-03-04T14:30:00Z'), 10).close();
    const ro = openStore(path, { readonly: true });
    expect(ro.listDatasets()).toHaveLength(1);
    expect(() => ro.db.exec('DELETE FROM candles')).toThrow(/readonly/);
    ro.close();
  });

  it('deletes a dataset with its candles', () => {
    const store = seed(join(dir(), 's.sqlite'), 'ABC', '1m', utc('2024-03-04T14:30:00Z'), 10);
    expect(() => store.deleteDataset('ABC', '1h')).toThrow(/no 1h dataset/);
    expect(store.deleteDataset('abc', '1m')).toBe(10);
    expect(store.listDatasets()).toEqual([]);
    expect(store.db.prepare('SELECT count(*) AS n FROM candles').get()).toEqual({ n: 0 });
    store.close();
  });

  describe('column chunks (a read cache of the candles)', () => {
    const start = utc('2024-03-04T00:00:00Z');
    const n = 10_000; // three chunks of 4096 and a short one
    const chunkRows = (db: Database.Database) => db.prepare('SELECT coalesce(sum(rows), 0) AS n FROM candle_chunks').get() as { n: number };
    const loads = (store: ReturnType<typeof openStore>) => [
      store.loadCandles('ABC'),
      store.loadCandles('ABC', { from: start + 60 * 4000, to: start + 60 * 8300 }),
      store.loadCandles('ABC', { from: start + 60 * 4096, to: start + 60 * 4097 }),
      store.loadCandles('ABC', { from: start - 86400, to: start + 60 }),
      store.loadCandles('ABC', { from: start + 60 * n }),
      store.loadCandles('ABC', { timeframe: '5m', from: start + 60 * 17 }),
      store.loadCandles('ABC', { timeframe: '1h', heikinAshi: true }),
      store.loadCandles('ABC', { regularHoursOnly: true }),
    ];

    it('are built by the first whole load in a writable store and give exactly what the rows give', () => {
      const path = join(dir(), 's.sqlite');
      seed(path, 'ABC', '1m', start, n).close();
      // Read-only and without chunks: every load reads rows.
      let ro = openStore(path, { readonly: true });
      const expected = loads(ro);
      const print = ro.fingerprint('ABC', '5m');
      ro.close();
      const store = openStore(path);
      expect(chunkRows(store.db).n).toBe(0);
      expect(loads(store)).toEqual(expected);
      expect(chunkRows(store.db).n).toBe(n);
      store.close();
      ro = openStore(path, { readonly: true });
      expect(loads(ro)).toEqual(expected);
      expect(ro.fingerprint('ABC', '5m')).toEqual(print);
      ro.close();
    });

    it('are dropped by every write to the dataset — import, replacement, direct SQL, deletion — and loads follow the rows', () => {
      const path = join(dir(), 's.sqlite');
      const store = seed(path, 'ABC', '1m', start, n);
      store.loadCandles('ABC');
      expect(chunkRows(store.db).n).toBe(n);
      // A merge through the writer: new values for existing times and one more candle.
      const id = upsertDataset(store.db, 'ABC', '1m', 'test', 2);
      store.db.transaction(() => {
        new CandleWriter(store.db, id).write([start, start + 60 * n], [7, 8], [7.5, 8.5], [6.5, 7.5], [7, 8], [1, 1], 2);
        refreshDatasetStats(store.db, id);
      })();
      expect(chunkRows(store.db).n).toBe(0);
      let c = store.loadCandles('ABC').candles;
      expect([c.length, c.close[0], c.close[n]]).toEqual([n + 1, 7, 8]);
      expect(chunkRows(store.db).n).toBe(n + 1);
      // Any statement that changes a candle, as another tool might.
      store.db.prepare('UPDATE candles SET close = 99 WHERE ts = ?').run(start + 60 * 5000);
      expect(chunkRows(store.db).n).toBe(0);
      c = store.loadCandles('ABC', { from: start + 60 * 5000, to: start + 60 * 5001 }).candles;
      expect(Array.from(c.close)).toEqual([99]);
      store.db.prepare('DELETE FROM candles WHERE ts = ?').run(start + 60 * 5000);
      refreshDatasetStats(store.db, id);
      c = store.loadCandles('ABC').candles;
      expect(c.length).toBe(n);
      expect(chunkRows(store.db).n).toBe(n);
      expect(store.deleteDataset('ABC', '1m')).toBe(n);
      expect(chunkRows(store.db).n).toBe(0);
      expect(store.db.prepare('SELECT count(*) AS n FROM candle_chunk_sets').get()).toEqual({ n: 0 });
      store.close();
    });
  });
});

