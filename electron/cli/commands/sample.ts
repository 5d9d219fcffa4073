import { resolveStorePath } from '../../backend/paths';
import { SAMPLE_DEFAULTS } from '../../backend/sample/generator';
import { writeSample } from '../../backend/sample/sampleData';
import { openStore } from '../../backend/store/candleStore';
import { symbolSchema } from '../../../shared/contract/data';
import { UsageError, type Command } from '../command';
import { day } from './datasets';
import { parseOptions } from '../storeOptions';

function intOption(name: string, text: string | undefined, min: number, max: number): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`--${name} must be a whole number from ${min} to ${max}`);
  return n;
}

export const sampleCommand: Command = {
  name: 'sample',
  summary: 'Generate deterministic sample 1-minute candles into the store',
  usage: [
    `mlf sample [--symbol ${SAMPLE_DEFAULTS.symbol}] [--days ${SAMPLE_DEFAULTS.days}] [--seed ${SAMPLE_DEFAULTS.seed}] [--start ${SAMPLE_DEFAULTS.start}] [--db PATH]`,
    '',
    '  --symbol SYM   symbol to store the sample under (a sample of the same symbol is replaced)',
    '  --days N       trading days (weekdays) to generate',
    '  --seed N       the same seed gives the same candles on every machine',
    '  --start DATE   first calendar day (New York)',
    '  --db PATH      the store file (default: $MLF_DB, else the app-data store)',
    '',
    'Candles cover 04:00–20:00 New York time (pre-market, regular hours 09:30–16:00, after hours),',
    'with U-shaped intraday volatility and volume, trending and ranging regimes, overnight gaps and',
    'fat-tailed returns.',
  ].join('\n'),
  async run(argv) {
    const { values, positionals } = parseOptions({
      args: argv,
      options: { symbol: { type: 'string' }, days: { type: 'string' }, seed: { type: 'string' }, start: { type: 'string' }, db: { type: 'string' } },
      allowPositionals: true,
    });
    if (positionals.length) throw new UsageError(`unexpected argument '${positionals[0]}'`);
    const symbol = symbolSchema.safeParse(values.symbol ?? SAMPLE_DEFAULTS.symbol);
    if (!symbol.success) throw new UsageError(`--symbol: ${symbol.error.issues[0]!.message}`);
    if (values.start !== undefined && (!/^\d{4}-\d{2}-\d{2}$/.test(values.start) || Number.isNaN(Date.parse(values.start)))) {
      throw new UsageError('--start must be a date like 2024-01-02');
    }
    const days = intOption('days', values.days, 1, 5000);
    const seed = intOption('seed', values.seed, 0, 0xffffffff);
    const store = openStore(resolveStorePath(values.db));
    try {
      const t0 = performance.now();
      const d = writeSample(store, {
        symbol: symbol.data,
        ...(days !== undefined ? { days } : {}),
        ...(seed !== undefined ? { seed } : {}),
        ...(values.start ? { start: values.start } : {}),
      });
      console.log(
        `Generated ${d.symbol} ${d.timeframe}: ${d.rows.toLocaleString('en-US')} candles, ${day(d.firstTs)} → ${day(d.lastTs)} ` +
          `(${d.source}) in ${((performance.now() - t0) / 1000).toFixed(2)} s\nStore: ${store.path}`,
      );
      return 0;
    } finally {
      store.close();
    }
  },
};
