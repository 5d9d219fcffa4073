/**
 * Computing inside the engine's cache (pooled result columns, shared intermediate lines) gives
 * exactly the values of a plain `compute`, for every class: the cache is an optimisation only.
 * The pool here hands out columns full of garbage unless the kernel asks for zeroed ones, and
 * memoised lines are shared across parameter sets as the cache shares them.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { INDICATORS, indicatorClassNames } from '../../../shared/indicators/registry';
import type { ComputeContext } from '../../../shared/indicators/types';
import { candlesArb, paramsFor } from './arbitraries';

function sameValues(a: Float64Array, b: Float64Array, what: string): void {
  expect(b.length, `${what}: length`).toBe(a.length);
  for (let i = 0; i < a.length; i++) {
    if (!Object.is(a[i], b[i])) throw new Error(`${what}: value ${i} is ${a[i]} without a context but ${b[i]} with one`);
  }
}

/** A context like the cache's, over one candle series; memo keys are recorded. */
function testContext(): ComputeContext & { keys: Set<string> } {
  const memo = new Map<string, Float64Array>();
  const keys = new Set<string>();
  const dirty = (n: number) => new Float64Array(n).fill(Number.NaN).fill(12345.678, 0, n >> 1);
  const zeroed = (n: number) => dirty(n).fill(0);
  return {
    keys,
    column: zeroed,
    memo(key, make) {
      keys.add(key);
      let v = memo.get(key);
      if (!v) memo.set(key, (v = make(zeroed)));
      return v;
    },
  };
}

describe.each(indicatorClassNames())('%s', (name) => {
  const def = INDICATORS[name]!;

  it('computes the same values with the cache context as without, parameter set after parameter set', () => {
    fc.assert(
      fc.property(candlesArb, fc.array(paramsFor(def.params), { minLength: 1, maxLength: 5 }), (c, sets) => {
        // One context for every set: later sets read lines an earlier set put there.
        const ctx = testContext();
        for (const p of sets) sameValues(def.compute(c, p), def.compute(c, p, ctx), `${JSON.stringify(p)}`);
      }),
      { numRuns: 120 },
    );
  });
});
