import { dominates } from './nsga2';

/**
 * While a generation's results arrive, tells which individuals can no longer be among the first
 * `k` distinct genomes of the ranking — nor on front 0 — so their complete statistics need not be
 * kept until the generation ends. An individual dominated by `k` distinct genomes has at least `k`
 * distinct genomes in earlier fronts, so it ranks after them whatever arrives later.
 */
export class TopCandidates {
  private readonly seen: Array<{ index: number; key: string; objectives: readonly number[] }> = [];
  private readonly dominators = new Map<number, Set<string>>();

  constructor(
    private readonly k: number,
    private readonly penalty: number,
  ) {}

  /** Records one result; returns the indices (this one included) that just dropped out. */
  add(index: number, genomeKey: string, rawObjectives: readonly number[]): number[] {
    const objectives = rawObjectives.map((v) => (Number.isFinite(v) ? v : this.penalty));
    const mine = new Set<string>();
    const out: number[] = [];
    for (const other of this.seen) {
      if (dominates(other.objectives, objectives)) mine.add(other.key);
      else if (dominates(objectives, other.objectives)) {
        const theirs = this.dominators.get(other.index);
        if (theirs && theirs.size < this.k) {
          theirs.add(genomeKey);
          if (theirs.size >= this.k) out.push(other.index);
        }
      }
    }
    this.seen.push({ index, key: genomeKey, objectives });
    this.dominators.set(index, mine);
    if (mine.size >= this.k) out.push(index);
    return out;
  }
}
