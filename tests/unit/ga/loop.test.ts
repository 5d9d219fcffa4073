import { describe, expect, it } from 'vitest';
import { geneSpecs } from '../../../shared/ga/genes';
import { genomeFromConfig, type Genome } from '../../../shared/ga/genome';
import { breed, concludeGeneration, initialState, pickElites, reinject, type GaSetup, type GaState } from '../../../shared/ga/loop';
import { rankPopulation } from '../../../shared/ga/nsga2';
import { gaParams, ratesAt } from '../../../shared/ga/params';
import { assessDiversity } from '../../../shared/ga/diversity';
import { Prng } from '../../../shared/random/prng';
import { hyper, sampleConfig, unitGenes } from './fixtures';

function zdt1(x: Genome): number[] {
  const n = x.length;
  let s = 0;
  for (let i = 1; i < n; i++) s += x[i]!;
  const g = 1 + (9 * s) / (n - 1);
  const f1 = x[0]!;
  return [f1, g * (1 - Math.sqrt(f1 / g))];
}

/** How far a point lies from the ZDT1 Pareto front (where g = 1): g − 1. */
const zdt1Gap = (x: Genome) => (9 * x.slice(1).reduce((a, b) => a + b, 0)) / (x.length - 1);

function run(setup: GaSetup, seed: number, generations: number, f: (g: Genome) => number[]) {
  let state = initialState(setup, seed);
  const outcomes = [];
  for (let k = 0; k < generations; k++) {
    const out = concludeGeneration(setup, state, state.population.map(f));
    outcomes.push(out);
    state = out.next;
  }
  return { state, outcomes };
}

const flat = (pop: Genome[]) => pop.map((g) => Array.from(g));

describe('initial state', () => {
  it('puts the unmodified config in slot 0 when seed_with_original is set', () => {
    const cfg = sampleConfig();
    const specs = geneSpecs(cfg);
    const original = genomeFromConfig(cfg, specs);
    const setup: GaSetup = { specs, params: gaParams(hyper()), original, splitCount: 1 };
    const s = initialState(setup, 1);
    expect(s.population).toHaveLength(20);
    expect(Array.from(s.population[0]!)).toEqual(Array.from(original));
    expect(Array.from(s.population[1]!)).not.toEqual(Array.from(original));
    const noSeed = initialState({ ...setup, params: gaParams(hyper({ seed_with_original: false })) }, 1);
    expect(Array.from(noSeed.population[0]!)).not.toEqual(Array.from(original));
  });
});

describe('breeding recipe', () => {
  const specs = unitGenes(6);
  const setup: GaSetup = { specs, params: gaParams(hyper({ population_size: 30, elite_size: 4, propagation_fraction: 0.4 })), original: null, splitCount: 1 };

  it('keeps the elites, adds three mutants of each, then crossover children, then mutated parents', () => {
    const prng = new Prng(11);
    const pop = Array.from({ length: 30 }, () => Float64Array.from(specs.map(() => prng.next())));
    const objectives = pop.map((g) => [g[0]!, 1 - g[0]! + g[1]!]);
    const { order } = rankPopulation(objectives);
    const next = breed(setup, pop, order, order.slice(0, 4), { mutation: 0.075, crossover: 0.075 }, new Prng(4));
    expect(next).toHaveLength(30);
    const elites = order.slice(0, 4).map((i) => pop[i]!);
    const parents = order.slice(0, 12).map((i) => pop[i]!);
    // Slots 0-3: the elites unchanged.
    for (let k = 0; k < 4; k++) expect(Array.from(next[k]!)).toEqual(Array.from(elites[k]!));
    // Slots 4-15: three mutants per elite, each differing from its elite in at least one gene.
    for (let k = 0; k < 12; k++) {
      const e = elites[Math.floor(k / 3)]!;
      const m = next[4 + k]!;
      const diff = specs.filter((_, i) => m[i] !== e[i]).length;
      expect(diff).toBeGreaterThanOrEqual(1);
    }
    // Slots 16-19: elite crossover children: every gene comes from some elite.
    for (let k = 16; k < 20; k++) {
      next[k]!.forEach((v, i) => expect(elites.some((e) => e[i] === v)).toBe(true));
    }
    // Slots 20-29: parent crossover children (12 parents → 6 pairs → 12 children, truncated).
    for (let k = 20; k < 30; k++) {
      next[k]!.forEach((v, i) => expect(parents.some((p) => p[i] === v)).toBe(true));
    }
  });

  it('fills with mutated parents when the recipe runs short', () => {
    const big: GaSetup = { ...setup, params: gaParams(hyper({ population_size: 60, elite_size: 2, propagation_fraction: 0.1 })) };
    const prng = new Prng(2);
    const pop = Array.from({ length: 60 }, () => Float64Array.from(specs.map(() => prng.next())));
    const { order } = rankPopulation(pop.map((g) => [g[0]!, g[1]!]));
    const next = breed(big, pop, order, order.slice(0, 2), { mutation: 0.075, crossover: 0.075 }, new Prng(3));
    expect(next).toHaveLength(60);
    // 2 elites + 6 mutants + 2 elite children + 6 parent children = 16; the rest mutate parents round robin.
    const parents = order.slice(0, 6).map((i) => pop[i]!);
    for (let k = 16; k < 60; k++) {
      const p = parents[(k - 16) % 6]!;
      expect(specs.filter((_, i) => next[k]![i] !== p[i]).length).toBeGreaterThanOrEqual(1);
      expect(Math.max(...Array.from(next[k]!, (v, i) => Math.abs(v - p[i]!)))).toBeLessThanOrEqual(0.2 + 1e-12);
    }
  });

  it('decays the rates per generation with a floor of 0.01', () => {
    const p = gaParams(hyper({ chance_of_mutation: 0.5, chance_of_crossover: 0.5 }));
    expect(ratesAt(p, 1)).toEqual({ mutation: 0.5, crossover: 0.5 });
    expect(ratesAt(p, 3).mutation).toBeCloseTo(0.5 * 0.93 ** 2, 15);
    expect(ratesAt(p, 3).crossover).toBeCloseTo(0.5 * 0.95 ** 2, 15);
    expect(ratesAt(p, 500)).toEqual({ mutation: 0.01, crossover: 0.01 });
  });
});

