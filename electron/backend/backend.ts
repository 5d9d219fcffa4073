import { cpus } from 'node:os';
import { desktopHandlers, type DesktopServices } from './desktop';
import { EventBus } from './events';
import { createRouter, type Handlers, type Router } from './router';
import { version } from './version';

export interface BackendOptions {
  storePath: string;
  host: 'electron' | 'serve' | 'test';
  /** Native dialogs and the like, supplied by the Electron main process. */
  desktop?: DesktopServices;
}

export interface Backend {
  router: Router;
  events: EventBus;
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
  const handlers: Handlers = {
    appInfo: () => ({
      version,
      storePath: opts.storePath,
      host: opts.host,
      platform: `${process.platform}/${process.arch}`,
      cpus: cpus().length,
    }),
    ...desktopHandlers(opts.desktop),
  };
  return {
    router: createRouter(handlers),
    events,
    async close() {},
  };
}
