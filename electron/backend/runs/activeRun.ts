import { MlfError } from '../../../shared/contract/errors';
import type { RunProgress, RunStatus } from '../../../shared/contract/runs';
import { TopCandidates } from '../../../shared/ga/candidates';
import { concludeGeneration, type GaState, type GenerationOutcome } from '../../../shared/ga/loop';
import type { IndexWindow } from '../../../shared/ga/splits';
import type { Evaluator } from '../pool/evaluator';
import type { EvalResult, EvalTask } from '../pool/protocol';
import type { IndividualRecord, RunRepository } from './repository';
import type { RunPlan } from './setup';
import { genomeKey, holdsStats, PreviousResults, ReusedResult } from './reuse';

export interface ActiveRunHooks {
  progress(p: RunProgress): void;
  /** The driver ended (finished, stopped, failed or interrupted by a close). */
  ended(status: RunStatus, error: string | null, lastElites: Array<{ index: number; objectives: number[] }>): void;
}

const PROGRESS_INTERVAL_MS = 250;

/** Reply bytes, transfer and evaluation time summed over a generation's evaluations, and their count. */
function totals(all: readonly EvalResult[]): { replyBytes: number; transferMs: number; evalMs: number; evaluations: number } {
  let replyBytes = 0;
  let transferMs = 0;
  let evalMs = 0;
  let evaluations = 0;
  for (const r of all) {
    if (r instanceof ReusedResult) continue;
    evaluations++;
    replyBytes += r.replyBytes;
    transferMs += r.transferMs;
    evalMs += r.evalMs;
  }
  return { replyBytes, transferMs, evalMs, evaluations };
}

/** The individuals a generation stores with their complete statistics. */
function keptIndividuals(plan: RunPlan, outcome: GenerationOutcome, total: number): boolean[] {
  const h = plan.hyperparameters;
  const { ranking, elites } = outcome;
  const keepTop = Math.max(h.elite_size, h.elites_to_save);
  const keepFront0 = h.save_elites_every_epoch || outcome.generation === total;
  const kept: boolean[] = [];
  for (let i = 0; i < ranking.rank.length; i++) kept.push(ranking.rank[i]! < keepTop || (keepFront0 && ranking.front[i] === 0));
  for (const i of elites) kept[i] = true;
  return kept;
}

/** The elites' results on a whole range, by genome, for the next generation. */
function previousOf(window: IndexWindow, keys: readonly string[], byIndex: ReadonlyMap<number, EvalResult>): PreviousResults {
  const k: string[] = [];
  const r: EvalResult[] = [];
  for (const [i, result] of byIndex) {
    k.push(keys[i]!);
    r.push(result);
  }
  return new PreviousResults(window, k, r);
}

/** Per objective: lowest and mean value over a generation. */
function bestAndMean(objectives: readonly (readonly number[])[]): { best: number[]; mean: number[] } {
  const k = objectives[0]?.length ?? 0;
  const best = new Array<number>(k).fill(Infinity);
  const mean = new Array<number>(k).fill(0);
  for (const o of objectives) {
    for (let j = 0; j < k; j++) {
      if (o[j]! < best[j]!) best[j] = o[j]!;
      mean[j] += o[j]! / objectives.length;
    }
  }
  return { best, mean };
}

/**
 * Drives one run: evaluates each generation's population on its chunk, ranks and breeds through
 * the pure loop, evaluates the elites on the whole training range and on the test range, and
 * stores the generation with the state that continues it — one transaction per generation.
 */
