import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GenerationSummary } from '../../../shared/contract/runs';
import { randomWalkCandles } from '../../../shared/indicators/randomWalk';
import { EventBus } from '../../backend/events';
import type { PoolCounters } from '../../backend/pool/pool';
import { RunManager } from '../../backend/runs/manager';
import { openStore } from '../../backend/store/index';
import { CandleWriter, refreshDatasetStats, upsertDataset } from '../../backend/store/writer';
import { measureChannel } from './channel';
import type { BenchContext, BenchRow, BenchSuite } from './types';

const SUITE = 'optimizer';
const SYMBOL = 'BENCH';

/** The bench's optimizer config: a 3-indicator monitor (SMA cross 1m, RSI 5m, SMA cross 1m). */
export function benchConfig(population: number, generations: number) {
  return {
    test_name: 'bench',
    monitor: {
      name: 'bench',
      trade_executor: { default_position_size: 100, stop_loss_pct: 0.01, take_profit_pct: 0.02, trailing_stop_loss: true, trailing_stop_distance_pct: 0.005 },
      bars: {
        bull: { type: 'bull', indicators: { up: 0.6, rsi_up: 0.4 }, weight_ranges: { up: { t: 'float', r: [0.2, 1] }, rsi_up: { t: 'float', r: [0.2, 1] } } },
        bear: { type: 'bear', indicators: { down: 1 } },
      },
      enter_long: [{ name: 'bull', threshold: 0.5, threshold_range: [0.2, 0.9] }],
      exit_long: [{ name: 'bear', threshold: 0.5, threshold_range: [0.2, 0.9] }],
    },
    indicators: [
      {
        name: 'up',
        type: 'Indicator',
        indicator_class: 'SMACrossoverIndicator',
        agg_config: '1m-normal',
        parameters: { period: 12, crossover_value: 0, trend: 'bullish', lookback: 3 },
        ranges: { period: { t: 'int', r: [4, 30] }, lookback: { t: 'int', r: [1, 8] } },
      },
      {
        name: 'rsi_up',
        type: 'Indicator',
        indicator_class: 'RSIIndicator',
        agg_config: '5m-normal',
        parameters: { period: 14, oversold: 30, overbought: 70, trend: 'bullish', lookback: 2 },
        ranges: { period: { t: 'int', r: [5, 30] }, oversold: { t: 'float', r: [20, 40] } },
      },
      {
        name: 'down',
        type: 'Indicator',
        indicator_class: 'SMACrossoverIndicator',
        agg_config: '1m-normal',
        parameters: { period: 20, crossover_value: 0.001, trend: 'bearish', lookback: 2 },
        ranges: { period: { t: 'int', r: [5, 30] }, crossover_value: { t: 'float', r: [0, 0.003] } },
      },
    ],
    objectives: [
      { objective: 'MaximizeNetPnL', weight: 1, parameters: { mode: 'inverse' } },
      { objective: 'MinimizeLosingTrades', weight: 1 },
    ],
    // One chunk: every individual is evaluated on all candles.
    ga_hyperparameters: { population_size: population, number_of_iterations: generations, num_splits: 1, random_seed: 1 },
  };
}

/** A span of generations, 1-based and inclusive. */
interface Window {
  first: number;
  last: number;
  label: string;
}

interface WindowFigures {
  generationsPerSecond: number;
  /** Per evaluation (genomes carried over unchanged are not evaluated again). */
  evalMsPerEvaluation: number;
  replyBytesPerEvaluation: number;
  /** Per evaluation, ms: the worker's encoding, this process's reading (the channel's own cost is measured alone). */
  encodeMs: number;
  decodeMs: number;
  /** Per evaluation, ms: from the worker's send to this process's read (wall). */
  latencyMs: number;
  /** Results per reply frame. */
  perFrame: number;
  /** CPU of this (coordinating) process per individual of the population, ms (all its threads). */
  coordinatorCpuMs: number;
  /** That CPU as a share of the workers' evaluation time, %. */
  coordinatorShare: number;
}

interface Sample {
  generation: number;
  tasks: number;
  cpuMs: number;
  counters: PoolCounters;
}

