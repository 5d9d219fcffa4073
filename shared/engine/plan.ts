/**
 * A validated config compiled into flat arrays for the hot loops: which indicators the bars use,
 * each bar's normalised weights, the entry and exit rules as (bar index, threshold) columns.
 */
import { parseAggConfig, primaryTimeframe } from '../config/aggConfig';
import type { IndicatorConfig, StrategyConfig, TradeExecutorConfig } from '../config/types';
import type { CandleKind } from '../domain/candles';
import { INDICATORS } from '../indicators/registry';
import type { IndicatorDefinition } from '../indicators/types';
import type { Timeframe } from '../time/timeframes';
import { kernelKey } from './cache';

export interface UsedIndicator {
  name: string;
  def: IndicatorDefinition;
  config: IndicatorConfig;
  timeframe: Timeframe;
  kind: CandleKind;
  /** `signal`: decayed 0..1 value; `trend`: gate input in [−1, 1]. */
  role: 'signal' | 'trend';
  /** Pipeline lookback in candles of the indicator's own timeframe (signals only). */
  lookback: number;
  /** Cache key of the indicator's own-timeframe series. */
  key: string;
}

export const LOGIC_AND = 0;
export const LOGIC_OR = 1;
export const LOGIC_AVG = 2;

export interface CompiledBar {
  name: string;
  bear: boolean;
  /** Indices into `CompiledStrategy.indicators` and weights ÷ Σ weights. */
  signal: Int32Array;
  signalWeight: Float64Array;
  trend: Int32Array;
  /** Trend weights ÷ Σ trend weights (used by AVG only). */
  trendWeight: Float64Array;
  trendHard: Uint8Array;
  logic: number;
  trendThreshold: number;
}

export interface CompiledStrategy {
  primary: Timeframe;
  indicators: UsedIndicator[];
  bars: CompiledBar[];
  enterBar: Int32Array;
  enterThreshold: Float64Array;
  exitBar: Int32Array;
  exitThreshold: Float64Array;
  executor: TradeExecutorConfig;
}

function normalise(weights: number[]): Float64Array {
  let sum = 0;
  for (const w of weights) sum += w;
  // All-zero weights give a score of 0, not NaN.
  return Float64Array.from(weights, (w) => (sum > 0 ? w / sum : 0));
}

/** Compiles a config that `validateStrategyConfig` accepted. */
export function compileStrategy(config: StrategyConfig): CompiledStrategy {
  const byName = new Map(config.indicators.map((ind) => [ind.name, ind]));
  const used: UsedIndicator[] = [];
  const index = new Map<string, number>();
  const use = (name: string, role: 'signal' | 'trend'): number => {
    const hit = index.get(name);
    if (hit !== undefined) return hit;
    const cfg = byName.get(name);
    if (!cfg) throw new Error(`bar references unknown indicator ${name}`);
    const def = INDICATORS[cfg.indicator_class];
    if (!def) throw new Error(`unknown indicator class ${cfg.indicator_class}`);
    const agg = parseAggConfig(cfg.agg_config);
    if (!agg) throw new Error(`bad agg_config ${cfg.agg_config}`);
    const lb = cfg.parameters.lookback;
    used.push({
      name,
      def,
      config: cfg,
      timeframe: agg.timeframe,
      kind: agg.kind,
      role,
      lookback: typeof lb === 'number' && lb > 0 ? lb : 1,
      key: kernelKey(def, cfg.parameters, `${agg.timeframe}-${agg.kind}`),
    });
    index.set(name, used.length - 1);
    return used.length - 1;
  };

  const barNames = Object.keys(config.monitor.bars);
  const bars: CompiledBar[] = barNames.map((name) => {
    const b = config.monitor.bars[name]!;
    const sigNames = Object.keys(b.indicators);
    const trendNames = Object.keys(b.trend_indicators);
    return {
      name,
      bear: b.type === 'bear',
      signal: Int32Array.from(sigNames, (n) => use(n, 'signal')),
      signalWeight: normalise(sigNames.map((n) => b.indicators[n]!)),
      trend: Int32Array.from(trendNames, (n) => use(n, 'trend')),
      trendWeight: normalise(trendNames.map((n) => b.trend_indicators[n]!.weight)),
      trendHard: Uint8Array.from(trendNames, (n) => (b.trend_indicators[n]!.mode === 'hard' ? 1 : 0)),
      logic: b.trend_logic === 'OR' ? LOGIC_OR : b.trend_logic === 'AVG' ? LOGIC_AVG : LOGIC_AND,
      trendThreshold: b.trend_threshold,
    };
  });
  const barIndex = (n: string) => {
    const i = barNames.indexOf(n);
    if (i < 0) throw new Error(`rule names unknown bar ${n}`);
    return i;
  };
  return {
    primary: primaryTimeframe(config.indicators),
    indicators: used,
    bars,
    enterBar: Int32Array.from(config.monitor.enter_long, (r) => barIndex(r.name)),
    enterThreshold: Float64Array.from(config.monitor.enter_long, (r) => r.threshold),
    exitBar: Int32Array.from(config.monitor.exit_long, (r) => barIndex(r.name)),
    exitThreshold: Float64Array.from(config.monitor.exit_long, (r) => r.threshold),
    executor: config.monitor.trade_executor,
  };
}