describe('elites', () => {
  it('are the best distinct genomes in ranking order, copies only when too few differ', () => {
    const a = Float64Array.of(1);
    const b = Float64Array.of(2);
    const pop = [a, a.slice(), b, a.slice(), Float64Array.of(3)];
    expect(pickElites(pop, [1, 0, 3, 2, 4], 3)).toEqual([1, 2, 4]);
    expect(pickElites([a, a.slice(), a.slice()], [2, 0, 1], 2)).toEqual([2, 0]);
  });

  it('never repeats a genome among the elites of a run', () => {
    const specs = unitGenes(3);
    const setup: GaSetup = { specs, params: gaParams(hyper({ population_size: 16, elite_size: 4 })), original: null, splitCount: 1 };
    let state = initialState(setup, 3);
    for (let g = 0; g < 20; g++) {
      const out = concludeGeneration(setup, state, state.population.map((x) => [x[0]!, 1 - x[0]! + x[1]!]));
      const keys = out.elites.map((i) => Array.from(state.population[i]!).join());
      expect(new Set(keys).size).toBe(4);
      state = out.next;
    }
  });
});

describe('diversity', () => {
  const specs = unitGenes(4);
  it('flags a collapse when more than 80 % of front-0 elite pairs are near-duplicates', () => {
    const a = Float64Array.of(0.5, 0.5, 0.5, 0.5);
    const near = Float64Array.of(0.52, 0.5, 0.5, 0.5);
    const far = Float64Array.of(0.9, 0.1, 0.5, 0.5);
    expect(assessDiversity([a, near, a.slice()], specs).collapsed).toBe(true);
    // One far elite: 1 close pair of 3 → 33 %.
    const d = assessDiversity([a, near, far], specs);
    expect(d.closeShare).toBeCloseTo(1 / 3, 12);
    expect(d.collapsed).toBe(false);
    // A single elite has no pair to judge.
    expect(assessDiversity([a], specs).collapsed).toBe(false);
  });

  it('judges closeness on all genes, not a subset', () => {
    // Identical in the first three genes, opposite in the last one: not near-duplicates.
    const a = Float64Array.of(0.5, 0.5, 0.5, 0);
    const b = Float64Array.of(0.5, 0.5, 0.5, 1);
    expect(assessDiversity([a, b], specs).collapsed).toBe(false);
  });

  it('re-injects ≤ 5 distinct elites, 70 % heavy mutants and 30 % random individuals', () => {
    const setup: GaSetup = { specs, params: gaParams(hyper({ population_size: 25 })), original: null, splitCount: 1 };
    const e = Float64Array.of(0.5, 0.5, 0.5, 0.5);
    const elites = [e, e.slice(), Float64Array.of(0.51, 0.5, 0.5, 0.5), Float64Array.of(0, 0, 0, 0)];
    const next = reinject(setup, elites, new Prng(8));
    expect(next).toHaveLength(25);
    expect(flat(next.slice(0, 2))).toEqual([Array.from(e), [0, 0, 0, 0]]);
    // 23 refilled: round(0.3 × 23) = 7 random at the end, 16 mutants of the kept two before them.
    for (let k = 2; k < 18; k++) {
      const parent = k % 2 === 0 ? e : elites[3]!;
      expect(Math.max(...Array.from(next[k]!, (v, i) => Math.abs(v - parent[i]!)))).toBeLessThanOrEqual(0.2 + 1e-12);
    }
  });

  it('replaces a collapsed population in the loop', () => {
    const setup: GaSetup = { specs, params: gaParams(hyper({ population_size: 12, elite_size: 4 })), original: null, splitCount: 1 };
    const s = initialState(setup, 5);
    // Everyone identical and equally good: all four elites on front 0 and identical.
    const same = s.population[0]!;
    const state: GaState = { ...s, population: s.population.map(() => same.slice()) };
    const out = concludeGeneration(setup, state, state.population.map(() => [1, 1]));
    expect(out.diversity.collapsed).toBe(true);
    expect(out.breeding).toBe('reinjection');
    expect(Array.from(out.next.population[0]!)).toEqual(Array.from(same));
    expect(flat(out.next.population.slice(1)).some((g) => g.join() === Array.from(same).join())).toBe(false);
  });
});

