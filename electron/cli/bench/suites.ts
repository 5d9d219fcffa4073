import { dataSuite } from './data';
import type { BenchSuite } from './types';
import { indicatorsSuite } from './indicators';
import { uiSuite } from './ui';

/** Every bench suite, in the order the table prints them. Each area adds its own file here. */
export const suites: BenchSuite[] = [dataSuite, indicatorsSuite, uiSuite];