export class ActiveRun {
  private state: GaState;
  private stopRequested: 'stopped' | 'closed' | null = null;
  private pausedFlag = false;
  private readonly startedAt = performance.now();
  private readonly generationSeconds: number[] = [];
  private lastProgressAt = 0;
  private lastBoundaryAt = -Infinity;
  private lastBest: number[] | null;
  private lastDiversity: number | null = null;
  private lastElites: Array<{ index: number; objectives: number[] }> = [];
  /**
   * The last evaluated generation's results, for the genomes the next one carries over unchanged:
   * the population's on its chunk, and the elites' on the whole training range and the test range.
   */
  private previous: PreviousResults | null = null;
  private previousFull: PreviousResults | null = null;
  private previousTest: PreviousResults | null = null;
  /**
   * Individuals whose result was taken from an equal genome, those of them evaluated after all
   * (stored with their statistics, which the result taken over had let go), and elites' whole-range
   * evaluations taken from the generation before.
   */
  readonly reuse = { taken: 0, evaluatedAgain: 0, elitesTaken: 0 };
  /** The latest generation's store, while it runs (and after). */
  private pendingStore: Promise<void> | null = null;
  readonly done: Promise<void>;

  constructor(
    readonly id: number,
    private readonly plan: RunPlan,
    initial: GaState,
    best: number[] | null,
    private readonly evaluator: Evaluator,
    private readonly repo: RunRepository,
    private readonly hooks: ActiveRunHooks,
  ) {
    this.state = initial;
    this.lastBest = best;
    this.done = this.drive();
  }

  get paused(): boolean {
    return this.pausedFlag;
  }

  get workers(): number {
    return this.evaluator.workers;
  }

  /** The generation being evaluated (the bench samples what each generation costs). */
  get generation(): number {
    return this.state.generation;
  }

  /** For tests: the worker processes' ids. */
  pids(): number[] {
    return (this.evaluator as { pids?: () => number[] }).pids?.() ?? [];
  }

  /** Stops handing out work; resolves when the evaluations already running have finished. */
  async pause(): Promise<void> {
    if (this.pausedFlag || this.stopRequested) return;
    this.pausedFlag = true;
    this.evaluator.pause();
    this.repo.setStatus(this.id, 'paused', process.pid);
    await this.evaluator.idle();
    await this.storesSettled();
    this.emitProgress('always', this.state.generation, 0);
  }

  /**
   * Waits until no generation is being stored: the batch that completed as the run paused is
   * concluded and stored (which takes a turn of the event loop to start), so the stored
   * generation count a paused run reports does not change afterwards.
   */
  private async storesSettled(): Promise<void> {
    for (;;) {
      const pending = this.pendingStore;
      await pending?.catch(() => undefined);
      await new Promise((resolve) => setImmediate(resolve));
      if (this.pendingStore === pending) return;
    }
  }

  resume(): void {
    if (!this.pausedFlag || this.stopRequested) return;
    this.pausedFlag = false;
    this.repo.setStatus(this.id, 'running', process.pid);
    this.evaluator.resume();
    this.emitProgress('always', this.state.generation, 0);
  }

  /**
   * Ends the run at once: the generation in flight is dropped (the stored state still continues
   * from the last completed one) and every worker is ended. `closed`: the host is shutting down.
   */
  async stop(reason: 'stopped' | 'closed' = 'stopped'): Promise<void> {
    if (!this.stopRequested) this.stopRequested = reason;
    await this.evaluator.close();
    await this.done;
  }

  /** What the evaluator measured so far (tasks, reply bytes, transfer and evaluation time, replaced workers). */
  get counters() {
    return this.evaluator.counters;
  }

  private get total(): number {
    return this.plan.hyperparameters.number_of_iterations;
  }

  private tasksPerGeneration(): number {
    const n = this.plan.setup.params.populationSize;
    const e = this.plan.setup.params.eliteSize;
    const chunked = this.plan.splits.length > 1;
    return n + (chunked ? e : 0) + (this.plan.testWindow ? e : 0);
  }

