/** The slice of Electron's app the quit guard uses. */
export interface QuitAppLike {
  on(event: 'before-quit', listener: (event: { preventDefault(): void }) => void): unknown;
  quit(): void;
  exit(code?: number): void;
}

export interface QuitGuardOptions {
  /** Stops runs at a consistent point, ends the workers, checkpoints and closes the store. */
  shutdown: () => Promise<void>;
  /** A shutdown that hangs (a wedged worker) must not keep a zombie app alive forever. */
  timeoutMs: number;
  log: (message: string) => void;
}

/**
 * Holds the first quit until the backend has shut down, then lets it through. Quitting again while
 * shutting down is absorbed; a shutdown that fails or times out is logged and the app exits anyway
 * — SQLite's WAL keeps the store consistent even then.
 */
export function installQuitGuard(app: QuitAppLike, opts: QuitGuardOptions): { readonly state: 'running' | 'closing' | 'closed' } {
  let state: 'running' | 'closing' | 'closed' = 'running';
  app.on('before-quit', (event) => {
    if (state === 'closed') return;
    event.preventDefault();
    if (state === 'closing') return;
    state = 'closing';
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), opts.timeoutMs);
    });
    Promise.race([opts.shutdown().then(() => 'done' as const), timeout]).then(
      (result) => {
        clearTimeout(timer);
        state = 'closed';
        if (result === 'timeout') {
          opts.log(`shutdown did not finish within ${opts.timeoutMs} ms; exiting anyway`);
          app.exit(1);
        } else {
          app.quit();
        }
      },
      (err: unknown) => {
        clearTimeout(timer);
        state = 'closed';
        opts.log(`shutdown failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
        app.exit(1);
      },
    );
  });
  return {
    get state() {
      return state;
    },
  };
}
