import type { ObjectiveConfig, ParamValue } from '../config/types';
import type { IndividualStats } from '../stats/types';
import { OBJECTIVES, PENALTY } from './registry';

export interface ObjectiveContext {
  /** The value of an undefined objective before weighting (default PENALTY = 100). */
  penalty?: number;
}

/**
 * One minimised value per configured objective, × its weight. An objective that is undefined for
 * these stats (no closed trades, a zero denominator, a non-finite result) scores the penalty.
 * Pure: the same stats give the same numbers in any process.
 */
export function computeObjectives(
  stats: Pick<IndividualStats, 'metrics'>,
  objectives: readonly ObjectiveConfig[],
  ctx: ObjectiveContext = {},
): number[] {
  const penalty = ctx.penalty ?? PENALTY;
  const m = stats.metrics;
  return objectives.map((o) => {
    const def = OBJECTIVES[o.objective];
    if (!def) throw new Error(`unknown objective ${o.objective}`);
    const params: Record<string, ParamValue> = {};
    for (const spec of def.params) params[spec.name] = o.parameters[spec.name] ?? spec.default;
    let v: number | undefined;
    if (m.totalTrades === 0 && !def.definedWithoutTrades) v = undefined;
    else v = def.compute(m, params);
    if (v === undefined || !Number.isFinite(v)) v = penalty;
    return v * o.weight;
  });
}
