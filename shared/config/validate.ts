/**
 * Validation and normalisation of monitor and optimizer configs (the original system's JSON).
 * Every problem is collected — nothing stops at the first — and thrown at once as one
 * MlfError('BAD_INPUT') whose issues carry JSON paths and say what is allowed.
 * The rules are listed in docs/CONFIG.md.
 */
import { MlfError } from '../contract/errors';
import { INDICATORS, indicatorClassNames } from '../indicators/registry';
import type { IndicatorDefinition, ParamSpec } from '../indicators/types';
import { OBJECTIVES, objectiveNames } from '../objectives/registry';
import { timeframeRank, type Timeframe } from '../time/timeframes';
import { AGG_CONFIG_HELP, parseAggConfig } from './aggConfig';
import { EXECUTOR_DEFAULTS, GA_DEFAULTS } from './defaults';
import { IssueList, joinPath, listOf, show, suggest } from './issues';
import { defaultParams, describeAllowed, validateParams } from '../indicators/params';
import type {
  BarConfig,
  GaHyperparameters,
  IndicatorConfig,
  MonitorConfig,
  ObjectiveConfig,
  ParamValue,
  RangeSpec,
  SignalRule,
  StrategyConfig,
  TradeExecutorConfig,
  TrendIndicatorRef,
} from './types';

export interface ValidateOptions {
  /** File name (or other origin) named in the error message. */
  source?: string;
  /** `optimize` additionally requires at least one objective. */
  purpose?: 'backtest' | 'optimize';
}

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

interface NumRule {
  min?: number;
  max?: number;
  /** Exclusive lower bound. */
  above?: number;
  int?: boolean;
  /** Extra words after the allowed range, e.g. a unit. */
  hint?: string;
}

function describeNum(r: NumRule): string {
  const kind = r.int ? 'an integer' : 'a number';
  const parts: string[] = [];
  if (r.above !== undefined) parts.push(`> ${r.above}`);
  if (r.min !== undefined && r.max !== undefined) parts.push(`from ${r.min} to ${r.max}`);
  else if (r.min !== undefined) parts.push(`≥ ${r.min}`);
  else if (r.max !== undefined) parts.push(`≤ ${r.max}`);
  return `${kind}${parts.length ? ` ${parts.join(' and ')}` : ''}${r.hint ? ` ${r.hint}` : ''}`;
}

/** What a parameter spec allows, in this module's quoting (double quotes, as JSON writes them). */
function describeSpec(p: ParamSpec): string {
  return p.type === 'choice' ? `one of ${(p.choices ?? []).map((c) => JSON.stringify(c)).join(', ')}` : describeAllowed(p);
}

/** The reader of one document: typed field getters that record problems and fall back to defaults. */
class Reader {
  constructor(readonly issues: IssueList) {}

  object(v: unknown, path: string, what: string): Obj | undefined {
    if (isObj(v)) return v;
    this.issues.add(path, `${what} must be an object, got ${show(v)}`);
    return undefined;
  }

  /** Reports keys of `o` outside `allowed`, with a "did you mean". */
  keys(o: Obj, allowed: readonly string[], path: string, what: string): void {
    for (const k of Object.keys(o)) {
      if (allowed.includes(k)) continue;
      const hint = suggest(k, allowed);
      this.issues.add(
        joinPath(path, k),
        `unknown field "${k}" in ${what}${hint ? ` (did you mean "${hint}"?)` : ''}; allowed: ${listOf(allowed)}`,
      );
    }
  }

  num(o: Obj, key: string, path: string, def: number | undefined, rule: NumRule = {}): number {
    const p = joinPath(path, key);
    const v = o[key];
    if (v === undefined) {
      if (def !== undefined) return def;
      this.issues.add(p, `missing; must be ${describeNum(rule)}`);
      return NaN;
    }
    return this.checkNum(v, p, rule) ?? def ?? NaN;
  }

  checkNum(v: unknown, p: string, rule: NumRule): number | undefined {
    const ok =
      typeof v === 'number' &&
      Number.isFinite(v) &&
      (!rule.int || Number.isInteger(v)) &&
      (rule.min === undefined || v >= rule.min) &&
      (rule.max === undefined || v <= rule.max) &&
      (rule.above === undefined || v > rule.above);
    if (ok) return v;
    this.issues.add(p, `must be ${describeNum(rule)}, got ${show(v)}`);
    return undefined;
  }

  bool(o: Obj, key: string, path: string, def: boolean): boolean {
    const v = o[key];
    if (v === undefined) return def;
    if (typeof v === 'boolean') return v;
    this.issues.add(joinPath(path, key), `must be true or false, got ${show(v)}`);
    return def;
  }

