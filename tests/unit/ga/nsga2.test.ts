import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { TopCandidates } from '../../../shared/ga/candidates';
import {
  balanceFronts,
  crowdingDistance,
  crowdOrder,
  dominates,
  idealPointDistance,
  nonDominatedFronts,
  rankPopulation,
  selectWinningPopulation,
} from '../../../shared/ga/nsga2';

// A(1,5) B(2,3) C(4,1) D(3,4) E(5,5) F(2,6)
const points = [
  [1, 5],
  [2, 3],
  [4, 1],
  [3, 4],
  [5, 5],
  [2, 6],
];

describe('dominates', () => {
  it('needs no worse everywhere and better somewhere', () => {
    expect(dominates([1, 1], [1, 2])).toBe(true);
    expect(dominates([1, 2], [1, 2])).toBe(false);
    expect(dominates([0, 3], [1, 2])).toBe(false);
    expect(dominates([2, 2], [1, 2])).toBe(false);
  });
});

describe('nonDominatedFronts', () => {
  it('peels fronts by domination counts', () => {
    // D is dominated by B only, F by A only, E by A, B, C and D.
    expect(nonDominatedFronts(points)).toEqual([[0, 1, 2], [3, 5], [4]]);
  });

  it('puts identical points on the same front', () => {
    expect(nonDominatedFronts([[1, 1], [1, 1], [2, 2]])).toEqual([[0, 1], [2]]);
  });

  it('orders a chain one point per front', () => {
    expect(nonDominatedFronts([[3, 3], [1, 1], [2, 2]])).toEqual([[1], [2], [0]]);
  });
});

describe('crowdingDistance', () => {
  it('gives extremes ∞ and inner points the sum of normalised neighbour gaps', () => {
    // Front A(1,5) B(2,3) C(4,1): B gets (4-1)/3 + (5-1)/4 = 2.
    expect(crowdingDistance([0, 1, 2], points)).toEqual([Infinity, 2, Infinity]);
  });

  it('gives every member of a front of one or two ∞', () => {
    expect(crowdingDistance([3, 5], points)).toEqual([Infinity, Infinity]);
    expect(crowdingDistance([4], points)).toEqual([Infinity]);
  });

  it('adds nothing for an objective that does not vary', () => {
    const pts = [[0, 7], [1, 7], [3, 7], [4, 7]];
    // Objective 0: inner gaps (3-0)/4 and (4-1)/4; objective 1 is flat.
    expect(crowdingDistance([0, 1, 2, 3], pts)).toEqual([Infinity, 0.75, 0.75, Infinity]);
  });
});

describe('balanceFronts and selectWinningPopulation', () => {
  it('measures the distance to the front ideal point with objectives scaled by the front span', () => {
    const d = idealPointDistance([0, 1, 2], points);
    expect(d[0]).toBeCloseTo(1, 12);
    expect(d[1]).toBeCloseTo(Math.sqrt(1 / 9 + 1 / 4), 12);
    expect(d[2]).toBeCloseTo(1, 12);
    expect(balanceFronts([[0, 1, 2]], points)).toEqual([[1, 0, 2]]);
  });

  it('takes fronts in order, each in crowd order, so element 0 is an extreme of front 0', () => {
    expect(selectWinningPopulation(6, nonDominatedFronts(points), points)).toEqual([0, 2, 1, 3, 5, 4]);
    expect(selectWinningPopulation(2, nonDominatedFronts(points), points)).toEqual([0, 2]);
    expect(selectWinningPopulation(4, nonDominatedFronts(points), points)).toEqual([0, 2, 1, 3]);
  });

  it('breaks ties among ∞ extremes by distance to the ideal point', () => {
    // A three-member front in three objectives: all are extremes.
    const pts = [[0, 1, 1], [1, 0, 0.2], [0.5, 0.5, 0]];
    expect(nonDominatedFronts(pts)).toEqual([[0, 1, 2]]);
    expect(selectWinningPopulation(3, [[0, 1, 2]], pts)).toEqual([2, 1, 0]);
  });

  it('ranks a whole population with fronts, crowding and positions', () => {
    const r = rankPopulation(points);
    expect(r.order).toEqual([0, 2, 1, 3, 5, 4]);
    expect(Array.from(r.front)).toEqual([0, 0, 0, 1, 2, 1]);
    expect(Array.from(r.rank)).toEqual([0, 2, 1, 3, 5, 4]);
    expect(r.crowding[1]).toBe(2);
  });
});

describe('non-dominated fronts, against the definition', () => {
  it('front k holds exactly the individuals no remaining one dominates once fronts < k are removed', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 2, maxLength: 3 }), { minLength: 0, maxLength: 40 }), (raw) => {
        const m = raw[0]?.length ?? 2;
        const objectives = raw.map((o) => o.slice(0, m).concat(Array(Math.max(0, m - o.length)).fill(0)));
        const remaining = new Set(objectives.map((_, i) => i));
        const expected: number[][] = [];
        while (remaining.size > 0) {
          const front = [...remaining].filter((i) => ![...remaining].some((j) => dominates(objectives[j]!, objectives[i]!)));
          expected.push(front.sort((a, b) => a - b));
          for (const i of front) remaining.delete(i);
        }
        expect(nonDominatedFronts(objectives)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});

