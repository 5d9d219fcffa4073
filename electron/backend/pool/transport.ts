import type { FromWorker, ToWorker } from './protocol';

/**
 * One worker process as the pool sees it. The pool never touches a process object: the desktop
 * app implements this over `utilityProcess.fork`, the CLI, `mlf serve` and the tests over
 * `child_process.fork` (childProcess.ts), and a remote backend could implement it over a queue.
 */
export interface WorkerTransport {
  /** OS process id when there is one (for diagnostics and tests). */
  readonly pid: number | undefined;
  send(message: ToWorker): void;
  onMessage(listener: (message: FromWorker) => void): void;
  /** Called once when the worker is gone, whatever the cause. */
  onExit(listener: (info: { code: number | null; signal: string | null }) => void): void;
  /** Ends the worker at once (SIGKILL or the host's equivalent). */
  kill(): void;
}

export interface SpawnOptions {
  /** Absolute path of the built worker entry (out/main/worker.js). */
  entry: string;
  /** A label for process lists and logs, e.g. `mlf-worker run 3 #2`. */
  name: string;
  /**
   * The pool's workers and the coordinating process take every core: a worker's garbage-collector
   * and compiler helper threads then only take turns from evaluations.
   */
  fillsMachine?: boolean;
}

/** Starts one worker. Injected into the pool so it works in every host. */
export type Spawner = (options: SpawnOptions) => WorkerTransport;
