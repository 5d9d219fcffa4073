import type { Database, Statement } from 'better-sqlite3';
import type { GaHyperparameters, StrategyConfig } from '../../../shared/config/types';
import type {
  GenerationDetail,
  GenerationSummary,
  IndividualRow,
  RunDetail,
  RunStatus,
  RunSummary,
} from '../../../shared/contract/runs';
import { MlfError } from '../../../shared/contract/errors';
import type { Diversity } from '../../../shared/ga/diversity';
import type { GeneSpec } from '../../../shared/ga/genes';
import type { GaState } from '../../../shared/ga/loop';
import type { IndexWindow } from '../../../shared/ga/splits';
import type { IndividualStats, Metrics } from '../../../shared/stats/types';
import type { TimeRange } from '../pool/protocol';
import { f64Blob, metricsBlob, storedMetrics, f64FromBlob, numbersFromBlob, packState, packStats, unpackState, unpackStats } from './blobs';

/** A training chunk with its time bounds (first candle's open, last candle's open). */
export interface StoredSplit extends IndexWindow {
  fromTime: number;
  toTime: number;
}

export interface NewRun {
  name: string;
  symbol: string;
  timeframe: string;
  train: TimeRange;
  test: TimeRange | null;
  regularHoursOnly: boolean;
  seed: number;
  workers: number;
  config: StrategyConfig;
  hyperparameters: GaHyperparameters;
  version: string;
  fingerprint: unknown;
  testFingerprint: unknown | null;
  genes: GeneSpec[];
  splits: StoredSplit[];
  state: GaState;
  ownerPid: number;
}

/** Complete statistics to store: decoded, or already in their stored binary form (`encodeStats`, shared/stats/wire.ts). */
export type StatsToStore = IndividualStats | Uint8Array;

export interface Evaluation {
  objectives: number[];
  stats: StatsToStore | null;
}

export interface IndividualRecord {
  index: number;
  genome: Float64Array;
  objectives: number[];
  front: number;
  rank: number;
  crowding: number;
  elite: boolean;
  /** Decoded, or already in the stored binary form (`encodeMetrics`, as a worker's reply holds them). */
  metrics: Metrics | Uint8Array | null;
  error: string | null;
  /** Complete statistics on the generation's chunk, when this individual's are kept. */
  stats: StatsToStore | null;
  full: Evaluation | null;
  test: Evaluation | null;
}

export interface GenerationRecord {
  generation: number;
  split: number;
  window: IndexWindow;
  best: number[];
  mean: number[];
  diversity: Diversity;
  breeding: 'recipe' | 'reinjection';
  rates: { mutation: number; crossover: number };
  elites: number[];
  seconds: number;
  replyBytes: number;
  transferMs: number;
  evalMs: number;
  /** Evaluations run (genomes carried over unchanged were not evaluated again). */
  evaluations: number;
  individuals: IndividualRecord[];
  /** The state that continues the run after this generation. */
  next: GaState;
}

/** The run row as stored, for the manager to continue a run. */
export interface StoredRun {
  id: number;
  name: string;
  status: Exclude<RunStatus, 'interrupted'>;
  ownerPid: number | null;
  symbol: string;
  timeframe: string;
  train: TimeRange;
  test: TimeRange | null;
  regularHoursOnly: boolean;
  seed: number;
  workers: number;
  populationSize: number;
  generationsTotal: number;
  generationsDone: number;
  config: StrategyConfig;
  hyperparameters: GaHyperparameters;
  objectives: string[];
  version: string;
  fingerprint: unknown;
  testFingerprint: unknown | null;
  genes: GeneSpec[];
  splits: StoredSplit[];
  state: GaState;
  best: number[] | null;
  createdAt: number;
  updatedAt: number;
  error: string | null;
}

/** The columns a run summary needs (listing runs never unpacks configs or GA states). */
interface SummaryRow {
  id: number;
  name: string;
  status: string;
  owner_pid: number | null;
  created_at: number;
  updated_at: number;
  symbol: string;
  timeframe: string;
  train_from: number;
  train_to: number;
  test_from: number | null;
  test_to: number | null;
  regular_hours_only: number;
  seed: number;
  workers: number;
  population_size: number;
  generations_total: number;
  generations_done: number;
  objectives: string;
  version: string;
  best: Buffer | null;
  error: string | null;
}