describe('ranking orders, against the sorts they replace', () => {
  // The straightforward forms (Array.prototype.sort with closures), as the ranking was first written.
  const refCrowding = (front: readonly number[], objectives: readonly (readonly number[])[]) => {
    const m = front.length;
    const dist = new Array<number>(m).fill(0);
    if (m === 0) return dist;
    if (m <= 2) return dist.fill(Infinity);
    const order = Array.from({ length: m }, (_, i) => i);
    for (let k = 0; k < objectives[front[0]!]!.length; k++) {
      const val = (i: number) => objectives[front[i]!]![k]!;
      order.sort((a, b) => val(a) - val(b) || front[a]! - front[b]!);
      const span = val(order[m - 1]!) - val(order[0]!);
      dist[order[0]!] = Infinity;
      dist[order[m - 1]!] = Infinity;
      if (!(span > 0) || !Number.isFinite(span)) continue;
      for (let j = 1; j < m - 1; j++) dist[order[j]!]! += (val(order[j + 1]!) - val(order[j - 1]!)) / span;
    }
    return dist;
  };
  const refBalance = (front: readonly number[], objectives: readonly (readonly number[])[]) => {
    const d = idealPointDistance(front, objectives);
    const order = front.map((_, j) => j);
    order.sort((a, b) => d[a]! - d[b]! || front[a]! - front[b]!);
    return order.map((j) => front[j]!);
  };
  const refCrowdOrder = (front: readonly number[], objectives: readonly (readonly number[])[]) => {
    const d = refCrowding(front, objectives);
    const order = front.map((_, j) => j);
    order.sort((a, b) => (d[a] !== d[b] ? (d[a] === Infinity ? -1 : d[b] === Infinity ? 1 : d[b]! - d[a]!) : a - b));
    return order.map((j) => front[j]!);
  };

  it('crowding distances, balanced fronts and crowd orders are exactly the same (ties on purpose)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 6 }), fc.double({ min: -3, max: 3, noNaN: true })), { minLength: 0, maxLength: 80 }), (rows) => {
        const objectives = rows.map(([a, b, c]) => [a / 3, b, c]);
        for (const front of nonDominatedFronts(objectives)) {
          expect(crowdingDistance(front, objectives)).toEqual(refCrowding(front, objectives));
          const balanced = balanceFronts([front], objectives)[0]!;
          expect(balanced).toEqual(refBalance(front, objectives));
          expect(crowdOrder(balanced, objectives)).toEqual(refCrowdOrder(balanced, objectives));
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('TopCandidates', () => {
  it('drops an individual once k distinct genomes dominate it, and never one that can still rank in the top k', () => {
    const c = new TopCandidates(2, 100);
    expect(c.add(0, 'a', [5, 5])).toEqual([]);
    expect(c.add(1, 'b', [4, 4])).toEqual([]); // dominates 0 (one dominator so far)
    expect(c.add(2, 'b', [4, 4])).toEqual([]); // same genome as 1: not a second distinct dominator of 0
    expect(c.add(3, 'c', [3, 6])).toEqual([]); // does not dominate 0
    expect(c.add(4, 'd', [1, 1])).toEqual([0]); // second distinct dominator of 0
    expect(c.add(5, 'e', [9, 9]).sort()).toEqual([5]); // dominated by a, b, d…
  });

  it('agrees with the full ranking: what it drops is never among the first k distinct genomes', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 3 })), { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 1, max: 6 }),
        (rows, k) => {
          const objectives = rows.map(([a, b]) => [a, b]);
          // Genome keys: a few shared to exercise "distinct".
          const keys = rows.map(([a, b, g]) => `${a}-${b}-${g}`);
          const c = new TopCandidates(k, 100);
          const dropped = new Set<number>();
          rows.forEach((_, i) => c.add(i, keys[i]!, objectives[i]!).forEach((d) => dropped.add(d)));
          const { order, front } = rankPopulation(objectives);
          const firstDistinct: number[] = [];
          const seen = new Set<string>();
          for (const i of order) {
            if (firstDistinct.length >= k) break;
            if (!seen.has(keys[i]!)) {
              seen.add(keys[i]!);
              firstDistinct.push(i);
            }
          }
          for (const i of firstDistinct) expect(dropped.has(i)).toBe(false);
          for (const i of order.slice(0, k)) expect(dropped.has(i)).toBe(false);
          rows.forEach((_, i) => {
            if (front[i] === 0) expect(dropped.has(i)).toBe(false);
          });
        },
      ),
    );
  });
});
