import type { RangeSpec, StrategyConfig } from '../config/types';

/**
 * What the optimizer may change in a config, one entry per gene. The original system's gene kinds
 * keep their own mutation rules (SYSTEM.md §4), so the kind travels with the gene.
 */
export type GeneKind =
  | 'param' // indicator parameter with a `ranges` entry
  | 'weight' // bar weight with a `weight_ranges` entry
  | 'enter_threshold' // `enter_long[i].threshold` with a `threshold_range`
  | 'exit_threshold' // `exit_long[i].threshold` with a `threshold_range`
  | 'trend_weight' // bar trend weight with a `trend_weight_ranges` entry (randomised at init only)
  | 'trend_threshold'; // bar `trend_threshold` with a `trend_threshold_range` (randomised at init only)

/** Where a gene's value lives in a config. */
export type GeneTarget =
  | { kind: 'param'; indicator: number; param: string }
  | { kind: 'weight'; bar: string; indicator: string }
  | { kind: 'enter_threshold'; rule: number }
  | { kind: 'exit_threshold'; rule: number }
  | { kind: 'trend_weight'; bar: string; indicator: string }
  | { kind: 'trend_threshold'; bar: string };

export interface GeneSpec {
  /** Readable JSON-ish path, e.g. `indicators[macd1m].parameters.fast`; unique per config. */
  key: string;
  kind: GeneKind;
  type: 'int' | 'float';
  lo: number;
  hi: number;
  /**
   * Mutation touches only mutable genes. The original system drew trend weights and the trend
   * threshold once, at initialisation; they are still inherited through crossover.
   */
  mutable: boolean;
  target: GeneTarget;
}

function bounds(r: readonly [number, number]): [number, number] {
  return r[0] <= r[1] ? [r[0], r[1]] : [r[1], r[0]];
}

function fromRange(spec: RangeSpec | undefined): { type: 'int' | 'float'; lo: number; hi: number } | null {
  if (!spec || spec.t === 'skip') return null;
  const [lo, hi] = bounds(spec.r);
  if (spec.t === 'int') return { type: 'int', lo: Math.ceil(lo), hi: Math.floor(hi) };
  return { type: 'float', lo, hi };
}

/**
 * The genes of a config, in a fixed order: indicator parameters (indicator order, then `ranges`
 * key order), then per bar (key order) its weights, trend weights and trend threshold, then the
 * entry and exit thresholds. The order is part of a run's identity: a stored genome is only
 * meaningful together with the config it came from.
 */
export function geneSpecs(config: StrategyConfig): GeneSpec[] {
  const genes: GeneSpec[] = [];
  config.indicators.forEach((ind, i) => {
    for (const [param, spec] of Object.entries(ind.ranges ?? {})) {
      const r = fromRange(spec);
      if (!r) continue;
      genes.push({
        key: `indicators[${ind.name}].parameters.${param}`,
        kind: 'param',
        ...r,
        mutable: true,
        target: { kind: 'param', indicator: i, param },
      });
    }
  });
  for (const [bar, cfg] of Object.entries(config.monitor.bars)) {
    for (const [indicator, spec] of Object.entries(cfg.weight_ranges ?? {})) {
      const r = fromRange(spec);
      if (!r || !Object.hasOwn(cfg.indicators, indicator)) continue;
      genes.push({
        key: `monitor.bars[${bar}].indicators.${indicator}`,
        kind: 'weight',
        ...r,
        mutable: true,
        target: { kind: 'weight', bar, indicator },
      });
    }
    for (const [indicator, spec] of Object.entries(cfg.trend_weight_ranges ?? {})) {
      const r = fromRange(spec);
      if (!r || !Object.hasOwn(cfg.trend_indicators ?? {}, indicator)) continue;
      genes.push({
        key: `monitor.bars[${bar}].trend_indicators.${indicator}.weight`,
        kind: 'trend_weight',
        ...r,
        mutable: false,
        target: { kind: 'trend_weight', bar, indicator },
      });
    }
    if (cfg.trend_threshold_range) {
      const [lo, hi] = bounds(cfg.trend_threshold_range);
      genes.push({
        key: `monitor.bars[${bar}].trend_threshold`,
        kind: 'trend_threshold',
        type: 'float',
        lo,
        hi,
        mutable: false,
        target: { kind: 'trend_threshold', bar },
      });
    }
  }
  config.monitor.enter_long.forEach((rule, i) => {
    if (!rule.threshold_range) return;
    const [lo, hi] = bounds(rule.threshold_range);
    genes.push({
      key: `monitor.enter_long[${i}].threshold`,
      kind: 'enter_threshold',
      type: 'float',
      lo,
      hi,
      mutable: true,
      target: { kind: 'enter_threshold', rule: i },
    });
  });
  config.monitor.exit_long.forEach((rule, i) => {
    if (!rule.threshold_range) return;
    const [lo, hi] = bounds(rule.threshold_range);
    genes.push({
      key: `monitor.exit_long[${i}].threshold`,
      kind: 'exit_threshold',
      type: 'float',
      lo,
      hi,
      mutable: true,
      target: { kind: 'exit_threshold', rule: i },
    });
  });
  return genes;
}
