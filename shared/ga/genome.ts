import type { StrategyConfig } from '../config/types';
import type { Prng } from '../random/prng';
import type { GeneSpec } from './genes';

/** One individual's gene values, in `geneSpecs` order. Int genes hold integers. */
export type Genome = Float64Array<ArrayBuffer>;

/** The config's own values as a genome (not clamped: `seed_with_original` keeps them as written). */
export function genomeFromConfig(config: StrategyConfig, specs: readonly GeneSpec[]): Genome {
  const g = new Float64Array(specs.length);
  specs.forEach((s, i) => {
    const t = s.target;
    let v: unknown;
    switch (t.kind) {
      case 'param':
        v = config.indicators[t.indicator]?.parameters[t.param];
        break;
      case 'weight':
        v = config.monitor.bars[t.bar]?.indicators[t.indicator];
        break;
      case 'trend_weight':
        v = config.monitor.bars[t.bar]?.trend_indicators[t.indicator]?.weight;
        break;
      case 'trend_threshold':
        v = config.monitor.bars[t.bar]?.trend_threshold;
        break;
      case 'enter_threshold':
        v = config.monitor.enter_long[t.rule]?.threshold;
        break;
      case 'exit_threshold':
        v = config.monitor.exit_long[t.rule]?.threshold;
        break;
    }
    // A range on a value the config leaves unset starts at the range's middle.
    g[i] = typeof v === 'number' && Number.isFinite(v) ? v : s.type === 'int' ? Math.round((s.lo + s.hi) / 2) : (s.lo + s.hi) / 2;
  });
  return g;
}

/** A copy of `config` carrying the genome's values. The input is not modified. */
export function applyGenome(config: StrategyConfig, specs: readonly GeneSpec[], genome: ArrayLike<number>): StrategyConfig {
  const out = JSON.parse(JSON.stringify(config)) as StrategyConfig;
  specs.forEach((s, i) => {
    const v = genome[i]!;
    const t = s.target;
    switch (t.kind) {
      case 'param':
        out.indicators[t.indicator]!.parameters[t.param] = v;
        break;
      case 'weight':
        out.monitor.bars[t.bar]!.indicators[t.indicator] = v;
        break;
      case 'trend_weight':
        out.monitor.bars[t.bar]!.trend_indicators[t.indicator]!.weight = v;
        break;
      case 'trend_threshold':
        out.monitor.bars[t.bar]!.trend_threshold = v;
        break;
      case 'enter_threshold':
        out.monitor.enter_long[t.rule]!.threshold = v;
        break;
      case 'exit_threshold':
        out.monitor.exit_long[t.rule]!.threshold = v;
        break;
    }
  });
  return out;
}

/** A gene value drawn uniformly from its range. */
export function randomGene(s: GeneSpec, prng: Prng): number {
  if (s.hi <= s.lo) return s.lo;
  return s.type === 'int' ? prng.int(s.lo, s.hi) : prng.uniform(s.lo, s.hi);
}

export function randomGenome(specs: readonly GeneSpec[], prng: Prng): Genome {
  const g = new Float64Array(specs.length);
  for (let i = 0; i < specs.length; i++) g[i] = randomGene(specs[i]!, prng);
  return g;
}

/**
 * Distance between two genomes with every gene scaled to [0, 1] by its range, as the root mean
 * square over ALL genes (the original compared a subset): 0 = identical, 1 = opposite corners,
 * independent of how many genes a config has.
 */
export function genomeDistance(a: Genome, b: Genome, specs: readonly GeneSpec[]): number {
  if (specs.length === 0) return 0;
  let sum = 0;
  for (let i = 0; i < specs.length; i++) {
    const s = specs[i]!;
    const span = s.hi - s.lo;
    if (span <= 0) continue;
    const d = (a[i]! - b[i]!) / span;
    sum += d * d;
  }
  return Math.sqrt(sum / specs.length);
}
