import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { aggregate } from '../../../shared/data/aggregate';
import { Prng } from '../../../shared/random/prng';
import { isoTime } from '../../../shared/data/timeText';
import { importCsv } from '../../backend/import/importCsv';
import { openStore } from '../../backend/store/candleStore';
import { bestOf, type BenchRow, type BenchSkip, type BenchSuite } from './types';

const SQLITE3 = '/usr/bin/sqlite3';

/** A 1-minute candle CSV of `rows` rows (a price random walk, in cents), written in blocks. */
async function writeCsv(path: string, rows: number, iso: boolean): Promise<number> {
  const out = createWriteStream(path);
  const rng = new Prng(7);
  let price = 150;
  let ts = Date.UTC(2020, 0, 2, 9, 30) / 1000;
  out.write('timestamp,open,high,low,close,volume\n');
  for (let i = 0; i < rows; ) {
    let block = '';
    for (let k = 0; k < 5000 && i < rows; k++, i++) {
      const open = Math.round(price * 100) / 100;
      price = Math.max(1, price * Math.exp(rng.normal() * 0.0008));
      const close = Math.round(price * 100) / 100;
      const high = Math.round((Math.max(open, close) + rng.next() * 0.05) * 100) / 100;
      const low = Math.round((Math.min(open, close) - rng.next() * 0.05) * 100) / 100;
      const t = iso ? isoTime(ts).replace('T', ' ').replace('Z', '') : String(ts);
      block += `${t},${open},${high},${low},${close},${100 + Math.floor(rng.next() * 5000)}\n`;
      ts += 60;
    }
    if (!out.write(block)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return statSync(path).size;
}

const mib = (b: number) => `${(b / 2 ** 20).toFixed(0)} MiB`;

function fresh(path: string): void {
  for (const f of [path, `${path}-wal`, `${path}-shm`]) rmSync(f, { force: true });
}

/** Ours: open a fresh store, import, close (the close checkpoints the WAL, as sqlite3's exit does). */
async function ourImport(dir: string, csv: string, run: number): Promise<{ ms: number; rows: number; peakRss: number }> {
  const db = join(dir, `ours-${run}.sqlite`);
  fresh(db);
  let peak = process.memoryUsage.rss();
  const t0 = performance.now();
  const store = openStore(db);
  const s = await importCsv(store, {
    path: csv,
    symbol: 'BENCH',
    onProgress: () => {
      peak = Math.max(peak, process.memoryUsage.rss());
    },
  });
  peak = Math.max(peak, process.memoryUsage.rss());
  store.close();
  const ms = performance.now() - t0;
  fresh(db);
  return { ms, rows: s.imported, peakRss: peak };
}

/** The sqlite3 shell's `.import` of the same file into an equivalent table, same pragmas. */
function peerImport(dir: string, csv: string, run: number): number {
  const db = join(dir, `peer-${run}.sqlite`);
  fresh(db);
  const script = [
    'PRAGMA journal_mode = WAL;',
    'PRAGMA synchronous = NORMAL;',
    'CREATE TABLE candles (ts INTEGER NOT NULL, open REAL NOT NULL, high REAL NOT NULL, low REAL NOT NULL,',
    '  close REAL NOT NULL, volume REAL NOT NULL, PRIMARY KEY (ts)) WITHOUT ROWID;',
    '.mode csv',
    `.import --skip 1 '${csv.replace(/'/g, "''")}' candles`,
    'SELECT count(*) FROM candles;',
  ].join('\n');
  const t0 = performance.now();
  const r = spawnSync(SQLITE3, [db], { input: script, encoding: 'utf8' });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`sqlite3 failed: ${r.stderr}`);
  fresh(db);
  return ms;
}

export const dataSuite: BenchSuite = {
  name: 'data',
  async run(ctx) {
    const rows = Math.max(10000, Math.round(1_000_000 * ctx.scale));
    const label = rows >= 1e6 ? `${rows / 1e6}M` : `${Math.round(rows / 1e3)}k`;
    const out: Array<BenchRow | BenchSkip> = [];
    const csv = join(ctx.dir, 'bench-1m.csv');
    ctx.log(`writing ${label} rows of 1-minute candles…`);
    const bytes = await writeCsv(csv, rows, false);

    // Memory: peak RSS above the suite's starting point, first for a quarter-size file, then for
    // the full one. Flat memory shows as the same figure for both.
    const quarter = join(ctx.dir, 'bench-quarter.csv');
    const quarterBytes = await writeCsv(quarter, Math.round(rows / 4), false);
    const rss0 = process.memoryUsage.rss();
    const quarterRss = (await ourImport(ctx.dir, quarter, 99)).peakRss - rss0;
    rmSync(quarter);

    const repeats = 3;
    let ours = Infinity;
    let peakRss = 0;
    let peer = Infinity;
    const havePeer = existsSync(SQLITE3);
    for (let r = 0; r < repeats; r++) {
      const o = await ourImport(ctx.dir, csv, r);
      if (o.rows !== rows) throw new Error(`imported ${o.rows} of ${rows} rows`);
      ours = Math.min(ours, o.ms);
      peakRss = Math.max(peakRss, o.peakRss - rss0);
      if (havePeer) peer = Math.min(peer, peerImport(ctx.dir, csv, r));
    }
    const measure = `CSV import, ${label} 1-minute rows (epoch s, ${mib(bytes)})`;
    out.push({
      suite: 'data',
      measure,
      value: rows / (ours / 1000),
      unit: 'rows/s',
      ...(havePeer ? { peer: { name: 'sqlite3 .import', value: rows / (peer / 1000) } } : {}),
      higherIsBetter: true,
      goal: '≥ 0.5× sqlite3 (goal 1×)',
      note: 'fresh WAL store, one transaction, best of 3; both with PRIMARY KEY on time',
    });
    if (!havePeer) out.push({ suite: 'data', measure: `${measure}: sqlite3 peer`, reason: `${SQLITE3} not found (apt-get install sqlite3)` });
    out.push({
      suite: 'data',
      measure: `peak RSS growth during the ${label}-row import`,
      value: peakRss / 2 ** 20,
      unit: 'MiB',
      higherIsBetter: false,
      goal: 'flat (independent of file size)',
      note: `${mib(bytes)} file; a ${mib(quarterBytes)} file (${Math.round(rows / 4 / 1e3)}k rows) grew ${(quarterRss / 2 ** 20).toFixed(1)} MiB`,
    });

    const isoCsv = join(ctx.dir, 'bench-1m-iso.csv');
    const isoBytes = await writeCsv(isoCsv, rows, true);
    let isoMs = Infinity;
    for (let r = 0; r < 2; r++) isoMs = Math.min(isoMs, (await ourImport(ctx.dir, isoCsv, 10 + r)).ms);
    out.push({
      suite: 'data',
      measure: `CSV import, ${label} rows with ISO date-times (${mib(isoBytes)})`,
      value: rows / (isoMs / 1000),
      unit: 'rows/s',
      higherIsBetter: true,
      note: 'no peer: sqlite3 .import stores dates as text, unparsed',
    });

    // Loading: the engine's path from the store to Float64Array columns.
    const dbPath = join(ctx.dir, 'load.sqlite');
    fresh(dbPath);
    const store = openStore(dbPath);
    await importCsv(store, { path: csv, symbol: 'BENCH' });
    // Before any writable load the dataset has no column chunks: a read-only store reads rows.
    const ro = openStore(dbPath, { readonly: true });
    const rowsMs = await bestOf(2, () => ro.loadCandles('BENCH'));
    ro.close();
    // The first load in a writable store reads rows and builds the chunks; later loads, in any
    // process, copy the chunks.
    const t0 = performance.now();
    const first = store.loadCandles('BENCH').candles.length;
    const firstMs = performance.now() - t0;
    let loaded = 0;
    const loadMs = await bestOf(3, () => {
      loaded = store.loadCandles('BENCH').candles.length;
    });
    if (loaded !== rows || first !== rows) throw new Error(`loaded ${first} and ${loaded} of ${rows} candles`);
    out.push({
      suite: 'data',
      measure: `load ${label} 1-minute candles into columns`,
      value: loadMs,
      unit: 'ms',
      higherIsBetter: false,
      note: `from column chunks (${((rows / loadMs) * 1000 / 1e6).toFixed(0)}M rows/s); from rows ${rowsMs.toFixed(0)} ms; first writable load after an import ${firstMs.toFixed(0)} ms (rows + building the chunks)`,
    });
    const base = store.loadCandles('BENCH').candles;
    const aggMs = await bestOf(5, () => aggregate(base, '1m', '1h'));
    out.push({
      suite: 'data',
      measure: `aggregate ${label} 1m candles to 1h`,
      value: aggMs,
      unit: 'ms',
      higherIsBetter: false,
    });
    store.close();
    fresh(dbPath);
    return out;
  },
};
