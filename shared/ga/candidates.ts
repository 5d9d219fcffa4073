import { finiteVector } from './loop';
import { dominates } from './nsga2';

/**
 * While a generation's results arrive, tells which individuals can no longer be among the first
 * `k` distinct genomes of the ranking — nor on front 0 — so their complete statistics need not be
 * kept until the generation ends. An individual dominated by `k` distinct genomes has at least `k`
 * distinct genomes in earlier fronts, so it ranks after them whatever arrives later.
 *
 * Runs once per result in a run's coordinating process, so it keeps flat arrays (genome keys
 * interned to numbers, at most `k` dominator ids per individual) rather than a set per individual.
 */
export class TopCandidates {
  private readonly ids = new Map<string | number, number>();
  private indices: number[] = [];
  private keys: number[] = [];
  private objectives: number[][] = [];
  /** Per seen individual (by arrival): up to k distinct dominator genome ids, and how many. */
  private dominatorIds: Int32Array;
  private dominatorCount: Int32Array;

  constructor(
    private readonly k: number,
    private readonly penalty: number,
  ) {
    this.dominatorIds = new Int32Array(Math.max(1, k) * 64);
    this.dominatorCount = new Int32Array(64);
  }

  private intern(key: string | number): number {
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(key, id);
    }
    return id;
  }

  /** Adds `id` to seen individual `s`'s distinct dominators (up to k); true when that makes k. */
  private addDominator(s: number, id: number): boolean {
    const k = this.k;
    const n = this.dominatorCount[s]!;
    if (n >= k) return false;
    const base = s * k;
    for (let j = 0; j < n; j++) if (this.dominatorIds[base + j] === id) return false;
    this.dominatorIds[base + n] = id;
    this.dominatorCount[s] = n + 1;
    return n + 1 >= k;
  }

  /** Records one result; returns the indices (this one included) that just dropped out. */
  add(index: number, genomeKey: string | number, rawObjectives: readonly number[]): number[] {
    const objectives = finiteVector(rawObjectives, this.penalty);
    const id = this.intern(genomeKey);
    const me = this.indices.length;
    if (me >= this.dominatorCount.length) {
      const count = new Int32Array(this.dominatorCount.length * 2);
      count.set(this.dominatorCount);
      const ids = new Int32Array(count.length * Math.max(1, this.k));
      ids.set(this.dominatorIds);
      this.dominatorCount = count;
      this.dominatorIds = ids;
    }
    const out: number[] = [];
    for (let s = 0; s < me; s++) {
      const other = this.objectives[s]!;
      if (dominates(other, objectives)) this.addDominator(me, this.keys[s]!);
      else if (dominates(objectives, other) && this.addDominator(s, id)) out.push(this.indices[s]!);
    }
    this.indices.push(index);
    this.keys.push(id);
    this.objectives.push(objectives);
    if (this.k <= 0 || this.dominatorCount[me]! >= this.k) out.push(index);
    return out;
  }
}