const SUMMARY_COLUMNS =
  'id, name, status, owner_pid, created_at, updated_at, symbol, timeframe, train_from, train_to, test_from, test_to, ' +
  'regular_hours_only, seed, workers, population_size, generations_total, generations_done, objectives, version, best, error';

/** A whole run row: the summary's columns plus what reopening or resuming a run needs. */
interface RunRow extends SummaryRow {
  config: string;
  hyperparameters: string;
  fingerprint: string;
  test_fingerprint: string | null;
  genes: string;
  splits: string;
  state: Buffer;
}

interface GenerationRow {
  generation: number;
  split: number;
  window_from: number;
  window_to: number;
  best: Buffer;
  mean: Buffer;
  diversity: string;
  breeding: string;
  mutation_rate: number;
  crossover_rate: number;
  elites: string;
  seconds: number;
  reply_bytes: number;
  transfer_ms: number;
  eval_ms: number;
  evaluations: number | null;
  finished_at: number;
}

interface IndividualDbRow {
  idx: number;
  genome: Buffer;
  objectives: Buffer;
  front: number;
  rank: number;
  crowding: number | null;
  elite: number;
  metrics: Buffer | null;
  error: string | null;
  has_stats: number;
}

interface IndividualFullRow extends IndividualDbRow {
  stats: Buffer | null;
  full_objectives: Buffer | null;
  full_stats: Buffer | null;
  test_objectives: Buffer | null;
  test_stats: Buffer | null;
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

/** Whether a process with this id exists (signal 0 checks without signalling). */
function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Reads and writes the run tables. Every write is one short transaction, so a UI browsing runs
 * (WAL readers) is never blocked for long by a run storing a generation.
 */
export class RunRepository {
  private readonly q: Record<string, Statement>;

  constructor(private readonly db: Database) {
    this.q = {
      insertRun: db.prepare(`
        INSERT INTO ga_runs (name, status, owner_pid, created_at, updated_at, symbol, timeframe, train_from, train_to,
          test_from, test_to, regular_hours_only, seed, workers, population_size, generations_total, config,
          hyperparameters, objectives, version, fingerprint, test_fingerprint, genes, splits, state)
        VALUES (@name, 'running', @owner_pid, @now, @now, @symbol, @timeframe, @train_from, @train_to,
          @test_from, @test_to, @rho, @seed, @workers, @population_size, @generations_total, @config,
          @hyperparameters, @objectives, @version, @fingerprint, @test_fingerprint, @genes, @splits, @state)`),
      run: db.prepare('SELECT * FROM ga_runs WHERE id = ?'),
      runs: db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM ga_runs ORDER BY id DESC`),
      runSummary: db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM ga_runs WHERE id = ?`),
      setStatus: db.prepare('UPDATE ga_runs SET status = ?, owner_pid = ?, error = ?, updated_at = ? WHERE id = ?'),
      insertGeneration: db.prepare(`
        INSERT INTO ga_generations (run_id, generation, split, window_from, window_to, best, mean, diversity, breeding,
          mutation_rate, crossover_rate, elites, seconds, reply_bytes, transfer_ms, eval_ms, evaluations, finished_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      insertIndividual: db.prepare(`
        INSERT INTO ga_individuals (run_id, generation, idx, genome, objectives, front, rank, crowding, elite, metrics,
          error, stats, full_objectives, full_stats, test_objectives, test_stats)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      advanceRun: db.prepare('UPDATE ga_runs SET generations_done = ?, state = ?, best = ?, updated_at = ? WHERE id = ?'),
      generations: db.prepare('SELECT * FROM ga_generations WHERE run_id = ? ORDER BY generation'),
      generation: db.prepare('SELECT * FROM ga_generations WHERE run_id = ? AND generation = ?'),
      individuals: db.prepare(`
        SELECT idx, genome, objectives, front, rank, crowding, elite, metrics, error, stats IS NOT NULL AS has_stats
        FROM ga_individuals WHERE run_id = ? AND generation = ? ORDER BY idx`),
      individual: db.prepare(`
        SELECT *, stats IS NOT NULL AS has_stats FROM ga_individuals WHERE run_id = ? AND generation = ? AND idx = ?`),
      dropLaterGenerations: db.prepare('DELETE FROM ga_generations WHERE run_id = ? AND generation > ?'),
      dropLaterIndividuals: db.prepare('DELETE FROM ga_individuals WHERE run_id = ? AND generation > ?'),
    };
  }

