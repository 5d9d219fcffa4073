import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers/tmp';

const root = resolve(__dirname, '../../..');
const fx = (name: string) => join(root, 'tests/fixtures', name);

beforeAll(() => {
  if (!existsSync(join(root, 'out/main/cli.js'))) throw new Error('the CLI is not built: run `npm run build` (npm test does)');
});

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((f) => f()));
function dbPath(): string {
  const t = tempDir();
  cleanups.push(t.cleanup);
  return join(t.dir, 'store.sqlite');
}

function mlf(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [join(root, 'bin/mlf.js'), ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('mlf data commands, as a new user runs them', () => {
  it('datasets on a fresh store creates the sample and lists it; MLF_DB works like --db', () => {
    const db = dbPath();
    const r = mlf(['datasets'], { MLF_DB: db });
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/First use of .*store.sqlite: created sample data DEMO \(1m, 115200 candles\) and GOOG \(1d, 2148 candles\)/);
    expect(r.out).toMatch(/^Store: .*store\.sqlite/);
    expect(r.out).toMatch(/DEMO\s+1m\s+115,200\s+2024-01-02 09:00Z/);
    expect(r.out).toMatch(/GOOG\s+1d\s+2,148\s+2004-08-19 04:00Z/);
    const again = mlf(['datasets', '--json', '--db', db]);
    expect(again.err).toBe('');
    expect(JSON.parse(again.out)).toHaveLength(2);
  });

  it('candles --timeframe 1h --rth prints regular-hours hours as ISO times', () => {
    const db = dbPath();
    const r = mlf(['candles', '--symbol', 'DEMO', '--timeframe', '1h', '--rth', '--csv', '--tz', 'America/New_York', '--db', db, '--from', '2024-03-08', '--to', '2024-03-11']);
    expect(r.code).toBe(0);
    const lines = r.out.trimEnd().split('\n');
    expect(lines[0]).toBe('time,open,high,low,close,volume');
    const times = lines.slice(1).map((l) => l.split(',')[0]);
    const day = (d: string, off: string) => ['09', '10', '11', '12', '13', '14', '15'].map((h) => `2024-03-${d}T${h}:00:00${off}`);
    expect(times).toEqual([...day('08', '-05:00'), ...day('11', '-04:00')]);
    // A date as --to means through that day, as in mlf backtest and mlf optimize.
    const j = mlf(['candles', '--symbol', 'DEMO', '--timeframe', '1d', '--json', '--db', db, '--to', '2024-01-03']);
    const parsed = JSON.parse(j.out);
    expect(parsed).toMatchObject({ symbol: 'DEMO', timeframe: '1d', baseTimeframe: '1m' });
    expect(parsed.candles.map((c: { time: string }) => c.time)).toEqual(['2024-01-02T05:00:00Z', '2024-01-03T05:00:00Z']);
  });

  it('import: real FX file, a bad file (non-zero exit, line named, store unchanged) and --skip-bad', () => {
    const db = dbPath();
    const ok = mlf(['import', fx('EURUSD_H1_pandas.csv'), '--symbol', 'EURUSD', '--json', '--db', db]);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.out)).toMatchObject({ symbol: 'EURUSD', timeframe: '1h', imported: 679, firstTs: Date.parse('2026-03-23T03:00:00Z') / 1000 });
    const before = createHash('sha256').update(readFileSync(db)).digest('hex');
    const bad = mlf(['import', fx('bad_decreasing_time.csv'), '--symbol', 'EURUSD', '--db', db]);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain(`${fx('bad_decreasing_time.csv')} has a bad row (first on line 4); nothing was imported`);
    expect(bad.err).toContain(`${fx('bad_decreasing_time.csv')} (line 4): time 2024-01-02 14:29:00Z is earlier than line 3's`);
    expect(createHash('sha256').update(readFileSync(db)).digest('hex')).toBe(before);
    const skip = mlf(['import', fx('bad_mixed.csv'), '--symbol', 'MIX', '--skip-bad', '--db', db]);
    expect(skip.code).toBe(0);
    expect(skip.out).toMatch(/Imported 4 rows of MIX 1m/);
    expect(skip.out).toMatch(/Skipped 3 bad rows:\n  line 3: close: 'x' is not a number/);
    const list = JSON.parse(mlf(['datasets', '--json', '--db', db]).out) as Array<{ symbol: string; rows: number }>;
    expect(list.map((d) => [d.symbol, d.rows])).toEqual([['EURUSD', 679], ['MIX', 4]]);
  });

  it('sample and usage errors', () => {
    const db = dbPath();
    const s = mlf(['sample', '--symbol', 'tiny', '--days', '5', '--seed', '9', '--db', db]);
    expect(s.code).toBe(0);
    expect(s.out).toMatch(/Generated TINY 1m: 4,800 candles/);
    const u = mlf(['candles', '--db', db]);
    expect(u.code).toBe(2);
    expect(u.err).toMatch(/--symbol is required/);
    expect(mlf(['import', fx('iso_zoned.csv'), '--symbol', 'X', '--timeframe', '2h', '--db', db]).code).toBe(2);
    // Asking a command for help is not a mistake.
    for (const ask of [['optimize', '--help'], ['candles', '-h', '--symbol', 'X'], ['help', 'serve']]) {
      const h = mlf(ask);
      expect(h.code, ask.join(' ')).toBe(0);
      expect(h.out, ask.join(' ')).toMatch(new RegExp(`^mlf ${ask[0] === 'help' ? ask[1] : ask[0]} `, 'm'));
      expect(h.err).toBe('');
    }
  });
});
