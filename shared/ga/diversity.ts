import type { GeneSpec } from './genes';
import { genomeDistance, type Genome } from './genome';

/** Two individuals closer than this (normalised RMS over all genes) count as near-duplicates. */
export const NEAR_DISTANCE = 0.05;
/** Re-injection starts when more than this share of front-0 elite pairs are near-duplicates. */
export const CLOSE_SHARE_LIMIT = 0.8;
/** How many distinct elites survive a re-injection. */
export const KEEP_DISTINCT = 5;
/** Share of the refill that is drawn at random; the rest are heavily mutated kept elites. */
export const RANDOM_SHARE = 0.3;
/** Per-gene mutation probability of a "heavily mutated" individual. */
export const HEAVY_MUTATION_RATE = 0.5;

export interface Diversity {
  /** Pairs compared: among the elites that lie on front 0. */
  pairs: number;
  /** Share of those pairs closer than NEAR_DISTANCE (0 when there is no pair). */
  closeShare: number;
  /** Mean pairwise distance of those elites (0 when there is no pair). */
  meanDistance: number;
  /** Whether the population collapsed and the next one is re-injected. */
  collapsed: boolean;
}

/** Judged on every gene, normalised by its range (the original looked at a subset). */
export function assessDiversity(front0Elites: readonly Genome[], specs: readonly GeneSpec[]): Diversity {
  const n = front0Elites.length;
  let pairs = 0;
  let close = 0;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const d = genomeDistance(front0Elites[i]!, front0Elites[j]!, specs);
      pairs++;
      sum += d;
      if (d < NEAR_DISTANCE) close++;
    }
  }
  const closeShare = pairs ? close / pairs : 0;
  const varies = specs.some((s) => s.hi > s.lo);
  return {
    pairs,
    closeShare,
    meanDistance: pairs ? sum / pairs : 0,
    collapsed: varies && pairs > 0 && closeShare > CLOSE_SHARE_LIMIT,
  };
}

/** Up to KEEP_DISTINCT genomes, in the given (ranking) order, each not near any kept before it. */
export function distinctGenomes(candidates: readonly Genome[], specs: readonly GeneSpec[]): Genome[] {
  const kept: Genome[] = [];
  for (const g of candidates) {
    if (kept.length >= KEEP_DISTINCT) break;
    if (kept.every((k) => genomeDistance(k, g, specs) >= NEAR_DISTANCE)) kept.push(g);
  }
  return kept;
}
