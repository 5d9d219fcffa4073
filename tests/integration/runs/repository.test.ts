import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { geneSpecs } from '../../../shared/ga/genes';
import { concludeGeneration, initialState, type GaSetup } from '../../../shared/ga/loop';
import { gaParams } from '../../../shared/ga/params';
import { backtest } from '../../../shared/engine/backtest';
import { createMarket } from '../../../shared/engine/market';
import type { IndividualStats, Metrics } from '../../../shared/stats/types';
import { RunRepository, type IndividualRecord } from '../../../electron/backend/runs/repository';
import { encodeValue, packValue } from '../../../electron/backend/runs/blobs';
import { isEncodedMetrics, METRIC_KEYS } from '../../../shared/stats/wire';
import { openStore, type CandleStore } from '../../../electron/backend/store/index';
import { tempDir } from '../../helpers/tmp';
import { hyper, sampleConfig } from '../../unit/ga/fixtures';
import { randomWalk, seriesOf, smaCrossConfig, utc } from '../../unit/engine/helpers';

const market = createMarket(seriesOf(randomWalk(6000, 5, utc('2024-01-02T14:30:00Z'))));

/**
 * The complete statistics of a real backtest (a different window per seed), with the values a
 * store must keep bit for bit planted in them: NaN, −∞, −0.
 */
function statsLike(seed: number): IndividualStats {
  const stats = backtest(smaCrossConfig(10, '1m-normal', { stop_loss_pct: 0.002 }), market, { window: { from: seed, to: 4000 + seed } });
  stats.trades.returnPct[1] = -Infinity;
  stats.trades.pnlCash[0] = -0;
  stats.dailyEquity.value[2] = Number.NaN;
  return stats;
}

