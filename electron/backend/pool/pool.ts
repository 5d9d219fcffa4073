import { availableParallelism } from 'node:os';
import { MlfError } from '../../../shared/contract/errors';
import { ByteArena } from '../../../shared/stats/bytes';
import { decodeMetrics, openReply, type OpenedReply } from '../../../shared/stats/wire';
import type { IndividualStats, Metrics } from '../../../shared/stats/types';
import type { EvalResult, EvalTask, FromWorker, RunData } from './protocol';
import { connectWorker, newChannelEndpoint, type WorkerChannel } from './channel';
import { readReplies } from './frames';
import type { Spawner, WorkerTransport } from './transport';
import { assignTasks, parameterGroups, SentKeys, seriesKeys } from './affinity';

export interface PoolOptions {
  /** Number of worker processes (≥ 1). */
  size: number;
  spawn: Spawner;
  /** Absolute path of the built worker entry. */
  entry: string;
  data: RunData;
  /** Label for the workers' names, e.g. `run 3`. */
  label?: string;
  /**
   * Task frames (chunks of tasks) sent ahead to each worker so it never waits for the
   * next one while a reply travels. Results do not depend on it: they are placed by index.
   */
  depth?: number;
  /**
   * Most tasks in one task frame (default 64). Within that, a frame holds about FRAME_TARGET_MS of
   * evaluations, and chunks shrink to 1 as a batch runs out.
   */
  chunk?: number;
}

/** What the pool measured since it started: the transfer budget is checked against these. */
export interface PoolCounters {
  tasks: number;
  /** Reply frames read (each holds the results of one task frame). */
  frames: number;
  replyBytes: number;
  /**
   * Time spent moving replies: the workers' encoding and writing, this process's reading (the
   * three below). Time a reply waits in the channel while both ends do other work is not in it:
   * the worker is already evaluating the next task then (that wait is `latencyMs`).
   */
  transferMs: number;
  /** Workers' time encoding replies. */
  encodeMs: number;
  /** Workers' time in the reply channel's write(), each result's share of its frame. */
  writeMs: number;
  /** This process's time reading each reply: opening it and copying what it keeps. */
  decodeMs: number;
  /** Replies' time from leaving a worker to being read here, each result's share of its frame (wall). */
  latencyMs: number;
  evalMs: number;
  /** Workers that died and were replaced. */
  replaced: number;
  /** Tasks sent again after their worker died. */
  retried: number;
  /** Tasks a worker took from another's share because its own had run out. */
  taken: number;
  /** Tasks scored with the penalty after their retry also lost its worker. */
  penalised: number;
}

interface Pending {
  id: number;
  task: EvalTask;
  position: number;
  /** Worker deaths this task has been through. */
  deaths: number;
}

interface Slot {
  n: number;
  transport: WorkerTransport;
  /** The worker's task and reply channel, once connected. */
  channel: WorkerChannel | null;
  ready: boolean;
  dead: boolean;
  inFlight: Map<number, Pending>;
  /** Tasks of the batch meant for this worker (affinity.ts), not yet sent. */
  queue: Pending[];
  /** The series keys this worker was sent lately: where a task's series are likely cached. */
  sent: SentKeys;
  /** `evaluate` messages sent and not yet answered. */
  chunks: number;
  /** Running a retried task: nothing else is sent to it, so a second death is that task's own. */
  exclusive: boolean;
  /** It reported that it cannot load the run's data. */
  loadFailed: boolean;
}

interface Batch {
  results: (EvalResult | undefined)[];
  /** What the batch's results keep of their replies. */
  arena: ByteArena;
  remaining: number;
  onResult: ((r: EvalResult) => void) | undefined;
  resolve: (r: EvalResult[]) => void;
  reject: (e: unknown) => void;
}

const now = () => performance.timeOrigin + performance.now();

/**
 * A worker's result: its metrics and `stats` are decoded on first read — the coordinator reads few
 * of them; it stores every individual's metrics, and the kept individuals' statistics, in the
 * form the reply holds them. Assigning null to `stats` releases the reply, keeping only the
 * metrics' bytes: a generation's replies would otherwise all stay in memory.
 */
