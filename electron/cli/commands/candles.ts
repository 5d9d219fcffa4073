import { once } from 'node:events';
import { naiveToUtcFor, utcOffsetFor } from '../../backend/import/zones';
import { isoTime } from '../../../shared/data/timeText';
import { isTimeframe, TIMEFRAMES } from '../../../shared/time/timeframes';
import { parseTimeArg } from '../timeArgs';
import { UsageError, type Command } from '../command';
import { openWithSample, parseOptions } from '../storeOptions';

/** Writes text to stdout, waiting when the pipe is full; quiet exit when the reader goes away. */
async function write(text: string): Promise<void> {
  if (!process.stdout.write(text)) await once(process.stdout, 'drain');
}

export const candlesCommand: Command = {
  name: 'candles',
  summary: 'Print candles of a symbol, aggregated upward from the stored timeframe',
  usage: [
    'mlf candles --symbol SYM [--timeframe TF] [--from TIME] [--to TIME] [--heikin-ashi] [--rth]',
    '            [--json | --csv] [--tz ZONE] [--db PATH]',
    '',
    `  --timeframe TF   ${TIMEFRAMES.join(' ')} (default: the stored one); built from the finest stored data`,
    '  --from TIME      first candle open time, inclusive: 2024-01-02, 2024-01-02T09:30, epoch seconds…',
    '  --to TIME        end: candles opening before it (a date: through that whole day)',
    '  --heikin-ashi    Heikin-Ashi candles, each from its whole bucket',
    '  --rth            regular hours only: 09:30–16:00 New York (DST-aware), weekdays',
    '  --json | --csv   machine-readable output (default: a table)',
    '  --tz ZONE        show times (and read zone-less --from/--to) on this IANA zone\'s clock (default UTC)',
    '  --db PATH        the store file (default: $MLF_DB, else the app-data store)',
    '',
    'Times are printed as ISO 8601 (UTC `Z`, or with the --tz offset); each candle\'s time is its open.',
  ].join('\n'),
  async run(argv) {
    const { values, positionals } = parseOptions({
      args: argv,
      options: {
        symbol: { type: 'string' },
        timeframe: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        'heikin-ashi': { type: 'boolean' },
        rth: { type: 'boolean' },
        json: { type: 'boolean' },
        csv: { type: 'boolean' },
        tz: { type: 'string' },
        db: { type: 'string' },
      },
      allowPositionals: true,
    });
    if (positionals.length) throw new UsageError(`unexpected argument '${positionals[0]}'`);
    if (!values.symbol) throw new UsageError('--symbol is required');
    if (values.json && values.csv) throw new UsageError('choose one of --json and --csv');
    const tf = values.timeframe;
    if (tf !== undefined && !isTimeframe(tf)) throw new UsageError(`--timeframe must be one of ${TIMEFRAMES.join(' ')}`);
    const tz = values.tz ?? 'UTC';
    const toUtc = naiveToUtcFor(tz);
    const offset = utcOffsetFor(tz);
    const from = parseTimeArg(values.from, '--from', { end: false, toUtc });
    const to = parseTimeArg(values.to, '--to', { end: true, toUtc });

    const store = await openWithSample(values.db);
    let series;
    try {
      series = store.loadCandles(values.symbol, {
        ...(tf && isTimeframe(tf) ? { timeframe: tf } : {}),
        ...(from !== undefined ? { from } : {}),
        ...(to !== undefined ? { to } : {}),
        heikinAshi: values['heikin-ashi'] === true,
        regularHoursOnly: values.rth === true,
      });
    } finally {
      store.close();
    }
    process.stdout.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') process.exit(0);
      throw err;
    });
    const c = series.candles;
    const time = (i: number) => isoTime(c.ts[i]!, offset(c.ts[i]!));
    const BLOCK = 2000;
    if (values.json) {
      await write(
        `{"symbol":${JSON.stringify(series.symbol)},"timeframe":"${series.timeframe}","baseTimeframe":"${series.baseTimeframe}",` +
          `"kind":"${series.kind}","rth":${values.rth === true},"candles":[`,
      );
      for (let s = 0; s < c.length; s += BLOCK) {
        const parts: string[] = [];
        for (let i = s; i < Math.min(c.length, s + BLOCK); i++) {
          parts.push(`\n{"time":"${time(i)}","open":${c.open[i]},"high":${c.high[i]},"low":${c.low[i]},"close":${c.close[i]},"volume":${c.volume[i]}}`);
        }
        await write((s ? ',' : '') + parts.join(','));
      }
      await write('\n]}\n');
      return 0;
    }
    if (values.csv) {
      await write('time,open,high,low,close,volume\n');
      for (let s = 0; s < c.length; s += BLOCK) {
        let out = '';
        for (let i = s; i < Math.min(c.length, s + BLOCK); i++) {
          out += `${time(i)},${c.open[i]},${c.high[i]},${c.low[i]},${c.close[i]},${c.volume[i]}\n`;
        }
        await write(out);
      }
      return 0;
    }
    const note = series.baseTimeframe !== series.timeframe ? ` (from ${series.baseTimeframe})` : '';
    await write(
      `${series.symbol} ${series.timeframe}${note}${series.kind === 'heiken' ? ' Heikin-Ashi' : ''}${values.rth ? ', regular hours' : ''}: ${c.length.toLocaleString('en-US')} candles\n`,
    );
    if (c.length === 0) return 0;
    const head = ['time', 'open', 'high', 'low', 'close', 'volume'];
    const w = [time(0).length, 0, 0, 0, 0, 0];
    for (let i = 0; i < c.length; i++) {
      w[1] = Math.max(w[1]!, String(c.open[i]).length);
      w[2] = Math.max(w[2]!, String(c.high[i]).length);
      w[3] = Math.max(w[3]!, String(c.low[i]).length);
      w[4] = Math.max(w[4]!, String(c.close[i]).length);
      w[5] = Math.max(w[5]!, String(c.volume[i]).length);
    }
    for (let k = 0; k < 6; k++) w[k] = Math.max(w[k]!, head[k]!.length);
    const row = (cells: string[]) => cells.map((x, k) => (k === 0 ? x.padEnd(w[0]!) : x.padStart(w[k]!))).join('  ') + '\n';
    await write(row(head));
    for (let s = 0; s < c.length; s += BLOCK) {
      let out = '';
      for (let i = s; i < Math.min(c.length, s + BLOCK); i++) {
        out += row([time(i), String(c.open[i]), String(c.high[i]), String(c.low[i]), String(c.close[i]), String(c.volume[i])]);
      }
      await write(out);
    }
    return 0;
  },
};
