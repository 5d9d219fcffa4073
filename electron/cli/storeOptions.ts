import { parseArgs, type ParseArgsConfig } from 'node:util';
import { resolveStorePath } from '../backend/paths';
import { ensureSampleData } from '../backend/sample/sampleData';
import { openStore, type CandleStore } from '../backend/store/candleStore';
import { UsageError } from './command';

/** parseArgs that turns its errors into usage errors. */
export function parseOptions<const T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs<T>(config);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

/**
 * Opens the store for a reading command; on first use of an empty store creates the sample data
 * (and says so on stderr, so that stdout stays clean for --json / --csv).
 */
export async function openWithSample(db: string | undefined): Promise<CandleStore> {
  const path = resolveStorePath(db);
  const store = openStore(path);
  try {
    const r = await ensureSampleData(store);
    if (r.created.length) {
      process.stderr.write(
        `First use of ${path}: created sample data ${r.created.map((d) => `${d.symbol} (${d.timeframe}, ${d.rows} candles)`).join(' and ')}.\n`,
      );
    }
    for (const n of r.notes) process.stderr.write(`note: ${n}\n`);
  } catch (err) {
    store.close();
    throw err;
  }
  return store;
}

