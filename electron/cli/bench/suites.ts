import type { BenchSuite } from './types';
import { uiSuite } from './ui';
import { engineSuite } from './engine';

/** Every bench suite, in the order the table prints them. Each area adds its own file here. */
export const suites: BenchSuite[] = [engineSuite, uiSuite];
