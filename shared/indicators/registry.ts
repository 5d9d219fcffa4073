import type { IndicatorDefinition } from './types';
import { SMACrossoverIndicator } from './classes/smaCrossover';

/** Every indicator class by the original system's class name. */
export const INDICATORS: Readonly<Record<string, IndicatorDefinition>> = Object.fromEntries(
  [SMACrossoverIndicator].map((d) => [d.className, d]),
);

export function indicatorClassNames(): string[] {
  return Object.keys(INDICATORS).sort();
}
