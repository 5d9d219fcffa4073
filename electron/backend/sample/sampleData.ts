import type { DatasetInfo } from '../../../shared/contract/data';
import { importCsv } from '../import/importCsv';
import type { CandleStore } from '../store/candleStore';
import { assertWritable, CandleWriter, refreshDatasetStats, upsertDataset } from '../store/writer';
import { generateSampleCandles, SAMPLE_DEFAULTS, type SampleOptions } from './generator';
import { resourcePath } from './resources';

/** Generates the sample and stores it as (symbol, 1m), replacing an earlier sample of that symbol. */
export function writeSample(store: CandleStore, opts: SampleOptions & { symbol?: string } = {}): DatasetInfo {
  assertWritable(store.db);
  const symbol = (opts.symbol ?? SAMPLE_DEFAULTS.symbol).toUpperCase();
  const days = opts.days ?? SAMPLE_DEFAULTS.days;
  const seed = opts.seed ?? SAMPLE_DEFAULTS.seed;
  const start = opts.start ?? SAMPLE_DEFAULTS.start;
  const c = generateSampleCandles({ ...opts, days, seed, start });
  const db = store.db;
  db.transaction(() => {
    const id = upsertDataset(db, symbol, '1m', `sample seed=${seed} days=${days} start=${start}`, Math.floor(Date.now() / 1000));
    db.prepare('DELETE FROM candles WHERE dataset = ?').run(id);
    new CandleWriter(db, id).write(c.ts, c.open, c.high, c.low, c.close, c.volume, c.length);
    refreshDatasetStats(db, id);
  })();
  const { id: _id, ...info } = store.getDataset(symbol, '1m')!;
  return info;
}

const SEEDED = 'sample_created';
export const GOOG_RESOURCE = 'data/GOOG_D1.csv';

export interface EnsureResult {
  created: DatasetInfo[];
  notes: string[];
}

/**
 * On first use of an empty store: the synthetic 1-minute DEMO sample and the real daily GOOG
 * file shipped with the program, so the CLI, `mlf serve` and the app always have data. Runs once
 * per store: a user who later deletes every dataset is not given the sample again.
 */
export async function ensureSampleData(store: CandleStore): Promise<EnsureResult> {
  const result: EnsureResult = { created: [], notes: [] };
  if (store.readonly || store.getMeta(SEEDED) !== undefined || store.listDatasets().length > 0) return result;
  result.created.push(writeSample(store));
  const goog = resourcePath(GOOG_RESOURCE);
  if (goog) {
    const s = await importCsv(store, { path: goog, symbol: 'GOOG', timeframe: '1d' });
    result.created.push(s.dataset);
  } else {
    result.notes.push(`the bundled ${GOOG_RESOURCE} was not found; only the synthetic sample was created`);
  }
  store.setMeta(SEEDED, new Date().toISOString());
  return result;
}
