import { MlfError } from '../../../shared/contract/errors';
import type { EventBus } from '../events';
import { importCsv } from '../import/importCsv';
import type { Handlers } from '../router';
import { ensureSampleData, writeSample } from '../sample/sampleData';
import type { CandleStore } from '../store/candleStore';

type DataHandlers = Pick<Handlers, 'listDatasets' | 'getCandles' | 'importCsv' | 'generateSample' | 'deleteDataset'>;

export interface DataService {
  handlers: DataHandlers;
  /** Settles once the first-use sample is in place (or failed, reported as a log event). */
  ready: Promise<void>;
}

/** The data procedures of the contract, bound to one store. */
export function createDataService(store: CandleStore, events: EventBus): DataService {
  const ready = ensureSampleData(store).then(
    (r) => {
      if (r.created.length) {
        events.emit('log', { level: 'info', message: `created sample data: ${r.created.map((d) => `${d.symbol} ${d.timeframe}`).join(', ')}` });
        events.emit('datasetsChanged', { datasets: store.listDatasets() });
      }
      for (const note of r.notes) events.emit('log', { level: 'warn', message: note });
    },
    (err: unknown) => {
      events.emit('log', { level: 'error', message: `could not create the sample data: ${(err as Error).message}` });
    },
  );
  const changed = () => events.emit('datasetsChanged', { datasets: store.listDatasets() });

  const handlers: DataHandlers = {
    async listDatasets() {
      await ready;
      return store.listDatasets();
    },
    async getCandles(input) {
      await ready;
      const s = store.loadCandles(input.symbol, {
        ...(input.timeframe ? { timeframe: input.timeframe } : {}),
        ...(input.from !== undefined ? { from: input.from } : {}),
        ...(input.to !== undefined ? { to: input.to } : {}),
        heikinAshi: input.heikinAshi === true,
        regularHoursOnly: input.rth === true,
      });
      const c = s.candles;
      return {
        symbol: s.symbol,
        timeframe: s.timeframe,
        baseTimeframe: s.baseTimeframe,
        kind: s.kind,
        length: c.length,
        ts: c.ts,
        open: c.open,
        high: c.high,
        low: c.low,
        close: c.close,
        volume: c.volume,
      };
    },
    async importCsv(input) {
      await ready;
      const summary = await importCsv(store, {
        path: input.path,
        symbol: input.symbol,
        ...(input.timeframe ? { timeframe: input.timeframe } : {}),
        ...(input.tz ? { tz: input.tz } : {}),
        skipBad: input.skipBad === true,
        replace: input.replace === true,
        onProgress: (p) => events.emit('importProgress', p),
      });
      changed();
      return summary;
    },
    async generateSample(input) {
      await ready;
      const info = writeSample(store, {
        ...(input.symbol ? { symbol: input.symbol } : {}),
        ...(input.days !== undefined ? { days: input.days } : {}),
        ...(input.seed !== undefined ? { seed: input.seed } : {}),
        ...(input.start ? { start: input.start } : {}),
      });
      changed();
      return info;
    },
    async deleteDataset(input) {
      await ready;
      if (store.readonly) throw new MlfError('FAILED', 'the store is open read-only');
      const deleted = store.deleteDataset(input.symbol, input.timeframe);
      changed();
      return { deleted };
    },
  };
  return { handlers, ready };
}
