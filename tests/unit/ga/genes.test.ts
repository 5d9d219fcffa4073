import { describe, expect, it } from 'vitest';
import { geneSpecs } from '../../../shared/ga/genes';
import { applyGenome, genomeDistance, genomeFromConfig, randomGenome } from '../../../shared/ga/genome';
import { Prng } from '../../../shared/random/prng';
import { sampleConfig } from './fixtures';

describe('geneSpecs', () => {
  it('lists every optimisable value in a fixed order with its kind and range', () => {
    const specs = geneSpecs(sampleConfig());
    expect(specs.map((s) => [s.key, s.kind, s.type, s.lo, s.hi, s.mutable])).toEqual([
      ['indicators[fast].parameters.period', 'param', 'int', 2, 30, true],
      ['indicators[fast].parameters.crossover_value', 'param', 'float', 0, 0.01, true],
      ['indicators[slow].parameters.lookback', 'param', 'int', 1, 4, true],
      ['monitor.bars[bull].indicators.fast', 'weight', 'float', 0.5, 1, true],
      ['monitor.bars[bull].trend_indicators.tr.weight', 'trend_weight', 'float', 0.5, 2, false],
      ['monitor.bars[bull].trend_threshold', 'trend_threshold', 'float', 0, 0.5, false],
      ['monitor.enter_long[0].threshold', 'enter_threshold', 'float', 0.5, 1, true],
      ['monitor.exit_long[0].threshold', 'exit_threshold', 'float', 0.2, 0.9, true],
    ]);
  });

  it('skips `skip` ranges and null threshold ranges', () => {
    const cfg = sampleConfig();
    cfg.monitor.enter_long[0]!.threshold_range = null;
    cfg.indicators[0]!.ranges = { period: { t: 'skip' } };
    expect(geneSpecs(cfg).map((s) => s.key)).not.toContain('monitor.enter_long[0].threshold');
    expect(geneSpecs(cfg).map((s) => s.key)).not.toContain('indicators[fast].parameters.period');
  });
});

describe('genome ↔ config', () => {
  it('reads the config values and writes a genome back without touching the input', () => {
    const cfg = sampleConfig();
    const specs = geneSpecs(cfg);
    const g = genomeFromConfig(cfg, specs);
    expect(Array.from(g)).toEqual([10, 0.001, 2, 0.6, 1, 0.1, 0.7, 0.5]);
    const g2 = Float64Array.from([25, 0.005, 4, 0.9, 1.5, 0.3, 0.95, 0.25]);
    const out = applyGenome(cfg, specs, g2);
    expect(out.indicators[0]!.parameters.period).toBe(25);
    expect(out.indicators[0]!.parameters.crossover_value).toBe(0.005);
    expect(out.indicators[1]!.parameters.lookback).toBe(4);
    expect(out.monitor.bars.bull!.indicators.fast).toBe(0.9);
    expect(out.monitor.bars.bull!.trend_indicators.tr!.weight).toBe(1.5);
    expect(out.monitor.bars.bull!.trend_threshold).toBe(0.3);
    expect(out.monitor.enter_long[0]!.threshold).toBe(0.95);
    expect(out.monitor.exit_long[0]!.threshold).toBe(0.25);
    expect(Array.from(genomeFromConfig(out, specs))).toEqual(Array.from(g2));
    expect(cfg.indicators[0]!.parameters.period).toBe(10);
  });

  it('draws random genomes inside the ranges with integer int genes', () => {
    const specs = geneSpecs(sampleConfig());
    const prng = new Prng(3);
    for (let k = 0; k < 200; k++) {
      const g = randomGenome(specs, prng);
      specs.forEach((s, i) => {
        expect(g[i]).toBeGreaterThanOrEqual(s.lo);
        expect(g[i]).toBeLessThanOrEqual(s.hi);
        if (s.type === 'int') expect(Number.isInteger(g[i])).toBe(true);
      });
    }
  });

  it('measures distance over all genes scaled by their ranges', () => {
    const specs = geneSpecs(sampleConfig());
    const lo = Float64Array.from(specs.map((s) => s.lo));
    const hi = Float64Array.from(specs.map((s) => s.hi));
    expect(genomeDistance(lo, lo, specs)).toBe(0);
    expect(genomeDistance(lo, hi, specs)).toBeCloseTo(1, 12);
    // One gene out of eight moved by its full range: sqrt(1/8).
    const one = lo.slice();
    one[7] = specs[7]!.hi;
    expect(genomeDistance(lo, one, specs)).toBeCloseTo(Math.sqrt(1 / 8), 12);
  });
});
