import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ImportProgress } from '../../../shared/contract/data';
import { MlfError } from '../../../shared/contract/errors';
import { importCsv } from '../../../electron/backend/import/importCsv';
import { openStore, type CandleStore } from '../../../electron/backend/store/candleStore';
import { tempDir } from '../../helpers/tmp';

const fixtures = resolve(__dirname, '../../fixtures');
const fx = (name: string) => join(fixtures, name);
const utc = (iso: string) => Date.parse(iso) / 1000;
const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((f) => f()));
function freshStore(): { store: CandleStore; path: string; dir: string } {
  const t = tempDir();
  const path = join(t.dir, 'store.sqlite');
  const store = openStore(path);
  cleanups.push(() => {
    store.close();
    t.cleanup();
  });
  return { store, path, dir: t.dir };
}

async function importError(p: Promise<unknown>): Promise<MlfError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(MlfError);
    return err as MlfError;
  }
  throw new Error('expected the import to fail');
}

describe('importCsv: the real hourly EUR/USD pandas export', () => {
  it('imports every bar at its UTC time, infers 1h and keeps the values exactly', async () => {
    const { store } = freshStore();
    const progress: ImportProgress[] = [];
    const s = await importCsv(store, { path: fx('EURUSD_H1_pandas.csv'), symbol: 'eurusd', onProgress: (p) => progress.push(p) });
    expect(s.format).toBe('pandas export');
    expect(s.timeframe).toBe('1h');
    expect(s.timeframeInferred).toBe(true);
    expect(s.imported).toBe(679);
    expect(s.skipped).toBe(0);
    expect(s.merged).toBe(0);
    expect(s.firstTs).toBe(utc('2026-03-23T03:00:00Z'));
    expect(s.lastTs).toBe(utc('2026-04-30T09:00:00Z'));
    expect(s.dataset).toMatchObject({ symbol: 'EURUSD', timeframe: '1h', rows: 679 });
    expect(progress.at(-1)).toMatchObject({ done: true, symbol: 'EURUSD' });

    const c = store.loadCandles('EURUSD').candles;
    const at = (iso: string) => c.ts.indexOf(utc(iso));
    // First row: 2026-03-23 03:00:00+00:00,1.1647100000000001,1.1650800000000001,1.1643000000000001,1.1647500000000002,5134
    let i = at('2026-03-23T03:00:00Z');
    expect(i).toBe(0);
    expect([c.open[i], c.high[i], c.low[i], c.close[i], c.volume[i]]).toEqual([1.1647100000000001, 1.1650800000000001, 1.1643000000000001, 1.1647500000000002, 5134]);
    // Friday's last bar, then the Sunday 21:00 UTC reopening after the weekend gap.
    i = at('2026-03-27T20:00:00Z');
    expect(c.volume[i]).toBe(6236.484699982905);
    expect(c.ts[i + 1]).toBe(utc('2026-03-29T21:00:00Z'));
    expect(c.open[i + 1]).toBe(1.1609199999999997);
    // A fractional volume in the middle and the last row.
    i = at('2026-04-15T21:00:00Z');
    expect([c.open[i], c.close[i], c.volume[i]]).toEqual([1.1852700000000003, 1.1849900000000007, 2017.027253466291]);
    i = c.length - 1;
    expect([c.ts[i], c.open[i], c.high[i], c.low[i], c.close[i], c.volume[i]]).toEqual([utc('2026-04-30T09:00:00Z'), 1.17975, 1.18153, 1.17911, 1.18125, 14406]);
    // Every bar on the hour and increasing.
    for (let k = 0; k < c.length; k++) {
      expect(c.ts[k]! % 3600).toBe(0);
      if (k) expect(c.ts[k]! > c.ts[k - 1]!).toBe(true);
    }
  });

  it('merges an overlapping re-import without duplicates, and --replace replaces', async () => {
    const { store, dir } = freshStore();
    await importCsv(store, { path: fx('EURUSD_H1_pandas.csv'), symbol: 'EURUSD' });
    const lines = readFileSync(fx('EURUSD_H1_pandas.csv'), 'utf8').trimEnd().split('\n');
    // The last 100 bars again, with one close changed, plus nothing new.
    const part = join(dir, 'tail.csv');
    const tail = lines.slice(-100);
    tail[50] = tail[50]!.replace(/,([\d.]+),([\d.]+)$/, ',$1,$2').replace(/^([^,]+),([^,]+),([^,]+),([^,]+),([^,]+),/, (_m, t, o, h, l) => `${t},${o},${h},${l},${o},`);
    writeFileSync(part, [lines[0], ...tail].join('\n') + '\n');
    const s = await importCsv(store, { path: part, symbol: 'EURUSD' });
    expect(s.imported).toBe(100);
    expect(s.merged).toBe(100);
    expect(s.dataset.rows).toBe(679);
    const c = store.loadCandles('EURUSD').candles;
    const k = 679 - 100 + 50;
    expect(c.close[k]).toBe(c.open[k]);

    const r = await importCsv(store, { path: part, symbol: 'EURUSD', replace: true });
    expect(r.merged).toBe(0);
    expect(r.dataset.rows).toBe(100);
    expect(r.dataset.firstTs).toBe(utc(tail[0]!.slice(0, 19).replace(' ', 'T') + 'Z'));
  });
});

