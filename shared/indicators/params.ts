import type { ParamValue } from '../config/types';
import type { ParamSpec } from './types';

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

export function num(params: Readonly<Record<string, ParamValue>>, name: string): number {
  const v = params[name];
  if (typeof v !== 'number') throw new Error(`parameter ${name} must be a number`);
  return v;
}

export function str(params: Readonly<Record<string, ParamValue>>, name: string): string {
  const v = params[name];
  if (typeof v !== 'string') throw new Error(`parameter ${name} must be a string`);
  return v;
}
