import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { installQuitGuard } from '../../../electron/main/quit';

/** An app that behaves like Electron's: quit() emits before-quit and quits unless prevented. */
class FakeApp extends EventEmitter {
  quits = 0;
  exited: number | undefined;
  quitted = false;
  quit(): void {
    this.quits++;
    let prevented = false;
    this.emit('before-quit', { preventDefault: () => (prevented = true) });
    if (!prevented) this.quitted = true;
  }
  exit(code = 0): void {
    this.exited = code;
  }
}

function deferred() {
  let resolve!: () => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const flush = () => new Promise((r) => setImmediate(r));

describe('quit guard', () => {
  it('holds the quit until the backend has shut down, once, then quits', async () => {
    const app = new FakeApp();
    const d = deferred();
    let shutdowns = 0;
    const guard = installQuitGuard(app, { shutdown: () => (shutdowns++, d.promise), timeoutMs: 60_000, log: () => {} });
    app.quit();
    expect(app.quitted).toBe(false);
    expect(guard.state).toBe('closing');
    app.quit(); // a second Cmd+Q while shutting down
    expect(shutdowns).toBe(1);
    expect(app.quitted).toBe(false);
    d.resolve();
    await flush();
    expect(guard.state).toBe('closed');
    expect(app.quitted).toBe(true);
    expect(app.exited).toBeUndefined();
  });

  it('exits with an error code when shutting down fails, after logging why', async () => {
    const app = new FakeApp();
    const log: string[] = [];
    installQuitGuard(app, { shutdown: () => Promise.reject(new Error('checkpoint failed')), timeoutMs: 60_000, log: (m) => log.push(m) });
    app.quit();
    await flush();
    expect(app.exited).toBe(1);
    expect(log.join('\n')).toContain('checkpoint failed');
  });

  it('gives up on a shutdown that never finishes', async () => {
    const app = new FakeApp();
    const log: string[] = [];
    installQuitGuard(app, { shutdown: () => new Promise<void>(() => {}), timeoutMs: 1, log: (m) => log.push(m) });
    app.quit();
    await new Promise((r) => setTimeout(r, 20));
    expect(app.exited).toBe(1);
    expect(log.join('\n')).toContain('did not finish');
  });
});
