import type { IndexWindow } from '../../../shared/ga/splits';
import type { IndividualStats, Metrics } from '../../../shared/stats/types';
import { decodeMetrics, decodeReply } from '../../../shared/stats/wire';
import type { EvalResult } from '../pool/protocol';

/**
 * A generation carries many genomes over unchanged: the elites, and children whose crossover and
 * mutation changed nothing (in the bench's converged run 40–76 of 300 a generation). An evaluation
 * depends only on the genome, the market and the window, so such a genome's result is taken from
 * the generation before instead of being computed again — the same result in every mode, and when
 * a resumed run (which has no generation before in memory) computes it again.
 */

/** A genome's exact bits: −0, NaN payloads and all. */
export function genomeKey(genome: Float64Array): string {
  return Buffer.from(genome.buffer, genome.byteOffset, genome.byteLength).toString('latin1');
}

/**
 * A result taken over by another individual. It keeps copies of what it needs (the metrics' and
 * the statistics' bytes) rather than the result it came from, which would keep that generation's
 * replies in memory for as long as the genome survives. Nothing was evaluated or moved for it.
 */
export class ReusedResult implements EvalResult {
  readonly objectives: number[];
  readonly evalMs = 0;
  readonly replyBytes = 0;
  readonly transferMs = 0;
  readonly error?: string;
  private readonly heldMetrics: Metrics | Uint8Array | null;
  private heldStats: IndividualStats | Uint8Array | null;

  constructor(
    readonly index: number,
    from: EvalResult,
  ) {
    this.objectives = from.objectives.slice();
    if (from.error !== undefined) this.error = from.error;
    if (from instanceof ReusedResult) {
      this.heldMetrics = from.heldMetrics;
      this.heldStats = from.heldStats;
      return;
    }
    this.heldMetrics = from.metricsBytes?.()?.slice() ?? from.metrics;
    // A worker's result copies its statistics' bytes out; an in-process one shares its (immutable) object.
    this.heldStats = from.statsBytes ? from.statsBytes() : from.stats;
  }

  get metrics(): Metrics | null {
    const m = this.heldMetrics;
    return m instanceof Uint8Array ? decodeMetrics(m) : m;
  }

  metricsBytes(): Uint8Array | null {
    return this.heldMetrics instanceof Uint8Array ? this.heldMetrics : null;
  }

  statsBytes(): Uint8Array | null {
    return this.heldStats instanceof Uint8Array ? this.heldStats : null;
  }

  get stats(): IndividualStats | null {
    const s = this.heldStats;
    return s instanceof Uint8Array ? decodeReply(s).stats : s;
  }

  holdsStats(): boolean {
    return this.heldStats !== null;
  }

  /** Null releases them, as for any result. */
  set stats(v: IndividualStats | null) {
    this.heldStats = v;
  }
}

/** Whether a result holds its complete statistics (without decoding them). */
export function holdsStats(r: EvalResult): boolean {
  if (r instanceof ReusedResult) return r.holdsStats();
  return r.statsBytes ? r.statsBytes() !== null : r.stats !== null;
}

/** One generation's results by genome, for the next generation on the same window. */
export class PreviousResults {
  private readonly byGenome = new Map<string, EvalResult>();

  constructor(
    readonly window: IndexWindow,
    keys: readonly string[],
    results: readonly EvalResult[],
  ) {
    for (let i = 0; i < results.length; i++) {
      const r = results[i]!;
      // A failed evaluation may have failed for a reason of its own (a worker that died twice).
      if (r.error !== undefined) continue;
      const earlier = this.byGenome.get(keys[i]!);
      // Of equal genomes, one whose statistics are still held: it can be stored without evaluating.
      if (!earlier || (!holdsStats(earlier) && holdsStats(r))) this.byGenome.set(keys[i]!, r);
    }
  }

  /** The earlier result for this genome, when it was evaluated on `window`. */
  find(key: string, window: IndexWindow): EvalResult | undefined {
    if (window.from !== this.window.from || window.to !== this.window.to) return undefined;
    return this.byGenome.get(key);
  }
}
