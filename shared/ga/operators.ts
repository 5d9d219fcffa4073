import type { Prng } from '../random/prng';
import type { GeneSpec } from './genes';
import type { Genome } from './genome';

/**
 * Uniform crossover: each gene is swapped between the two children with probability `rate`,
 * and at least one gene is swapped so a child never equals its parent by construction.
 */
export function crossover(a: Genome, b: Genome, rate: number, prng: Prng): [Genome, Genome] {
  const c1 = a.slice();
  const c2 = b.slice();
  const n = c1.length;
  if (n === 0) return [c1, c2];
  let swapped = false;
  for (let i = 0; i < n; i++) {
    if (prng.chance(rate)) {
      const t = c1[i]!;
      c1[i] = c2[i]!;
      c2[i] = t;
      swapped = true;
    }
  }
  if (!swapped) {
    const i = prng.int(0, n - 1);
    const t = c1[i]!;
    c1[i] = c2[i]!;
    c2[i] = t;
  }
  return [c1, c2];
}

/** Largest change one mutation may make to a gene (SYSTEM.md §4). */
export function mutationReach(s: GeneSpec): number {
  const span = s.hi - s.lo;
  switch (s.kind) {
    case 'weight':
      return 0.15;
    case 'enter_threshold':
      return 0.1;
    default:
      // exit thresholds, float and int parameters (and trend genes, should a caller force them)
      return 0.2 * span;
  }
}

function clamp(v: number, lo: number, hi: number): number {
  return v < lo ? lo : v > hi ? hi : v;
}

/**
 * A gene moved by one mutation step and clamped to its range. Floats move uniformly within
 * ±reach; ints by a non-zero integer step within ±max(1, reach). When `mustChange` is set and the
 * clamped value equals the old one (a step pushing against a bound), the step is mirrored.
 */
export function mutateGene(s: GeneSpec, v: number, prng: Prng, mustChange: boolean): number {
  if (s.type === 'int') {
    const m = Math.max(1, Math.round(mutationReach(s)));
    let step = prng.int(1, m);
    if (prng.chance(0.5)) step = -step;
    let out = clamp(Math.round(v) + step, s.lo, s.hi);
    if (mustChange && out === v) out = clamp(Math.round(v) - step, s.lo, s.hi);
    return out;
  }
  const reach = mutationReach(s);
  const delta = prng.uniform(-reach, reach);
  let out = clamp(v + delta, s.lo, s.hi);
  if (mustChange && out === v) out = clamp(v - delta, s.lo, s.hi);
  // A zero draw: step the full reach towards the middle of the range.
  if (mustChange && out === v) out = clamp(v + (v < (s.lo + s.hi) / 2 ? reach : -reach), s.lo, s.hi);
  return out;
}

/** Whether mutation can change this gene at all. */
export function canMutate(s: GeneSpec): boolean {
  return s.mutable && s.hi > s.lo;
}

/**
 * Each mutable gene changes with probability `rate`; if none did, one mutable gene (chosen
 * uniformly) is changed, so a mutant always differs from its parent when anything can change.
 */
export function mutate(g: Genome, specs: readonly GeneSpec[], rate: number, prng: Prng): Genome {
  const out = g.slice();
  let changed = false;
  const candidates: number[] = [];
  for (let i = 0; i < specs.length; i++) {
    const s = specs[i]!;
    if (!canMutate(s)) continue;
    candidates.push(i);
    if (prng.chance(rate)) {
      const v = mutateGene(s, out[i]!, prng, false);
      if (v !== out[i]) changed = true;
      out[i] = v;
    }
  }
  if (!changed && candidates.length > 0) {
    const i = candidates[prng.int(0, candidates.length - 1)]!;
    out[i] = mutateGene(specs[i]!, out[i]!, prng, true);
  }
  return out;
}
