/**
 * No indicator reads the future: for every registered class, with random valid parameters on
 * random candles, computing on a prefix gives exactly the values computed on the whole series
 * (compute and every chart line). Also: outputs stay in range and the warm-up is 0, not NaN.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sliceCandles } from '../../../shared/domain/candles';
import { INDICATORS, indicatorClassNames } from '../../../shared/indicators/registry';
import { randomWalkCandles } from '../../../shared/indicators/randomWalk';
import { candlesArb, coveringParams, paramsFor } from './arbitraries';

function samePrefix(full: Float64Array, prefix: Float64Array, what: string): void {
  expect(prefix.length, `${what}: length`).toBe(Math.min(prefix.length, full.length));
  for (let i = 0; i < prefix.length; i++) {
    if (!Object.is(prefix[i], full[i])) throw new Error(`${what}: value ${i} is ${full[i]} on the full series but ${prefix[i]} on the first ${prefix.length} candles`);
  }
}

describe.each(indicatorClassNames())('%s', (name) => {
  const def = INDICATORS[name]!;

  it('appending future candles never changes a past value of compute or of any line', () => {
    fc.assert(
      fc.property(candlesArb, paramsFor(def.params), fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 4 }), (c, p, cuts) => {
        const full = def.compute(c, p);
        const fullLines = def.lines(c, p);
        for (const f of cuts) {
          const k = Math.floor(f * c.length);
          const part = sliceCandles(c, 0, k);
          samePrefix(full, def.compute(part, p), `compute, cut at ${k}`);
          def.lines(part, p).forEach((line, j) => {
            expect(line.name).toBe(fullLines[j]!.name);
            samePrefix(fullLines[j]!.values, line.values, `line ${line.name}, cut at ${k}`);
          });
        }
      }),
      { numRuns: 150 },
    );
  });

  it('the same, exhaustively: every cut of a fixed series, for covering parameter sets', () => {
    const series = [randomWalkCandles(360, 5, { volatility: 0.004 }), randomWalkCandles(240, 6, { tick: 0.05, volatility: 0.004 })];
    for (const c of series) {
      for (const p of coveringParams(def.params)) {
        const full = def.compute(c, p);
        const fullLines = def.lines(c, p);
        for (let k = 0; k <= c.length; k++) {
          const part = sliceCandles(c, 0, k);
          samePrefix(full, def.compute(part, p), `compute with ${JSON.stringify(p)}, cut at ${k}`);
          def.lines(part, p).forEach((line, j) => samePrefix(fullLines[j]!.values, line.values, `line ${line.name} with ${JSON.stringify(p)}, cut at ${k}`));
        }
      }
    }
  });

  it(def.kind === 'signal' ? 'yields only 0 and 1' : 'yields finite values in [−1, 1]', () => {
    fc.assert(
      fc.property(candlesArb, paramsFor(def.params), (c, p) => {
        const out = def.compute(c, p);
        expect(out.length).toBe(c.length);
        for (const v of out) {
          if (def.kind === 'signal') expect(v === 0 || v === 1, `value ${v}`).toBe(true);
          else expect(Number.isFinite(v) && v >= -1 && v <= 1, `value ${v}`).toBe(true);
        }
        for (const line of def.lines(c, p)) expect(line.values.length).toBe(c.length);
      }),
      { numRuns: 100 },
    );
  });
});
