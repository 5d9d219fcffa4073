import { describe, expect, it } from 'vitest';
import { validateStrategyConfig } from '../../../shared/config/validate';
import { geneSpecs } from '../../../shared/ga/genes';
import { assignTasks, parameterGroups, SentKeys, seriesKeys } from '../../../electron/backend/pool/affinity';
import type { EvalTask } from '../../../electron/backend/pool/protocol';
import { gaConfig } from '../../integration/runs/fixtures';

const task = (genome: number[], market: 'train' | 'test' = 'train'): EvalTask => ({ index: 0, genome: Float64Array.from(genome), market, window: { from: 0, to: 1 } });

describe('cache affinity', () => {
  it('groups the genome positions of each indicator whose parameters are optimised', () => {
    const genes = geneSpecs(validateStrategyConfig(gaConfig(), { purpose: 'optimize' }));
    const groups = parameterGroups(genes);
    expect(groups.flat()).toEqual(genes.flatMap((g, j) => (g.kind === 'param' ? [j] : [])));
    for (const group of groups) {
      const indicators = new Set(group.map((j) => (genes[j]!.target as { indicator: number }).indicator));
      expect(indicators.size).toBe(1);
    }
    expect(new Set(groups.map((g) => (genes[g[0]!]!.target as { indicator: number }).indicator)).size).toBe(groups.length);
  });

  it('keys a task by market and by each indicator’s parameter values, not by its other genes', () => {
    const groups = [[0, 1], [3]];
    expect(seriesKeys(task([14, 2, 0.5, 30]), groups)).toEqual(['train0,14,2', 'train1,30']);
    expect(seriesKeys(task([14, 2, 0.9, 30]), groups)).toEqual(seriesKeys(task([14, 2, 0.5, 30]), groups));
    expect(seriesKeys(task([14, 2, 0.5, 30], 'test'), groups)).toEqual(['test0,14,2', 'test1,30']);
    expect(seriesKeys(task([1.5, 2]), [])).toEqual([]);
  });

  it('remembers the keys sent last, forgetting the least recently sent', () => {
    const sent = new SentKeys(3);
    sent.remember(['a', 'b', 'c']);
    sent.remember(['a']);
    sent.remember(['d']);
    expect(sent.matches(['a', 'b', 'c', 'd'])).toBe(3);
    expect(sent.matches(['b'])).toBe(0);
  });

  it('sends each task where most of its keys went, ties to the least loaded, none far beyond an even share', () => {
    const [x, y] = [new SentKeys(), new SentKeys()];
    x.remember(['p1', 'q1']);
    y.remember(['p2']);
    // The second task matches x twice and y once; the third is new (ties go to the lighter worker);
    // the fourth shares a key with the third.
    expect(assignTasks([['p2', 'q2'], ['p1', 'q1'], ['p3', 'q3'], ['p3', 'q4']], [x, y])).toEqual([1, 0, 0, 0]);
    expect(y.matches(['q2'])).toBe(1);
    // Ten tasks all wanting x: it gets its share plus a tenth (6), the rest go to y.
    const all = Array.from({ length: 10 }, () => ['p1']);
    expect(assignTasks(all, [x, y]).filter((w) => w === 0)).toHaveLength(6);
  });
});
