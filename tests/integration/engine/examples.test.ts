import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSample } from '../../../electron/backend/sample/sampleData';
import { runBacktest } from '../../../electron/backend/services/engineService';
import { openStore, type CandleStore } from '../../../electron/backend/store/index';
import { parseConfigFile } from '../../../shared/config/parse';
import { TRADE_REASONS } from '../../../shared/stats/types';
import { tempDir } from '../../helpers/tmp';

const DIR = resolve(__dirname, '../../../resources/examples');
const files = readdirSync(DIR).filter((f) => f.endsWith('.json')).sort();

describe('resources/examples run on the sample data (DEMO, 1-minute)', () => {
  const tmp = tempDir('mlf-examples-');
  let store: CandleStore;
  beforeAll(() => {
    store = openStore(join(tmp.dir, 'store.sqlite'));
    writeSample(store, { days: 30 });
  });
  afterAll(() => {
    store.close();
    tmp.cleanup();
  });

  it('has the close-crosses-SMA monitor and at least one optimizer config', () => {
    expect(files).toContain('sma-cross.json');
    expect(files.some((f) => f.startsWith('optimize-'))).toBe(true);
  });

  for (const file of files) {
    it(`${file} validates and trades`, () => {
      const optimizer = file.startsWith('optimize-');
      const config = parseConfigFile(readFileSync(join(DIR, file), 'utf8'), file, optimizer ? { purpose: 'optimize' } : {});
      const r = runBacktest(store, config, { symbol: 'DEMO' });
      expect(r.stats.trades.count, `${file} made no trades`).toBeGreaterThan(0);
      const reasons = new Set(Array.from(r.stats.trades.exitReason, (x) => TRADE_REASONS[x]));
      if (file === 'sma-cross.json') expect([...reasons]).toEqual(['EXIT_LONG']);
      if (file === 'macd-adx-multitimeframe.json') expect(reasons.has('END_OF_DAY')).toBe(true);
      if (optimizer) expect(config.objectives.length).toBeGreaterThan(0);
    });
  }
});