  str(o: Obj, key: string, path: string, def: string | undefined): string {
    const v = o[key];
    if (v === undefined) {
      if (def !== undefined) return def;
      this.issues.add(joinPath(path, key), 'missing; must be a text');
      return '';
    }
    if (typeof v === 'string') return v;
    this.issues.add(joinPath(path, key), `must be a text, got ${show(v)}`);
    return def ?? '';
  }

  choice<T extends string>(o: Obj, key: string, path: string, choices: readonly T[], def: T | undefined): T {
    const v = o[key];
    if (v === undefined) {
      if (def !== undefined) return def;
      this.issues.add(joinPath(path, key), `missing; must be one of ${choices.map((c) => JSON.stringify(c)).join(', ')}`);
      return choices[0]!;
    }
    if (typeof v === 'string' && (choices as readonly string[]).includes(v)) return v as T;
    this.issues.add(joinPath(path, key), `must be one of ${choices.map((c) => JSON.stringify(c)).join(', ')}, got ${show(v)}`);
    return def ?? choices[0]!;
  }

  /** `[lo, hi]` with lo ≤ hi inside [min, max], or null. */
  pair(v: unknown, p: string, min: number, max: number, what: string): [number, number] | null {
    if (v === null || v === undefined) return null;
    if (!Array.isArray(v) || v.length !== 2 || !v.every((x) => typeof x === 'number' && Number.isFinite(x))) {
      this.issues.add(p, `must be null or [low, high] with numbers from ${min} to ${max}, got ${show(v)}`);
      return null;
    }
    const [lo, hi] = v as [number, number];
    if (lo > hi) {
      this.issues.add(p, `${what} [${lo}, ${hi}] is inverted: low ${lo} is above high ${hi}`);
      return null;
    }
    if (lo < min || hi > max) {
      this.issues.add(p, `${what} [${lo}, ${hi}] must lie within ${min} to ${max}`);
      return null;
    }
    return [lo, hi];
  }

  /** A `{"t":"int"|"float","r":[lo,hi]}` / `{"t":"skip"}` entry. `allowed` limits t; bounds limit r. */
  range(
    v: unknown,
    p: string,
    allowed: ReadonlyArray<'int' | 'float' | 'skip'>,
    bounds: { min?: number; max?: number; what: string },
  ): RangeSpec | undefined {
    if (!isObj(v)) {
      this.issues.add(p, `a range must be {"t":"int"|"float","r":[min,max]} or {"t":"skip"}, got ${show(v)}`);
      return undefined;
    }
    const t = v.t;
    if (t === 'skip') {
      this.keys(v, ['t', 'r'], p, 'a range');
      return { t: 'skip' };
    }
    if (t !== 'int' && t !== 'float') {
      this.issues.add(joinPath(p, 't'), `must be "int", "float" or "skip", got ${show(t)}`);
      return undefined;
    }
    this.keys(v, ['t', 'r'], p, 'a range');
    if (!allowed.includes(t)) {
      this.issues.add(joinPath(p, 't'), `${bounds.what} takes a range of type ${allowed.map((a) => `"${a}"`).join(' or ')}, not "${t}"`);
      return undefined;
    }
    const r = v.r;
    if (!Array.isArray(r) || r.length !== 2 || !r.every((x) => typeof x === 'number' && Number.isFinite(x))) {
      this.issues.add(joinPath(p, 'r'), `must be [min, max] (two numbers), got ${show(r)}`);
      return undefined;
    }
    const [lo, hi] = r as [number, number];
    if (t === 'int' && (!Number.isInteger(lo) || !Number.isInteger(hi))) {
      this.issues.add(joinPath(p, 'r'), `an "int" range needs integer bounds, got [${lo}, ${hi}]`);
      return undefined;
    }
    if (lo > hi) {
      this.issues.add(joinPath(p, 'r'), `range [${lo}, ${hi}] is inverted: min ${lo} is above max ${hi}`);
      return undefined;
    }
    const below = bounds.min !== undefined && lo < bounds.min;
    const beyond = bounds.max !== undefined && hi > bounds.max;
    if (below || beyond) {
      const allowedText =
        bounds.min !== undefined && bounds.max !== undefined
          ? `${bounds.min} to ${bounds.max}`
          : bounds.min !== undefined
            ? `≥ ${bounds.min}`
            : `≤ ${bounds.max}`;
      this.issues.add(joinPath(p, 'r'), `range [${lo}, ${hi}] is wider than ${bounds.what} allows (${allowedText})`);
      return undefined;
    }
    return { t, r: [lo, hi] };
  }

  /** Reports a value outside its own optimisation range. */
  inRange(value: number, range: RangeSpec | [number, number] | null | undefined, p: string, what: string): void {
    if (!range || !Number.isFinite(value)) return;
    const r = Array.isArray(range) ? range : range.t === 'skip' ? null : range.r;
    if (r && (value < r[0] || value > r[1])) {
      this.issues.add(p, `${what} ${value} lies outside its range [${r[0]}, ${r[1]}]`);
    }
  }
}