  /**
   * `generation` is the one being evaluated (or just stored, with evaluated = total). Evaluations
   * (`tick`) and generation starts and ends (`boundary`) are each reported at most once per
   * PROGRESS_INTERVAL_MS, so a slow run reports every generation and a run of tiny generations
   * does not flood its clients; `always` for pause, resume and the last generation.
   */
  private emitProgress(kind: 'tick' | 'boundary' | 'always', generation: number, evaluated: number, best: number[] | null = this.lastBest): void {
    const t = performance.now();
    if (kind === 'tick' && (t - this.lastProgressAt < PROGRESS_INTERVAL_MS || t - this.lastBoundaryAt < PROGRESS_INTERVAL_MS)) return;
    if (kind === 'boundary' && t - this.lastBoundaryAt < PROGRESS_INTERVAL_MS) return;
    this.lastProgressAt = t;
    if (kind !== 'tick') this.lastBoundaryAt = t;
    const total = this.tasksPerGeneration();
    let eta: number | null = null;
    if (this.generationSeconds.length > 0) {
      const per = this.generationSeconds.reduce((a, b) => a + b, 0) / this.generationSeconds.length;
      eta = Math.max(0, (this.total - generation + 1 - evaluated / total) * per);
    }
    this.hooks.progress({
      id: this.id,
      status: this.pausedFlag ? 'paused' : 'running',
      generation,
      generationsTotal: this.total,
      evaluated,
      total,
      best,
      diversity: this.lastDiversity,
      elapsedSeconds: (t - this.startedAt) / 1000,
      etaSeconds: eta,
    });
  }

  private async drive(): Promise<void> {
    // Let the caller register the run and subscribe to its events before work starts.
    await new Promise((resolve) => setImmediate(resolve));
    let status: RunStatus = 'finished';
    let error: string | null = null;
    // A generation is stored while the workers already evaluate the next one.
    let storePrevious: (() => Promise<void>) | null = null;
    try {
      while (this.state.generation <= this.total) {
        if (this.stopRequested) break;
        storePrevious = await this.runGeneration(storePrevious);
      }
      await storePrevious?.();
      if (this.stopRequested) status = 'stopped';
    } catch (err) {
      // A generation that completed before the stop is kept (storing twice is a no-op).
      try {
        await storePrevious?.();
      } catch {
        // the original error says more
      }
      if (this.stopRequested || (err instanceof MlfError && err.code === 'CANCELLED')) status = 'stopped';
      else {
        status = 'failed';
        error = err instanceof Error ? err.message : String(err);
      }
    } finally {
      await this.evaluator.close().catch(() => undefined);
    }
    this.repo.setStatus(this.id, status as Exclude<RunStatus, 'interrupted'>, null, error);
    this.hooks.ended(status, error, this.lastElites);
  }

