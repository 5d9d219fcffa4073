import { EventBus } from '../../backend/events';
import { resolveStorePath } from '../../backend/paths';
import { RunManager } from '../../backend/runs/manager';
import { openStore } from '../../backend/store/index';
import { parseOptions } from '../storeOptions';
import { UsageError, type Command } from '../command';
import { followRun, parseCount, report } from '../runSession';

export const resumeCommand: Command = {
  name: 'resume',
  summary: 'Continue a stopped or interrupted optimizer run from its last completed generation',
  usage: [
    'mlf resume ID [--workers N] [--json] [--db PATH]',
    '',
    '  --workers N   worker processes for this session (the result does not depend on it)',
    '  --json        print one JSON object: the run id and the final elites',
    '  --db PATH     the store file (default: MLF_DB, then the app-data folder)',
  ].join('\n'),
  async run(argv) {
    const { values, positionals } = parseOptions({
      args: argv,
      allowPositionals: true,
      options: { workers: { type: 'string' }, json: { type: 'boolean' }, db: { type: 'string' } },
    });
    const id = parseCount(positionals[0], 'ID', 1);
    if (id === undefined || positionals.length !== 1) throw new UsageError('give the id of one run (see `mlf runs`)');
    const workers = parseCount(values.workers, '--workers', 0);
    const store = openStore(resolveStorePath(values.db));
    const events = new EventBus();
    const manager = new RunManager({ store, events });
    try {
      const resumed = await manager.resume(id, workers !== undefined ? { workers } : {});
      const note = `run ${id}: continuing at generation ${resumed.generationsDone + 1} of ${resumed.generationsTotal}`;
      if (values.json) process.stderr.write(`${note}\n`);
      else console.log(note);
      const summary = await followRun(manager, events, id, { json: values.json === true, progress: process.stderr });
      return report(manager, summary, values.json === true);
    } finally {
      await manager.close();
      store.close();
    }
  },
};
