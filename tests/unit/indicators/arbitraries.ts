import fc from 'fast-check';
import { allocateCandles, type Candles } from '../../../shared/domain/candles';
import type { ParamValue } from '../../../shared/config/types';
import type { ParamSpec } from '../../../shared/indicators/types';
import { randomWalkCandles } from '../../../shared/indicators/randomWalk';

/** A valid value for one parameter spec. */
export function paramValue(s: ParamSpec): fc.Arbitrary<ParamValue> {
  switch (s.type) {
    case 'int':
      return fc.integer({ min: s.min ?? 0, max: s.max ?? 1000 });
    case 'float': {
      const min = s.min ?? 0;
      const max = s.max ?? 1000;
      // Both round grid values (ties with prices are likelier) and arbitrary doubles.
      const steps = Math.max(1, Math.round((max - min) / (s.step ?? (max - min) / 100)));
      return fc.oneof(
        fc.integer({ min: 0, max: steps }).map((k) => Math.min(max, min + (k * (max - min)) / steps)),
        fc.double({ min, max, noNaN: true, noDefaultInfinity: true }),
      );
    }
    case 'bool':
      return fc.boolean();
    case 'choice':
      return fc.constantFrom(...(s.choices ?? []));
    case 'patterns':
      return fc.subarray([...(s.choices ?? [])], { minLength: 1 });
  }
}

export function paramsFor(specs: readonly ParamSpec[]): fc.Arbitrary<Record<string, ParamValue>> {
  return fc.record(Object.fromEntries(specs.map((s) => [s.name, paramValue(s)])));
}

/** Candles from small integer moves: flat stretches, equal highs/lows and gaps are frequent. */
const steppedCandles = fc
  .array(fc.record({ gap: fc.integer({ min: -2, max: 2 }), move: fc.integer({ min: -4, max: 4 }), up: fc.nat(3), down: fc.nat(3) }), { minLength: 0, maxLength: 300, size: 'max' })
  .map((rows) => {
    const c = allocateCandles(rows.length);
    let prev = 200;
    rows.forEach((r, i) => {
      const open = Math.max(20, prev + r.gap);
      const close = Math.max(20, open + r.move);
      c.ts[i] = 1_700_000_040 + 60 * i;
      c.open[i] = open / 100;
      c.close[i] = close / 100;
      c.high[i] = (Math.max(open, close) + r.up) / 100;
      c.low[i] = (Math.min(open, close) - r.down) / 100;
      c.volume[i] = 1;
      prev = close;
    });
    return c;
  });

const walkCandles = fc
  .record({ seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }), n: fc.oneof(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 100, max: 400 })), tick: fc.constantFrom(0, 0.01, 0.25) })
  .map(({ seed, n, tick }) => randomWalkCandles(n, seed, { tick, volatility: 0.004 }));

export const candlesArb: fc.Arbitrary<Candles> = fc.oneof(walkCandles, steppedCandles);

/**
 * Parameter sets that cover a class systematically: every combination of its choice parameters
 * at default numbers, every number at its minimum, every number at its maximum, and a few
 * random sets (seeded, so a failure reproduces).
 */
export function coveringParams(specs: readonly ParamSpec[], randomSets = 6): Array<Record<string, ParamValue>> {
  const defaults = Object.fromEntries(specs.map((s) => [s.name, s.default])) as Record<string, ParamValue>;
  let sets: Array<Record<string, ParamValue>> = [defaults];
  for (const s of specs) {
    if (s.type !== 'choice') continue;
    sets = sets.flatMap((base) => (s.choices ?? []).map((choice) => ({ ...base, [s.name]: choice })));
  }
  const at = (pick: 'min' | 'max') =>
    Object.fromEntries(specs.map((s) => [s.name, (s.type === 'int' || s.type === 'float') && s[pick] !== undefined ? s[pick] : s.default])) as Record<string, ParamValue>;
  const patterns = specs.find((s) => s.type === 'patterns');
  const extra = patterns ? [{ ...defaults, [patterns.name]: [...(patterns.choices ?? [])] }] : [];
  return [...sets, at('min'), at('max'), ...extra, ...fc.sample(paramsFor(specs), { numRuns: randomSets, seed: 20240601 })];
}
