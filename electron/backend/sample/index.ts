export { generateSampleCandles, SAMPLE_DEFAULTS, type SampleOptions } from './generator';
export { ensureSampleData, writeSample, type EnsureResult } from './sampleData';
export { resourcePath } from './resources';