  createRun(r: NewRun): number {
    const info = this.q.insertRun!.run({
      name: r.name,
      owner_pid: r.ownerPid,
      now: nowSeconds(),
      symbol: r.symbol,
      timeframe: r.timeframe,
      train_from: r.train.from,
      train_to: r.train.to,
      test_from: r.test?.from ?? null,
      test_to: r.test?.to ?? null,
      rho: r.regularHoursOnly ? 1 : 0,
      seed: r.seed,
      workers: r.workers,
      population_size: r.state.population.length,
      generations_total: r.hyperparameters.number_of_iterations,
      config: JSON.stringify(r.config),
      hyperparameters: JSON.stringify(r.hyperparameters),
      objectives: JSON.stringify(r.config.objectives.map((o) => o.objective)),
      version: r.version,
      fingerprint: JSON.stringify(r.fingerprint),
      test_fingerprint: r.testFingerprint === null ? null : JSON.stringify(r.testFingerprint),
      genes: JSON.stringify(r.genes),
      splits: JSON.stringify(r.splits),
      state: packState(r.state),
    });
    return Number(info.lastInsertRowid);
  }

  setStatus(id: number, status: Exclude<RunStatus, 'interrupted'>, ownerPid: number | null, error: string | null = null): void {
    this.q.setStatus!.run(status, ownerPid, error, nowSeconds(), id);
  }

  /**
   * Stores one completed generation and the state after it, atomically. Generations after it
   * (left by a process killed between this generation's evaluation and a later write) are
   * replaced, which cannot happen in order but keeps the tables consistent if it did.
   */
  saveGeneration(runId: number, g: GenerationRecord): void {
    this.db.transaction(() => {
      this.q.dropLaterIndividuals!.run(runId, g.generation - 1);
      this.q.dropLaterGenerations!.run(runId, g.generation - 1);
      this.q.insertGeneration!.run(
        runId,
        g.generation,
        g.split,
        g.window.from,
        g.window.to,
        f64Blob(g.best),
        f64Blob(g.mean),
        JSON.stringify(g.diversity),
        g.breeding,
        g.rates.mutation,
        g.rates.crossover,
        JSON.stringify(g.elites),
        g.seconds,
        Math.round(g.replyBytes),
        g.transferMs,
        g.evalMs,
        g.evaluations,
        nowSeconds(),
      );
      for (const ind of g.individuals) {
        this.q.insertIndividual!.run(
          runId,
          g.generation,
          ind.index,
          f64Blob(ind.genome),
          f64Blob(ind.objectives),
          ind.front,
          ind.rank,
          Number.isFinite(ind.crowding) ? ind.crowding : null,
          ind.elite ? 1 : 0,
          ind.metrics ? metricsBlob(ind.metrics) : null,
          ind.error,
          ind.stats ? packStats(ind.stats) : null,
          ind.full ? f64Blob(ind.full.objectives) : null,
          ind.full?.stats ? packStats(ind.full.stats) : null,
          ind.test ? f64Blob(ind.test.objectives) : null,
          ind.test?.stats ? packStats(ind.test.stats) : null,
        );
      }
      this.q.advanceRun!.run(g.generation, packState(g.next), f64Blob(g.best), nowSeconds(), runId);
    })();
  }

  private row(id: number): RunRow {
    const r = this.q.run!.get(id) as RunRow | undefined;
    if (!r) throw new MlfError('NOT_FOUND', `no run with id ${id}`);
    return r;
  }

  loadRun(id: number): StoredRun {
    return toStored(this.row(id));
  }

