import { resolveStorePath } from '../../backend/paths';
import { importCsv } from '../../backend/import/importCsv';
import { openStore } from '../../backend/store/candleStore';
import type { ImportProgress } from '../../../shared/contract/data';
import { isTimeframe, TIMEFRAMES } from '../../../shared/time/timeframes';
import { UsageError, type Command } from '../command';
import { day } from './datasets';
import { parseOptions } from '../storeOptions';

const si = (n: number) => (n >= 1e6 ? `${(n / 1e6).toFixed(2)}M` : n >= 1e4 ? `${(n / 1e3).toFixed(1)}k` : `${Math.round(n)}`);

/** A one-line progress bar on a terminal's stderr; nothing when stderr is not a terminal. */
function progressBar(): { update(p: ImportProgress): void; clear(): void } {
  const tty = process.stderr.isTTY === true;
  let shown = false;
  return {
    update(p) {
      if (!tty || p.done) return;
      const frac = p.totalBytes ? Math.min(1, p.bytes / p.totalBytes) : 0;
      const width = 30;
      const fill = Math.round(frac * width);
      const bar = '='.repeat(Math.max(0, fill - 1)) + (fill ? '>' : '') + ' '.repeat(width - fill);
      process.stderr.write(`\r  ${(frac * 100).toFixed(0).padStart(3)}% [${bar}] ${si(p.rows)} rows  ${si(p.rowsPerSecond)} rows/s `);
      shown = true;
    },
    clear() {
      if (shown) process.stderr.write('\r\x1b[2K');
    },
  };
}

export const importCommand: Command = {
  name: 'import',
  summary: 'Import a CSV file of candles into the store',
  usage: [
    'mlf import FILE --symbol SYM [--timeframe TF] [--tz ZONE] [--skip-bad] [--replace] [--json] [--db PATH]',
    '',
    '  --symbol SYM     the symbol to store the candles under (stored upper-case)',
    `  --timeframe TF   candle length: ${TIMEFRAMES.join(' ')} (default: inferred from the timestamps)`,
    '  --tz ZONE        IANA zone of times written without a zone (default UTC), e.g. America/New_York',
    '  --skip-bad       import the good rows of a file with bad ones (default: a bad row imports nothing)',
    '  --replace        replace the stored candles of SYM at that timeframe (default: merge; a row at',
    '                   a time already stored replaces that candle)',
    '  --json           print the summary as JSON',
    '  --db PATH        the store file (default: $MLF_DB, else the app-data store)',
    '',
    'Recognised files: pandas exports (",Open,High,Low,Close,Volume"), any CSV with a timestamp,',
    'date, datetime or time column and open/high/low/close[/volume] columns in any order and case',
    '(epoch seconds or milliseconds, ISO dates with or without zone), MetaTrader exports (<DATE>',
    '<TIME> columns, tab or comma, with or without a header) and TradingView chart exports.',
  ].join('\n'),
  async run(argv) {
    const { values, positionals } = parseOptions({
      args: argv,
      options: {
        symbol: { type: 'string' },
        timeframe: { type: 'string' },
        tz: { type: 'string' },
        'skip-bad': { type: 'boolean' },
        replace: { type: 'boolean' },
        json: { type: 'boolean' },
        db: { type: 'string' },
      },
      allowPositionals: true,
    });
    if (positionals.length !== 1) throw new UsageError(positionals.length ? 'give one FILE per import' : 'which FILE to import?');
    if (!values.symbol) throw new UsageError('--symbol is required');
    if (values.timeframe !== undefined && !isTimeframe(values.timeframe)) {
      throw new UsageError(`--timeframe must be one of ${TIMEFRAMES.join(' ')}`);
    }
    const store = openStore(resolveStorePath(values.db));
    const bar = progressBar();
    try {
      const s = await importCsv(store, {
        path: positionals[0]!,
        symbol: values.symbol,
        ...(values.timeframe && isTimeframe(values.timeframe) ? { timeframe: values.timeframe } : {}),
        ...(values.tz ? { tz: values.tz } : {}),
        skipBad: values['skip-bad'] === true,
        replace: values.replace === true,
        onProgress: bar.update,
      }).finally(bar.clear);
      if (values.json) {
        console.log(JSON.stringify(s, null, 2));
        return 0;
      }
      const d = s.dataset;
      const out = [
        `Imported ${s.imported.toLocaleString('en-US')} rows of ${s.symbol} ${s.timeframe}${s.timeframeInferred ? ' (timeframe inferred)' : ''} from ${s.path}`,
        `  format    ${s.format}`,
        `  rows      ${day(s.firstTs)} → ${day(s.lastTs)}`,
        values.replace
          ? `  replaced  the ${d.symbol} ${d.timeframe} candles stored before`
          : `  merged    ${s.merged.toLocaleString('en-US')} of them replaced a stored candle at the same time`,
        `  dataset   ${d.symbol} ${d.timeframe} now holds ${d.rows.toLocaleString('en-US')} candles, ${day(d.firstTs)} → ${day(d.lastTs)}`,
        `  speed     ${(s.bytes / 2 ** 20).toFixed(1)} MiB in ${s.seconds.toFixed(2)} s (${si(s.imported / Math.max(s.seconds, 1e-9))} rows/s)`,
      ];
      if (s.skipped) {
        out.push(`Skipped ${s.skipped.toLocaleString('en-US')} bad row${s.skipped === 1 ? '' : 's'}${s.skipped > s.skippedExamples.length ? `; the first ${s.skippedExamples.length}` : ''}:`);
        for (const x of s.skippedExamples) out.push(`  line ${x.line}: ${x.message}${x.text ? `   | ${x.text}` : ''}`);
      }
      console.log(out.join('\n'));
      return 0;
    } finally {
      store.close();
    }
  },
};