describe('importCsv: formats', () => {
  const cases: Array<{ file: string; format: RegExp; tf: string; ts: string[]; first: number[]; tz?: string }> = [
    { file: 'epoch_seconds_any_order.csv', format: /Timestamp/, tf: '5m', ts: ['2024-01-02T14:30:00Z', '2024-01-02T14:35:00Z', '2024-01-02T14:40:00Z'], first: [1.0, 1.6, 0.9, 1.5, 10] },
    { file: 'epoch_ms_semicolon_no_volume.csv', format: /timestamp/, tf: '1h', ts: ['2024-01-02T14:30:00Z', '2024-01-02T15:30:00Z', '2024-01-02T16:30:00Z'], first: [10, 11, 9, 10.5, 0] },
    { file: 'iso_zoned.csv', format: /datetime/, tf: '5m', ts: ['2024-01-02T14:30:00Z', '2024-01-02T14:35:00Z', '2024-01-02T14:40:00Z'], first: [50, 51, 49, 50.5, 100] },
    { file: 'mt5_tab.csv', format: /MetaTrader/, tf: '15m', ts: ['2024-01-02T09:00:00Z', '2024-01-02T09:15:00Z', '2024-01-02T09:30:00Z'], first: [1.10385, 1.1042, 1.10301, 1.1035, 812] },
    { file: 'mt4_headerless.csv', format: /MetaTrader export \(no header\)/, tf: '5m', ts: ['2024-01-02T09:30:00Z', '2024-01-02T09:35:00Z', '2024-01-02T09:45:00Z'], first: [1.1, 1.101, 1.0995, 1.1005, 120] },
    // Daily bars are stamped with the New York midnight that starts their calendar day.
    { file: 'tradingview.csv', format: /TradingView/, tf: '1d', ts: ['2024-01-02T05:00:00Z', '2024-01-03T05:00:00Z', '2024-01-04T05:00:00Z'], first: [187.15, 188.44, 183.89, 185.64, 82488700] },
    { file: 'daily_date_only.csv', format: /Date/, tf: '1d', ts: ['2024-03-08T05:00:00Z', '2024-03-11T04:00:00Z', '2024-03-12T04:00:00Z'], first: [10, 11, 9, 10.5, 1000] },
    { file: 'daily_midnight.csv', format: /date/, tf: '1d', ts: ['2024-11-01T04:00:00Z', '2024-11-04T05:00:00Z', '2024-11-05T05:00:00Z'], first: [20, 21, 19, 20.5, 500] },
    { file: 'pandas_naive_ny_1m.csv', format: /pandas/, tf: '1m', tz: 'America/New_York', ts: ['2024-03-08T20:58:00Z', '2024-03-08T20:59:00Z', '2024-03-11T13:30:00Z', '2024-03-11T13:31:00Z'], first: [100, 100.5, 99.5, 100.2, 1200] },
    { file: 'pandas_naive_ny_1m.csv', format: /pandas/, tf: '1m', tz: 'Europe/Berlin', ts: ['2024-03-08T14:58:00Z', '2024-03-08T14:59:00Z', '2024-03-11T08:30:00Z', '2024-03-11T08:31:00Z'], first: [100, 100.5, 99.5, 100.2, 1200] },
    { file: 'pandas_naive_ny_1m.csv', format: /pandas/, tf: '1m', ts: ['2024-03-08T15:58:00Z', '2024-03-08T15:59:00Z', '2024-03-11T09:30:00Z', '2024-03-11T09:31:00Z'], first: [100, 100.5, 99.5, 100.2, 1200] },
  ];
  for (const c of cases) {
    it(`${c.file}${c.tz ? ` read in ${c.tz}` : ''}`, async () => {
      const { store } = freshStore();
      const s = await importCsv(store, { path: fx(c.file), symbol: 'T', ...(c.tz ? { tz: c.tz } : {}) });
      expect(s.format).toMatch(c.format);
      expect(s.timeframe).toBe(c.tf);
      const got = store.loadCandles('T').candles;
      expect(Array.from(got.ts)).toEqual(c.ts.map(utc));
      expect([got.open[0], got.high[0], got.low[0], got.close[0], got.volume[0]]).toEqual(c.first);
    });
  }

  it('imports the bundled real GOOG daily file as daily candles', async () => {
    const { store } = freshStore();
    const s = await importCsv(store, { path: resolve(__dirname, '../../../resources/data/GOOG_D1.csv'), symbol: 'GOOG' });
    expect(s).toMatchObject({ format: 'pandas export', timeframe: '1d', imported: 2148, skipped: 0 });
    expect(s.firstTs).toBe(utc('2004-08-19T04:00:00Z'));
    expect(s.lastTs).toBe(utc('2013-03-01T05:00:00Z'));
    const c = store.loadCandles('GOOG').candles;
    expect([c.open[0], c.high[0], c.low[0], c.close[0], c.volume[0]]).toEqual([100, 104.06, 95.96, 100.34, 22351900]);
  });

  it('uses a given timeframe and rejects rows closer than one candle', async () => {
    const { store } = freshStore();
    const s = await importCsv(store, { path: fx('epoch_seconds_any_order.csv'), symbol: 'T', timeframe: '1m' });
    expect(s).toMatchObject({ timeframe: '1m', timeframeInferred: false, imported: 3 });
    const e = await importError(importCsv(store, { path: fx('epoch_seconds_any_order.csv'), symbol: 'U', timeframe: '15m' }));
    expect(e.issues[0]).toMatchObject({ line: 3 });
    expect(e.issues[0]!.message).toMatch(/only 300 s after line 2's, less than one 15m candle/);
  });
});

describe('importCsv: bad input', () => {
  const bad: Array<[string, number, RegExp]> = [
    ['bad_number.csv', 4, /low: 'abc' is not a number/],
    ['bad_date.csv', 4, /datetime: '2024-01-32 14:32:00' is not a date-time/],
    ['bad_high_below_close.csv', 4, /high 10.9 is below close 11/],
    ['bad_low_above_open.csv', 4, /low 10.9 is above open 10.8/],
    ['bad_negative_volume.csv', 4, /volume -5 is negative/],
    ['bad_duplicate_time.csv', 4, /duplicate time 2024-01-02 14:31:00Z \(also on line 3\)/],
    ['bad_decreasing_time.csv', 4, /earlier than line 3's/],
    ['bad_missing_fields.csv', 4, /expected at least 6 fields, found 3/],
  ];
  for (const [file, line, message] of bad) {
    it(`${file}: fails naming line ${line} and leaves the store file byte-identical`, async () => {
      const { store, path } = freshStore();
      await importCsv(store, { path: fx('iso_zoned.csv'), symbol: 'KEEP' });
      store.db.pragma('wal_checkpoint(TRUNCATE)');
      const before = sha(path);
      const e = await importError(importCsv(store, { path: fx(file), symbol: 'KEEP' }));
      expect(e.code).toBe('BAD_INPUT');
      expect(e.message).toContain(fx(file));
      expect(e.message).toMatch(new RegExp(`first on line ${line}\\b`));
      expect(e.message).toMatch(/nothing was imported/);
      expect(e.issues).toHaveLength(1);
      expect(e.issues[0]).toMatchObject({ path: fx(file), line });
      expect(e.issues[0]!.message).toMatch(message);
      store.db.pragma('wal_checkpoint(TRUNCATE)');
      expect(sha(path)).toBe(before);
      expect(store.listDatasets().map((d) => [d.symbol, d.rows])).toEqual([['KEEP', 3]]);
    });
  }

  it('with skipBad imports the good rows and reports the bad ones with their lines', async () => {
    const { store } = freshStore();
    const s = await importCsv(store, { path: fx('bad_mixed.csv'), symbol: 'M', skipBad: true });
    expect(s.imported).toBe(4);
    expect(s.skipped).toBe(3);
    expect(s.skippedExamples.map((x) => x.line)).toEqual([3, 5, 7]);
    expect(s.skippedExamples[0]!.text).toBe('2024-01-02 14:31:00,10.5,11,10,x,100');
    const c = store.loadCandles('M').candles;
    expect(Array.from(c.ts)).toEqual(['14:30', '14:32', '14:33', '14:34'].map((t) => utc(`2024-01-02T${t}:00Z`)));
  });

  it('without skipBad reports every problem up to the first ten', async () => {
    const { store } = freshStore();
    const e = await importError(importCsv(store, { path: fx('bad_mixed.csv'), symbol: 'M' }));
    expect(e.message).toMatch(/has 3 bad rows \(first on line 3\)/);
    expect(e.issues.map((i) => i.line)).toEqual([3, 5, 7]);
    expect(store.listDatasets()).toEqual([]);
  });

  it('names what is missing from a header it cannot use', async () => {
    const { store } = freshStore();
    const e = await importError(importCsv(store, { path: fx('bad_header.csv'), symbol: 'X' }));
    expect(e.message).toMatch(/cannot import .*bad_header.csv \(line 1\); nothing was imported/);
    expect(e.issues[0]).toMatchObject({ line: 1 });
    expect(e.issues[0]!.message).toMatch(/the header lacks a time column \(timestamp, date, datetime or time\), open, high, low, close; found: "when", "price", "size"/);
  });

  it('reports a missing file, an unknown zone and a bad symbol', async () => {
    const { store, dir } = freshStore();
    expect((await importError(importCsv(store, { path: join(dir, 'nope.csv'), symbol: 'X' }))).code).toBe('NOT_FOUND');
    expect((await importError(importCsv(store, { path: fx('iso_zoned.csv'), symbol: 'X', tz: 'Mars/Olympus' }))).message).toMatch(/unknown time zone 'Mars\/Olympus'/);
    expect((await importError(importCsv(store, { path: fx('iso_zoned.csv'), symbol: 'no spaces' }))).message).toMatch(/bad symbol/);
  });

  it('refuses a second import on the same store while one runs', async () => {
    const { store } = freshStore();
    const a = importCsv(store, { path: fx('EURUSD_H1_pandas.csv'), symbol: 'A' });
    const e = await importError(importCsv(store, { path: fx('iso_zoned.csv'), symbol: 'B' }));
    expect(e.code).toBe('CONFLICT');
    await a;
  });

  it('streams a file larger than one read chunk with rows split across chunks', async () => {
    const { store, dir } = freshStore();
    const path = join(dir, 'big.csv');
    const rows = ['timestamp,open,high,low,close,volume'];
    const start = utc('2024-01-02T00:00:00Z');
    for (let i = 0; i < 40000; i++) rows.push(`${start + i * 60},${100 + (i % 7)}.125,${108 + (i % 7)},${99 + (i % 7)},${101 + (i % 7)}.5,${i}`);
    writeFileSync(path, rows.join('\n'));
    const s = await importCsv(store, { path, symbol: 'BIG' });
    expect(s.bytes).toBeGreaterThan(1 << 20);
    expect(s).toMatchObject({ imported: 40000, timeframe: '1m' });
    const c = store.loadCandles('BIG').candles;
    for (const i of [0, 12345, 39999]) {
      expect([c.ts[i], c.open[i], c.high[i], c.low[i], c.close[i], c.volume[i]]).toEqual([start + i * 60, 100 + (i % 7) + 0.125, 108 + (i % 7), 99 + (i % 7), 101 + (i % 7) + 0.5, i]);
    }
  });
});
