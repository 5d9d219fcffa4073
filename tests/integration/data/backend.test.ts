import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeMessage, encodeMessage } from '../../../shared/contract/codec';
import { MlfError } from '../../../shared/contract/errors';
import { createBackend, type Backend } from '../../../electron/backend/backend';
import { tempDir } from '../../helpers/tmp';

const fx = (name: string) => resolve(__dirname, '../../fixtures', name);
const ctx = { transport: 'direct' as const };

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const f of cleanups.splice(0)) await f();
});
function backend(): Backend {
  const t = tempDir();
  const b = createBackend({ storePath: join(t.dir, 'sub', 'store.sqlite'), host: 'test' });
  cleanups.push(async () => {
    await b.close();
    t.cleanup();
  });
  return b;
}

describe('data procedures through the router', () => {
  it('opens the store and creates the sample data (DEMO 1m, real GOOG 1d) on first use', async () => {
    const b = backend();
    const list = (await b.router.invoke('listDatasets', {}, ctx)) as Array<{ symbol: string; timeframe: string; rows: number }>;
    expect(list.map((d) => [d.symbol, d.timeframe])).toEqual([
      ['DEMO', '1m'],
      ['GOOG', '1d'],
    ]);
    expect(list[0]!.rows).toBe(120 * 960);
    expect(list[1]!.rows).toBe(2148);
  });

  it('serves candles as typed columns that survive the WebSocket codec', async () => {
    const b = backend();
    const out = (await b.router.invoke('getCandles', { symbol: 'demo', timeframe: '1d', rth: true }, ctx)) as Record<string, unknown>;
    expect(out).toMatchObject({ symbol: 'DEMO', timeframe: '1d', baseTimeframe: '1m', kind: 'normal', length: 120 });
    expect(out.close).toBeInstanceOf(Float64Array);
    const back = decodeMessage(encodeMessage(out)) as Record<string, unknown>;
    expect(back.close).toEqual(out.close);
  });

  it('imports with progress events, regenerates samples and deletes datasets, announcing changes', async () => {
    const b = backend();
    await b.router.invoke('listDatasets', {}, ctx);
    const seen: string[] = [];
    b.events.subscribe((name) => seen.push(name));
    const s = (await b.router.invoke('importCsv', { path: fx('EURUSD_H1_pandas.csv'), symbol: 'EURUSD' }, ctx)) as { imported: number };
    expect(s.imported).toBe(679);
    expect(seen).toContain('importProgress');
    expect(seen.at(-1)).toBe('datasetsChanged');
    const g = (await b.router.invoke('generateSample', { symbol: 'S5', days: 5, seed: 3 }, ctx)) as { rows: number; source: string };
    expect(g).toMatchObject({ rows: 5 * 960, source: 'sample seed=3 days=5 start=2024-01-02' });
    expect(await b.router.invoke('deleteDataset', { symbol: 'S5', timeframe: '1m' }, ctx)).toEqual({ deleted: 4800 });
    const list = (await b.router.invoke('listDatasets', {}, ctx)) as Array<{ symbol: string }>;
    expect(list.map((d) => d.symbol)).toEqual(['DEMO', 'EURUSD', 'GOOG']);
  });

  it('validates input at the boundary and passes located import errors through', async () => {
    const b = backend();
    await expect(b.router.invoke('getCandles', { symbol: 'DEMO', timeframe: '2h' }, ctx)).rejects.toMatchObject({ code: 'BAD_INPUT' });
    await expect(b.router.invoke('getCandles', { symbol: 'NOPE' }, ctx)).rejects.toThrow(/the store has: DEMO, GOOG/);
    let err: unknown;
    try {
      await b.router.invoke('importCsv', { path: fx('bad_negative_volume.csv'), symbol: 'X' }, ctx);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(MlfError);
    expect((err as MlfError).toShape().issues).toEqual([
      { path: fx('bad_negative_volume.csv'), line: 4, message: 'volume -5 is negative: 2024-01-02 14:32:00,10.8,11.2,10.7,11,-5' },
    ]);
  });
});
