import { describe, expect, it } from 'vitest';
import { genomeKey, holdsStats, PreviousResults, ReusedResult } from '../../../electron/backend/runs/reuse';
import type { EvalResult } from '../../../electron/backend/pool/protocol';
import type { IndividualStats, Metrics } from '../../../shared/stats/types';

const window = { from: 0, to: 100 };
const metrics = { totalTrades: 3 } as Metrics;
const stats = { metrics } as IndividualStats;
const inProcess = (index: number, withStats = true, error?: string): EvalResult => ({
  index,
  objectives: [index, 1],
  stats: withStats ? stats : null,
  metrics,
  evalMs: 2,
  replyBytes: 0,
  transferMs: 0,
  ...(error ? { error } : {}),
});

/** A worker's result as the pool gives it: bytes that are views of a buffer the pool reuses. */
function fromWorker(index: number, arena: Uint8Array, withStats = true): EvalResult {
  let held = withStats;
  return {
    index,
    objectives: [index],
    get stats() {
      return null;
    },
    set stats(v) {
      if (v === null) held = false;
    },
    metrics: null,
    metricsBytes: () => arena.subarray(0, 4),
    statsBytes: () => (held ? arena.slice(4, 8) : null),
    evalMs: 1,
    replyBytes: 8,
    transferMs: 0.1,
  };
}

describe('results taken over by equal genomes', () => {
  it('keys genomes by their exact bits', () => {
    expect(genomeKey(Float64Array.of(1, 2.5))).toBe(genomeKey(new Float64Array([1, 2.5])));
    expect(genomeKey(Float64Array.of(0))).not.toBe(genomeKey(Float64Array.of(-0)));
    expect(genomeKey(Float64Array.of(1, 2).subarray(1))).toBe(genomeKey(Float64Array.of(2)));
  });

  it('copies what it keeps out of a worker reply, costs nothing, and lets its statistics go alone', () => {
    const arena = Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8);
    const original = fromWorker(3, arena);
    const reused = new ReusedResult(9, original);
    arena.fill(0);
    expect(reused.index).toBe(9);
    expect(reused.objectives).toEqual([3]);
    expect(Array.from(reused.metricsBytes()!)).toEqual([1, 2, 3, 4]);
    expect(Array.from(reused.statsBytes()!)).toEqual([5, 6, 7, 8]);
    expect([reused.evalMs, reused.replyBytes, reused.transferMs]).toEqual([0, 0, 0]);
    reused.stats = null;
    expect(holdsStats(reused)).toBe(false);
    expect(holdsStats(original)).toBe(true);
    // Taken over again, from the taken-over result.
    expect(holdsStats(new ReusedResult(1, new ReusedResult(2, inProcess(0))))).toBe(true);
    expect(new ReusedResult(1, new ReusedResult(2, inProcess(0))).stats).toBe(stats);
  });

  it('finds an earlier result only on its own window, preferring one that still holds its statistics', () => {
    const keys = ['a', 'a', 'b', 'c'];
    const results = [inProcess(0, false), inProcess(1, true), inProcess(2), inProcess(3, true, 'the worker evaluating this individual died twice')];
    const previous = new PreviousResults(window, keys, results);
    expect(previous.find('a', window)).toBe(results[1]);
    expect(previous.find('b', window)).toBe(results[2]);
    expect(previous.find('b', { from: 0, to: 99 })).toBeUndefined();
    expect(previous.find('c', window)).toBeUndefined();
  });
});
