import { describe, expect, it } from 'vitest';
import { Prng } from '../../shared/random/prng';

describe('Prng', () => {
  it('repeats a sequence from the same seed and differs across seeds', () => {
    const a = new Prng(42);
    const b = new Prng(42);
    const c = new Prng(43);
    const sa = Array.from({ length: 100 }, () => a.next());
    expect(Array.from({ length: 100 }, () => b.next())).toEqual(sa);
    expect(Array.from({ length: 100 }, () => c.next())).not.toEqual(sa);
  });

  it('continues the same sequence after save and restore', () => {
    const a = new Prng(7);
    for (let i = 0; i < 10; i++) a.next();
    const b = Prng.restore(a.save());
    expect(Array.from({ length: 50 }, () => b.nextUint32())).toEqual(Array.from({ length: 50 }, () => a.nextUint32()));
  });

  it('is roughly uniform and respects integer bounds', () => {
    const p = new Prng(1);
    const counts = new Array(10).fill(0);
    for (let i = 0; i < 100_000; i++) counts[Math.floor(p.next() * 10)]++;
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(500);
    for (let i = 0; i < 1000; i++) {
      const v = p.int(3, 5);
      expect(v).toBeGreaterThanOrEqual(3);
      expect(v).toBeLessThanOrEqual(5);
    }
  });
});
