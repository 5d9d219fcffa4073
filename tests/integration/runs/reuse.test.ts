import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventBus } from '../../../electron/backend/events';
import { openEvaluation } from '../../../electron/backend/pool/evaluation';
import type { ActiveRun } from '../../../electron/backend/runs/activeRun';
import { RunManager } from '../../../electron/backend/runs/manager';
import { planRun } from '../../../electron/backend/runs/setup';
import { openStore, type CandleStore } from '../../../electron/backend/store/index';
import { tempDir } from '../../helpers/tmp';
import { gaConfig, seedStore, SYMBOL } from './fixtures';

/**
 * Genomes a generation carries over unchanged take their results from the generation before
 * (electron/backend/runs/reuse.ts). What is stored must be exactly what evaluating them gives —
 * including individuals stored with complete statistics whose earlier result had let them go.
 */
describe('genomes carried over unchanged', () => {
  const tmp = tempDir();
  let store: CandleStore;
  let manager: RunManager;
  let range: { from: number; to: number };
  const ids: Record<number, number> = {};
  const reuse: Record<number, ActiveRun['reuse']> = {};

  // One chunk, so every generation is evaluated on the same window; one individual kept with
  // statistics, so most reused results hold none; the last generation stores its whole front 0,
  // where (with this seed) one of them lands whose statistics had been let go.
  const input = (workers: number) => ({
    config: gaConfig({ population_size: 24, elite_size: 1, elites_to_save: 1, number_of_iterations: 10, num_splits: 1 }),
    seed: 8,
    symbol: SYMBOL,
    from: range.from,
    to: range.to,
    includeExtendedHours: true,
    workers,
  });

  const chunkedInput = () => ({
    ...input(0),
    config: gaConfig({ population_size: 24, elite_size: 3, elites_to_save: 1, number_of_iterations: 10, num_splits: 3 }),
    to: range.from + 2400 * 60,
    testFrom: range.from + 2400 * 60,
    testTo: range.to,
  });

  beforeAll(async () => {
    range = seedStore(join(tmp.dir, 'store.sqlite'), 3000);
    store = openStore(join(tmp.dir, 'store.sqlite'));
    manager = new RunManager({ store, events: new EventBus() });
    for (const workers of [0, 2]) {
      const { id } = await manager.start(input(workers));
      reuse[workers] = manager.activeRun(id)!.reuse;
      ids[workers] = (await manager.wait(id)).id;
    }
    // Three training chunks, one drawn per generation: a result is taken over only on its own
    // chunk; the elites' evaluations on the whole training range and on the test range are taken
    // over from the generation before when they were elites then too.
    const chunked = await manager.start(chunkedInput());
    reuse[-1] = manager.activeRun(chunked.id)!.reuse;
    ids[-1] = (await manager.wait(chunked.id)).id;
  });
  afterAll(async () => {
    await manager.close();
    store.close();
    tmp.cleanup();
  });

  it('are not evaluated again', () => {
    const generations = manager.get(ids[0]!).generations;
    expect(generations[0]!.evaluations).toBe(24);
    const later = generations.slice(1).map((g) => g.evaluations!);
    expect(later.every((e) => e > 0 && e <= 24)).toBe(true);
    expect(later.reduce((a, b) => a + b, 0)).toBeLessThan(24 * 9);
    expect(manager.get(ids[2]!).generations.map((g) => g.evaluations)).toEqual(generations.map((g) => g.evaluations));
    expect(reuse[0]!.taken).toBe(24 * 10 - later.reduce((a, b) => a + b, 24) + reuse[0]!.evaluatedAgain);
    expect(reuse[0]!.evaluatedAgain).toBeGreaterThan(0);
    expect(reuse[2]).toEqual(reuse[0]);
  });

  it('store the same bytes sequentially and with 2 workers', () => {
    const dump = (id: number) => store.db.prepare('SELECT generation, idx, genome, objectives, metrics, error, stats FROM ga_individuals WHERE run_id = ? ORDER BY generation, idx').all(id);
    expect(dump(ids[2]!)).toEqual(dump(ids[0]!));
  });

  it('store what evaluating them gives: objectives, metrics and complete statistics', () => {
    const plain = openEvaluation(planRun(store, input(0)).data);
    const chunkedPlan = planRun(store, chunkedInput());
    const chunked = openEvaluation(chunkedPlan.data);
    let withStats = 0;
    let elites = 0;
    for (const id of [ids[0]!, ids[2]!, ids[-1]!]) {
      const evaluation = id === ids[-1] ? chunked : plain;
      for (const g of manager.get(id).generations) {
        for (const row of manager.generation(id, g.generation).individuals) {
          const fresh = evaluation.evaluate({ index: row.index, genome: Float64Array.from(row.genome), market: 'train', window: g.window });
          const where = `run ${id} generation ${g.generation} individual ${row.index}`;
          expect(row.objectives, where).toEqual(fresh.objectives);
          expect(row.metrics, where).toEqual(fresh.stats!.metrics);
          if (!row.hasStats) continue;
          withStats++;
          const stored = manager.individual(id, g.generation, row.index);
          expect(stored.stats, where).toEqual(fresh.stats);
          if (!row.elite || id !== ids[-1]) continue;
          elites++;
          const genome = Float64Array.from(row.genome);
          const test = evaluation.evaluate({ index: row.index, genome, market: 'test', window: chunkedPlan.testWindow! });
          expect(stored.test, `${where} on the test range`).toEqual({ objectives: test.objectives, stats: test.stats });
          if (g.window.from === chunkedPlan.trainWindow.from && g.window.to === chunkedPlan.trainWindow.to) continue;
          const full = evaluation.evaluate({ index: row.index, genome, market: 'train', window: chunkedPlan.trainWindow });
          expect(stored.full, `${where} on the whole training range`).toEqual({ objectives: full.objectives, stats: full.stats });
        }
      }
    }
    expect(withStats).toBeGreaterThan(3 * 10);
    expect(elites).toBe(3 * 10);
    // Of the 30 elites' whole-range evaluations (test range, and training range after a chunk),
    // those of elites that were elites the generation before were taken over.
    const r = reuse[-1]!;
    const evaluations = manager.get(ids[-1]!).generations.reduce((n, g) => n + g.evaluations!, 0);
    const whole = manager.get(ids[-1]!).generations.reduce((n, g) => n + (g.window.to - g.window.from === chunkedPlan.trainWindow.to - chunkedPlan.trainWindow.from ? 3 : 6), 0);
    expect(r.elitesTaken).toBeGreaterThan(0);
    expect(evaluations).toBe(10 * 24 + whole - r.taken - r.elitesTaken + r.evaluatedAgain);
    const chunks = manager.get(ids[-1]!).generations;
    expect(new Set(chunks.map((g) => g.window.from)).size).toBeGreaterThan(1);
    expect(chunks.some((g, i) => i > 0 && g.window.from === chunks[i - 1]!.window.from && g.evaluations! < 24)).toBe(true);
  });
});
