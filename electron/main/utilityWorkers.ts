import type { FromWorker, ToWorker } from '../backend/pool/protocol';
import type { Spawner, WorkerTransport } from '../backend/pool/transport';

/** The slice of an Electron UtilityProcess the spawner uses. */
export interface UtilityChildLike {
  readonly pid: number | undefined;
  postMessage(message: unknown): void;
  on(event: 'spawn', listener: () => void): unknown;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  kill(): boolean;
}

/** The slice of Electron's utilityProcess module the spawner uses. */
export interface UtilityProcessLike {
  fork(
    modulePath: string,
    args: string[],
    options: { serviceName: string; stdio: ('ignore' | 'inherit' | 'pipe')[]; execArgv: string[]; env: NodeJS.ProcessEnv },
  ): UtilityChildLike;
}

/** What `app`'s 'child-process-gone' reports. */
export interface GoneDetails {
  type: string;
  reason: string;
  exitCode: number;
  serviceName?: string;
}

export interface UtilityWorkers {
  spawn: Spawner;
  /**
   * A user-facing note for a worker that died on its own (crash, out of memory), or undefined for
   * other processes and for workers the pool ended itself. The pool replaces the worker anyway.
   */
  describeGone(details: GoneDetails): string | undefined;
}

export interface UtilityWorkersOptions {
  utilityProcess: UtilityProcessLike;
  env: NodeJS.ProcessEnv;
  /** better-sqlite3 for Electron's ABI: utility processes run Electron's Node, not the system's. */
  sqliteBinding: string;
  /** Ends a process at once; utilityProcess.kill() only asks (SIGTERM). */
  killPid?: (pid: number) => void;
}

/**
 * The pool's worker transport over Electron's utilityProcess: one sandboxed Node process per
 * worker, each with its own serviceName (shown in app metrics and in 'child-process-gone'),
 * messages over its MessagePort (structured clone, so typed arrays arrive as typed arrays).
 */
export function createUtilityWorkers(opts: UtilityWorkersOptions): UtilityWorkers {
  const killPid = opts.killPid ?? ((pid: number) => process.kill(pid, 'SIGKILL'));
  const killedByUs = new Set<string>();
  let seq = 0;

  const spawn: Spawner = ({ entry, name }) => {
    // Unique, so a 'child-process-gone' report names exactly one worker.
    const serviceName = `${name} ·${++seq}`;
    const child = opts.utilityProcess.fork(entry, [], {
      serviceName,
      // stdout stays quiet; stderr shows a worker's crash trace in the terminal that started the app.
      stdio: ['ignore', 'ignore', 'inherit'],
      // The main process's flags (an inspector port) are not the worker's. Nor are the V8 flags a
      // forked worker gets when the workers fill the machine (BUSY_WORKER_FLAGS): Electron starts
      // a utility process's V8 itself and documents execArgv for Node's options only.
      execArgv: [],
      env: { ...opts.env, MLF_WORKER_NAME: serviceName, MLF_SQLITE_BINDING: opts.sqliteBinding },
    });
    const exitListeners: Array<(info: { code: number | null; signal: string | null }) => void> = [];
    let spawned = false;
    let exited = false;
    let pending: ToWorker[] = [];
    child.on('spawn', () => {
      spawned = true;
      for (const m of pending) child.postMessage(m);
      pending = [];
    });
    child.on('exit', (code) => {
      if (exited) return;
      exited = true;
      pending = [];
      for (const l of exitListeners) l({ code, signal: killedByUs.has(serviceName) ? 'SIGKILL' : null });
    });
    const transport: WorkerTransport = {
      get pid() {
        return child.pid;
      },
      send(message) {
        if (exited) return;
        if (spawned) child.postMessage(message);
        else pending.push(message);
      },
      onMessage(listener) {
        child.on('message', (m) => listener(m as FromWorker));
      },
      onExit(listener) {
        exitListeners.push(listener);
      },
      kill() {
        if (exited) return;
        killedByUs.add(serviceName);
        const pid = child.pid;
        if (pid === undefined) child.kill();
        else {
          try {
            killPid(pid);
          } catch {
            child.kill();
          }
        }
      },
    };
    return transport;
  };

  return {
    spawn,
    describeGone(details) {
      if (details.type !== 'Utility' || !details.serviceName?.startsWith('mlf-worker')) return undefined;
      if (killedByUs.has(details.serviceName) || details.reason === 'clean-exit') return undefined;
      const why = details.reason === 'oom' ? 'ran out of memory' : details.reason === 'crashed' ? 'crashed' : `ended (${details.reason})`;
      return `${details.serviceName.replace(/ ·\d+$/, '')} ${why} (exit code ${details.exitCode}); its task is retried on a new worker`;
    },
  };
}
