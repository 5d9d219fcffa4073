import { fork, type ChildProcess } from 'node:child_process';
import type { FromWorker, ToWorker } from './protocol';
import type { Spawner, WorkerTransport } from './transport';

const live = new Set<ChildProcess>();
let exitHookInstalled = false;

/**
 * Children must not outlive the parent. A worker also exits by itself when its IPC channel
 * closes (electron/worker/index.ts), which covers a parent killed with SIGKILL; this hook covers
 * a parent that exits normally while workers are still busy.
 */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const child of live) child.kill('SIGKILL');
  });
}

/**
 * V8 flags of a worker when the workers take every core: garbage collection on the worker's own
 * thread and one helper thread for compiling. Helper threads on a busy machine only interrupt
 * other workers' evaluations; with 2 workers on 2 cores these made the bench's steady generations
 * ~5 % faster (median of 8 paired runs). With a core to spare, the helpers work there for free.
 */
export const BUSY_WORKER_FLAGS = ['--single-threaded-gc', '--v8-pool-size=1'];

/**
 * Workers as Node child processes: `child_process.fork` with the structured-clone ("advanced")
 * serializer, so typed arrays in replies arrive as typed arrays. Used by the CLI, `mlf serve`
 * and the tests; the desktop app injects a `utilityProcess` spawner with the same contract.
 */
export const forkSpawner: Spawner = ({ entry, name, fillsMachine }) => {
  installExitHook();
  const child = fork(entry, [], {
    serialization: 'advanced',
    // stdout stays quiet (the CLI's --json output owns it); stderr shows a worker's crash trace.
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    // The parent's flags (a test runner's loaders, an inspector port) are not the worker's.
    execArgv: fillsMachine ? BUSY_WORKER_FLAGS : [],
    env: { ...process.env, MLF_WORKER_NAME: name },
  });
  live.add(child);
  const exitListeners: Array<(info: { code: number | null; signal: string | null }) => void> = [];
  let exited = false;
  const onGone = (code: number | null, signal: NodeJS.Signals | null) => {
    if (exited) return;
    exited = true;
    live.delete(child);
    for (const l of exitListeners) l({ code, signal });
  };
  child.on('exit', onGone);
  child.on('error', () => {
    // A spawn failure emits 'error' without 'exit'; a send to a dead child also lands here.
    if (child.exitCode === null && child.signalCode === null && !child.connected) onGone(null, null);
  });
  const transport: WorkerTransport = {
    pid: child.pid,
    send(message: ToWorker) {
      if (child.connected) child.send(message);
    },
    onMessage(listener) {
      child.on('message', (m) => listener(m as FromWorker));
    },
    onExit(listener) {
      exitListeners.push(listener);
    },
    kill() {
      if (!exited) child.kill('SIGKILL');
    },
  };
  return transport;
};