describe('RunRepository', () => {
  let tmp: ReturnType<typeof tempDir>;
  let store: CandleStore;
  let repo: RunRepository;
  const config = sampleConfig();
  const specs = geneSpecs(config);
  const setup: GaSetup = { specs, params: gaParams(hyper({ population_size: 8 })), original: null, splitCount: 2 };

  beforeEach(() => {
    tmp = tempDir();
    // The run tables come with the store's migrations.
    store = openStore(join(tmp.dir, 'store.sqlite'));
    repo = new RunRepository(store.db);
  });
  afterEach(() => {
    store.close();
    tmp.cleanup();
  });

  function newRun() {
    return repo.createRun({
      name: 'test run',
      symbol: 'SAMPLE',
      timeframe: '1m',
      train: { from: 100, to: 200 },
      test: { from: 200, to: 300 },
      regularHoursOnly: true,
      seed: 42,
      workers: 2,
      config,
      hyperparameters: hyper({ population_size: 8 }),
      version: 'test',
      fingerprint: { symbol: 'SAMPLE', rows: 10, hash: 'abc' },
      testFingerprint: null,
      genes: specs,
      splits: [
        { from: 0, to: 5, fromTime: 100, toTime: 140 },
        { from: 5, to: 10, fromTime: 150, toTime: 190 },
      ],
      state: initialState(setup, 42),
      ownerPid: process.pid,
    });
  }

  it('stores a run, its generations and the state to continue from, bit for bit', () => {
    const id = newRun();
    let state = repo.loadRun(id).state;
    expect(state.population).toHaveLength(8);
    expect(state.population.map((g) => Array.from(g))).toEqual(initialState(setup, 42).population.map((g) => Array.from(g)));
    const objectives = state.population.map((g) => [g[0]! / 3, 1 / (1 + g[1]!)]);
    const out = concludeGeneration(setup, state, objectives);
    const individuals: IndividualRecord[] = state.population.map((genome, i) => ({
      index: i,
      genome,
      objectives: objectives[i]!,
      front: out.ranking.front[i]!,
      rank: out.ranking.rank[i]!,
      crowding: out.ranking.crowding[i]!,
      elite: out.elites.includes(i),
      metrics: statsLike(i).metrics,
      error: null,
      stats: out.elites.includes(i) ? statsLike(i) : null,
      full: out.elites.includes(i) ? { objectives: [1, 2], stats: statsLike(100 + i) } : null,
      test: null,
    }));
    repo.saveGeneration(id, {
      generation: 1,
      split: state.split,
      window: { from: 0, to: 5 },
      best: [0.1, 0.2],
      mean: [0.5, 0.6],
      diversity: out.diversity,
      breeding: out.breeding,
      rates: out.rates,
      elites: out.elites,
      seconds: 1.5,
      replyBytes: 1234,
      transferMs: 3,
      evalMs: 300,
      evaluations: 7,
      individuals,
      next: out.next,
    });

    const run = repo.loadRun(id);
    expect(run.generationsDone).toBe(1);
    state = run.state;
    expect(state.generation).toBe(2);
    expect(state.prng).toEqual(out.next.prng);
    expect(state.population.map((g) => Array.from(g))).toEqual(out.next.population.map((g) => Array.from(g)));

    const gen = repo.getGeneration(id, 1);
    expect(gen.individuals).toHaveLength(8);
    expect(gen.evaluations).toBe(7);
    expect(gen.elites).toEqual(out.elites);
    expect(gen.individuals.map((r) => r.objectives)).toEqual(objectives);
    expect(gen.individuals.filter((r) => r.hasStats).map((r) => r.index).sort()).toEqual([...out.elites].sort());
    // ∞ crowding survives the NULL encoding.
    expect(gen.individuals.some((r) => r.crowding === Infinity)).toBe(true);

    const e = out.elites[0]!;
    const ind = repo.getIndividual(id, 1, e);
    expect(ind.stats).toEqual(statsLike(e));
    expect(ind.stats!.trades.entryIndex).toBeInstanceOf(Int32Array);
    expect(ind.full).toEqual({ objectives: [1, 2], stats: statsLike(100 + e) });
    expect(ind.row.metrics).toEqual(statsLike(e).metrics);
    expect(Array.from(ind.genome)).toEqual(Array.from(out.next.population[0]!));

    // Statistics as an earlier version stored them (the generic codec, deflated) still read back.
    store.db.prepare('UPDATE ga_individuals SET stats = ? WHERE run_id = ? AND generation = 1 AND idx = ?').run(packValue(statsLike(e)), id, e);
    expect(repo.getIndividual(id, 1, e).stats).toEqual(statsLike(e));
  });

  it('stores real metrics in the binary metrics form and reads metrics stored by earlier versions (generic codec)', () => {
    const id = newRun();
    const state = repo.loadRun(id).state;
    const objectives = state.population.map((g) => [g[0]!, g[1]!]);
    const out = concludeGeneration(setup, state, objectives);
    const full = Object.fromEntries(METRIC_KEYS.map((k, i) => [k, i % 4 === 0 ? null : i % 4 === 1 ? Number.NaN : i * 1.5])) as unknown as Metrics;
    repo.saveGeneration(id, {
      generation: 1,
      split: 0,
      window: { from: 0, to: 5 },
      best: [0, 0],
      mean: [0, 0],
      diversity: out.diversity,
      breeding: out.breeding,
      rates: out.rates,
      elites: out.elites,
      seconds: 1,
      replyBytes: 0,
      transferMs: 0,
      evalMs: 0,
      evaluations: 8,
      individuals: state.population.map((genome, i) => ({
        index: i,
        genome,
        objectives: objectives[i]!,
        front: out.ranking.front[i]!,
        rank: out.ranking.rank[i]!,
        crowding: out.ranking.crowding[i]!,
        elite: out.elites.includes(i),
        metrics: { ...full, bars: i },
        error: null,
        stats: null,
        full: null,
        test: null,
      })),
      next: out.next,
    });
    const blob = store.db.prepare('SELECT metrics FROM ga_individuals WHERE run_id = ? AND idx = 3').get(id) as { metrics: Buffer };
    expect(isEncodedMetrics(blob.metrics)).toBe(true);
    // A row as an earlier version wrote it.
    store.db.prepare('UPDATE ga_individuals SET metrics = ? WHERE run_id = ? AND idx = 5').run(encodeValue({ ...full, bars: 5 }), id);
    const rows = repo.getGeneration(id, 1).individuals;
    expect(rows.map((r) => r.metrics)).toEqual(state.population.map((_, i) => ({ ...full, bars: i })));
  });

  it('lists runs and reports a running run whose process is gone as interrupted', () => {
    const id = newRun();
    expect(repo.listRuns(() => true)[0]).toMatchObject({ id, status: 'running', active: true, generationsDone: 0 });
    // Driven by this process but not active here: the driver is gone.
    expect(repo.listRuns(() => false)[0]!.status).toBe('interrupted');
    repo.setStatus(id, 'stopped', null);
    expect(repo.listRuns(() => false)[0]!.status).toBe('stopped');
  });

  it('says which generation exists when asked for a missing one', () => {
    const id = newRun();
    expect(() => repo.getGeneration(id, 3)).toThrow(/no generation 3 \(completed: 0\)/);
    expect(() => repo.loadRun(999)).toThrow(/no run with id 999/);
  });
});
