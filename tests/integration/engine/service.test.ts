import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../../electron/backend/backend';
import { importCsv } from '../../../electron/backend/import/importCsv';
import { openStore } from '../../../electron/backend/store/candleStore';
import { MlfError } from '../../../shared/contract/errors';
import { decodeMessage, encodeMessage } from '../../../shared/contract/codec';
import type { IndividualStats } from '../../../shared/stats/types';
import { tempDir } from '../../helpers/tmp';

const ROOT = resolve(__dirname, '../../..');
const ctx = { transport: 'direct' as const };

describe('engine procedures through the router', () => {
  const tmp = tempDir('mlf-engine-svc-');
  const db = join(tmp.dir, 'store.sqlite');
  let backend: Backend;
  const config = JSON.parse(readFileSync(join(ROOT, 'resources/examples/sma-cross.json'), 'utf8'));
  for (const ind of config.indicators) ind.agg_config = '1h-normal';

  beforeAll(async () => {
    const store = openStore(db);
    await importCsv(store, { path: join(ROOT, 'tests/fixtures/EURUSD_H1_pandas.csv'), symbol: 'EURUSD' });
    store.close();
    backend = createBackend({ storePath: db, host: 'test' });
  });
  afterAll(async () => {
    await backend.close();
    tmp.cleanup();
  });

  it('engineCatalog lists every indicator class and objective with parameter specs', async () => {
    const cat = (await backend.router.invoke('engineCatalog', {}, ctx)) as any;
    expect(cat.indicators.map((i: any) => i.className)).toContain('ADXTrendIndicator');
    expect(cat.indicators.length).toBe(11);
    expect(cat.objectives.map((o: any) => o.name)).toContain('MaximizeSharpe');
    expect(cat.timeframes).toEqual(['1m', '5m', '15m', '30m', '1h', '4h', '1d']);
    expect(cat.penalty).toBe(100);
  });

  it('engineValidateConfig returns the normalised config, or every issue (with lines for file text)', async () => {
    const ok = (await backend.router.invoke('engineValidateConfig', { config }, ctx)) as any;
    expect(ok.ok).toBe(true);
    expect(ok.config.monitor.trade_executor.fill_model).toBe('close');
    const text = JSON.stringify({ ...config, monitor: { ...config.monitor, enter_long: [] } }, null, 2);
    const bad = (await backend.router.invoke('engineValidateConfig', { text, source: 'x.json' }, ctx)) as any;
    expect(bad).toMatchObject({ ok: false, message: 'x.json: the config has 1 problem' });
    expect(bad.issues[0]).toMatchObject({ path: 'monitor.enter_long', message: 'is empty; the monitor would never enter a position' });
    expect(bad.issues[0].line).toBeGreaterThan(1);
  });

  it('engineBacktest returns complete statistics that survive the WebSocket codec', async () => {
    const r = (await backend.router.invoke('engineBacktest', { config, symbol: 'eurusd' }, ctx)) as any;
    expect(r).toMatchObject({ symbol: 'EURUSD', timeframe: '1h', storedTimeframe: '1h', bars: 679 });
    const stats = r.stats as IndividualStats;
    expect(stats.trades.count).toBeGreaterThan(5);
    const round = decodeMessage(encodeMessage(stats)) as IndividualStats;
    expect(Array.from(round.trades.entryPrice)).toEqual(Array.from(stats.trades.entryPrice));
    // The second call reuses the loaded market and cached indicator series.
    const again = (await backend.router.invoke('engineBacktest', { config, symbol: 'EURUSD' }, ctx)) as any;
    expect(again.timings.load_ms).toBe(0);
    expect(again.stats).toEqual(stats);
  });

  it('engineBacktest rejects a bad config with its issues', async () => {
    const bad = structuredClone(config);
    bad.indicators[0].indicator_class = 'Nope';
    await expect(backend.router.invoke('engineBacktest', { config: bad, symbol: 'EURUSD' }, ctx)).rejects.toMatchObject({
      code: 'BAD_INPUT',
      issues: [expect.objectContaining({ path: 'indicators[0].indicator_class' })],
    });
    await expect(backend.router.invoke('engineBacktest', { config, symbol: 'NOPE' }, ctx)).rejects.toBeInstanceOf(MlfError);
  });

  it('engineInspect gives per-candle bar scores and indicator values for the window', async () => {
    const from = Date.parse('2026-04-01T00:00:00Z') / 1000;
    const r = (await backend.router.invoke('engineInspect', { config, symbol: 'EURUSD', from }, ctx)) as any;
    expect(r.timeframe).toBe('1h');
    expect(r.time[0]).toBeGreaterThanOrEqual(from);
    expect(r.bars.map((b: any) => [b.name, b.enterThreshold, b.exitThreshold])).toEqual([['bull', 1, null], ['bear', null, 1]]);
    expect(r.bars[0].score.length).toBe(r.time.length);
    expect(r.indicators[0].lines[0].name).toBe('SMA(20)');
    expect(r.indicators[0].visible.length).toBe(r.time.length);
  });
});
