import { Prng } from '../random/prng';
import { assessDiversity, distinctGenomes, HEAVY_MUTATION_RATE, RANDOM_SHARE, type Diversity } from './diversity';
import type { GeneSpec } from './genes';
import { randomGenome, type Genome } from './genome';
import { rankPopulation, type Ranking } from './nsga2';
import { crossover, mutate } from './operators';
import { ratesAt, type GaParams } from './params';

/**
 * The generation loop as a pure state machine. A driver (the run manager, a test, a bench)
 * evaluates `state.population` on chunk `state.split` and hands the objective values to
 * `concludeGeneration`, which ranks, picks elites and breeds the next state. All randomness comes
 * from the PRNG whose state travels inside GaState, so a saved state continues a run exactly.
 */

export interface GaSetup {
  specs: readonly GeneSpec[];
  params: GaParams;
  /** The config's own genome: slot 0 of the first population when `seedWithOriginal`. */
  original: Genome | null;
  /** How many training chunks the driver can evaluate on (1 = the whole range). */
  splitCount: number;
}

export interface GaState {
  /** 1-based number of the generation `population` belongs to. */
  generation: number;
  population: Genome[];
  /** PRNG state after this population (and its chunk) were drawn. */
  prng: [number, number, number, number];
  /** Index of the training chunk this generation is evaluated on. */
  split: number;
}

export interface GenerationOutcome {
  generation: number;
  /** The objective values the ranking used (non-finite values replaced by the penalty). */
  objectives: number[][];
  ranking: Ranking;
  /** Indices of the elites, best first. */
  elites: number[];
  diversity: Diversity;
  rates: { mutation: number; crossover: number };
  /** How the next population was made: the usual recipe or a diversity re-injection. */
  breeding: 'recipe' | 'reinjection';
  next: GaState;
}

function drawSplit(setup: GaSetup, prng: Prng): number {
  return setup.splitCount > 1 ? prng.int(0, setup.splitCount - 1) : 0;
}

export function initialState(setup: GaSetup, seed: number): GaState {
  const prng = new Prng(seed);
  const n = setup.params.populationSize;
  const population: Genome[] = [];
  if (setup.params.seedWithOriginal && setup.original) population.push(setup.original.slice());
  while (population.length < n) population.push(randomGenome(setup.specs, prng));
  const split = drawSplit(setup, prng);
  return { generation: 1, population, prng: prng.save(), split };
}

/**
 * The original system's recipe: the elites unchanged, 3 mutated copies of each elite, crossover
 * children of shuffled elite pairs, then of shuffled parent pairs, then mutated parents (round
 * robin) until the population is full.
 */
export function breed(
  setup: GaSetup,
  population: readonly Genome[],
  order: readonly number[],
  eliteIndices: readonly number[],
  rates: { mutation: number; crossover: number },
  prng: Prng,
): Genome[] {
  const { populationSize: n, parentCount } = setup.params;
  const specs = setup.specs;
  const elites = eliteIndices.map((i) => population[i]!);
  const parents = order.slice(0, parentCount).map((i) => population[i]!);
  const next: Genome[] = [];
  // Module-level helpers rather than closures made anew each generation (see nsga2.ts on why).
  for (const e of elites) pushUpTo(next, e.slice(), n);
  for (const e of elites) for (let k = 0; k < 3; k++) pushUpTo(next, mutate(e, specs, rates.mutation, prng), n);
  pairUp(elites, next, n, rates.crossover, prng);
  pairUp(parents, next, n, rates.crossover, prng);
  for (let k = 0; next.length < n; k++) pushUpTo(next, mutate(parents[k % parents.length]!, specs, rates.mutation, prng), n);
  return next;
}

/** Adds `g` while the population has room (a genome made after it is full is dropped). */
function pushUpTo(next: Genome[], g: Genome, n: number): void {
  if (next.length < n) next.push(g);
}