const TOP_KEYS = ['test_name', 'monitor', 'indicators', 'objectives', 'ga_hyperparameters', 'metadata'] as const;
const MONITOR_KEYS = ['name', 'description', 'trade_executor', 'bars', 'enter_long', 'exit_long'] as const;
const EXECUTOR_KEYS = Object.keys(EXECUTOR_DEFAULTS);
const INDICATOR_KEYS = ['name', 'type', 'indicator_class', 'function', 'agg_config', 'calc_on_pip', 'parameters', 'ranges'] as const;
const BAR_KEYS = [
  'type',
  'indicators',
  'weight_ranges',
  'trend_indicators',
  'trend_logic',
  'trend_threshold',
  'trend_threshold_range',
  'trend_weight_ranges',
] as const;
const RULE_KEYS = ['name', 'threshold', 'threshold_range'] as const;
const OBJECTIVE_KEYS = ['objective', 'weight', 'parameters'] as const;
const GA_KEYS = Object.keys(GA_DEFAULTS);

/** A fraction written as a percentage is the commonest executor mistake: say so. */
const FRACTION = 'as a fraction (0.02 = 2 %)';

function readExecutor(rd: Reader, v: unknown, path: string, primary: Timeframe | null): TradeExecutorConfig {
  const d = EXECUTOR_DEFAULTS;
  const o = rd.object(v, path, 'trade_executor');
  if (!o) return { ...d };
  rd.keys(o, EXECUTOR_KEYS, path, 'trade_executor');
  const te: TradeExecutorConfig = {
    default_position_size: rd.num(o, 'default_position_size', path, d.default_position_size, { above: 0, hint: '(shares)' }),
    stop_loss_pct: rd.num(o, 'stop_loss_pct', path, d.stop_loss_pct, { min: 0, max: 0.99, hint: `${FRACTION}; 0 = no stop` }),
    take_profit_pct: rd.num(o, 'take_profit_pct', path, d.take_profit_pct, { min: 0, max: 100, hint: `${FRACTION}; 0 = no take profit` }),
    take_profit_type: rd.choice(o, 'take_profit_type', path, ['percent', 'dollars'] as const, d.take_profit_type),
    take_profit_dollars: rd.num(o, 'take_profit_dollars', path, d.take_profit_dollars, { min: 0, hint: '(cash per position)' }),
    halt_after_target: rd.bool(o, 'halt_after_target', path, d.halt_after_target),
    ignore_bear_signals: rd.bool(o, 'ignore_bear_signals', path, d.ignore_bear_signals),
    exit_by_end_of_day: rd.bool(o, 'exit_by_end_of_day', path, d.exit_by_end_of_day),
    trailing_stop_loss: rd.bool(o, 'trailing_stop_loss', path, d.trailing_stop_loss),
    trailing_stop_distance_pct: rd.num(o, 'trailing_stop_distance_pct', path, d.trailing_stop_distance_pct, { min: 0, max: 0.99, hint: FRACTION }),
    trailing_stop_activation_pct: rd.num(o, 'trailing_stop_activation_pct', path, d.trailing_stop_activation_pct, { min: 0, max: 100, hint: `${FRACTION}; 0 = trail from the entry on` }),
    fill_model: rd.choice(o, 'fill_model', path, ['close', 'intrabar'] as const, d.fill_model),
    fee_bps: rd.num(o, 'fee_bps', path, d.fee_bps, { min: 0, max: 1000, hint: '(basis points per side)' }),
    slippage_bps: rd.num(o, 'slippage_bps', path, d.slippage_bps, { min: 0, max: 1000, hint: '(basis points per side)' }),
  };
  if (te.trailing_stop_loss && o.trailing_stop_distance_pct !== undefined && te.trailing_stop_distance_pct === 0) {
    rd.issues.add(joinPath(path, 'trailing_stop_distance_pct'), 'must be > 0 when trailing_stop_loss is true');
  } else if (te.trailing_stop_loss && o.trailing_stop_distance_pct === undefined) {
    rd.issues.add(joinPath(path, 'trailing_stop_distance_pct'), `missing; trailing_stop_loss needs a distance ${FRACTION}`);
  }
  if (te.take_profit_type === 'dollars' && !(te.take_profit_dollars > 0)) {
    rd.issues.add(joinPath(path, 'take_profit_dollars'), 'must be > 0 when take_profit_type is "dollars"');
  }
  if (te.exit_by_end_of_day && primary === '1d') {
    rd.issues.add(
      joinPath(path, 'exit_by_end_of_day'),
      'needs an intraday primary timeframe; the finest agg_config is 1d, so every candle would end a day',
    );
  }
  return te;
}

interface IndicatorInfo {
  def: IndicatorDefinition | undefined;
  timeframe: Timeframe | null;
}

