import type { ParamValue } from '../config/types';
import type { IndicatorDefinition, ParamSpec } from './types';

type Params = Readonly<Record<string, ParamValue>>;

/** Shared parameter specs, so every class spells them the same way. */
export const trendParam = (def: 'bullish' | 'bearish' = 'bullish'): ParamSpec => ({
  name: 'trend',
  type: 'choice',
  choices: ['bullish', 'bearish'],
  default: def,
  description: 'Direction the signal fires in',
});

export const lookbackParam = (def = 1): ParamSpec => ({
  name: 'lookback',
  type: 'int',
  min: 1,
  max: 100,
  step: 1,
  default: def,
  description: 'Candles (of this indicator’s timeframe) over which a trigger fades to 0',
  pipeline: true,
});

export const directionFilterParam = (): ParamSpec => ({
  name: 'direction_filter',
  type: 'choice',
  choices: ['both', 'bullish', 'bearish'],
  default: 'both',
  description: 'Keep both signs, or only the up-trend (positive) or down-trend (negative) values',
});

/** The parameters with every missing one set to its default. */
export function withDefaults(specs: readonly ParamSpec[], params: Params): Record<string, ParamValue> {
  const out: Record<string, ParamValue> = {};
  for (const s of specs) out[s.name] = params[s.name] ?? s.default;
  return out;
}

/** Every parameter of an indicator class at its default (arrays copied). */
export function defaultParams(def: IndicatorDefinition): Record<string, ParamValue> {
  const out: Record<string, ParamValue> = {};
  for (const s of def.params) out[s.name] = Array.isArray(s.default) ? [...s.default] : s.default;
  return out;
}

/**
 * The parameters the kernel reads (pipeline-only ones such as `lookback` left out), defaults
 * applied, in spec order: equal for two configs exactly when `compute` gives the same series,
 * so `JSON.stringify` of it is a cache key for a class on a given candle series.
 */
export function kernelParams(def: IndicatorDefinition, params: Params): Record<string, ParamValue> {
  const out: Record<string, ParamValue> = {};
  for (const s of def.params) if (!s.pipeline) out[s.name] = params[s.name] ?? s.default;
  return out;
}

/** One problem with an indicator's parameters; `path` is relative to the `parameters` object. */
export interface ParamProblem {
  path: string;
  message: string;
}

const show = (v: unknown): string => (typeof v === 'string' ? `'${v}'` : JSON.stringify(v) ?? String(v));
const quoteAll = (xs: readonly string[]): string => xs.map((x) => `'${x}'`).join(', ');

function bounds(s: ParamSpec): string {
  if (s.min !== undefined && s.max !== undefined) return ` from ${s.min} to ${s.max}`;
  if (s.min !== undefined) return ` of at least ${s.min}`;
  if (s.max !== undefined) return ` of at most ${s.max}`;
  return '';
}

/** What is allowed for one parameter, in words (also used by messages elsewhere). */
export function describeAllowed(s: ParamSpec): string {
  switch (s.type) {
    case 'int':
      return `an integer${bounds(s)}`;
    case 'float':
      return `a number${bounds(s)}`;
    case 'bool':
      return 'true or false';
    case 'choice':
      return `one of ${quoteAll(s.choices ?? [])}`;
    case 'patterns':
      return `a non-empty list of pattern names from ${quoteAll(s.choices ?? [])}`;
  }
}

function checkOne(s: ParamSpec, v: unknown, problems: ParamProblem[]): void {
  const bad = (path: string, message: string) => problems.push({ path, message });
  switch (s.type) {
    case 'int':
    case 'float': {
      const ok =
        typeof v === 'number' &&
        Number.isFinite(v) &&
        (s.type === 'float' || Number.isInteger(v)) &&
        (s.min === undefined || v >= s.min) &&
        (s.max === undefined || v <= s.max);
      if (!ok) bad(s.name, `must be ${describeAllowed(s)}, got ${show(v)}`);
      return;
    }
    case 'bool':
      if (typeof v !== 'boolean') bad(s.name, `must be true or false, got ${show(v)}`);
      return;
    case 'choice':
      if (typeof v !== 'string' || !(s.choices ?? []).includes(v)) bad(s.name, `must be ${describeAllowed(s)}, got ${show(v)}`);
      return;
    case 'patterns': {
      if (!Array.isArray(v) || v.length === 0) {
        bad(s.name, `must be ${describeAllowed(s)}, got ${show(v)}`);
        return;
      }
      const seen = new Set<string>();
      v.forEach((item: unknown, k) => {
        if (typeof item !== 'string' || !(s.choices ?? []).includes(item)) {
          bad(`${s.name}[${k}]`, `unknown pattern ${show(item)}; known: ${(s.choices ?? []).join(', ')}`);
        } else if (seen.has(item)) {
          bad(`${s.name}[${k}]`, `pattern '${item}' is listed twice`);
        }
        if (typeof item === 'string') seen.add(item);
      });
      return;
    }
  }
}

/**
 * Checks an indicator's `parameters` object against the class's specs: each value's type,
 * bounds and choices, and names the class does not have. A missing parameter is not a problem
 * (it takes its default; see `withDefaults`). Pure; problems come in spec order, unknown names last.
 * Takes the parsed JSON as it is, so values of any type are reported rather than assumed.
 */
export function validateParams(def: IndicatorDefinition, params: Readonly<Record<string, unknown>>): ParamProblem[] {
  const problems: ParamProblem[] = [];
  for (const s of def.params) {
    const v = params[s.name];
    if (v !== undefined) checkOne(s, v, problems);
  }
  const known = new Set(def.params.map((s) => s.name));
  for (const name of Object.keys(params)) {
    if (!known.has(name)) {
      problems.push({
        path: name,
        message: `unknown parameter '${name}' for ${def.className}; known: ${def.params.map((s) => s.name).join(', ')}`,
      });
    }
  }
  return problems;
}

/** Readers for parameters already validated and defaulted. */
export function num(params: Params, name: string): number {
  const v = params[name];
  if (typeof v !== 'number') throw new Error(`parameter ${name} must be a number`);
  return v;
}

export function str(params: Params, name: string): string {
  const v = params[name];
  if (typeof v !== 'string') throw new Error(`parameter ${name} must be a string`);
  return v;
}

export function list(params: Params, name: string): readonly string[] {
  const v = params[name];
  if (!Array.isArray(v)) throw new Error(`parameter ${name} must be a list`);
  return v;
}

/** Applies `direction_filter` to a trend value. */
export function filterDirection(value: number, filter: string): number {
  if (filter === 'bullish') return value > 0 ? value : 0;
  if (filter === 'bearish') return value < 0 ? value : 0;
  return value;
}
