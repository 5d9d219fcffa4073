/** One `mlf` sub-command. Each lives in its own file under commands/. */
export interface Command {
  name: string;
  summary: string;
  /** Usage lines shown by `mlf help <name>` and on a usage error. */
  usage: string;
  run(argv: string[]): Promise<number>;
}

/** A usage mistake: printed with the command's usage, exit code 2. */
export class UsageError extends Error {}
