import { cpus, totalmem } from 'node:os';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from '../command';
import { parseOptions } from '../storeOptions';
import { UsageError } from '../command';
import { suites } from '../bench/suites';
import { renderTable } from '../bench/table';
import type { BenchRow, BenchSkip } from '../bench/types';

export const benchCommand: Command = {
  name: 'bench',
  summary: 'Measure the workstation against its named peers; prints one table',
  usage: [
    'mlf bench [--only SUITE[,SUITE]] [--quick] [--json]',
    '',
    '  --only    run only these suites (names as printed in the suite column)',
    '  --quick   smaller inputs, for a smoke run (figures are not comparable)',
    '  --json    print the rows as JSON instead of a table',
  ].join('\n'),
  async run(argv) {
    const { values } = parseOptions({
      args: argv,
      options: { only: { type: 'string' }, quick: { type: 'boolean' }, json: { type: 'boolean' } },
    });
    const only = values.only?.split(',').map((s) => s.trim());
    const chosen = only ? suites.filter((s) => only.includes(s.name)) : suites;
    if (only && chosen.length !== only.length) {
      throw new UsageError(`unknown suite in --only; known: ${suites.map((s) => s.name).join(', ')}`);
    }
    const dir = mkdtempSync(join(tmpdir(), 'mlf-bench-'));
    const rows: Array<BenchRow | BenchSkip> = [];
    try {
      for (const suite of chosen) {
        process.stderr.write(`bench: ${suite.name}…\n`);
        rows.push(
          ...(await suite.run({
            dir,
            scale: values.quick ? 0.05 : 1,
            log: (m) => process.stderr.write(`  ${m}\n`),
          })),
        );
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    if (values.json) {
      console.log(JSON.stringify(rows, null, 2));
    } else {
      const cpu = cpus()[0]?.model ?? 'unknown CPU';
      console.log(`Machine: ${cpu}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${process.platform}/${process.arch}\n`);
      console.log(renderTable(rows));
    }
    return 0;
  },
};
