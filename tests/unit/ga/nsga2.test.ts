import { describe, expect, it } from 'vitest';
import {
  balanceFronts,
  crowdingDistance,
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