describe('the loop', () => {
  const specs = unitGenes(10);
  const setup: GaSetup = {
    specs,
    params: gaParams(hyper({ population_size: 40, elite_size: 4, chance_of_mutation: 0.3, chance_of_crossover: 0.3 })),
    original: null,
    splitCount: 4,
  };

  it('is deterministic for a seed and differs across seeds', () => {
    const a = run(setup, 7, 15, zdt1);
    const b = run(setup, 7, 15, zdt1);
    const c = run(setup, 8, 15, zdt1);
    expect(flat(a.state.population)).toEqual(flat(b.state.population));
    expect(a.outcomes.map((o) => o.elites)).toEqual(b.outcomes.map((o) => o.elites));
    expect(a.state.prng).toEqual(b.state.prng);
    expect(flat(a.state.population)).not.toEqual(flat(c.state.population));
  });

  it('continues from a saved state exactly as an uninterrupted run', () => {
    const whole = run(setup, 21, 12, zdt1);
    const first = run(setup, 21, 5, zdt1);
    // Through a JSON round trip, as the run store keeps it.
    const saved = JSON.parse(JSON.stringify({ ...first.state, population: flat(first.state.population) })) as {
      generation: number;
      population: number[][];
      prng: [number, number, number, number];
      split: number;
    };
    let state: GaState = { ...saved, population: saved.population.map((g) => Float64Array.from(g)) };
    for (let k = 0; k < 7; k++) state = concludeGeneration(setup, state, state.population.map(zdt1)).next;
    expect(state.generation).toBe(13);
    expect(flat(state.population)).toEqual(flat(whole.state.population));
  });

  it('draws a new training chunk every split_repeats generations', () => {
    const { outcomes } = run({ ...setup, params: { ...setup.params, splitRepeats: 3 } }, 3, 30, zdt1);
    const splits = [initialState(setup, 3).split, ...outcomes.map((o) => o.next.split)].slice(0, 30);
    for (let g = 0; g < 30; g++) {
      if (g % 3 !== 0) expect(splits[g]).toBe(splits[g - 1]);
      expect(splits[g]).toBeGreaterThanOrEqual(0);
      expect(splits[g]).toBeLessThan(4);
    }
    expect(new Set(splits).size).toBeGreaterThan(1);
  });

  it('moves a ZDT1 population toward the Pareto front', () => {
    const zSetup: GaSetup = { ...setup, params: gaParams(hyper({ population_size: 60, elite_size: 6, propagation_fraction: 0.5, chance_of_mutation: 0.2, chance_of_crossover: 0.3 })), splitCount: 1 };
    const start = initialState(zSetup, 1);
    const meanGap = (pop: Genome[]) => {
      const objs = pop.map(zdt1);
      const f0 = rankPopulation(objs).fronts[0]!;
      return f0.reduce((s, i) => s + zdt1Gap(pop[i]!), 0) / f0.length;
    };
    const before = meanGap(start.population);
    const { state } = run(zSetup, 1, 200, zdt1);
    const after = meanGap(state.population);
    const front = rankPopulation(state.population.map(zdt1)).fronts[0]!;
    const f1 = front.map((i) => state.population[i]![0]!);
    expect(before).toBeGreaterThan(1.5);
    expect(after).toBeLessThan(0.1 * before);
    // The front is spread, not a single point.
    expect(Math.max(...f1) - Math.min(...f1)).toBeGreaterThan(0.3);
  });
});
