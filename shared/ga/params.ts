import type { GaHyperparameters } from '../config/types';

/** The loop's settings, resolved from `ga_hyperparameters` and clamped to workable values. */
export interface GaParams {
  populationSize: number;
  generations: number;
  eliteSize: number;
  /** Parents per generation: round(propagation_fraction × population), at least the elites. */
  parentCount: number;
  mutationRate: number;
  crossoverRate: number;
  /** Generations evaluated on one drawn chunk before the next is drawn. */
  splitRepeats: number;
  seedWithOriginal: boolean;
  /** Objective value given to an individual that could not be evaluated. */
  penalty: number;
}

export const DEFAULT_PENALTY = 100;

export function gaParams(h: GaHyperparameters, penalty = DEFAULT_PENALTY): GaParams {
  const populationSize = Math.max(2, Math.floor(h.population_size));
  const eliteSize = Math.min(populationSize, Math.max(0, Math.floor(h.elite_size)));
  const parentCount = Math.min(populationSize, Math.max(eliteSize, 2, Math.round(h.propagation_fraction * populationSize)));
  return {
    populationSize,
    generations: Math.max(1, Math.floor(h.number_of_iterations)),
    eliteSize,
    parentCount,
    mutationRate: h.chance_of_mutation,
    crossoverRate: h.chance_of_crossover,
    splitRepeats: Math.max(1, Math.floor(h.split_repeats)),
    seedWithOriginal: h.seed_with_original,
    penalty,
  };
}

/**
 * Operator rates used when breeding after `generation` (1-based): mutation max(0.01, p × 0.93^g),
 * crossover max(0.01, p × 0.95^g) with g = generation − 1, so the first breeding uses p itself.
 */
export function ratesAt(params: GaParams, generation: number): { mutation: number; crossover: number } {
  const g = generation - 1;
  return {
    mutation: Math.max(0.01, params.mutationRate * 0.93 ** g),
    crossover: Math.max(0.01, params.crossoverRate * 0.95 ** g),
  };
}
