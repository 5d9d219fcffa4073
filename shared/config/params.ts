/**
 * Checks an indicator's `parameters` against its class's ParamSpecs. The indicator library will
 * export functions of this shape from shared/indicators; until then the validator uses these.
 */
import type { ParamValue } from './types';
import type { IndicatorDefinition, ParamSpec } from '../indicators/types';
import { listOf, show, suggest } from './issues';

export interface ParamProblem {
  /** The parameter's name ('' for the object itself). */
  param: string;
  message: string;
}

export function defaultParams(def: IndicatorDefinition): Record<string, ParamValue> {
  const out: Record<string, ParamValue> = {};
  for (const p of def.params) out[p.name] = Array.isArray(p.default) ? [...p.default] : p.default;
  return out;
}

/** What a spec allows, in words: `an integer from 2 to 30`, `one of bullish, bearish`. */
export function describeSpec(p: ParamSpec): string {
  const bounds =
    p.min !== undefined && p.max !== undefined
      ? ` from ${p.min} to ${p.max}`
      : p.min !== undefined
        ? ` ≥ ${p.min}`
        : p.max !== undefined
          ? ` ≤ ${p.max}`
          : '';
  switch (p.type) {
    case 'int':
      return `an integer${bounds}`;
    case 'float':
      return `a number${bounds}`;
    case 'bool':
      return 'true or false';
    case 'choice':
      return `one of ${listOf(p.choices ?? [])}`;
    case 'patterns':
      return `a non-empty list of pattern names from ${listOf(p.choices ?? [])}`;
  }
}

function checkOne(p: ParamSpec, v: unknown): string | null {
  const bad = () => `must be ${describeSpec(p)}, got ${show(v)}`;
  switch (p.type) {
    case 'int':
      if (typeof v !== 'number' || !Number.isInteger(v)) return bad();
      break;
    case 'float':
      if (typeof v !== 'number' || !Number.isFinite(v)) return bad();
      break;
    case 'bool':
      return typeof v === 'boolean' ? null : bad();
    case 'choice':
      return typeof v === 'string' && (p.choices ?? []).includes(v) ? null : bad();
    case 'patterns': {
      if (!Array.isArray(v) || v.length === 0) return bad();
      const unknown = v.filter((x) => typeof x !== 'string' || !(p.choices ?? []).includes(x));
      return unknown.length ? `unknown pattern${unknown.length > 1 ? 's' : ''} ${unknown.map(show).join(', ')}; known: ${listOf(p.choices ?? [])}` : null;
    }
  }
  const n = v as number;
  if ((p.min !== undefined && n < p.min) || (p.max !== undefined && n > p.max)) return bad();
  return null;
}

/** Every problem with `params` (unknown names, wrong types, out of bounds). Missing ones are not problems: defaults fill them. */
export function validateParams(def: IndicatorDefinition, params: Readonly<Record<string, unknown>>): ParamProblem[] {
  const problems: ParamProblem[] = [];
  const names = def.params.map((p) => p.name);
  for (const [k, v] of Object.entries(params)) {
    const spec = def.params.find((p) => p.name === k);
    if (!spec) {
      const hint = suggest(k, names);
      problems.push({
        param: k,
        message: `${def.className} has no parameter "${k}"${hint ? ` (did you mean "${hint}"?)` : ''}; its parameters: ${listOf(names)}`,
      });
      continue;
    }
    const msg = checkOne(spec, v);
    if (msg) problems.push({ param: k, message: msg });
  }
  return problems;
}