class ReplyResult implements EvalResult {
  readonly objectives: number[];
  readonly evalMs: number;
  error?: string;
  private held: OpenedReply | null;
  private keptMetrics: Uint8Array | null = null;
  private settled = false;
  private decodedStats: IndividualStats | null | undefined;
  private decodedMetrics: Metrics | null | undefined;

  constructor(
    readonly index: number,
    reply: OpenedReply,
    readonly replyBytes: number,
    public transferMs: number,
  ) {
    this.held = reply;
    this.objectives = reply.objectives;
    this.evalMs = reply.evalMs;
    if (reply.error !== undefined) this.error = reply.error;
  }

  /**
   * Moves what this result keeps — its metrics' bytes, and the reply while its statistics may
   * still be wanted — out of the frame it arrived in (a view of a read buffer that the next read
   * overwrites) into the batch's arena.
   */
  settle(arena: ByteArena): void {
    this.settled = true;
    if (!this.held) return;
    this.keptMetrics = this.held.metricsBytes(arena);
    this.held = this.decodedStats === null ? null : this.held.copyTo(arena);
  }

  get metrics(): Metrics | null {
    if (this.decodedMetrics === undefined) {
      const kept = this.keptMetrics;
      this.decodedMetrics = kept ? decodeMetrics(kept) : this.held ? this.held.metrics() : null;
    }
    return this.decodedMetrics;
  }

  metricsBytes(): Uint8Array | null {
    return this.keptMetrics ?? (this.held ? this.held.metricsBytes() : null);
  }

  statsBytes(): Uint8Array | null {
    return this.held && this.decodedStats !== null ? this.held.statsBytes() : null;
  }

  get stats(): IndividualStats | null {
    if (this.decodedStats === undefined) this.decodedStats = this.held ? this.held.stats() : null;
    return this.decodedStats;
  }

  set stats(v: IndividualStats | null) {
    this.decodedStats = v;
    // Until `settle` the reply still holds the metrics; `settle` drops it then.
    if (v === null && this.settled) this.held = null;
  }
}

export function newCounters(): PoolCounters {
  return { tasks: 0, frames: 0, replyBytes: 0, transferMs: 0, encodeMs: 0, writeMs: 0, decodeMs: 0, latencyMs: 0, evalMs: 0, replaced: 0, retried: 0, taken: 0, penalised: 0 };
}

/**
 * Evaluation time a task frame should hold, ms: a frame costs both processes ~0.05–0.07 ms of
 * system calls, wake-ups and copies whatever it holds, which this makes a fraction of a per cent,
 * while pausing, or a batch running out, waits for little.
 */
const FRAME_TARGET_MS = 20;

/** Consecutive deaths during loading after which dead workers are no longer replaced. */
const MAX_LOAD_DEATHS = 3;

/**
 * N worker processes that evaluate genomes. A dead worker is replaced; the tasks it held are
 * retried once, each alone on a worker, and a task whose retry also loses its worker is scored
 * with the penalty. Results come back in task order whatever the arrival order, so the run is
 * the same with any number of workers.
 */
export class WorkerPool {
  private readonly slots: Slot[] = [];
  /** Tasks for whichever worker asks first: a batch's while no worker is ready, and a dead worker's share. */
  private readonly queue: Pending[] = [];
  private readonly retries: Pending[] = [];
  private batch: Batch | null = null;
  private nextTaskId = 1;
  private nextSlot = 1;
  private closing = false;
  private pausedFlag = false;
  private idleWaiters: Array<() => void> = [];
  private failure: Error | null = null;
  /** Workers that died before becoming ready since the last one that did. */
  private loadDeaths = 0;
  private readonly depth: number;
  private readonly maxChunk: number;
  /** Moving average of the workers' evaluation time, ms (0 until a result has come). */
  private evalMsAverage = 0;
  private readonly penaltyObjectives: number[];
  private readonly parameterGroups: number[][];
  /** The workers and this process take every core (transport.ts, `fillsMachine`). */
  private readonly fillsMachine: boolean;
  readonly counters: PoolCounters = newCounters();

  private constructor(private readonly opts: PoolOptions) {
    this.depth = Math.max(1, opts.depth ?? 2);
    this.maxChunk = Math.max(1, Math.floor(opts.chunk ?? 64));
    this.penaltyObjectives = opts.data.config.objectives.map((o) => opts.data.penalty * o.weight);
    this.parameterGroups = parameterGroups(opts.data.genes);
    this.fillsMachine = Math.floor(opts.size) + 1 >= availableParallelism();
  }

