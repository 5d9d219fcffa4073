import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventBus } from '../../../electron/backend/events';
import { RunManager } from '../../../electron/backend/runs/manager';
import { openStore, type CandleStore } from '../../../electron/backend/store/index';
import { tempDir } from '../../helpers/tmp';
import { gaConfig, seedStore, SYMBOL } from './fixtures';

/**
 * The original system's promise, proven with real processes: one seed gives the same run —
 * every individual's objectives and complete statistics in every generation, the elites and the
 * state that continues the run — sequentially, with 1, 2 or 3 workers, and when workers are
 * killed mid-generation. Compared as the stored bytes and as decoded values.
 */
describe('identity across worker counts', () => {
  const tmp = tempDir();
  let store: CandleStore;
  let events: EventBus;
  let manager: RunManager;
  let range: { from: number; to: number };
  const runIds: Record<string, number> = {};

  const input = (workers: number) => ({
    // elites_to_save = population: complete statistics are stored for every individual.
    config: gaConfig({ elites_to_save: 20, number_of_iterations: 5 }),
    symbol: SYMBOL,
    from: range.from,
    to: range.from + 3000 * 60,
    testFrom: range.from + 3000 * 60,
    testTo: range.to,
    includeExtendedHours: true,
    workers,
  });

  beforeAll(async () => {
    range = seedStore(join(tmp.dir, 'store.sqlite'), 4000);
    store = openStore(join(tmp.dir, 'store.sqlite'));
    events = new EventBus();
    manager = new RunManager({ store, events });
    for (const workers of [0, 1, 2, 3]) {
      const { id } = await manager.start(input(workers));
      runIds[`workers=${workers}`] = (await manager.wait(id)).id;
    }
  });
  afterAll(async () => {
    await manager.close();
    store.close();
    tmp.cleanup();
  });

  /** Everything stored about a run that must not depend on how it was evaluated. */
  function dump(id: number) {
    const db = store.db;
    return {
      individuals: db
        .prepare(
          `SELECT generation, idx, genome, objectives, front, rank, crowding, elite, metrics, error, stats,
                  full_objectives, full_stats, test_objectives, test_stats
           FROM ga_individuals WHERE run_id = ? ORDER BY generation, idx`,
        )
        .all(id),
      generations: db
        .prepare(
          `SELECT generation, split, window_from, window_to, best, mean, diversity, breeding, mutation_rate, crossover_rate, elites
           FROM ga_generations WHERE run_id = ? ORDER BY generation`,
        )
        .all(id),
      run: db.prepare('SELECT status, generations_done, state, best, fingerprint, test_fingerprint FROM ga_runs WHERE id = ?').get(id),
    };
  }

  function decoded(id: number) {
    const run = manager.summary(id);
    const out = [];
    for (let g = 1; g <= run.generationsDone; g++) {
      const gen = manager.generation(id, g);
      out.push({
        elites: gen.elites,
        best: gen.best,
        individuals: gen.individuals.map((r) => {
          const d = manager.individual(id, g, r.index);
          // The config records the worker count the run was started with; nothing else may differ.
          const config = { ...d.config, ga_hyperparameters: { ...d.config.ga_hyperparameters, num_workers: -1 } };
          return { row: r, stats: d.stats, full: d.full, test: d.test, overfitting: d.overfitting, config };
        }),
      });
    }
    return out;
  }

  it('runs to the end with trades, test evaluations and complete statistics for everyone', () => {
    const id = runIds['workers=0']!;
    const s = manager.summary(id);
    expect(s.status).toBe('finished');
    expect(s.generationsDone).toBe(5);
    const d = decoded(id);
    const all = d.flatMap((g) => g.individuals);
    expect(all).toHaveLength(100);
    expect(all.every((i) => i.row.hasStats && i.stats !== null)).toBe(true);
    expect(all.some((i) => i.stats!.metrics.totalTrades > 0)).toBe(true);
    expect(all.every((i) => i.stats!.trades.entryIndex instanceof Int32Array)).toBe(true);
    // Elites carry their whole-training-range and test evaluations, and the overfitting score.
    const elite = d[4]!.individuals[d[4]!.elites[0]!]!;
    expect(elite.test).not.toBeNull();
    expect(elite.overfitting).toHaveLength(2);
    // Three training chunks: some generations ran on a chunk, so elites were re-evaluated on all of it.
    expect(d.some((g) => g.individuals.some((i) => i.full !== null))).toBe(true);
  });

  it('stores identical bytes with 0, 1, 2 and 3 workers', () => {
    const base = dump(runIds['workers=0']!);
    for (const workers of [1, 2, 3]) {
      expect(dump(runIds[`workers=${workers}`]!), `workers=${workers}`).toEqual(base);
    }
  });

  it('gives identical decoded generations, elites and statistics (typed arrays included)', () => {
    const base = decoded(runIds['workers=0']!);
    for (const workers of [1, 3]) expect(decoded(runIds[`workers=${workers}`]!)).toEqual(base);
  });

  it('gives the same run when workers are killed mid-generation', async () => {
    const started = await manager.start(input(2));
    const run = manager.activeRun(started.id)!;
    // The first batch is with the workers now: kill one of them.
    process.kill(run.pids()[0]!, 'SIGKILL');
    // And one more later, once generation 3's batch is with the workers (20 per generation plus
    // the elites' re-evaluations on the whole training range and the test range).
    let killed = false;
    const second = (async () => {
      while (!killed && manager.activeRun(started.id)) {
        if (run.counters.tasks >= 2 * 28 + 5) {
          const pid = run.pids()[1];
          if (pid) process.kill(pid, 'SIGKILL');
          killed = true;
        }
        await new Promise((r) => setImmediate(r));
      }
    })();
    const s = await manager.wait(started.id);
    await second;
    expect(killed).toBe(true);
    expect(s.status).toBe('finished');
    expect(run.counters.replaced).toBe(2);
    expect(run.counters.retried).toBeGreaterThanOrEqual(1);
    expect(run.counters.penalised).toBe(0);
    expect(dump(started.id)).toEqual(dump(runIds['workers=0']!));
  });

  it('changes with the seed', async () => {
    const other = await manager.start({ ...input(2), seed: 12 });
    await manager.wait(other.id);
    expect(dump(other.id).individuals).not.toEqual(dump(runIds['workers=0']!).individuals);
  });
});