  /** `isActive(id)`: whether this process drives the run; others' live runs are detected by pid. */
  listRuns(isActive: (id: number) => boolean): RunSummary[] {
    return (this.q.runs!.all() as SummaryRow[]).map((r) => summary(r, isActive(r.id)));
  }

  summary(id: number, active: boolean): RunSummary {
    const r = this.q.runSummary!.get(id) as SummaryRow | undefined;
    if (!r) throw new MlfError('NOT_FOUND', `no run with id ${id}`);
    return summary(r, active);
  }

  getRun(id: number, isActive: (id: number) => boolean): RunDetail {
    const row = this.row(id);
    const run = toStored(row);
    return {
      ...summary(row, isActive(id)),
      config: run.config,
      hyperparameters: run.hyperparameters,
      fingerprint: run.fingerprint,
      testFingerprint: run.testFingerprint,
      genes: run.genes.map((g) => ({ key: g.key, kind: g.kind, type: g.type, lo: g.lo, hi: g.hi, mutable: g.mutable })),
      splits: run.splits,
      generations: (this.q.generations!.all(id) as GenerationRow[]).map((g) => generationSummary(g, run.splits)),
    };
  }

  getGeneration(id: number, generation: number): GenerationDetail {
    const run = toStored(this.row(id));
    const g = this.q.generation!.get(id, generation) as GenerationRow | undefined;
    if (!g) throw new MlfError('NOT_FOUND', `run ${id} has no generation ${generation} (completed: ${run.generationsDone})`);
    return {
      ...generationSummary(g, run.splits),
      runId: id,
      genes: run.genes.map((s) => s.key),
      objectiveNames: run.objectives,
      individuals: (this.q.individuals!.all(id, generation) as IndividualDbRow[]).map(individualRow),
    };
  }

  /** One stored individual with everything kept about it. */
  getIndividual(id: number, generation: number, index: number) {
    const row = this.q.individual!.get(id, generation, index) as IndividualFullRow | undefined;
    if (!row) throw new MlfError('NOT_FOUND', `run ${id} generation ${generation} has no individual ${index}`);
    const g = this.q.generation!.get(id, generation) as GenerationRow;
    const run = toStored(this.row(id));
    return {
      run,
      generation: generationSummary(g, run.splits),
      row: individualRow(row),
      genome: f64FromBlob(row.genome),
      stats: row.stats ? unpackStats(row.stats) : null,
      full: row.full_objectives
        ? { objectives: numbersFromBlob(row.full_objectives), stats: row.full_stats ? unpackStats(row.full_stats) : null }
        : null,
      test: row.test_objectives
        ? { objectives: numbersFromBlob(row.test_objectives), stats: row.test_stats ? unpackStats(row.test_stats) : null }
        : null,
    };
  }

  /** Objective values of every individual of every generation (for the CSV export). */
  *objectiveRows(id: number, upTo?: number): Generator<{ generation: number; index: number; front: number; rank: number; elite: boolean; objectives: number[] }> {
    const stmt = this.db.prepare(
      'SELECT generation, idx, front, rank, elite, objectives FROM ga_individuals WHERE run_id = ? AND generation <= ? ORDER BY generation, idx',
    );
    for (const r of stmt.iterate(id, upTo ?? Number.MAX_SAFE_INTEGER) as IterableIterator<{
      generation: number;
      idx: number;
      front: number;
      rank: number;
      elite: number;
      objectives: Buffer;
    }>) {
      yield { generation: r.generation, index: r.idx, front: r.front, rank: r.rank, elite: r.elite === 1, objectives: numbersFromBlob(r.objectives) };
    }
  }

  /**
   * Marks a run as driven by this process, in one immediate transaction with the check that no
   * other live process drives it, so two processes resuming the same run cannot both win.
   */
  claim(id: number): StoredRun {
    return this.db
      .transaction(() => {
        const run = toStored(this.row(id));
        if (run.status === 'finished') throw new MlfError('CONFLICT', `run ${id} has finished all ${run.generationsTotal} generations`);
        if (this.ownedElsewhere(run)) {
          throw new MlfError('CONFLICT', `run ${id} is being driven by another process (pid ${run.ownerPid}); pause or stop it there`);
        }
        this.q.setStatus!.run('running', process.pid, null, nowSeconds(), id);
        return run;
      })
      .immediate();
  }