  /**
   * Evaluates the current generation and breeds the next; returns the step that stores it (and
   * reports it complete), which the caller starts once the next generation's batch is out. The
   * step is idempotent.
   */
  private async runGeneration(storePrevious: (() => Promise<void>) | null): Promise<() => Promise<void>> {
    const t0 = performance.now();
    const plan = this.plan;
    const state = this.state;
    const window = plan.splits[state.split] ?? plan.trainWindow;
    // Loops rather than callbacks in this per-generation code: V8 compiles each new closure that
    // gets hot on its own, so callbacks made every generation were compiled every generation.
    const n = state.population.length;
    const keys: string[] = [];
    const tasks: EvalTask[] = [];
    // Genomes met before — in the last generation on this window, or earlier in this one — are not
    // evaluated again (reuse.ts): from whom each takes its result.
    const earlier: (EvalResult | undefined)[] = new Array(n);
    const copyOf = new Map<number, number>();
    const firstWith = new Map<string, number>();
    for (let index = 0; index < n; index++) {
      const genome = state.population[index]!;
      const key = genomeKey(genome);
      keys.push(key);
      earlier[index] = this.previous?.find(key, window);
      if (earlier[index]) continue;
      const first = firstWith.get(key);
      if (first !== undefined) copyOf.set(index, first);
      else {
        firstWith.set(key, index);
        tasks.push({ index, genome, market: 'train', window });
      }
    }
    let evaluated = 0;
    const best = new Array<number>(plan.config.objectives.length).fill(Infinity);
    // Until the previous generation is stored and reported complete, this one's results are
    // counted but not reported: progress stays in generation order.
    let reporting = storePrevious === null;
    const onResult = (r: EvalResult) => {
      evaluated++;
      for (let j = 0; j < r.objectives.length; j++) if (r.objectives[j]! < best[j]!) best[j] = r.objectives[j]!;
      if (reporting) this.emitProgress('tick', state.generation, evaluated, best);
    };
    // Complete statistics are kept only while an individual can still be stored with them; the
    // others keep their metrics. A generation's replies would otherwise all stay in memory.
    const h = plan.hyperparameters;
    const candidates = new TopCandidates(Math.max(h.elite_size, h.elites_to_save), plan.setup.params.penalty);
    const results: EvalResult[] = new Array(n);
    const onPopulationResult = (r: EvalResult) => {
      results[r.index] = r;
      for (const i of candidates.add(r.index, keys[r.index]!, r.objectives)) results[i]!.stats = null;
      onResult(r);
    };
    for (let index = 0; index < n; index++) {
      const from = earlier[index];
      if (!from) continue;
      this.reuse.taken++;
      onPopulationResult(new ReusedResult(index, from));
    }
    // The batch is handed out first, then the previous generation is stored while it runs; this
    // generation is reported started once that one is reported complete.
    const batch = this.evaluator.evaluate(tasks, onPopulationResult);
    const started = (storePrevious ? storePrevious() : Promise.resolve()).then(() => {
      reporting = true;
      this.emitProgress('boundary', state.generation, 0);
    });
    // A failed store surfaces below, after the batch; a failed batch must not leave it unobserved.
    started.catch(() => undefined);
    await batch;
    await started;
    // A failed evaluation may have failed for a reason of its own (a worker that died twice): its
    // copies are evaluated rather than given its failure.
    const redo: EvalTask[] = [];
    for (const [index, first] of copyOf) {
      if (results[first]!.error === undefined) {
        this.reuse.taken++;
        onPopulationResult(new ReusedResult(index, results[first]!));
      } else redo.push({ index, genome: state.population[index]!, market: 'train', window });
    }
    if (redo.length) await this.evaluator.evaluate(redo, onPopulationResult);
    const raw: number[][] = [];
    for (const r of results) raw.push(r.objectives);
    const outcome = concludeGeneration(plan.setup, state, raw);

    // Individuals to be stored with their statistics whose result came without them (it was
    // reused from one whose statistics had been let go) are evaluated now; then the elites again
    // on the whole training range (when this generation saw a chunk) and on the test range: what
    // the UI, the export and the overfitting score use.
    const kept = keptIndividuals(plan, outcome, this.total);
    const again: EvalTask[] = [];
    for (let i = 0; i < n; i++) {
      if (kept[i] && results[i] instanceof ReusedResult && !holdsStats(results[i]!)) again.push({ index: i, genome: state.population[i]!, market: 'train', window });
    }
    if (again.length) for (const r of await this.evaluator.evaluate(again)) results[r.index] = r;
    this.reuse.evaluatedAgain += again.length;
    const chunked = window.from !== plan.trainWindow.from || window.to !== plan.trainWindow.to;
    const extra: EvalTask[] = [];
    const full = new Map<number, EvalResult>();
    const test = new Map<number, EvalResult>();
    for (const i of outcome.elites) {
      if (chunked) this.takeOrEvaluate(i, keys[i]!, state.population[i]!, 'train', plan.trainWindow, this.previousFull, full, extra, onResult);
      if (plan.testWindow) this.takeOrEvaluate(i, keys[i]!, state.population[i]!, 'test', plan.testWindow, this.previousTest, test, extra, onResult);
    }
    const extraResults = extra.length ? await this.evaluator.evaluate(extra, onResult) : [];
    extra.forEach((t, j) => (t.market === 'test' ? test : full).set(t.index, extraResults[j]!));
    if (chunked) this.previousFull = previousOf(plan.trainWindow, keys, full);
    if (plan.testWindow) this.previousTest = previousOf(plan.testWindow, keys, test);
    this.previous = new PreviousResults(window, keys, results);

    const seconds = (performance.now() - t0) / 1000;
    this.state = outcome.next;
    let storing: Promise<void> | null = null;
    return () => {
      storing ??= this.store(state, outcome, kept, results, full, test, window, seconds, [...results, ...extraResults]).then(() => {
        this.emitProgress(outcome.generation === this.total ? 'always' : 'boundary', outcome.generation, this.tasksPerGeneration());
      });
      this.pendingStore = storing;
      return storing;
    };
  }

