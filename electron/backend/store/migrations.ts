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