/**
 * Generations per second of whole runs (evaluation, ranking, breeding and storing each
 * generation), sequential against 2 worker processes, on the same store and seed, in two spans:
 * generations 2–4, while caches fill and code is still being compiled (in each worker separately),
 * and generations 16–30, the steady state of a long run. Alongside: what this machine gives two
 * processes (two sequential runs at once), the reply size, the transfer time and its parts, and
 * the coordinating process's CPU per individual. Rounds alternate; the best round counts.
 */
export const optimizerSuite: BenchSuite = {
  name: SUITE,
  async run(ctx: BenchContext) {
    const quick = ctx.scale < 1;
    const n = Math.max(5000, Math.round(100_000 * ctx.scale));
    const population = quick ? 60 : 300;
    const generations = quick ? 5 : 30;
    const warm: Window = { first: 2, last: 4, label: 'generations 2–4' };
    // Workers reach their steady speed later than one process does (each fills its own cache and
    // compiles its own code on a busy core): from about generation 10–15 here.
    const steady: Window = quick ? { first: 4, last: 5, label: 'generations 4–5' } : { first: 16, last: 30, label: 'generations 16–30' };
    const path = join(ctx.dir, 'optimizer.sqlite');
    const c = randomWalkCandles(n, 424242, { volatility: 0.0015 });
    const store = openStore(path);
    const id = upsertDataset(store.db, SYMBOL, '1m', 'bench random walk', 1);
    store.db.transaction(() => {
      new CandleWriter(store.db, id).write(c.ts, c.open, c.high, c.low, c.close, c.volume, n);
      refreshDatasetStats(store.db, id);
    })();
    const events = new EventBus();
    const manager = new RunManager({ store, events });

    const stored = (runId: number, w: Window) => manager.get(runId).generations.filter((g) => g.generation >= w.first && g.generation <= w.last);
    const rate = (runId: number, w: Window) => {
      const gens = stored(runId, w);
      return gens.length / gens.reduce((sum, g) => sum + g.seconds, 0);
    };
    const evaluations = (gens: GenerationSummary[]) => gens.reduce((sum, g) => sum + (g.evaluations ?? population), 0);
    const evalMs = (runId: number, w: Window) => {
      const gens = stored(runId, w);
      return gens.reduce((sum, g) => sum + g.evalMs, 0) / evaluations(gens);
    };
    /** Share of the span's individuals whose result came from the generation before, %. */
    const reused = (runId: number, w: Window) => {
      const gens = stored(runId, w);
      return (1 - evaluations(gens) / (gens.length * population)) * 100;
    };
    // The samples taken as the run started the window's first generation and the one after its last.
    const figures = (runId: number, w: Window, samples: Sample[]): WindowFigures => {
      const at = (generation: number) => samples.find((s) => s.generation >= generation) ?? samples[samples.length - 1]!;
      const a = at(w.first);
      const b = at(w.last + 1);
      const k = Math.max(1, b.tasks - a.tasks);
      const d = (key: keyof PoolCounters) => (b.counters[key] - a.counters[key]) / k;
      const cpuMs = b.cpuMs - a.cpuMs;
      return {
        generationsPerSecond: rate(runId, w),
        evalMsPerEvaluation: d('evalMs'),
        replyBytesPerEvaluation: d('replyBytes'),
        encodeMs: d('encodeMs'),
        decodeMs: d('decodeMs'),
        latencyMs: d('latencyMs'),
        perFrame: k / Math.max(1, b.counters.frames - a.counters.frames),
        coordinatorCpuMs: cpuMs / ((w.last - w.first + 1) * population),
        coordinatorShare: (cpuMs / Math.max(1e-9, b.counters.evalMs - a.counters.evalMs)) * 100,
      };
    };
    // A 2-worker run in this process, for what only its own counters and CPU show: the parts of
    // the transfer time and the coordinating process's CPU.
    const inProcess = async (): Promise<{ warm: WindowFigures; steady: WindowFigures }> => {
      const started = await manager.start({ config: benchConfig(population, generations), symbol: SYMBOL, workers: 2 });
      const run = manager.activeRun(started.id);
      // The evaluator's counters and this process's CPU, every 2 ms while generations run.
      const samples: Sample[] = [];
      const sample = () => {
        const counters = run?.counters;
        if (!counters) return;
        const cpu = process.cpuUsage();
        samples.push({ generation: run.generation, tasks: counters.tasks, cpuMs: (cpu.user + cpu.system) / 1000, counters: { ...counters } });
      };
      sample();
      const timer = setInterval(sample, 2);
      await manager.wait(started.id);
      clearInterval(timer);
      sample();
      ctx.log(`  run ${started.id}: ${generations} generations with 2 workers, in this process`);
      return { warm: figures(started.id, warm, samples), steady: figures(started.id, steady, samples) };
    };
    // Generation rates come from `mlf optimize` processes, each starting cold as a user's run
    // does: sequential, 2 workers, and — the machine's own limit for two processes — two
    // sequential runs at once, nothing transferred (their combined rate is what 2 workers could reach).
    const configPath = join(ctx.dir, 'optimizer-bench.json');
    writeFileSync(configPath, JSON.stringify(benchConfig(population, generations)));
    const optimizeProcess = (workers: number) =>
      new Promise<number>((resolve, reject) => {
        const args = [process.argv[1]!, 'optimize', '--config', configPath, '--symbol', SYMBOL, '--workers', String(workers), '--json', '--db', path];
        const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'ignore'] });
        let out = '';
        child.stdout.on('data', (d) => (out += d));
        child.on('error', reject);
        child.on('close', (code) => (code === 0 ? resolve((JSON.parse(out) as { runId: number }).runId) : reject(new Error(`mlf optimize exited with ${code}`))));
      });
    interface Rates {
      warm: number;
      steady: number;
      warmEvalMs: number;
      steadyEvalMs: number;
      steadyReused: number;
    }
    const rates = (ids: number[]): Rates => ({
      warm: ids.reduce((sum, i) => sum + rate(i, warm), 0),
      steady: ids.reduce((sum, i) => sum + rate(i, steady), 0),
      warmEvalMs: evalMs(ids[0]!, warm),
      steadyEvalMs: evalMs(ids[0]!, steady),
      steadyReused: reused(ids[0]!, steady),
    });

    // Alternating rounds, best of each: the machine's load drifts during a bench run.
    let seq: Rates | null = null;
    let par: Rates | null = null;
    let ceiling: Rates | null = null;
    let parts: { warm: WindowFigures; steady: WindowFigures } | null = null;
    const better = (a: Rates | null, b: Rates) => (!a || b.steady > a.steady ? b : a);
    const rounds = quick ? 1 : 3;
    try {
      for (let r = 0; r < rounds; r++) {
        ctx.log(`round ${r + 1} of ${rounds}: sequential…`);
        seq = better(seq, rates([await optimizeProcess(0)]));
        ctx.log(`round ${r + 1} of ${rounds}: 2 workers…`);
        par = better(par, rates([await optimizeProcess(2)]));
        ctx.log(`round ${r + 1} of ${rounds}: two sequential runs as separate processes…`);
        ceiling = better(ceiling, rates(await Promise.all([optimizeProcess(0), optimizeProcess(0)])));
        ctx.log(`round ${r + 1} of ${rounds}: 2 workers in this process (transfer parts, coordinator CPU)…`);
        const p = await inProcess();
        if (!parts || p.steady.generationsPerSecond > parts.steady.generationsPerSecond) parts = p;
      }
    } finally {
      await manager.close();
      store.close();
    }
    const P = parts!.steady;
    // The channel alone, at the size of the steady span's reply frames.
    const frameBytes = Math.max(1000, Math.round(P.replyBytesPerEvaluation * P.perFrame));
    const channel = await measureChannel(frameBytes, quick ? 300 : 2000);
    const label = `pop ${population}, ${Math.round(n / 1000)}k 1m candles, 3 indicators`;
    const us = (ms: number) => `${Math.round(ms * 1000)} µs`;
    // Moving one reply: its encoding and reading (measured in the run) and its share of what the
    // channel costs both processes per frame (system calls, copies; measured alone below).
    const channelPerReply = (f: WindowFigures) => channel.cpuMsPerFrame / f.perFrame;
    const transferShare = (f: WindowFigures) => ((f.encodeMs + f.decodeMs + channelPerReply(f)) / f.evalMsPerEvaluation) * 100;
    const rows: BenchRow[] = [
      {
        suite: SUITE,
        measure: `generations/s (${label}), sequential, ${steady.label}`,
        value: seq!.steady,
        unit: 'gen/s',
        higherIsBetter: true,
        note: `${seq!.steadyEvalMs.toFixed(2)} ms per evaluation; ${seq!.steadyReused.toFixed(0)} % of individuals carried over unchanged (not evaluated again); \`mlf optimize\` processes, best of ${rounds}`,
      },
      {
        suite: SUITE,
        measure: `generations/s, 2 workers, ${steady.label}`,
        value: par!.steady,
        unit: 'gen/s',
        higherIsBetter: true,
        peer: { name: 'sequential', value: seq!.steady },
        goal: '≥ 1.8× sequential',
        note: `${par!.steadyEvalMs.toFixed(2)} ms per evaluation in a worker`,
      },
      {
        suite: SUITE,
        measure: `generations/s, sequential, ${warm.label} (caches filling, code compiling)`,
        value: seq!.warm,
        unit: 'gen/s',
        higherIsBetter: true,
        note: `${seq!.warmEvalMs.toFixed(2)} ms per evaluation`,
      },
      {
        suite: SUITE,
        measure: `generations/s, 2 workers, ${warm.label}`,
        value: par!.warm,
        unit: 'gen/s',
        higherIsBetter: true,
        peer: { name: 'sequential', value: seq!.warm },
        note: `${par!.warmEvalMs.toFixed(2)} ms per evaluation; each worker fills its own indicator cache and compiles its own code`,
      },
      {
        suite: SUITE,
        measure: `two sequential runs in separate processes at once (combined; no transfer), ${steady.label}`,
        value: ceiling!.steady,
        unit: 'gen/s',
        higherIsBetter: true,
        peer: { name: 'sequential', value: seq!.steady },
        note: `what this machine allows two processes; ${warm.label}: ${ceiling!.warm.toFixed(2)} gen/s`,
      },
      {
        suite: SUITE,
        measure: `generations/s with 2 workers against that limit, ${steady.label}`,
        value: par!.steady,
        unit: 'gen/s',
        higherIsBetter: true,
        peer: { name: 'two separate runs', value: ceiling!.steady },
      },
      {
        suite: SUITE,
        measure: `reply size per evaluation (complete statistics), ${warm.label}`,
        value: parts!.warm.replyBytesPerEvaluation,
        unit: 'B',
        higherIsBetter: false,
        note: `${steady.label}: ${(P.replyBytesPerEvaluation / 1000).toFixed(1)} kB (fewer trades as the population converges)`,
      },
      {
        suite: SUITE,
        measure: `reply transfer time ÷ evaluation time (2 workers), ${steady.label}`,
        value: transferShare(P),
        unit: '%',
        higherIsBetter: false,
        goal: '≤ 2 %',
        note: `per reply: encode ${us(P.encodeMs)} + channel ${us(channelPerReply(P))} (both processes, ${P.perFrame.toFixed(1)} replies a frame) + read ${us(P.decodeMs)}; ${warm.label}: ${transferShare(parts!.warm).toFixed(1)} %`,
      },
      {
        suite: SUITE,
        measure: `reply latency, worker's send to coordinator's read (wall), ${steady.label}`,
        value: P.latencyMs * P.perFrame * 1000,
        unit: 'µs',
        higherIsBetter: false,
        note: 'the worker evaluates its next task meanwhile (two task frames wait at each worker), so this is not evaluation time lost',
      },
      {
        suite: SUITE,
        measure: 'channel alone: one-way latency of a small frame between two processes, after 2 ms idle',
        value: channel.latencyAfterIdleMs * 1000,
        unit: 'µs',
        higherIsBetter: false,
        note: `back to back: ${us(channel.latencyMs)}; CPU of both processes per ${(channel.bytes / 1000).toFixed(0)} kB reply frame: ${us(channel.cpuMsPerFrame)}`,
      },
      {
        suite: SUITE,
        measure: `coordinating process CPU ÷ evaluation time (2 workers), ${steady.label}`,
        value: P.coordinatorShare,
        unit: '%',
        higherIsBetter: false,
        goal: '≤ 0.1 ms per individual',
        note: `${P.coordinatorCpuMs.toFixed(3)} ms per individual (all its threads): receive, decode, rank, breed, store; ${warm.label}: ${parts!.warm.coordinatorCpuMs.toFixed(3)} ms`,
      },
    ];
    return rows;
  },
};