  /** Spawns the workers and waits until each has loaded the run's data. */
  static async start(opts: PoolOptions): Promise<WorkerPool> {
    const pool = new WorkerPool(opts);
    const size = Math.max(1, Math.floor(opts.size));
    try {
      await Promise.all(Array.from({ length: size }, () => pool.spawnSlot()));
    } catch (err) {
      await pool.close();
      throw err;
    }
    return pool;
  }

  get size(): number {
    return this.slots.filter((s) => !s.dead).length;
  }

  /** OS process ids of the live workers (tests kill one to prove recovery). */
  pids(): number[] {
    return this.slots.filter((s) => !s.dead && s.transport.pid !== undefined).map((s) => s.transport.pid!);
  }

  get paused(): boolean {
    return this.pausedFlag;
  }

  /** Evaluates a batch; the promise holds one result per task, in task order. */
  evaluate(tasks: readonly EvalTask[], onResult?: (r: EvalResult) => void): Promise<EvalResult[]> {
    if (this.closing) return Promise.reject(new MlfError('CANCELLED', 'the worker pool is closed'));
    if (this.failure) return Promise.reject(this.failure);
    if (this.batch) return Promise.reject(new Error('the pool is already evaluating a batch'));
    if (tasks.length === 0) return Promise.resolve([]);
    return new Promise<EvalResult[]>((resolve, reject) => {
      this.batch = { results: new Array(tasks.length), arena: new ByteArena(), remaining: tasks.length, onResult, resolve, reject };
      this.share(tasks);
      this.dispatch();
    });
  }

  /** Stops handing out tasks; the ones already with workers finish. */
  pause(): void {
    this.pausedFlag = true;
  }

  resume(): void {
    this.pausedFlag = false;
    this.dispatch();
  }

  /** Resolves once no task is with a worker (after `pause`, when the batch in flight is done). */
  idle(): Promise<void> {
    if (this.inFlightCount() === 0) return Promise.resolve();
    return new Promise((r) => this.idleWaiters.push(r));
  }

  /**
   * Drops the current batch: queued tasks are forgotten, workers drop what they hold but have not
   * started, late replies are ignored, and the batch's promise rejects with CANCELLED.
   */
  cancel(): void {
    this.queue.length = 0;
    this.retries.length = 0;
    for (const s of this.slots) {
      s.queue.length = 0;
      s.inFlight.clear();
      s.chunks = 0;
      s.exclusive = false;
      if (!s.dead) s.channel?.cancel();
    }
    const b = this.batch;
    this.batch = null;
    b?.reject(new MlfError('CANCELLED', 'evaluation cancelled'));
    this.notifyIdle();
  }

  /** Cancels what is pending and ends every worker (shutdown, then kill after a grace period). */
  async close(graceMs = 2000): Promise<void> {
    if (this.closing && this.slots.every((s) => s.dead)) return;
    this.closing = true;
    this.cancel();
    const alive = this.slots.filter((s) => !s.dead);
    await Promise.all(
      alive.map(
        (s) =>
          new Promise<void>((resolve) => {
            if (s.dead) return resolve();
            const timer = setTimeout(() => s.transport.kill(), graceMs);
            s.channel?.close();
            s.transport.onExit(() => {
              clearTimeout(timer);
              resolve();
            });
            s.transport.send({ type: 'shutdown' });
          }),
      ),
    );
  }

  private inFlightCount(): number {
    return this.slots.reduce((n, s) => n + s.inFlight.size, 0);
  }

  private notifyIdle(): void {
    if (this.inFlightCount() > 0) return;
    const w = this.idleWaiters;
    this.idleWaiters = [];
    for (const r of w) r();
  }

