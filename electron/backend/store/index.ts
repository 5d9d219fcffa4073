export { openStore, type OpenStoreOptions, type CandleStore, type DataFingerprint, type LoadOptions } from './candleStore';
export { migrations, migrate, type Migration } from './migrations';
export { CandleWriter, upsertDataset, refreshDatasetStats, countCandles } from './writer';
