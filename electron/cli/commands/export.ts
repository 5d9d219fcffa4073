import { resolve } from 'node:path';
import { EventBus } from '../../backend/events';
import { resolveStorePath } from '../../backend/paths';
import { writeExportFiles } from '../../backend/runs/export';
import { RunManager } from '../../backend/runs/manager';
import { openStore } from '../../backend/store/index';
import { parseOptions } from '../storeOptions';
import { UsageError, type Command } from '../command';
import { parseCount } from '../runSession';

export const exportCommand: Command = {
  name: 'export',
  summary: 'Write a run’s elites as loadable configs with their statistics, objectives CSV and manifest',
  usage: [
    'mlf export --run ID [--generation G] [--top N] --out DIR [--db PATH]',
    '',
    '  --run ID         the run (see `mlf runs`)',
    '  --generation G   generation to export (default: the last completed one)',
    '  --top N          elites to export, best first (default: elites_to_save, else elite_size)',
    '  --out DIR        folder to write into (created if missing)',
    '',
    'Writes elite-NN.json (loads into `mlf backtest` and `mlf optimize`), elite-NN.stats.json,',
    'objectives.csv, run-config.json and manifest.json (with the command that reproduces the run).',
  ].join('\n'),
  async run(argv) {
    const { values } = parseOptions({
      args: argv,
      options: {
        run: { type: 'string' },
        generation: { type: 'string' },
        top: { type: 'string' },
        out: { type: 'string' },
        db: { type: 'string' },
      },
    });
    const id = parseCount(values.run, '--run', 1);
    if (id === undefined) throw new UsageError('--run ID is required');
    if (!values.out) throw new UsageError('--out DIR is required');
    const generation = parseCount(values.generation, '--generation', 1);
    const top = parseCount(values.top, '--top', 1);
    const store = openStore(resolveStorePath(values.db));
    try {
      const manager = new RunManager({ store, events: new EventBus() });
      const files = manager.exportFiles(id, { ...(generation !== undefined ? { generation } : {}), ...(top !== undefined ? { top } : {}) });
      const dir = writeExportFiles(files, resolve(values.out));
      console.log(`wrote ${files.length} files to ${dir}:`);
      for (const f of files) console.log(`  ${f.name}`);
      const manifest = JSON.parse(files.find((f) => f.name === 'manifest.json')!.content) as { reproduce: string };
      console.log(`\nreproduce the run (from ${dir}):\n  ${manifest.reproduce}`);
      return 0;
    } finally {
      store.close();
    }
  },
};
