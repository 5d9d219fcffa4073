import { MlfError, formatIssues } from '../../shared/contract/errors';
import { UsageError, type Command } from './command';
import { version } from '../backend/version';
import { benchCommand } from './commands/bench';
import { candlesCommand } from './commands/candles';
import { datasetsCommand } from './commands/datasets';
import { importCommand } from './commands/import';
import { sampleCommand } from './commands/sample';
import { serveCommand } from './commands/serve';
import { backtestCommand } from './commands/backtest';
import { optimizeCommand } from './commands/optimize';
import { runsCommand } from './commands/runs';
import { resumeCommand } from './commands/resume';
import { exportCommand } from './commands/export';

/** Every sub-command, in the order `mlf help` lists them. */
const commands: Command[] = [
  serveCommand,
  datasetsCommand,
  importCommand,
  sampleCommand,
  candlesCommand,
  backtestCommand,
  optimizeCommand,
  runsCommand,
  resumeCommand,
  exportCommand,
  benchCommand,
];

function help(): string {
  const width = Math.max(...commands.map((c) => c.name.length), 4);
  return [
    `mlf ${version} — MLF Workstation command line`,
    '',
    'Usage: mlf <command> [options]      (mlf help <command> for its options)',
    '',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Common options: --db PATH (or MLF_DB) selects the candle store file.',
  ].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    const target = rest[0] && commands.find((c) => c.name === rest[0]);
    console.log(target ? `${target.summary}\n\n${target.usage}` : help());
    return 0;
  }
  if (name === '--version' || name === '-v') {
    console.log(version);
    return 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    console.error(`mlf: unknown command '${name}'\n\n${help()}`);
    return 2;
  }
  // `mlf optimize --help` is how most people ask; an option of the command would not be spelled so.
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(`${command.summary}\n\n${command.usage}`);
    return 0;
  }
  try {
    return await command.run(rest);
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(`mlf ${command.name}: ${err.message}\n\n${command.usage}`);
      return 2;
    }
    if (err instanceof MlfError) {
      console.error(`mlf ${command.name}: ${err.message}`);
      if (err.issues.length) console.error(formatIssues(err.issues));
      return 1;
    }
    throw err;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
    process.exitCode = 1;
  },
);
