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

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object' && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o)) deepFreeze(v);
  }
  return o;
}

/** The genome written into a whole (mutable) copy, gene by gene: what applyGenome must equal. */
function writeWhole(c: ReturnType<typeof sampleConfig>, specs: ReturnType<typeof geneSpecs>, g: ArrayLike<number>) {
  specs.forEach((s, i) => {
    const t = s.target;
    if (t.kind === 'param') c.indicators[t.indicator]!.parameters[t.param] = g[i]!;
    else if (t.kind === 'weight') c.monitor.bars[t.bar]!.indicators[t.indicator] = g[i]!;
    else if (t.kind === 'trend_weight') c.monitor.bars[t.bar]!.trend_indicators[t.indicator]!.weight = g[i]!;
    else if (t.kind === 'trend_threshold') c.monitor.bars[t.bar]!.trend_threshold = g[i]!;
    else if (t.kind === 'enter_threshold') c.monitor.enter_long[t.rule]!.threshold = g[i]!;
    else c.monitor.exit_long[t.rule]!.threshold = g[i]!;
  });
  return c;
}

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

  it('copies what the genome changes and shares the rest, as a whole copy would read', () => {
    const cfg = deepFreeze(sampleConfig());
    const specs = geneSpecs(cfg);
    const prng = new Prng(9);
    for (let k = 0; k < 50; k++) {
      const g = randomGenome(specs, prng);
      // The input is frozen: any write to it would throw.
      const out = applyGenome(cfg, specs, g);
      expect(Array.from(genomeFromConfig(out, specs))).toEqual(Array.from(g));
      // Same keys in the same order, same values, as the genome written into a whole copy.
      expect(JSON.stringify(out)).toBe(JSON.stringify(writeWhole(JSON.parse(JSON.stringify(cfg)), specs, g)));
    }
    const out = applyGenome(cfg, specs, randomGenome(specs, prng));
    expect(out.ga_hyperparameters).toBe(cfg.ga_hyperparameters);
    expect(out.monitor.trade_executor).toBe(cfg.monitor.trade_executor);
    expect(out.indicators[0]).not.toBe(cfg.indicators[0]);
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
