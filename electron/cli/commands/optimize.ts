import { parseConfigFile } from '../../../shared/config/parse';
import { EventBus } from '../../backend/events';
import { RunManager } from '../../backend/runs/manager';
import { readConfigText } from '../configText';
import { openWithSample, parseOptions } from '../storeOptions';
import { UsageError, type Command } from '../command';
import { followRun, parseCount, report } from '../runSession';
import { parseTimeArg } from '../timeArgs';

export const optimizeCommand: Command = {
  name: 'optimize',
  summary: 'Evolve a config with the multi-objective genetic optimizer (stored, resumable run)',
  usage: [
    'mlf optimize --config FILE --symbol SYM [--from T] [--to T] [--test-from T] [--test-to T]',
    '             [--workers N] [--seed S] [--population P] [--generations G] [--rth]',
    '             [--name TEXT] [--json] [--db PATH]',
    '',
    '  --config FILE      optimizer config: monitor, indicators with ranges, objectives, ga_hyperparameters',
    '  --symbol SYM       stored symbol to train on',
    '  --from/--to T      training range of candle open times: 2024-03-01 (a whole day), 2024-03-01T14:30Z',
    '                     or epoch seconds; UTC unless zoned; default: all data. Indicators also read',
    '                     the history before --from, exactly as `mlf backtest` does',
    '  --test-from/--test-to T   test range: the elites are evaluated on it every generation',
    '  --workers N        worker processes (0 = sequential; default: num_workers, else cores − 1)',
    '  --seed S           random seed (default: ga_hyperparameters.random_seed)',
    '  --population P     population size (default: ga_hyperparameters.population_size)',
    '  --generations G    generations (default: ga_hyperparameters.number_of_iterations)',
    '  --rth              regular hours only (09:30–16:00 New York), in training chunks too',
    '  --json             print one JSON object: the run id and the final elites',
    '  --db PATH          the store file (default: MLF_DB, then the app-data folder)',
    '',
    'Prints the run id first. Ctrl+C stops the run after storing nothing partial; `mlf resume ID`',
    'continues it from its last completed generation with the same result as an uninterrupted run.',
  ].join('\n'),
  async run(argv) {
    const { values } = parseOptions({
      args: argv,
      options: {
        config: { type: 'string' },
        symbol: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        'test-from': { type: 'string' },
        'test-to': { type: 'string' },
        workers: { type: 'string' },
        seed: { type: 'string' },
        population: { type: 'string' },
        generations: { type: 'string' },
        rth: { type: 'boolean' },
        name: { type: 'string' },
        json: { type: 'boolean' },
        db: { type: 'string' },
      },
    });
    if (!values.config) throw new UsageError('--config FILE is required');
    if (!values.symbol) throw new UsageError('--symbol SYM is required');
    const text = readConfigText(values.config);
    // Validated here first for errors located by line; the run validates the same JSON again.
    parseConfigFile(text, values.config, { purpose: 'optimize' });
    const input = {
      config: JSON.parse(text) as unknown,
      source: values.config,
      symbol: values.symbol,
      from: parseTimeArg(values.from, '--from', { end: false }),
      to: parseTimeArg(values.to, '--to', { end: true }),
      testFrom: parseTimeArg(values['test-from'], '--test-from', { end: false }),
      testTo: parseTimeArg(values['test-to'], '--test-to', { end: true }),
      workers: parseCount(values.workers, '--workers', 0),
      seed: parseCount(values.seed, '--seed', 0),
      population: parseCount(values.population, '--population', 2),
      generations: parseCount(values.generations, '--generations', 1),
      includeExtendedHours: values.rth !== true,
      name: values.name,
    };
    const defined = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as typeof input;

    const store = await openWithSample(values.db);
    const events = new EventBus();
    const manager = new RunManager({ store, events });
    try {
      const started = await manager.start(defined);
      const note = `run ${started.id}: ${started.name} — ${started.populationSize} individuals × ${started.generationsTotal} generations, ${
        started.workers === 0 ? 'sequential' : `${started.workers} worker${started.workers === 1 ? '' : 's'}`
      }, seed ${started.seed}`;
      if (values.json) process.stderr.write(`${note}\n`);
      else console.log(note);
      const summary = await followRun(manager, events, started.id, { json: values.json === true, progress: process.stderr });
      return report(manager, summary, values.json === true);
    } finally {
      await manager.close();
      store.close();
    }
  },
};
