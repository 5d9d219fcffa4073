import type { Database } from 'better-sqlite3';

/**
 * The optimizer's tables, added to the store by one migration step (store/migrations.ts).
 * A generation is written in one transaction together with the GA state that continues after it,
 * so a run killed at any moment resumes from its last completed generation.
 */
export function createRunTables(db: Database): void {
  db.exec(`
    CREATE TABLE ga_runs (
      id                 INTEGER PRIMARY KEY AUTOINCREMENT,
      name               TEXT    NOT NULL,
      status             TEXT    NOT NULL,  -- running | paused | stopped | finished | failed
      owner_pid          INTEGER,           -- process driving it while running or paused
      created_at         INTEGER NOT NULL,
      updated_at         INTEGER NOT NULL,
      symbol             TEXT    NOT NULL,
      timeframe          TEXT    NOT NULL,
      train_from         INTEGER NOT NULL,
      train_to           INTEGER NOT NULL,
      test_from          INTEGER,
      test_to            INTEGER,
      regular_hours_only INTEGER NOT NULL,
      seed               INTEGER NOT NULL,
      workers            INTEGER NOT NULL,
      population_size    INTEGER NOT NULL,
      generations_total  INTEGER NOT NULL,
      generations_done   INTEGER NOT NULL DEFAULT 0,
      config             TEXT    NOT NULL,  -- the validated config (JSON), hyperparameter overrides applied
      hyperparameters    TEXT    NOT NULL,  -- effective ga_hyperparameters (JSON)
      objectives         TEXT    NOT NULL,  -- objective names (JSON array)
      version            TEXT    NOT NULL,  -- program version that started the run
      fingerprint        TEXT    NOT NULL,  -- training data fingerprint (JSON)
      test_fingerprint   TEXT,
      genes              TEXT    NOT NULL,  -- gene specs (JSON), the order of every stored genome
      splits             TEXT    NOT NULL,  -- training chunks (JSON: index and time bounds)
      state              BLOB    NOT NULL,  -- GA state to continue from (next population, PRNG, chunk)
      best               BLOB,              -- per-objective minimum of the last completed generation
      error              TEXT
    );

    CREATE TABLE ga_generations (
      run_id          INTEGER NOT NULL REFERENCES ga_runs(id) ON DELETE CASCADE,
      generation      INTEGER NOT NULL,
      split           INTEGER NOT NULL,
      window_from     INTEGER NOT NULL,
      window_to       INTEGER NOT NULL,
      best            BLOB    NOT NULL,  -- float64 per objective
      mean            BLOB    NOT NULL,
      diversity       TEXT    NOT NULL,  -- JSON
      breeding        TEXT    NOT NULL,
      mutation_rate   REAL    NOT NULL,
      crossover_rate  REAL    NOT NULL,
      elites          TEXT    NOT NULL,  -- JSON individual indices, best first
      seconds         REAL    NOT NULL,
      reply_bytes     INTEGER NOT NULL,
      transfer_ms     REAL    NOT NULL,
      eval_ms         REAL    NOT NULL,
      finished_at     INTEGER NOT NULL,
      PRIMARY KEY (run_id, generation)
    ) WITHOUT ROWID;

    -- Every individual of every generation. Complete statistics (stats) only for the elites and
    -- Pareto fronts (docs/OPTIMIZER.md); metrics for everyone.
    CREATE TABLE ga_individuals (
      run_id          INTEGER NOT NULL,
      generation      INTEGER NOT NULL,
      idx             INTEGER NOT NULL,
      genome          BLOB    NOT NULL,  -- float64 per gene
      objectives      BLOB    NOT NULL,  -- float64 per objective
      front           INTEGER NOT NULL,
      rank            INTEGER NOT NULL,
      crowding        REAL,              -- +Infinity stored as NULL
      elite           INTEGER NOT NULL,
      metrics         BLOB,              -- packed Metrics; NULL when the evaluation failed
      error           TEXT,
      stats           BLOB,              -- packed IndividualStats on the generation's chunk
      full_objectives BLOB,              -- elites, when the chunk is not the whole training range
      full_stats      BLOB,
      test_objectives BLOB,              -- elites, when the run has a test range
      test_stats      BLOB,
      PRIMARY KEY (run_id, generation, idx),
      FOREIGN KEY (run_id, generation) REFERENCES ga_generations(run_id, generation) ON DELETE CASCADE
    ) WITHOUT ROWID;
  `);
}
