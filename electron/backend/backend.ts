import { cpus } from 'node:os';
import { desktopHandlers, type DesktopServices } from './desktop';
import { EventBus } from './events';
import type { Spawner } from './pool/transport';
import { createRouter, type Handlers, type Router } from './router';
import { RunManager } from './runs/manager';
import { EngineService, engineHandlers } from './services/engineService';
import { createDataService } from './services/dataService';
import { exampleHandlers } from './services/examplesService';
import { runHandlers } from './services/runService';
import { openStore, type CandleStore } from './store/index';
import { version } from './version';

export interface BackendOptions {
  storePath: string;
  host: 'electron' | 'serve' | 'test';
  /** Native dialogs and the like, supplied by the Electron main process. */
  desktop?: DesktopServices;
  /**
   * How optimizer workers are started: the desktop app passes a utilityProcess spawner (and the
   * worker file inside its bundle); default child_process.fork of out/main/worker.js.
   */
  spawnWorker?: Spawner;
  workerEntry?: string;
  /** better-sqlite3's addon built for Electron (the desktop app); default the Node build. */
  nativeBinding?: string;
}

export interface Backend {
  router: Router;
  events: EventBus;
  /** The candle store at `storePath` (other services add their tables through its migrations). */
  store: CandleStore;
  /** Stops runs at a consistent point, ends workers, closes the store. */
  close(): Promise<void>;
}

/**
 * The composition root shared by the Electron main process, `mlf serve` and tests: services are
 * created here and bound to the contract through the router. Each area contributes a handler
 * group typed as a slice of `Handlers`.
 */
export function createBackend(opts: BackendOptions): Backend {
  const events = new EventBus();
  const store = openStore(opts.storePath, opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {});
  const data = createDataService(store, events);
  let engine: EngineService | undefined;
  const getEngine = () => (engine ??= new EngineService(() => store));
  let runs: RunManager | null = null;
  const getRuns = () =>
    (runs ??= new RunManager({
      store,
      events,
      ...(opts.spawnWorker ? { spawn: opts.spawnWorker } : {}),
      ...(opts.workerEntry ? { workerEntry: opts.workerEntry } : {}),
    }));
  const handlers: Handlers = {
    ...data.handlers,
    appInfo: () => ({
      version,
      storePath: opts.storePath,
      host: opts.host,
      platform: `${process.platform}/${process.arch}`,
      cpus: cpus().length,
    }),
    ...desktopHandlers(opts.desktop),
    ...exampleHandlers(),
    ...engineHandlers(getEngine),
    ...runHandlers(getRuns),
  };
  return {
    router: createRouter(handlers),
    events,
    store,
    async close() {
      await data.ready;
      await runs?.close();
      store.close();
    },
  };
}