  private spawnSlot(): Promise<void> {
    const n = this.nextSlot++;
    const transport = this.opts.spawn({ entry: this.opts.entry, name: `mlf-worker ${this.opts.label ?? ''} #${n}`.replace(/\s+/g, ' '), fillsMachine: this.fillsMachine });
    const slot: Slot = { n, transport, channel: null, ready: false, dead: false, inFlight: new Map(), queue: [], sent: new SentKeys(), chunks: 0, exclusive: false, loadFailed: false };
    this.slots.push(slot);
    const { endpoint, dispose } = newChannelEndpoint(n);
    return new Promise<void>((resolve, reject) => {
      let settled = false;
      transport.onMessage((m: FromWorker) => {
        if (m.type === 'listening') {
          slot.channel = connectWorker(
            endpoint,
            (frame) => this.onFrame(slot, frame),
            // A worker whose replies cannot reach us is of no use: ended, it is replaced.
            () => transport.kill(),
          );
        } else if (m.type === 'ready') {
          slot.ready = true;
          this.loadDeaths = 0;
          if (!settled) {
            settled = true;
            resolve();
          }
          this.dispatch();
        } else if (m.type === 'prepare-failed') {
          slot.loadFailed = true;
          if (!settled) {
            settled = true;
            reject(new MlfError('FAILED', `a worker could not load the run's data: ${m.message}`));
          }
          transport.kill();
        }
      });
      transport.onExit((info) => {
        const wasReady = slot.ready;
        slot.dead = true;
        slot.ready = false;
        slot.channel?.close();
        dispose();
        if (!settled) {
          settled = true;
          reject(new MlfError('FAILED', `a worker exited while loading the run's data (code ${info.code}, signal ${info.signal})`));
        }
        this.onDeath(slot, wasReady);
      });
      transport.send({ type: 'prepare', data: this.opts.data, channel: endpoint });
    });
  }

  private onDeath(slot: Slot, wasReady: boolean): void {
    const held = [...slot.inFlight.values()];
    slot.inFlight.clear();
    // Its share not yet sent is anybody's; only what it held went through its death.
    this.queue.push(...slot.queue);
    slot.queue.length = 0;
    slot.chunks = 0;
    slot.exclusive = false;
    if (this.closing) return;
    for (const p of held) {
      p.deaths++;
      if (p.deaths >= 2) {
        this.counters.penalised++;
        this.complete({
          index: p.task.index,
          objectives: this.penaltyObjectives.slice(),
          stats: null,
          metrics: null,
          error: 'the worker evaluating this individual died twice',
          evalMs: 0,
          replyBytes: 0,
          transferMs: 0,
        }, p.position);
      } else {
        this.counters.retried++;
        this.retries.push(p);
      }
    }
    // A worker killed while loading is replaced too, but not forever: workers that keep dying
    // before they are ready (or that report the data unloadable) would only die again.
    if (!wasReady) this.loadDeaths++;
    if (!slot.loadFailed && this.loadDeaths < MAX_LOAD_DEATHS) {
      this.counters.replaced++;
      this.spawnSlot().catch((err: unknown) => {
        if (this.slots.every((s) => s.dead)) this.fail(err);
      });
    } else if (this.slots.every((s) => s.dead)) {
      this.fail(new MlfError('FAILED', 'every worker exited'));
    }
    this.dispatch();
    this.notifyIdle();
  }

  private fail(err: unknown): void {
    this.failure = err instanceof Error ? err : new Error(String(err));
    const b = this.batch;
    this.batch = null;
    b?.reject(this.failure);
  }

  private onFrame(slot: Slot, bytes: Uint8Array): void {
    const arrived = now();
    const frame = readReplies(bytes);
    const count = frame.items.length;
    // Per result: its share of the frame's time in the channel, and of the worker's write() time.
    const latencyShare = Math.max(0, arrived - frame.sentAt) / count;
    const writeShare = frame.previousWriteMs / count;
    let matched = 0;
    for (const item of frame.items) {
      const p = slot.inFlight.get(item.task);
      if (!p) continue; // cancelled meanwhile
      slot.inFlight.delete(item.task);
      matched++;
      const t0 = now();
      const body = openReply(item.payload);
      const openMs = now() - t0;
      const replyBytes = item.payload.byteLength;
      const r = new ReplyResult(item.index, body, replyBytes, item.serializeMs + writeShare + openMs);
      const arena = this.batch?.arena;
      this.complete(r, p.position);
      // The frame is gone after this call: what the result keeps is copied now.
      const t1 = now();
      if (arena) r.settle(arena);
      const settleMs = now() - t1;
      r.transferMs += settleMs;
      const decodeMs = openMs + settleMs;
      const c = this.counters;
      c.tasks++;
      c.replyBytes += replyBytes;
      c.transferMs += r.transferMs;
      c.encodeMs += item.serializeMs;
      c.writeMs += writeShare;
      c.decodeMs += decodeMs;
      c.latencyMs += latencyShare;
      c.evalMs += body.evalMs;
      this.evalMsAverage = this.evalMsAverage === 0 ? body.evalMs : 0.95 * this.evalMsAverage + 0.05 * body.evalMs;
    }
    if (matched === 0) return;
    this.counters.frames++;
    slot.chunks = Math.max(0, slot.chunks - 1);
    slot.exclusive = false;
    this.dispatch();
    this.notifyIdle();
  }