function readIndicator(rd: Reader, v: unknown, path: string): { cfg: IndicatorConfig; info: IndicatorInfo } | undefined {
  const o = rd.object(v, path, 'an indicator');
  if (!o) return undefined;
  rd.keys(o, INDICATOR_KEYS, path, 'an indicator');
  const name = rd.str(o, 'name', path, undefined);
  if (o.name !== undefined && name.trim() === '') rd.issues.add(joinPath(path, 'name'), 'must not be empty');

  let className = '';
  const cls = o.indicator_class;
  const fn = o.function;
  if (cls === undefined && fn === undefined) {
    rd.issues.add(joinPath(path, 'indicator_class'), `missing; must be one of ${listOf(indicatorClassNames())}`);
  } else if (cls !== undefined && fn !== undefined && cls !== fn) {
    rd.issues.add(joinPath(path, 'function'), `"function" (the old name of indicator_class) says ${show(fn)} but indicator_class says ${show(cls)}; keep one`);
  } else {
    const key = cls !== undefined ? 'indicator_class' : 'function';
    const raw = cls ?? fn;
    if (typeof raw !== 'string') rd.issues.add(joinPath(path, key), `must be a text, got ${show(raw)}`);
    else className = raw;
  }
  const def = className ? INDICATORS[className] : undefined;
  if (className && !def) {
    const hint = suggest(className, indicatorClassNames());
    rd.issues.add(
      joinPath(path, cls !== undefined ? 'indicator_class' : 'function'),
      `unknown indicator class "${className}"${hint ? ` (did you mean "${hint}"?)` : ''}; known: ${listOf(indicatorClassNames())}`,
    );
  }

  const type = rd.choice(o, 'type', path, ['Indicator', 'CDL'] as const, className === 'CDLPatternIndicator' ? 'CDL' : 'Indicator');

  let timeframe: Timeframe | null = null;
  let aggText = '';
  if (o.agg_config === undefined) rd.issues.add(joinPath(path, 'agg_config'), `missing; must be ${AGG_CONFIG_HELP}`);
  else if (typeof o.agg_config !== 'string' || !parseAggConfig(o.agg_config)) {
    rd.issues.add(joinPath(path, 'agg_config'), `must be ${AGG_CONFIG_HELP}, got ${show(o.agg_config)}`);
  } else {
    const a = parseAggConfig(o.agg_config)!;
    timeframe = a.timeframe;
    aggText = `${a.timeframe}-${a.kind}`;
  }

  const calcOnPip = rd.bool(o, 'calc_on_pip', path, false);

  const parameters: Record<string, ParamValue> = def ? defaultParams(def) : {};
  const ppath = joinPath(path, 'parameters');
  const badParams = new Set<string>();
  if (o.parameters !== undefined) {
    const po = rd.object(o.parameters, ppath, 'parameters');
    if (po && def) {
      const names = def.params.map((s) => s.name);
      for (const prob of validateParams(def, po as Record<string, ParamValue>)) {
        const name = /^[^[]*/.exec(prob.path)![0];
        badParams.add(name);
        if (!names.includes(name)) {
          // An unknown name: say which known one it probably meant.
          const hint = suggest(name, names);
          rd.issues.add(joinPath(ppath, name), `${def.className} has no parameter "${name}"${hint ? ` (did you mean "${hint}"?)` : ''}; its parameters: ${listOf(names)}`);
        } else {
          rd.issues.add(/^[A-Za-z_$][\w$]*(\[\d+\])*$/.test(prob.path) ? `${ppath}.${prob.path}` : joinPath(ppath, prob.path), prob.message);
        }
      }
      for (const [k, val] of Object.entries(po)) if (def.params.some((s) => s.name === k)) parameters[k] = val as ParamValue;
    } else if (po) {
      Object.assign(parameters, po);
    }
  }

  const ranges: Record<string, RangeSpec> = {};
  const rpath = joinPath(path, 'ranges');
  if (o.ranges !== undefined) {
    const ro = rd.object(o.ranges, rpath, 'ranges');
    if (ro) {
      for (const [k, rv] of Object.entries(ro)) {
        const p = joinPath(rpath, k);
        const spec = def?.params.find((s) => s.name === k);
        if (def && !spec) {
          const names = def.params.map((s) => s.name);
          const hint = suggest(k, names);
          rd.issues.add(p, `${def.className} has no parameter "${k}" to optimise${hint ? ` (did you mean "${hint}"?)` : ''}; its parameters: ${listOf(names)}`);
          continue;
        }
        const r = spec ? readParamRange(rd, rv, p, spec) : rd.range(rv, p, ['int', 'float', 'skip'], { what: k });
        if (!r) continue;
        ranges[k] = r;
        const value = parameters[k];
        if (typeof value === 'number' && !badParams.has(k)) rd.inRange(value, r, joinPath(ppath, k), `value`);
      }
    }
  }

  return {
    cfg: { name, type, indicator_class: className, agg_config: aggText, calc_on_pip: calcOnPip, parameters, ranges },
    info: { def, timeframe },
  };
}

function readParamRange(rd: Reader, v: unknown, p: string, spec: ParamSpec): RangeSpec | undefined {
  const allowed: Array<'int' | 'float' | 'skip'> = spec.type === 'int' ? ['int', 'skip'] : spec.type === 'float' ? ['float', 'skip'] : ['skip'];
  if (spec.type !== 'int' && spec.type !== 'float' && isObj(v) && v.t !== 'skip') {
    rd.issues.add(p, `parameter ${spec.name} is not numeric (${describeSpec(spec)}); only {"t":"skip"} applies`);
    return undefined;
  }
  return rd.range(v, p, allowed, {
    ...(spec.min !== undefined ? { min: spec.min } : {}),
    ...(spec.max !== undefined ? { max: spec.max } : {}),
    what: `${spec.name}`,
  });
}

function readWeights(
  rd: Reader,
  v: unknown,
  path: string,
  what: string,
): Record<string, number> {
  const out: Record<string, number> = {};
  const o = rd.object(v, path, what);
  if (!o) return out;
  for (const [k, w] of Object.entries(o)) {
    const got = rd.checkNum(w, joinPath(path, k), { min: 0, hint: '(a weight)' });
    if (got !== undefined) out[k] = got;
  }
  return out;
}

function readBar(
  rd: Reader,
  v: unknown,
  path: string,
  indicators: ReadonlyMap<string, IndicatorInfo>,
): BarConfig | undefined {
  const o = rd.object(v, path, 'a bar');
  if (!o) return undefined;
  rd.keys(o, BAR_KEYS, path, 'a bar');
  const type = rd.choice(o, 'type', path, ['bull', 'bear'] as const, undefined);
  const known = [...indicators.keys()];

  const ipath = joinPath(path, 'indicators');
  let weights: Record<string, number> = {};
  if (o.indicators === undefined) rd.issues.add(ipath, 'missing; a bar needs at least one signal indicator with a weight, e.g. {"macd1m": 1}');
  else {
    weights = readWeights(rd, o.indicators, ipath, 'indicators');
    if (isObj(o.indicators) && Object.keys(o.indicators).length === 0) rd.issues.add(ipath, 'is empty; a bar needs at least one signal indicator');
  }
  for (const k of Object.keys(isObj(o.indicators) ? o.indicators : {})) {
    const info = indicators.get(k);
    if (!info) {
      const hint = suggest(k, known);
      rd.issues.add(joinPath(ipath, k), `unknown indicator "${k}"${hint ? ` (did you mean "${hint}"?)` : ''}; indicators defined: ${listOf(known)}`);
    } else if (info.def?.kind === 'trend') {
      rd.issues.add(joinPath(ipath, k), `"${k}" is a trend indicator (${info.def.className}); list it under trend_indicators`);
    }
  }

  const weightRanges: Record<string, RangeSpec> = {};
  const wrpath = joinPath(path, 'weight_ranges');
  if (o.weight_ranges !== undefined) {
    const wo = rd.object(o.weight_ranges, wrpath, 'weight_ranges');
    for (const [k, rv] of Object.entries(wo ?? {})) {
      const p = joinPath(wrpath, k);
      if (!(k in weights) && !(isObj(o.indicators) && k in o.indicators)) {
        rd.issues.add(p, `"${k}" is not one of this bar's indicators (${listOf(Object.keys(weights))})`);
        continue;
      }
      const r = rd.range(rv, p, ['float', 'int', 'skip'], { min: 0, what: `a weight` });
      if (!r) continue;
      weightRanges[k] = r;
      if (k in weights) rd.inRange(weights[k]!, r, joinPath(ipath, k), 'weight');
    }
  }

  const tpath = joinPath(path, 'trend_indicators');
  const trend: Record<string, TrendIndicatorRef> = {};
  if (o.trend_indicators !== undefined) {
    const to = rd.object(o.trend_indicators, tpath, 'trend_indicators');
    for (const [k, tv] of Object.entries(to ?? {})) {
      const p = joinPath(tpath, k);
      const info = indicators.get(k);
      if (!info) {
        const hint = suggest(k, known);
        rd.issues.add(p, `unknown indicator "${k}"${hint ? ` (did you mean "${hint}"?)` : ''}; indicators defined: ${listOf(known)}`);
      } else if (info.def && info.def.kind !== 'trend') {
        rd.issues.add(p, `"${k}" is a signal indicator (${info.def.className}); trend_indicators takes trend indicators only`);
      }
      let ref: TrendIndicatorRef | undefined;
      if (typeof tv === 'number') {
        // Shorthand some files use: a bare weight, soft mode.
        const w = rd.checkNum(tv, p, { min: 0, hint: '(a weight)' });
        if (w !== undefined) ref = { weight: w, mode: 'soft' };
      } else {
        const ro = rd.object(tv, p, 'a trend indicator reference ({"weight": 1, "mode": "soft"})');
        if (ro) {
          rd.keys(ro, ['weight', 'mode'], p, 'a trend indicator reference');
          ref = {
            weight: rd.num(ro, 'weight', p, 1, { min: 0 }),
            mode: rd.choice(ro, 'mode', p, ['soft', 'hard'] as const, 'soft'),
          };
        }
      }
      if (ref) trend[k] = ref;
    }
  }
  const trendLogic = rd.choice(o, 'trend_logic', path, ['AND', 'OR', 'AVG'] as const, 'AND');
  const trendThreshold = rd.num(o, 'trend_threshold', path, 0, { min: 0, max: 1 });
  const ttr = rd.pair(o.trend_threshold_range, joinPath(path, 'trend_threshold_range'), 0, 1, 'trend_threshold_range');
  rd.inRange(trendThreshold, ttr, joinPath(path, 'trend_threshold'), 'trend_threshold');

  const twr: Record<string, RangeSpec> = {};
  const twpath = joinPath(path, 'trend_weight_ranges');
  if (o.trend_weight_ranges !== undefined) {
    const wo = rd.object(o.trend_weight_ranges, twpath, 'trend_weight_ranges');
    for (const [k, rv] of Object.entries(wo ?? {})) {
      const p = joinPath(twpath, k);
      if (!(isObj(o.trend_indicators) && k in o.trend_indicators)) {
        rd.issues.add(p, `"${k}" is not one of this bar's trend indicators (${listOf(Object.keys(trend))})`);
        continue;
      }
      const r = rd.range(rv, p, ['float', 'int', 'skip'], { min: 0, what: 'a weight' });
      if (!r) continue;
      twr[k] = r;
      if (trend[k]) rd.inRange(trend[k].weight, r, joinPath(joinPath(tpath, k), 'weight'), 'weight');
    }
  }

  return {
    type,
    indicators: weights,
    weight_ranges: weightRanges,
    trend_indicators: trend,
    trend_logic: trendLogic,
    trend_threshold: trendThreshold,
    trend_threshold_range: ttr,
    trend_weight_ranges: twr,
  };
}

function readRules(rd: Reader, v: unknown, path: string, bars: readonly string[], required: boolean): SignalRule[] {
  if (v === undefined) {
    if (required) rd.issues.add(path, `missing; list the bars that open a position, e.g. [{"name": "${bars[0] ?? 'bull'}", "threshold": 0.8}]`);
    return [];
  }
  if (!Array.isArray(v)) {
    rd.issues.add(path, `must be a list of {"name", "threshold", "threshold_range"}, got ${show(v)}`);
    return [];
  }
  if (required && v.length === 0) rd.issues.add(path, 'is empty; the monitor would never enter a position');
  const out: SignalRule[] = [];
  v.forEach((item, i) => {
    const p = joinPath(path, i);
    const o = rd.object(item, p, 'a rule');
    if (!o) return;
    rd.keys(o, RULE_KEYS, p, 'a rule');
    const name = rd.str(o, 'name', p, undefined);
    if (typeof o.name === 'string' && !bars.includes(name)) {
      const hint = suggest(name, bars);
      rd.issues.add(joinPath(p, 'name'), `unknown bar "${name}"${hint ? ` (did you mean "${hint}"?)` : ''}; bars defined: ${listOf(bars)}`);
    }
    const threshold = rd.num(o, 'threshold', p, undefined, { min: 0, max: 1, hint: '(bar scores lie in [0, 1])' });
    const range = rd.pair(o.threshold_range, joinPath(p, 'threshold_range'), 0, 1, 'threshold_range');
    rd.inRange(threshold, range, joinPath(p, 'threshold'), 'threshold');
    out.push({ name, threshold, threshold_range: range });
  });
  return out;
}

function readObjectives(rd: Reader, v: unknown, path: string, required: boolean): ObjectiveConfig[] {
  const known = objectiveNames();
  if (v === undefined) {
    if (required) rd.issues.add(path, `missing; an optimizer config needs objectives, e.g. [{"objective": "MaximizeNetPnL", "weight": 1}]; known: ${listOf(known)}`);
    return [];
  }
  if (!Array.isArray(v)) {
    rd.issues.add(path, `must be a list of {"objective", "weight", "parameters"}, got ${show(v)}`);
    return [];
  }
  if (required && v.length === 0) rd.issues.add(path, `is empty; an optimizer config needs at least one objective; known: ${listOf(known)}`);
  const out: ObjectiveConfig[] = [];
  v.forEach((item, i) => {
    const p = joinPath(path, i);
    const o = rd.object(item, p, 'an objective');
    if (!o) return;
    // Some files name the objective `function` or `name`; accept both as aliases.
    const alias = o.objective === undefined ? (o.function !== undefined ? 'function' : o.name !== undefined ? 'name' : null) : null;
    rd.keys(o, alias ? [...OBJECTIVE_KEYS, alias] : OBJECTIVE_KEYS, p, 'an objective');
    const name = rd.str(o, alias ?? 'objective', p, undefined);
    const def = OBJECTIVES[name];
    if (name && !def) {
      const hint = suggest(name, known);
      rd.issues.add(joinPath(p, alias ?? 'objective'), `unknown objective "${name}"${hint ? ` (did you mean "${hint}"?)` : ''}; known: ${listOf(known)}`);
    }
    const weight = rd.num(o, 'weight', p, 1, { above: 0 });
    const params: Record<string, ParamValue> = {};
    if (def) for (const s of def.params) params[s.name] = s.default;
    const pp = joinPath(p, 'parameters');
    if (o.parameters !== undefined) {
      const po = rd.object(o.parameters, pp, 'parameters');
      for (const [k, val] of Object.entries(po ?? {})) {
        if (!def) continue;
        const spec = def.params.find((s) => s.name === k);
        if (!spec) {
          const names = def.params.map((s) => s.name);
          rd.issues.add(joinPath(pp, k), `${name} has no parameter "${k}"; its parameters: ${listOf(names)}`);
          continue;
        }
        const ok =
          spec.type === 'choice'
            ? typeof val === 'string' && (spec.choices ?? []).includes(val)
            : spec.type === 'bool'
              ? typeof val === 'boolean'
              : typeof val === 'number' &&
                Number.isFinite(val) &&
                (spec.type !== 'int' || Number.isInteger(val)) &&
                (spec.min === undefined || val >= spec.min) &&
                (spec.max === undefined || val <= spec.max);
        if (!ok) rd.issues.add(joinPath(pp, k), `must be ${describeSpec(spec)}, got ${show(val)}`);
        else params[k] = val as ParamValue;
      }
    }
    out.push({ objective: name, weight, parameters: params });
  });
  return out;
}

function readGa(rd: Reader, v: unknown, path: string): GaHyperparameters {
  const d = GA_DEFAULTS;
  if (v === undefined) return { ...d };
  const o = rd.object(v, path, 'ga_hyperparameters');
  if (!o) return { ...d };
  rd.keys(o, GA_KEYS, path, 'ga_hyperparameters');
  const ga: GaHyperparameters = {
    number_of_iterations: rd.num(o, 'number_of_iterations', path, d.number_of_iterations, { int: true, min: 1 }),
    population_size: rd.num(o, 'population_size', path, d.population_size, { int: true, min: 2 }),
    propagation_fraction: rd.num(o, 'propagation_fraction', path, d.propagation_fraction, { min: 0, max: 1 }),
    elite_size: rd.num(o, 'elite_size', path, d.elite_size, { int: true, min: 1 }),
    chance_of_mutation: rd.num(o, 'chance_of_mutation', path, d.chance_of_mutation, { min: 0, max: 1 }),
    chance_of_crossover: rd.num(o, 'chance_of_crossover', path, d.chance_of_crossover, { min: 0, max: 1 }),
    num_splits: rd.num(o, 'num_splits', path, d.num_splits, { int: true, min: 1 }),
    split_repeats: rd.num(o, 'split_repeats', path, d.split_repeats, { int: true, min: 1 }),
    daily_splits: rd.bool(o, 'daily_splits', path, d.daily_splits),
    random_seed: rd.num(o, 'random_seed', path, d.random_seed, { int: true, min: 0, max: 4294967295 }),
    num_workers: rd.num(o, 'num_workers', path, d.num_workers, { int: true, min: 0, max: 256, hint: '(0 = sequential)' }),
    seed_with_original: rd.bool(o, 'seed_with_original', path, d.seed_with_original),
    elites_to_save: rd.num(o, 'elites_to_save', path, d.elites_to_save, { int: true, min: 0 }),
    save_elites_every_epoch: rd.bool(o, 'save_elites_every_epoch', path, d.save_elites_every_epoch),
  };
  if (Number.isFinite(ga.elite_size) && Number.isFinite(ga.population_size) && ga.elite_size > ga.population_size) {
    rd.issues.add(joinPath(path, 'elite_size'), `${ga.elite_size} is more than population_size ${ga.population_size}`);
  }
  return ga;
}

/**
 * Validates a parsed monitor or optimizer config and returns it normalised: defaults applied,
 * `function` renamed to `indicator_class`, `agg_config` written canonically, every parameter
 * present. Throws MlfError('BAD_INPUT') listing every problem with its JSON path.
 */
export function validateStrategyConfig(json: unknown, opts: ValidateOptions = {}): StrategyConfig {
  const issues = new IssueList();
  const rd = new Reader(issues);
  const top = rd.object(json, '', 'a config');
  if (!top) throw failure(issues, opts);
  rd.keys(top, TOP_KEYS, '', 'the config');

  // Indicators first: bars and rules are checked against them.
  const indicators: IndicatorConfig[] = [];
  const infos = new Map<string, IndicatorInfo>();
  if (top.indicators === undefined) issues.add('indicators', 'missing; a config needs a list of indicators');
  else if (!Array.isArray(top.indicators)) issues.add('indicators', `must be a list, got ${show(top.indicators)}`);
  else {
    if (top.indicators.length === 0) issues.add('indicators', 'is empty; a config needs at least one indicator');
    top.indicators.forEach((item, i) => {
      const p = joinPath('indicators', i);
      const got = readIndicator(rd, item, p);
      if (!got) return;
      const { cfg, info } = got;
      if (cfg.name && infos.has(cfg.name)) {
        const first = indicators.findIndex((x) => x.name === cfg.name);
        issues.add(joinPath(p, 'name'), `duplicate indicator name "${cfg.name}" (also indicators[${first}]); names must be unique`);
        return;
      }
      if (cfg.name) infos.set(cfg.name, info);
      indicators.push(cfg);
    });
  }
  let primary: Timeframe | null = null;
  for (const info of infos.values()) {
    if (info.timeframe && (primary === null || timeframeRank(info.timeframe) < timeframeRank(primary))) primary = info.timeframe;
  }

  const monitor = readMonitor(rd, top.monitor, infos, primary);
  const test_name = rd.str(top, 'test_name', '', monitor.name || 'untitled');
  const objectives = readObjectives(rd, top.objectives, 'objectives', opts.purpose === 'optimize');
  const ga = readGa(rd, top.ga_hyperparameters, 'ga_hyperparameters');
  let metadata: Record<string, unknown> | undefined;
  if (top.metadata !== undefined) metadata = rd.object(top.metadata, 'metadata', 'metadata');

  if (issues.count > 0) throw failure(issues, opts);
  const config: StrategyConfig = { test_name, monitor, indicators, objectives, ga_hyperparameters: ga };
  if (metadata) config.metadata = metadata;
  return config;
}

function readMonitor(rd: Reader, v: unknown, infos: ReadonlyMap<string, IndicatorInfo>, primary: Timeframe | null): MonitorConfig {
  const empty: MonitorConfig = { name: '', description: '', trade_executor: { ...EXECUTOR_DEFAULTS }, bars: {}, enter_long: [], exit_long: [] };
  if (v === undefined) {
    rd.issues.add('monitor', 'missing; a config needs a monitor with trade_executor, bars, enter_long and exit_long');
    return empty;
  }
  const o = rd.object(v, 'monitor', 'monitor');
  if (!o) return empty;
  rd.keys(o, MONITOR_KEYS, 'monitor', 'monitor');
  const name = rd.str(o, 'name', 'monitor', '');
  const description = rd.str(o, 'description', 'monitor', '');
  let te: TradeExecutorConfig;
  if (o.trade_executor === undefined) {
    rd.issues.add('monitor.trade_executor', 'missing; at least {"default_position_size": 100} (stops and targets default to none)');
    te = { ...EXECUTOR_DEFAULTS };
  } else te = readExecutor(rd, o.trade_executor, 'monitor.trade_executor', primary);

  const bars: Record<string, BarConfig> = {};
  if (o.bars === undefined) rd.issues.add('monitor.bars', 'missing; define at least one bar, e.g. {"bull": {"type": "bull", "indicators": {...}}}');
  else {
    const bo = rd.object(o.bars, 'monitor.bars', 'bars');
    if (bo && Object.keys(bo).length === 0) rd.issues.add('monitor.bars', 'is empty; define at least one bar');
    for (const [k, bv] of Object.entries(bo ?? {})) {
      const bar = readBar(rd, bv, joinPath('monitor.bars', k), infos);
      if (bar) bars[k] = bar;
    }
  }
  const barNames = isObj(o.bars) ? Object.keys(o.bars) : [];
  const enter = readRules(rd, o.enter_long, 'monitor.enter_long', barNames, true);
  const exit = readRules(rd, o.exit_long, 'monitor.exit_long', barNames, false);
  return { name, description, trade_executor: te, bars, enter_long: enter, exit_long: exit };
}

function failure(issues: IssueList, opts: ValidateOptions): MlfError {
  const n = issues.count;
  const where = opts.source ? `${opts.source}: ` : '';
  return new MlfError('BAD_INPUT', `${where}the config has ${n} problem${n === 1 ? '' : 's'}`, issues.items);
}