  /** Whether a stored run is driven by a live process other than this one. */
  ownedElsewhere(run: StoredRun): boolean {
    return (run.status === 'running' || run.status === 'paused') && run.ownerPid !== null && run.ownerPid !== process.pid && processAlive(run.ownerPid);
  }
}

function toStored(r: RunRow): StoredRun {
  const run: Omit<StoredRun, 'state'> = {
    ...commonFields(r),
    status: r.status as StoredRun['status'],
    ownerPid: r.owner_pid,
    config: JSON.parse(r.config) as StrategyConfig,
    hyperparameters: JSON.parse(r.hyperparameters) as GaHyperparameters,
    fingerprint: JSON.parse(r.fingerprint) as unknown,
    testFingerprint: r.test_fingerprint === null ? null : (JSON.parse(r.test_fingerprint) as unknown),
    genes: JSON.parse(r.genes) as GeneSpec[],
    splits: JSON.parse(r.splits) as StoredSplit[],
  };
  // The GA state (a whole population) is unpacked only by the callers that continue the run.
  let state: GaState | undefined;
  return Object.defineProperty(run, 'state', { enumerable: true, get: () => (state ??= unpackState(r.state)) }) as StoredRun;
}

function summary(r: SummaryRow, active: boolean): RunSummary {
  let status = r.status as RunStatus;
  if ((status === 'running' || status === 'paused') && !active) {
    const elsewhere = r.owner_pid !== null && r.owner_pid !== process.pid && processAlive(r.owner_pid);
    if (!elsewhere) status = 'interrupted';
  }
  return { ...commonFields(r), status, active };
}

/** What a stored run and its summary both show, from the columns they share. */
function commonFields(r: SummaryRow) {
  return {
    id: r.id,
    name: r.name,
    symbol: r.symbol,
    timeframe: r.timeframe,
    train: { from: r.train_from, to: r.train_to },
    test: r.test_from === null || r.test_to === null ? null : { from: r.test_from, to: r.test_to },
    regularHoursOnly: r.regular_hours_only === 1,
    seed: r.seed,
    workers: r.workers,
    populationSize: r.population_size,
    generationsTotal: r.generations_total,
    generationsDone: r.generations_done,
    objectives: JSON.parse(r.objectives) as string[],
    best: r.best ? numbersFromBlob(r.best) : null,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
    error: r.error,
  };
}

function generationSummary(g: GenerationRow, splits: readonly StoredSplit[]): GenerationSummary {
  const s = splits[g.split];
  return {
    generation: g.generation,
    split: g.split,
    window: {
      from: g.window_from,
      to: g.window_to,
      fromTime: s && s.from === g.window_from ? s.fromTime : NaN,
      toTime: s && s.to === g.window_to ? s.toTime : NaN,
    },
    best: numbersFromBlob(g.best),
    mean: numbersFromBlob(g.mean),
    diversity: JSON.parse(g.diversity) as Diversity,
    breeding: g.breeding as GenerationSummary['breeding'],
    rates: { mutation: g.mutation_rate, crossover: g.crossover_rate },
    elites: JSON.parse(g.elites) as number[],
    seconds: g.seconds,
    replyBytes: g.reply_bytes,
    transferMs: g.transfer_ms,
    evalMs: g.eval_ms,
    evaluations: g.evaluations,
    finishedAt: g.finished_at,
  };
}

function individualRow(r: IndividualDbRow): IndividualRow {
  return {
    index: r.idx,
    objectives: numbersFromBlob(r.objectives),
    front: r.front,
    rank: r.rank,
    crowding: r.crowding === null ? Infinity : r.crowding,
    elite: r.elite === 1,
    hasStats: r.has_stats === 1,
    genome: numbersFromBlob(r.genome),
    metrics: r.metrics ? storedMetrics(r.metrics) : null,
    error: r.error,
  };
}
