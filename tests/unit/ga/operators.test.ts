import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { GeneKind, GeneSpec } from '../../../shared/ga/genes';
import { crossover, mutate, mutateGene, mutationReach } from '../../../shared/ga/operators';
import { Prng } from '../../../shared/random/prng';

const kinds: GeneKind[] = ['param', 'weight', 'enter_threshold', 'exit_threshold'];

const geneArb: fc.Arbitrary<GeneSpec> = fc
  .record({
    kind: fc.constantFrom(...kinds),
    type: fc.constantFrom('int' as const, 'float' as const),
    lo: fc.integer({ min: -50, max: 50 }),
    span: fc.integer({ min: 0, max: 60 }),
  })
  .map(({ kind, type, lo, span }) => ({
    key: 'g',
    kind,
    // Weights and thresholds are floats in practice; ints only for parameters.
    type: kind === 'param' ? type : 'float',
    lo,
    hi: lo + span,
    mutable: true,
    target: { kind: 'param', indicator: 0, param: 'g' },
  }));

const inRange = (s: GeneSpec, prng: Prng) => (s.type === 'int' ? prng.int(s.lo, s.hi) : prng.uniform(s.lo, s.hi));

describe('mutation', () => {
  it('keeps every gene inside its range, ints integral, and each step within its reach', () => {
    fc.assert(
      fc.property(fc.array(geneArb, { minLength: 1, maxLength: 8 }), fc.integer(), fc.double({ min: 0, max: 1, noNaN: true }), (specs, seed, rate) => {
        const prng = new Prng(seed);
        const g = Float64Array.from(specs.map((s) => inRange(s, prng)));
        const m = mutate(g, specs, rate, prng);
        specs.forEach((s, i) => {
          expect(m[i]).toBeGreaterThanOrEqual(s.lo);
          expect(m[i]).toBeLessThanOrEqual(s.hi);
          if (s.type === 'int') expect(Number.isInteger(m[i])).toBe(true);
          const reach = s.type === 'int' ? Math.max(1, Math.round(mutationReach(s))) : mutationReach(s);
          expect(Math.abs(m[i]! - g[i]!)).toBeLessThanOrEqual(reach + 1e-12);
        });
      }),
    );
  });

  it('changes at least one gene whenever one can change', () => {
    fc.assert(
      fc.property(fc.array(geneArb, { minLength: 1, maxLength: 8 }), fc.integer(), (specs, seed) => {
        const prng = new Prng(seed);
        const g = Float64Array.from(specs.map((s) => inRange(s, prng)));
        const m = mutate(g, specs, 0, prng);
        const changed = specs.filter((_, i) => m[i] !== g[i]).length;
        expect(changed).toBe(specs.some((s) => s.hi > s.lo) ? 1 : 0);
      }),
    );
  });

  it('uses the original reaches: weights ±0.15, entry ±0.1, exit and float params ±20 % of range', () => {
    const base = { key: 'g', type: 'float' as const, lo: 0, hi: 10, mutable: true, target: { kind: 'param' as const, indicator: 0, param: 'g' } };
    expect(mutationReach({ ...base, kind: 'weight' })).toBe(0.15);
    expect(mutationReach({ ...base, kind: 'enter_threshold' })).toBe(0.1);
    expect(mutationReach({ ...base, kind: 'exit_threshold' })).toBe(2);
    expect(mutationReach({ ...base, kind: 'param' })).toBe(2);
  });

  it('steps int parameters by a non-zero integer within ±max(1, 20 % of range)', () => {
    const narrow: GeneSpec = { key: 'p', kind: 'param', type: 'int', lo: 1, hi: 4, mutable: true, target: { kind: 'param', indicator: 0, param: 'p' } };
    const wide: GeneSpec = { ...narrow, lo: 0, hi: 100 };
    const prng = new Prng(9);
    const narrowSteps = new Set<number>();
    const wideSteps = new Set<number>();
    for (let k = 0; k < 2000; k++) {
      narrowSteps.add(mutateGene(narrow, 2, prng, true) - 2);
      wideSteps.add(mutateGene(wide, 50, prng, true) - 50);
    }
    expect([...narrowSteps].sort((a, b) => a - b)).toEqual([-1, 1]);
    expect(Math.min(...wideSteps)).toBe(-20);
    expect(Math.max(...wideSteps)).toBe(20);
    expect(wideSteps.has(0)).toBe(false);
  });

  it('moves a gene sitting on a bound inwards when a change is required', () => {
    const s: GeneSpec = { key: 'p', kind: 'param', type: 'int', lo: 1, hi: 4, mutable: true, target: { kind: 'param', indicator: 0, param: 'p' } };
    const prng = new Prng(1);
    for (let k = 0; k < 100; k++) {
      expect(mutateGene(s, 1, prng, true)).toBe(2);
      expect(mutateGene(s, 4, prng, true)).toBe(3);
    }
  });

  it('never touches genes drawn at initialisation only', () => {
    const frozen: GeneSpec = { key: 't', kind: 'trend_weight', type: 'float', lo: 0, hi: 2, mutable: false, target: { kind: 'trend_weight', bar: 'b', indicator: 't' } };
    const live: GeneSpec = { ...frozen, key: 'w', kind: 'weight', mutable: true };
    const prng = new Prng(5);
    for (let k = 0; k < 100; k++) {
      const m = mutate(Float64Array.of(1, 1), [frozen, live], 1, prng);
      expect(m[0]).toBe(1);
      expect(m[1]).not.toBe(1);
    }
  });
});

describe('crossover', () => {
  it('swaps genes between the children, at least one, and never invents values', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.integer(), fc.double({ min: 0, max: 1, noNaN: true }), (n, seed, rate) => {
        const a = Float64Array.from({ length: n }, (_, i) => i);
        const b = Float64Array.from({ length: n }, (_, i) => 100 + i);
        const [c1, c2] = crossover(a, b, rate, new Prng(seed));
        let swaps = 0;
        for (let i = 0; i < n; i++) {
          expect([c1[i], c2[i]].sort((x, y) => x! - y!)).toEqual([i, 100 + i]);
          if (c1[i] === b[i]) swaps++;
        }
        expect(swaps).toBeGreaterThanOrEqual(1);
        expect(a[0]).toBe(0);
        expect(b[0]).toBe(100);
      }),
    );
  });

  it('swaps exactly one gene at rate 0 and every gene at rate 1', () => {
    const a = Float64Array.of(0, 0, 0, 0);
    const b = Float64Array.of(1, 1, 1, 1);
    const [c1] = crossover(a, b, 0, new Prng(2));
    expect(Array.from(c1).reduce((s, v) => s + v, 0)).toBe(1);
    const [d1, d2] = crossover(a, b, 1, new Prng(2));
    expect(Array.from(d1)).toEqual([1, 1, 1, 1]);
    expect(Array.from(d2)).toEqual([0, 0, 0, 0]);
  });
});
