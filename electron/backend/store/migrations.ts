import type { Database } from 'better-sqlite3';
import { createRunTables } from '../runs/schema';

/**
 * One schema step. `version` is what `PRAGMA user_version` holds once `up` has run; steps run in
 * order, each in its own transaction, so a store is always at exactly one known version.
 * Appending a step (next version number, at the end) is the only way to change the schema.
 */
export interface Migration {
  version: number;
  name: string;
  up(db: Database): void;
}

export const migrations: Migration[] = [
  {
    version: 1,
    name: 'candle store: datasets, candles, meta',
    up(db) {
      db.exec(`
        -- One row per (symbol, stored timeframe). Candles refer to it by id, which keeps each
        -- candle row small; (symbol, timeframe, ts) stays the logical key.
        CREATE TABLE datasets (
          id          INTEGER PRIMARY KEY,
          symbol      TEXT    NOT NULL,
          timeframe   TEXT    NOT NULL,
          first_ts    INTEGER,
          last_ts     INTEGER,
          rows        INTEGER NOT NULL DEFAULT 0,
          source      TEXT,
          imported_at INTEGER NOT NULL,
          UNIQUE (symbol, timeframe)
        );
        -- Clustered on (dataset, ts): a range read is one contiguous b-tree walk in time order.
        CREATE TABLE candles (
          dataset INTEGER NOT NULL,  -- datasets.id; no FK clause, which would cost a parent lookup per inserted row
          ts      INTEGER NOT NULL,
          open    REAL    NOT NULL,
          high    REAL    NOT NULL,
          low     REAL    NOT NULL,
          close   REAL    NOT NULL,
          volume  REAL    NOT NULL,
          PRIMARY KEY (dataset, ts)
        ) WITHOUT ROWID;
        -- Small key/value facts about the store (e.g. whether the sample was ever created).
        CREATE TABLE meta (
          key   TEXT PRIMARY KEY,
          value TEXT NOT NULL
        ) WITHOUT ROWID;
      `);
    },
  },
  {
    version: 2,
    name: 'optimizer runs: ga_runs, ga_generations, ga_individuals',
    up: createRunTables,
  },
  {
    // Also from this version on, runs store each individual's metrics in the binary metrics form
    // (shared/stats/wire.ts), which earlier programs cannot read: they refuse the store instead.
    version: 3,
    name: 'candle column chunks (a read cache of candles)',
    up(db) {
      db.exec(`
        -- The candles of a dataset as column chunks, built from the candles table (the source of
        -- truth) by the first whole load in a writable process and dropped by every write to the
        -- dataset: loading from chunks copies bytes instead of building a JavaScript row per candle.
        -- One row per dataset that has chunks, with the dataset facts they were built from.
        CREATE TABLE candle_chunk_sets (
          dataset     INTEGER PRIMARY KEY,  -- datasets.id
          rows        INTEGER NOT NULL,
          first_ts    INTEGER,
          last_ts     INTEGER,
          imported_at INTEGER NOT NULL
        );
        CREATE TABLE candle_chunks (
          dataset  INTEGER NOT NULL,
          first_ts INTEGER NOT NULL,  -- open time of the chunk's first and last candle
          last_ts  INTEGER NOT NULL,
          rows     INTEGER NOT NULL,
          data     BLOB    NOT NULL,  -- rows × 6 little-endian float64, column by column: ts, open, high, low, close, volume
          PRIMARY KEY (dataset, first_ts)
        ) WITHOUT ROWID;
        -- A candle changed or deleted by any statement (the program's writers also drop chunks
        -- before writing, so these find none to drop and cost one lookup per changed row).
        CREATE TRIGGER candles_update_drops_chunks AFTER UPDATE ON candles
          WHEN EXISTS (SELECT 1 FROM candle_chunk_sets WHERE dataset IN (OLD.dataset, NEW.dataset))
        BEGIN
          DELETE FROM candle_chunks WHERE dataset IN (OLD.dataset, NEW.dataset);
          DELETE FROM candle_chunk_sets WHERE dataset IN (OLD.dataset, NEW.dataset);
        END;
        CREATE TRIGGER candles_delete_drops_chunks AFTER DELETE ON candles
          WHEN EXISTS (SELECT 1 FROM candle_chunk_sets WHERE dataset = OLD.dataset)
        BEGIN
          DELETE FROM candle_chunks WHERE dataset = OLD.dataset;
          DELETE FROM candle_chunk_sets WHERE dataset = OLD.dataset;
        END;
      `);
    },
  },
  {
    version: 4,
    name: 'evaluations per generation',
    up(db) {
      // Generations stored before hold NULL: every individual was evaluated then.
      db.exec('ALTER TABLE ga_generations ADD COLUMN evaluations INTEGER');
    },
  },
];

/** Brings `db` up to the last migration. Refuses a store written by a newer program. */
export function migrate(db: Database, list: readonly Migration[] = migrations): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = list.length ? list[list.length - 1]!.version : 0;
  if (current > latest) {
    throw new Error(
      `the store was written by a newer MLF Workstation (schema ${current}, this program knows ${latest}); update the program`,
    );
  }
  for (let i = 0; i < list.length; i++) {
    const m = list[i]!;
    if (m.version !== (i === 0 ? 1 : list[i - 1]!.version + 1)) {
      throw new Error(`migration '${m.name}' has version ${m.version}; versions must count up from 1`);
    }
    if (m.version <= current) continue;
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
}