  /** An elite's evaluation on a whole range: taken from the last generation's when it was there too, else queued. */
  private takeOrEvaluate(
    index: number,
    key: string,
    genome: Float64Array,
    market: 'train' | 'test',
    window: IndexWindow,
    previous: PreviousResults | null,
    into: Map<number, EvalResult>,
    queue: EvalTask[],
    onResult: (r: EvalResult) => void,
  ): void {
    const from = previous?.find(key, window);
    // Made before asking whether it holds statistics: asking a worker's result copies them out.
    const r = from ? new ReusedResult(index, from) : null;
    if (!r?.holdsStats()) {
      queue.push({ index, genome, market, window });
      return;
    }
    this.reuse.elitesTaken++;
    into.set(index, r);
    onResult(r);
  }

  private async store(
    state: GaState,
    outcome: GenerationOutcome,
    kept: readonly boolean[],
    results: readonly EvalResult[],
    full: ReadonlyMap<number, EvalResult>,
    test: ReadonlyMap<number, EvalResult>,
    window: { from: number; to: number },
    seconds: number,
    all: readonly EvalResult[],
  ): Promise<void> {
    const { ranking, elites } = outcome;
    const eliteSet = new Set(elites);
    const individuals: IndividualRecord[] = [];
    for (let i = 0; i < results.length; i++) {
      const r = results[i]!;
      const keep = kept[i]!;
      const metrics = r.metricsBytes?.() ?? r.metrics;
      // Statistics are stored as a worker's reply holds them; decoded ones only when there is none.
      const stats = keep ? (r.statsBytes?.() ?? r.stats) : null;
      if (keep && stats === null && metrics) {
        throw new Error(`internal: the statistics of individual ${i} were released but are to be stored`);
      }
      const f = full.get(i);
      const t = test.get(i);
      individuals.push({
        index: i,
        genome: state.population[i]!,
        objectives: outcome.objectives[i]!,
        front: ranking.front[i]!,
        rank: ranking.rank[i]!,
        crowding: ranking.crowding[i]!,
        elite: eliteSet.has(i),
        metrics,
        error: r.error ?? null,
        stats,
        full: f ? { objectives: f.objectives, stats: f.statsBytes?.() ?? f.stats } : null,
        test: t ? { objectives: t.objectives, stats: t.statsBytes?.() ?? t.stats } : null,
      });
    }
    const { best, mean } = bestAndMean(outcome.objectives);
    this.repo.saveGeneration(this.id, {
      generation: outcome.generation,
      split: state.split,
      window,
      best,
      mean,
      diversity: outcome.diversity,
      breeding: outcome.breeding,
      rates: outcome.rates,
      elites,
      seconds,
      ...totals(all),
      individuals,
      next: outcome.next,
    });
    this.generationSeconds.push(seconds);
    this.lastBest = best;
    this.lastDiversity = outcome.diversity.meanDistance;
    this.lastElites = elites.map((i) => ({ index: i, objectives: outcome.objectives[i]! }));
  }
}