  private complete(r: EvalResult, position: number): void {
    const b = this.batch;
    if (!b || b.results[position]) return;
    b.results[position] = r;
    b.remaining--;
    b.onResult?.(r);
    if (b.remaining === 0) {
      this.batch = null;
      b.resolve(b.results as EvalResult[]);
    }
  }

  private send(slot: Slot, chunk: Pending[]): void {
    for (const p of chunk) slot.inFlight.set(p.id, p);
    slot.chunks++;
    slot.channel!.sendTasks(chunk.map((p) => ({ task: p.id, payload: p.task })));
  }

  /** Puts a batch's tasks in the ready workers' queues, each where its series are likely cached. */
  private share(tasks: readonly EvalTask[]): void {
    const ready = this.slots.filter((s) => s.ready && !s.dead);
    const keys: string[][] = [];
    for (const t of tasks) keys.push(seriesKeys(t, this.parameterGroups));
    const to = ready.length > 0 ? assignTasks(keys, ready.map((s) => s.sent)) : null;
    for (let position = 0; position < tasks.length; position++) {
      const p: Pending = { id: this.nextTaskId++, task: tasks[position]!, position, deaths: 0 };
      (to ? ready[to[position]!]!.queue : this.queue).push(p);
    }
  }

  private queuedCount(): number {
    return this.slots.reduce((n, s) => n + s.queue.length, this.queue.length);
  }

  /**
   * The next task frame for a worker: from its own share, else from the common queue, else from
   * the end of the largest other share (what that worker would have reached last).
   */
  private nextChunk(slot: Slot): Pending[] {
    const size = this.chunkSize();
    if (slot.queue.length > 0) return slot.queue.splice(0, size);
    if (this.queue.length > 0) return this.queue.splice(0, size);
    let from: Slot | null = null;
    for (const s of this.slots) if (s !== slot && s.queue.length > (from?.queue.length ?? 0)) from = s;
    if (!from) return [];
    const taken = from.queue.splice(Math.max(0, from.queue.length - size), size);
    this.counters.taken += taken.length;
    return taken;
  }

  /** Tasks for the next task frame: several while plenty are queued, one each as the batch runs out (for balance). */
  private chunkSize(): number {
    const workers = this.slots.filter((s) => s.ready && !s.dead).length || 1;
    const byTime = this.evalMsAverage > 0 ? Math.floor(FRAME_TARGET_MS / this.evalMsAverage) : 4;
    // A quarter of what is left per frame with two workers (rounded up: ~3 frames fewer per batch of
    // 300, and the workers still finish within ~0.3 ms of each other).
    return Math.max(1, Math.min(this.maxChunk, byTime, Math.ceil(this.queuedCount() / (workers * this.depth))));
  }

  private dispatch(): void {
    if (this.pausedFlag || this.closing || !this.batch) return;
    for (const slot of this.slots) {
      if (!slot.ready || slot.dead || slot.exclusive) continue;
      if (this.retries.length > 0 && slot.inFlight.size === 0) {
        slot.exclusive = true;
        this.send(slot, [this.retries.shift()!]);
        continue;
      }
      // Fresh work waits while a retry needs an empty worker, so the retry is not starved.
      if (this.retries.length > 0) continue;
      while (slot.chunks < this.depth) {
        const chunk = this.nextChunk(slot);
        if (chunk.length === 0) break;
        this.send(slot, chunk);
      }
    }
  }
}