/** Crossover children of the shuffled group's consecutive pairs, while there is room. */
function pairUp(group: readonly Genome[], next: Genome[], n: number, rate: number, prng: Prng): void {
  const shuffled = prng.shuffle(group.slice());
  for (let k = 0; k + 1 < shuffled.length && next.length < n; k += 2) {
    const [c1, c2] = crossover(shuffled[k]!, shuffled[k + 1]!, rate, prng);
    pushUpTo(next, c1, n);
    pushUpTo(next, c2, n);
  }
}

/** After a collapse: ≤ 5 distinct elites, then 70 % heavily mutated copies of them and 30 % random. */
export function reinject(setup: GaSetup, eliteGenomes: readonly Genome[], prng: Prng): Genome[] {
  const n = setup.params.populationSize;
  const kept = distinctGenomes(eliteGenomes, setup.specs).slice(0, n);
  const next = kept.map((g) => g.slice());
  const rest = n - next.length;
  const randomCount = Math.round(RANDOM_SHARE * rest);
  for (let k = 0; k < rest - randomCount; k++) next.push(mutate(kept[k % kept.length]!, setup.specs, HEAVY_MUTATION_RATE, prng));
  for (let k = 0; k < randomCount; k++) next.push(randomGenome(setup.specs, prng));
  return next;
}

/**
 * The elites: the first `count` individuals of the ranking whose genomes differ from every elite
 * before them (a surviving elite and its rebuilt copies would otherwise fill several elite slots
 * with one genome); copies fill the rest only when there are too few distinct genomes.
 */
export function pickElites(population: readonly Genome[], order: readonly number[], count: number): number[] {
  const chosen: number[] = [];
  const seen = new Set<string>();
  for (const i of order) {
    if (chosen.length >= count) break;
    const key = population[i]!.join(',');
    if (seen.has(key)) continue;
    seen.add(key);
    chosen.push(i);
  }
  for (const i of order) {
    if (chosen.length >= count) break;
    if (!chosen.includes(i)) chosen.push(i);
  }
  return chosen;
}

export function sanitizeObjectives(objectives: readonly (readonly number[])[], penalty: number): number[][] {
  const out: number[][] = [];
  for (const o of objectives) out.push(finiteVector(o, penalty));
  return out;
}

/**
 * An objective vector with non-finite values replaced by the penalty, always stored as doubles:
 * V8 keeps an array of small integers (a penalty of 100, a count of 0) in another form than one
 * of fractions, and ranking code that meets both forms is deoptimised and compiled again, over
 * and over, in a run's coordinating process.
 */
export function finiteVector(values: readonly number[], penalty: number): number[] {
  const out = [0.5];
  out.length = 0;
  for (const v of values) out.push(Number.isFinite(v) ? v : penalty);
  return out;
}

export function concludeGeneration(setup: GaSetup, state: GaState, rawObjectives: readonly (readonly number[])[]): GenerationOutcome {
  if (rawObjectives.length !== state.population.length) {
    throw new Error(`generation ${state.generation}: ${rawObjectives.length} results for ${state.population.length} individuals`);
  }
  const objectives = sanitizeObjectives(rawObjectives, setup.params.penalty);
  const ranking = rankPopulation(objectives);
  const elites = pickElites(state.population, ranking.order, setup.params.eliteSize);
  const front0Elites = elites.filter((i) => ranking.front[i] === 0).map((i) => state.population[i]!);
  const diversity = assessDiversity(front0Elites, setup.specs);
  const rates = ratesAt(setup.params, state.generation);
  const prng = Prng.restore(state.prng);
  const population =
    diversity.collapsed && elites.length > 0
      ? reinject(
          setup,
          elites.map((i) => state.population[i]!),
          prng,
        )
      : breed(setup, state.population, ranking.order, elites, rates, prng);
  const generation = state.generation + 1;
  const split = (generation - 1) % setup.params.splitRepeats === 0 ? drawSplit(setup, prng) : state.split;
  return {
    generation: state.generation,
    objectives,
    ranking,
    elites,
    diversity,
    rates,
    breeding: diversity.collapsed && elites.length > 0 ? 'reinjection' : 'recipe',
    next: { generation, population, prng: prng.save(), split },
  };
}
