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

/*
 * The ranking runs once per generation in a run's coordinating process. Its sorts and loops are
 * written without per-call closures: V8 optimises each new closure instance that gets hot on its
 * own, so callbacks created anew every generation were compiled again every generation.
 */

/**
 * Compares positions a and b: by `key` ascending (ties by `tie` ascending), or with `descending`
 * by `key` descending with ∞ first (ties by `tie` ascending) — the orders of the sorts below.
 */
function compare(a: number, b: number, key: Float64Array, tie: ArrayLike<number>, descending: boolean): number {
  const ka = key[a]!;
  const kb = key[b]!;
  if (descending) {
    if (ka !== kb) return ka === Infinity ? -1 : kb === Infinity ? 1 : kb - ka;
    return tie[a]! - tie[b]!;
  }
  return ka - kb || tie[a]! - tie[b]!;
}

/** Sorts `order` (positions) by `compare`: a merge sort, so any input order gives one result. */
function sortPositions(order: number[], key: Float64Array, tie: ArrayLike<number>, descending: boolean): void {
  const n = order.length;
  if (n < 2) return;
  let src = order.slice();
  let dst = order;
  // Bottom-up: runs of width w merged into runs of 2w, alternating buffers.
  for (let w = 1; w < n; w *= 2) {
    for (let lo = 0; lo < n; lo += 2 * w) {
      const mid = Math.min(lo + w, n);
      const hi = Math.min(lo + 2 * w, n);
      let i = lo;
      let j = mid;
      let k = lo;
      while (i < mid && j < hi) dst[k++] = compare(src[j]!, src[i]!, key, tie, descending) < 0 ? src[j++]! : src[i++]!;
      while (i < mid) dst[k++] = src[i++]!;
      while (j < hi) dst[k++] = src[j++]!;
    }
    const t = src;
    src = dst;
    dst = t;
  }
  // `src` holds the last merge's output.
  if (src !== order) for (let i = 0; i < n; i++) order[i] = src[i]!;
}

function positions(m: number): number[] {
  const order = new Array<number>(m);
  for (let i = 0; i < m; i++) order[i] = i;
  return order;
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
  const order = positions(m);
  const val = new Float64Array(m);
  for (let k = 0; k < nObj; k++) {
    for (let i = 0; i < m; i++) val[i] = objectives[front[i]!]![k]!;
    sortPositions(order, val, front, false);
    const lo = val[order[0]!]!;
    const hi = val[order[m - 1]!]!;
    dist[order[0]!] = Infinity;
    dist[order[m - 1]!] = Infinity;
    const span = hi - lo;
    if (!(span > 0) || !Number.isFinite(span)) continue;
    for (let j = 1; j < m - 1; j++) {
      dist[order[j]!]! += (val[order[j + 1]!]! - val[order[j - 1]!]!) / span;
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
  const out = new Array<number>(front.length);
  for (let j = 0; j < front.length; j++) {
    const i = front[j]!;
    let sum = 0;
    for (let k = 0; k < nObj; k++) {
      const span = hi[k]! - lo[k]!;
      if (!(span > 0) || !Number.isFinite(span)) continue;
      const d = (objectives[i]![k]! - lo[k]!) / span;
      sum += d * d;
    }
    out[j] = Math.sqrt(sum);
  }
  return out;
}

/** `balance_fronts`: each front sorted by distance to its ideal point (closest first). */
export function balanceFronts(fronts: readonly (readonly number[])[], objectives: readonly (readonly number[])[]): number[][] {
  const out: number[][] = [];
  for (const front of fronts) {
    const d = Float64Array.from(idealPointDistance(front, objectives));
    const order = positions(front.length);
    sortPositions(order, d, front, false);
    const balanced = new Array<number>(front.length);
    for (let j = 0; j < order.length; j++) balanced[j] = front[order[j]!]!;
    out.push(balanced);
  }
  return out;
}

/**
 * One front in crowd order: largest crowding distance first (the ∞ extremes lead), ties kept in
 * the balanced order (closest to the ideal point first).
 */
export function crowdOrder(balancedFront: readonly number[], objectives: readonly (readonly number[])[]): number[] {
  const d = Float64Array.from(crowdingDistance(balancedFront, objectives));
  const order = positions(balancedFront.length);
  sortPositions(order, d, order.slice(), true);
  const out = new Array<number>(order.length);
  for (let j = 0; j < order.length; j++) out[j] = balancedFront[order[j]!]!;
  return out;
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
  for (let k = 0; k < fronts.length; k++) {
    const f = fronts[k]!;
    const d = crowdingDistance(f, objectives);
    for (let j = 0; j < f.length; j++) {
      front[f[j]!] = k;
      crowding[f[j]!] = d[j]!;
    }
  }
  const order = selectWinningPopulation(n, fronts, objectives);
  const rank = new Int32Array(n);
  for (let r = 0; r < order.length; r++) rank[order[r]!] = r;
  return { fronts, order, front, crowding, rank };
}
