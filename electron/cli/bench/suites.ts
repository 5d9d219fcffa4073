import { dataSuite } from './data';
import type { BenchSuite } from './types';
import { indicatorsSuite } from './indicators';
import { uiSuite } from './ui';
import { engineSuite } from './engine';

/** Every bench suite, in the order the table prints them. Each area adds its own file here. */
export const suites: BenchSuite[] = [dataSuite, indicatorsSuite, engineSuite, uiSuite];
