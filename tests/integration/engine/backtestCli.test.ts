import { execFile } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importCsv } from '../../../electron/backend/import/importCsv';
import { openStore } from '../../../electron/backend/store/candleStore';
import { tempDir } from '../../helpers/tmp';

const ROOT = resolve(__dirname, '../../..');
const run = promisify(execFile);

/** Runs the built `mlf` and returns its exit code and output (never throws on a non-zero exit). */
async function mlf(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [join(ROOT, 'bin/mlf.js'), ...args], { cwd: ROOT });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('mlf backtest on a real store', () => {
  const tmp = tempDir('mlf-backtest-');
  const db = join(tmp.dir, 'store.sqlite');
  const config = join(tmp.dir, 'sma-hourly.json');

  beforeAll(async () => {
    if (!existsSync(join(ROOT, 'out/main/cli.js'))) throw new Error('out/main/cli.js is missing: run `npm run build` first (npm test does)');
    const store = openStore(db);
    await importCsv(store, { path: join(ROOT, 'tests/fixtures/EURUSD_H1_pandas.csv'), symbol: 'EURUSD' });
    store.close();
    // The bundled SMA-cross example, moved to the fixture's hourly timeframe.
    const example = JSON.parse(readFileSync(join(ROOT, 'resources/examples/sma-cross.json'), 'utf8'));
    for (const ind of example.indicators) ind.agg_config = '1h-normal';
    writeFileSync(config, JSON.stringify(example, null, 2));
  });
  afterAll(() => tmp.cleanup());

  it('--json prints exactly one JSON object with bars, timings, stats and trades (ISO times, numeric prices)', async () => {
    const r = await mlf('backtest', '--config', config, '--symbol', 'eurusd', '--json', '--db', db);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(['bars', 'timings', 'stats', 'trades']);
    expect(out.bars).toBe(679);
    expect(typeof out.timings.load_ms).toBe('number');
    expect(typeof out.timings.compute_ms).toBe('number');
    expect(out.stats.metrics.totalTrades).toBe(out.trades.length);
    expect(out.trades.length).toBeGreaterThan(5);
    const t = out.trades[0];
    expect(t.entry_time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(typeof t.entry_price).toBe('number');
    expect(t.reason).toBe('EXIT_LONG');
    // Typed arrays come out as plain arrays.
    expect(Array.isArray(out.stats.trades.entryPrice)).toBe(true);
    expect(out.stats.trades.entryPrice[0]).toBe(t.entry_price);
  });

  it('--from/--to limit the statistics; --trades writes CSV or JSON by extension', async () => {
    const csv = join(tmp.dir, 'trades.csv');
    const json = join(tmp.dir, 'trades.json');
    const a = await mlf('backtest', '--config', config, '--symbol', 'EURUSD', '--from', '2026-04-01', '--to', '2026-04-10', '--trades', csv, '--db', db);
    expect(a.code, a.stderr).toBe(0);
    expect(a.stdout).toMatch(/^sma-cross on EURUSD 1h\n2026-04-01 00:00Z → 2026-04-10 21:00Z · 189 candles/);
    expect(a.stdout).toMatch(/Trades {10}\d+ \(\d+ won, \d+ lost/);
    const lines = readFileSync(csv, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('n,entry_time,exit_time,entry_price,exit_price,quantity,reason,pnl_pct,pnl_cash,bars_held,entry_bar,entry_score,stop_level,target_level,entry_index,exit_index,entry:bull,entry:bear,exit:bull,exit:bear');
    const b = await mlf('backtest', '--config', config, '--symbol', 'EURUSD', '--from', '2026-04-01', '--to', '2026-04-10', '--trades', json, '--json', '--db', db);
    const out = JSON.parse(b.stdout);
    expect(JSON.parse(readFileSync(json, 'utf8'))).toEqual(out.trades);
    expect(lines.length - 1).toBe(out.trades.length);
    for (const tr of out.trades) expect(tr.entry_time >= '2026-04-01' && tr.exit_time < '2026-04-11').toBe(true);
  });

  it('a config with mistakes prints every issue with its path and line and exits non-zero', async () => {
    const bad = join(tmp.dir, 'bad.json');
    const c = JSON.parse(readFileSync(config, 'utf8'));
    c.indicators[0].parameters.period = 99;
    c.monitor.enter_long[0].name = 'bul';
    writeFileSync(bad, JSON.stringify(c, null, 2));
    const r = await mlf('backtest', '--config', bad, '--symbol', 'EURUSD', '--db', db);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${bad}: the config has 2 problems`);
    expect(r.stderr).toMatch(/indicators\[0\]\.parameters\.period \(line \d+\): must be an integer from 2 to 30, got 99/);
    expect(r.stderr).toMatch(/monitor\.enter_long\[0\]\.name \(line \d+\): unknown bar "bul" \(did you mean "bull"\?\)/);
  });

  it('a config finer than the stored data, an unknown symbol and bad arguments say so', async () => {
    const minute = await mlf('backtest', '--config', join(ROOT, 'resources/examples/sma-cross.json'), '--symbol', 'EURUSD', '--db', db);
    expect(minute.code).toBe(1);
    expect(minute.stderr).toMatch(/EURUSD is stored as 1h; .* not down to 1m/);
    const unknown = await mlf('backtest', '--config', config, '--symbol', 'GBPUSD', '--db', db);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/no candles for symbol 'GBPUSD'; the store has: EURUSD/);
    const usage = await mlf('backtest', '--config', config, '--symbol', 'EURUSD', '--from', 'yesterday', '--db', db);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/--from must be an ISO date or time/);
  });
});
