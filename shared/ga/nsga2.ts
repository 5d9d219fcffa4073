/**
 * NSGA-II ranking as the original system did it (SYSTEM.md §4). Every objective is minimised.
 * All orderings break ties by individual index, so a ranking depends only on the objective values.
 */

/** a dominates b: no worse in every objective and better in at least one. */
export function dominates(a: readonly number[], b: readonly number[]): boolean {
  let better = false;
  for (let k = 0; k < a.length; k++) {
    if (a[k]! > b[k]!) return false;
    if (a[k]! < b[k]!) better = true;
  }
  return better;
}

/**
 * Non-dominated fronts by domination counts (Deb et al. 2002): front 0 holds the individuals
 * nobody dominates, front k those dominated only by fronts < k. Indices ascend within a front.
 */
export function nonDominatedFronts(objectives: readonly (readonly number[])[]): number[][] {
  const n = objectives.length;
  const dominatedBy = new Int32Array(n);
  // rel[p·n + q] = 1 when p dominates q: one allocation instead of a growing list per individual
  // (this runs once per generation in the coordinating process, which competes with workers).
  const rel = new Uint8Array(n * n);
  for (let p = 0; p < n; p++) {
    const op = objectives[p]!;
    for (let q = p + 1; q < n; q++) {
      const oq = objectives[q]!;
      if (dominates(op, oq)) {
        rel[p * n + q] = 1;
        dominatedBy[q]!++;
      } else if (dominates(oq, op)) {
        rel[q * n + p] = 1;
        dominatedBy[p]!++;
      }
    }
  }
  const fronts: number[][] = [];
  let current: number[] = [];
  for (let p = 0; p < n; p++) if (dominatedBy[p] === 0) current.push(p);
  while (current.length > 0) {
    fronts.push(current);
    const next: number[] = [];
    for (const p of current) {
      const row = p * n;
      for (let q = 0; q < n; q++) {
        if (rel[row + q] === 1 && --dominatedBy[q]! === 0) next.push(q);
      }
    }
    next.sort((a, b) => a - b);
    current = next;
  }
  return fronts;
}

/**
 * Crowding distance of each member of one front (same order as `front`): per objective, members
 * sorted by value; the two extremes get ∞, inner members the normalised gap between neighbours.
 */
export function crowdingDistance(front: readonly number[], objectives: readonly (readonly number[])[]): number[] {
  const m = front.length;
  const dist = new Array<number>(m).fill(0);
  if (m === 0) return dist;
  if (m <= 2) return dist.fill(Infinity);
  const nObj = objectives[front[0]!]!.length;
  const order = Array.from({ length: m }, (_, i) => i);
  for (let k = 0; k < nObj; k++) {
    const val = (i: number) => objectives[front[i]!]![k]!;
    order.sort((a, b) => val(a) - val(b) || front[a]! - front[b]!);
    const lo = val(order[0]!);
    const hi = val(order[m - 1]!);
    dist[order[0]!] = Infinity;
    dist[order[m - 1]!] = Infinity;
    const span = hi - lo;
    if (!(span > 0) || !Number.isFinite(span)) continue;
    for (let j = 1; j < m - 1; j++) {
      dist[order[j]!]! += (val(order[j + 1]!) - val(order[j - 1]!)) / span;
    }
  }
  return dist;
}

/**
 * Distance of each member of one front to the front's ideal point (the per-objective minimum
 * over the front). Objectives are scaled by the front's span so that one with a large scale
 * (e.g. 1 ÷ net P&L) does not drown the others.
 */
export function idealPointDistance(front: readonly number[], objectives: readonly (readonly number[])[]): number[] {
  if (front.length === 0) return [];
  const nObj = objectives[front[0]!]!.length;
  const lo = new Array<number>(nObj).fill(Infinity);
  const hi = new Array<number>(nObj).fill(-Infinity);
  for (const i of front) {
    for (let k = 0; k < nObj; k++) {
      const v = objectives[i]![k]!;
      if (v < lo[k]!) lo[k] = v;
      if (v > hi[k]!) hi[k] = v;
    }
  }
  return front.map((i) => {
    let sum = 0;
    for (let k = 0; k < nObj; k++) {
      const span = hi[k]! - lo[k]!;
      if (!(span > 0) || !Number.isFinite(span)) continue;
      const d = (objectives[i]![k]! - lo[k]!) / span;
      sum += d * d;
    }
    return Math.sqrt(sum);
  });
}

/** `balance_fronts`: each front sorted by distance to its ideal point (closest first). */
export function balanceFronts(fronts: readonly (readonly number[])[], objectives: readonly (readonly number[])[]): number[][] {
  return fronts.map((front) => {
    const d = idealPointDistance(front, objectives);
    const order = front.map((_, j) => j);
    order.sort((a, b) => d[a]! - d[b]! || front[a]! - front[b]!);
    return order.map((j) => front[j]!);
  });
}

/**
 * One front in crowd order: largest crowding distance first (the ∞ extremes lead), ties kept in
 * the balanced order (closest to the ideal point first).
 */
export function crowdOrder(balancedFront: readonly number[], objectives: readonly (readonly number[])[]): number[] {
  const d = crowdingDistance(balancedFront, objectives);
  const order = balancedFront.map((_, j) => j);
  order.sort((a, b) => {
    const da = d[a]!;
    const db = d[b]!;
    if (da !== db) return da === Infinity ? -1 : db === Infinity ? 1 : db - da;
    return a - b;
  });
  return order.map((j) => balancedFront[j]!);
}

/**
 * `select_winning_population(n, fronts)`: the first n individuals taking fronts in order and each
 * front in crowd order, so element 0 is an extreme of front 0.
 */
export function selectWinningPopulation(
  n: number,
  fronts: readonly (readonly number[])[],
  objectives: readonly (readonly number[])[],
): number[] {
  const out: number[] = [];
  for (const front of balanceFronts(fronts, objectives)) {
    if (out.length >= n) break;
    for (const i of crowdOrder(front, objectives)) {
      if (out.length >= n) break;
      out.push(i);
    }
  }
  return out;
}

export interface Ranking {
  fronts: number[][];
  /** Every individual, best first (`select_winning_population` over the whole population). */
  order: number[];
  /** Per individual: its front number and its crowding distance within that front. */
  front: Int32Array;
  crowding: Float64Array;
  /** Per individual: its position in `order`. */
  rank: Int32Array;
}

export function rankPopulation(objectives: readonly (readonly number[])[]): Ranking {
  const n = objectives.length;
  const fronts = nonDominatedFronts(objectives);
  const front = new Int32Array(n);
  const crowding = new Float64Array(n);
  fronts.forEach((f, k) => {
    const d = crowdingDistance(f, objectives);
    f.forEach((i, j) => {
      front[i] = k;
      crowding[i] = d[j]!;
    });
  });
  const order = selectWinningPopulation(n, fronts, objectives);
  const rank = new Int32Array(n);
  order.forEach((i, r) => {
    rank[i] = r;
  });
  return { fronts, order, front, crowding, rank };
}
