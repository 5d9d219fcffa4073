import { open, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { symbolSchema, type ImportProgress, type ImportSummary } from '../../../shared/contract/data';
import { MlfError } from '../../../shared/contract/errors';
import { CsvCandleParser, CsvFileError, type RowBatch } from '../../../shared/data/csv/parser';
import type { Timeframe } from '../../../shared/time/timeframes';
import type { CandleStore } from '../store/candleStore';
import { CandleWriter, claimWriter, countCandles, refreshDatasetStats, upsertDataset } from '../store/writer';
import { naiveToUtcFor } from './zones';

export interface ImportOptions {
  path: string;
  symbol: string;
  /** The candle length; inferred from the timestamps when absent. */
  timeframe?: Timeframe;
  /** IANA zone for times written without a zone (default UTC). */
  tz?: string;
  /** Keep the good rows of a file with bad ones (default: a bad row fails the whole import). */
  skipBad?: boolean;
  /** Replace the dataset's stored candles instead of merging into them. */
  replace?: boolean;
  /** Called about ten times a second, and once at the end with `done: true`. */
  onProgress?: (p: ImportProgress) => void;
}

const CHUNK = 1 << 20;

/**
 * Imports a CSV file of candles, streaming it in 1 MiB chunks through the byte-level parser into
 * one transaction: every row is validated, and a file with a bad row (unless `skipBad`) leaves
 * the store exactly as it was. Rows at times already stored replace them (merge without
 * duplicates); `replace` drops the dataset's old candles first.
 */
export async function importCsv(store: CandleStore, o: ImportOptions): Promise<ImportSummary> {
  // Claimed before the first await, so a second import on this connection is refused at once.
  const release = claimWriter(store.db, `importing ${resolve(o.path)}`);
  try {
    return await importClaimed(store, o);
  } finally {
    release();
  }
}

async function importClaimed(store: CandleStore, o: ImportOptions): Promise<ImportSummary> {
  const parsedSymbol = symbolSchema.safeParse(o.symbol);
  if (!parsedSymbol.success) throw new MlfError('BAD_INPUT', `bad symbol '${o.symbol}': ${parsedSymbol.error.issues[0]!.message}`);
  const symbol = parsedSymbol.data;
  const path = resolve(o.path);
  const naiveToUtc = naiveToUtcFor(o.tz ?? 'UTC');
  let size: number;
  try {
    const st = await stat(path);
    if (!st.isFile()) throw new MlfError('BAD_INPUT', `${path} is not a file`);
    size = st.size;
  } catch (err) {
    if (err instanceof MlfError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (err as Error).message;
    throw new MlfError('NOT_FOUND', `cannot read ${path}: ${why}`);
  }

  const db = store.db;
  const fh = await open(path, 'r');
  const t0 = performance.now();
  let lastReport = t0;
  let inTx = false;
  let writer: CandleWriter | null = null;
  let datasetId = -1;
  let before = 0;
  try {
    const parser = new CsvCandleParser({
      ...(o.timeframe ? { timeframe: o.timeframe } : {}),
      naiveToUtc,
      skipBad: o.skipBad === true,
      onRows(batch: RowBatch) {
        if (!writer) {
          datasetId = upsertDataset(db, symbol, parser.candleTimeframe!, path, Math.floor(Date.now() / 1000));
          if (o.replace) db.prepare('DELETE FROM candles WHERE dataset = ?').run(datasetId);
          before = o.replace ? 0 : countCandles(db, datasetId);
          writer = new CandleWriter(db, datasetId);
        }
        writer.write(batch.ts, batch.open, batch.high, batch.low, batch.close, batch.volume, batch.length);
      },
    });

    db.exec('BEGIN IMMEDIATE');
    inTx = true;
    const buf = Buffer.allocUnsafe(CHUNK);
    let pos = 0;
    const report = (done: boolean) => {
      const secs = (performance.now() - t0) / 1000;
      const rows = parser.linesRead;
      o.onProgress?.({ path, symbol, rows, bytes: pos, totalBytes: size, rowsPerSecond: secs > 0 ? rows / secs : 0, done });
    };
    for (;;) {
      const { bytesRead } = await fh.read(buf, 0, CHUNK, pos);
      if (bytesRead === 0) break;
      pos += bytesRead;
      parser.push(bytesRead === CHUNK ? buf : buf.subarray(0, bytesRead));
      if (parser.done) break;
      const now = performance.now();
      if (o.onProgress && now - lastReport >= 100) {
        lastReport = now;
        report(false);
      }
    }
    const r = parser.end();
    const fileIssues = r.examples.map((x) => ({ path, line: x.line, message: x.text ? `${x.message}: ${x.text}` : x.message }));
    if (r.bad > 0 && !o.skipBad) {
      const count = r.stoppedEarly ? `at least ${r.bad} bad rows` : r.bad === 1 ? 'a bad row' : `${r.bad} bad rows`;
      throw new MlfError(
        'BAD_INPUT',
        `${path} has ${count} (first on line ${r.examples[0]!.line}); nothing was imported. Fix the file or pass --skip-bad to import the good rows.`,
        fileIssues,
      );
    }
    if (r.rows === 0 || !writer || !r.timeframe) {
      throw new MlfError('BAD_INPUT', `${path} has no valid rows; nothing was imported`, fileIssues);
    }
    refreshDatasetStats(db, datasetId);
    const after = countCandles(db, datasetId);
    db.exec('COMMIT');
    inTx = false;
    report(true);
    const dataset = store.getDataset(symbol, r.timeframe)!;
    const { id: _id, ...info } = dataset;
    return {
      symbol,
      timeframe: r.timeframe,
      timeframeInferred: r.inferred,
      path,
      format: r.layout.format,
      imported: r.rows,
      merged: r.rows - (after - before),
      skipped: r.bad,
      skippedExamples: r.examples,
      firstTs: r.firstTs,
      lastTs: r.lastTs,
      dataset: info,
      seconds: (performance.now() - t0) / 1000,
      bytes: r.bytes,
    };
  } catch (err) {
    if (inTx) db.exec('ROLLBACK');
    if (err instanceof CsvFileError) {
      throw new MlfError('BAD_INPUT', `cannot import ${path}${err.line ? ` (line ${err.line})` : ''}; nothing was imported`, [
        { path, ...(err.line ? { line: err.line } : {}), message: err.message },
      ]);
    }
    throw err;
  } finally {
    await fh.close();
  }
}
