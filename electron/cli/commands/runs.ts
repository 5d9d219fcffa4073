import { EventBus } from '../../backend/events';
import { resolveStorePath } from '../../backend/paths';
import { RunManager } from '../../backend/runs/manager';
import { openStore } from '../../backend/store/index';
import type { Command } from '../command';
import { parseOptions } from '../storeOptions';
import { fmtObjectives } from '../runSession';

const day = (t: number) => new Date(t * 1000).toISOString().slice(0, 16).replace('T', ' ');

export const runsCommand: Command = {
  name: 'runs',
  summary: 'List stored optimizer runs',
  usage: ['mlf runs [--json] [--db PATH]', '', '  --json     print the runs as a JSON array', '  --db PATH  the store file'].join('\n'),
  async run(argv) {
    const { values } = parseOptions({ args: argv, options: { json: { type: 'boolean' }, db: { type: 'string' } } });
    const store = openStore(resolveStorePath(values.db));
    try {
      const runs = new RunManager({ store, events: new EventBus() }).list();
      if (values.json) {
        console.log(JSON.stringify(runs));
        return 0;
      }
      if (runs.length === 0) {
        console.log('no runs yet (start one with `mlf optimize`)');
        return 0;
      }
      const rows = runs.map((r) => [
        String(r.id),
        r.status,
        `${r.generationsDone}/${r.generationsTotal}`,
        String(r.populationSize),
        r.symbol,
        `${day(r.train.from)} – ${day(r.train.to)}`,
        String(r.seed),
        `[${fmtObjectives(r.best)}]`,
        r.name,
      ]);
      const head = ['id', 'status', 'generations', 'population', 'symbol', 'training range (UTC)', 'seed', 'best', 'name'];
      const widths = head.map((h, c) => Math.max(h.length, ...rows.map((row) => row[c]!.length)));
      const line = (cells: string[]) => cells.map((x, c) => x.padEnd(widths[c]!)).join('  ').trimEnd();
      console.log([line(head), ...rows.map(line)].join('\n'));
      return 0;
    } finally {
      store.close();
    }
  },
};
