import { MlfError } from '../../../shared/contract/errors';
import type { ExportFile, IndividualDetail, RunSummary, StartRunInput, GenerationDetail, RunDetail } from '../../../shared/contract/runs';
import { initialState, type GaState } from '../../../shared/ga/loop';
import type { EventBus } from '../events';
import { forkSpawner } from '../pool/childProcess';
import { createEvaluator } from '../pool/evaluator';
import type { Spawner } from '../pool/transport';
import { defaultWorkerEntry } from '../pool/workerPath';
import type { CandleStore } from '../store/index';
import { version } from '../version';
import { ActiveRun } from './activeRun';
import { buildExport, eliteConfig, type ExportOptions } from './export';
import { RunRepository, type StoredRun } from './repository';
import { planRun, resolvePlan, type RunPlan } from './setup';

export interface RunManagerOptions {
  /** The store, opened for writing (runs live in its file). */
  store: CandleStore;
  events: EventBus;
  /** How worker processes are started (default: child_process.fork; the desktop app: utilityProcess). */
  spawn?: Spawner;
  /** The built worker entry (default: out/main/worker.js of this program). */
  workerEntry?: string;
}

export interface ResumeOptions {
  /** Worker processes for this session (results do not depend on it). */
  workers?: number;
}

function sameData(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Every run of one store: starts, pauses, resumes and stops runs (several may run at once, each
 * with its own workers), and reads any stored run, generation or individual meanwhile — reads
 * are short WAL reads and never wait for a running generation.
 */
export class RunManager {
  readonly repo: RunRepository;
  private readonly active = new Map<number, ActiveRun>();
  private readonly spawn: Spawner;
  private workerEntry: string | undefined;

  constructor(private readonly opts: RunManagerOptions) {
    this.repo = new RunRepository(opts.store.db);
    this.spawn = opts.spawn ?? forkSpawner;
    this.workerEntry = opts.workerEntry;
  }

  private entry(): string {
    this.workerEntry ??= defaultWorkerEntry();
    return this.workerEntry;
  }

  private isActive = (id: number) => this.active.has(id);

  /** Validates the request, stores the run and starts it; resolves once its workers are ready. */
  async start(input: StartRunInput): Promise<RunSummary> {
    const plan = planRun(this.opts.store, input);
    const h = plan.hyperparameters;
    const state = initialState(plan.setup, h.random_seed);
    const id = this.repo.createRun({
      name: input.name ?? `${plan.config.test_name} · ${plan.symbol}`,
      symbol: plan.symbol,
      timeframe: plan.timeframe,
      train: plan.train,
      test: plan.test,
      regularHoursOnly: plan.regularHoursOnly,
      seed: h.random_seed,
      workers: h.num_workers,
      config: plan.config,
      hyperparameters: h,
      version,
      fingerprint: plan.fingerprint,
      testFingerprint: plan.testFingerprint,
      genes: plan.genes,
      splits: plan.splits,
      state,
      ownerPid: process.pid,
    });
    await this.launch(id, plan, state, null, h.num_workers);
    return this.summary(id);
  }

  private async launch(id: number, plan: RunPlan, state: GaState, best: number[] | null, workers: number): Promise<void> {
    let evaluator;
    try {
      evaluator = await createEvaluator({ workers, data: plan.data, spawn: this.spawn, entry: this.entry(), label: `run ${id}` });
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      this.repo.setStatus(id, 'failed', null, message);
      this.opts.events.emit('runFinished', { id, status: 'failed', generationsDone: this.repo.loadRun(id).generationsDone, error: message, elites: [] });
      throw err;
    }
    const run = new ActiveRun(id, plan, state, best, evaluator, this.repo, {
      progress: (p) => this.opts.events.emit('runProgress', p),
      ended: (status, error, elites) => {
        this.active.delete(id);
        this.opts.events.emit('runFinished', { id, status, generationsDone: this.repo.loadRun(id).generationsDone, error, elites });
      },
    });
    this.active.set(id, run);
  }

  /** Resolves when the run's driver in this process ends (immediately when there is none). */
  async wait(id: number): Promise<RunSummary> {
    await this.active.get(id)?.done;
    return this.summary(id);
  }

  /** The live run object (tests kill its workers; diagnostics read its worker count). */
  activeRun(id: number): ActiveRun | undefined {
    return this.active.get(id);
  }

  async pause(id: number): Promise<RunSummary> {
    const run = this.active.get(id);
    if (!run) throw new MlfError('CONFLICT', `run ${id} is not running in this process (status: ${this.summary(id).status})`);
    await run.pause();
    return this.summary(id);
  }

  /**
   * Resumes a paused run, or continues a stopped or interrupted one from its last completed
   * generation with the stored GA state, after checking that the data is still the same.
   */
  async resume(id: number, opts: ResumeOptions = {}): Promise<RunSummary> {
    const live = this.active.get(id);
    if (live) {
      live.resume();
      return this.summary(id);
    }
    const stored = this.repo.claim(id);
    let plan: RunPlan;
    try {
      plan = this.checkedPlan(id, stored);
    } catch (err) {
      this.repo.setStatus(id, stored.status, null, stored.error);
      throw err;
    }
    await this.launch(id, plan, stored.state, stored.best, opts.workers ?? stored.workers);
    return this.summary(id);
  }

  /** The plan of a stored run, after checking that its data has not changed. */
  private checkedPlan(id: number, stored: StoredRun): RunPlan {
    const plan = resolvePlan(this.opts.store, {
      config: stored.config,
      symbol: stored.symbol,
      train: stored.train,
      test: stored.test,
      regularHoursOnly: stored.regularHoursOnly,
      storePath: this.opts.store.path,
    });
    if (!sameData(plan.fingerprint, stored.fingerprint) || !sameData(plan.testFingerprint, stored.testFingerprint)) {
      throw new MlfError(
        'FAILED',
        `the candles of ${stored.symbol} changed since run ${id} started (fingerprint differs); it cannot be continued reproducibly`,
      );
    }
    return plan;
  }

  /** Stops a run; its completed generations stay and it can be resumed later. */
  async stop(id: number): Promise<RunSummary> {
    const run = this.active.get(id);
    if (run) {
      await run.stop('stopped');
      return this.summary(id);
    }
    const s = this.summary(id);
    if (s.status === 'running' || s.status === 'paused') {
      throw new MlfError('CONFLICT', `run ${id} is being driven by another process; stop it there`);
    }
    if (s.status === 'interrupted') this.repo.setStatus(id, 'stopped', null);
    return this.summary(id);
  }

  summary(id: number): RunSummary {
    return this.repo.summary(id, this.isActive(id));
  }

  list(): RunSummary[] {
    return this.repo.listRuns(this.isActive);
  }

  get(id: number): RunDetail {
    return this.repo.getRun(id, this.isActive);
  }

  generation(id: number, generation: number): GenerationDetail {
    return this.repo.getGeneration(id, generation);
  }

  individual(id: number, generation: number, index: number): IndividualDetail {
    const ind = this.repo.getIndividual(id, generation, index);
    const trainObjectives = ind.full?.objectives ?? ind.row.objectives;
    return {
      ...ind.row,
      runId: id,
      generation,
      genes: ind.run.genes.map((g) => g.key),
      config: eliteConfig(ind.run, ind.genome),
      stats: ind.stats,
      window: ind.generation.window,
      full: ind.full,
      test: ind.test,
      overfitting: ind.test ? trainObjectives.map((v, j) => v - ind.test!.objectives[j]!) : null,
    };
  }

  exportFiles(id: number, opts: ExportOptions = {}): ExportFile[] {
    return buildExport(this.repo, id, opts);
  }

  /** Stops every run this process drives (they stay resumable) and ends their workers. */
  async close(): Promise<void> {
    await Promise.all([...this.active.values()].map((r) => r.stop('closed')));
  }
}
