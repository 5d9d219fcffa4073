import { isoTime } from '../../../shared/data/timeText';
import { UsageError, type Command } from '../command';
import { openWithSample, parseOptions } from '../storeOptions';

export const day = (ts: number | null) => (ts === null ? '-' : isoTime(ts).replace('T', ' ').replace(':00Z', 'Z'));

/** Rows of cells as aligned columns (numbers right-aligned). */
export function columns(head: string[], rows: string[][], right: boolean[]): string {
  const w = head.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  const line = (cells: string[]) => cells.map((x, c) => (right[c] ? x.padStart(w[c]!) : x.padEnd(w[c]!))).join('  ').trimEnd();
  return [line(head), ...rows.map(line)].join('\n');
}

export const datasetsCommand: Command = {
  name: 'datasets',
  summary: 'List the stored datasets (symbol, stored timeframe, range, rows, source)',
  usage: [
    'mlf datasets [--json] [--db PATH]',
    '',
    '  --json     print the list as JSON (times as UTC epoch seconds)',
    '  --db PATH  the store file (default: $MLF_DB, else the app-data store the desktop app uses)',
    '',
    'On first use of an empty store the sample data (DEMO 1m, GOOG 1d) is created.',
  ].join('\n'),
  async run(argv) {
    const { values, positionals } = parseOptions({
      args: argv,
      options: { json: { type: 'boolean' }, db: { type: 'string' } },
      allowPositionals: true,
    });
    if (positionals.length) throw new UsageError(`unexpected argument '${positionals[0]}'`);
    const store = await openWithSample(values.db);
    try {
      const list = store.listDatasets();
      if (values.json) {
        console.log(JSON.stringify(list, null, 2));
        return 0;
      }
      console.log(`Store: ${store.path}`);
      if (list.length === 0) {
        console.log('No datasets. Import a CSV with `mlf import FILE --symbol SYM` or create one with `mlf sample`.');
        return 0;
      }
      console.log(
        columns(
          ['SYMBOL', 'TF', 'ROWS', 'FIRST', 'LAST', 'IMPORTED', 'SOURCE'],
          list.map((d) => [d.symbol, d.timeframe, d.rows.toLocaleString('en-US'), day(d.firstTs), day(d.lastTs), day(d.importedAt), d.source ?? '']),
          [false, false, true, false, false, false, false],
        ),
      );
      return 0;
    } finally {
      store.close();
    }
  },
};
