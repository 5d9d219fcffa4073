import { EventEmitter } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBackend, type Backend, type BackendOptions } from '../../../electron/backend/backend';
import { startDesktop, type DesktopOptions } from '../../../electron/main/desktop';
import { invokeChannel } from '../../../electron/main/ipcChannels';
import { createIpcTransport } from '../../../electron/preload/ipcTransport';
import { createClient } from '../../../shared/contract/client';
import { PROCEDURE_NAMES } from '../../../shared/contract/index';
import { tempDir } from '../../helpers/tmp';
import { fakeElectron } from './fakeElectron';

const root = resolve(__dirname, '../../..');
// Stands in for the Electron-ABI build: the tests run under Node.
const NODE_SQLITE = join(dirname(createRequire(join(root, 'package.json')).resolve('better-sqlite3/package.json')), 'build', 'Release', 'better_sqlite3.node');
let tmp: ReturnType<typeof tempDir>;
let backends: Backend[];

beforeEach(() => {
  tmp = tempDir('mlf-desktop-');
  backends = [];
});
afterEach(async () => {
  for (const b of backends) await b.close();
  tmp.cleanup();
});

function options(overrides: Partial<DesktopOptions> = {}): DesktopOptions & { closes: () => number; backendOptions: BackendOptions[] } {
  let closes = 0;
  const backendOptions: BackendOptions[] = [];
  return {
    env: { MLF_DB: join(tmp.dir, 'store.sqlite'), XDG_CONFIG_HOME: join(tmp.dir, 'config'), MLF_SQLITE_BINDING: NODE_SQLITE },
    platform: 'linux',
    arch: 'x64',
    resourcesPath: join(tmp.dir, 'resources'),
    log: () => {},
    createBackend: (opts: BackendOptions) => {
      backendOptions.push(opts);
      const b = createBackend(opts);
      const tracked = { ...b, close: async () => (closes++, b.close()) };
      backends.push(b);
      return tracked;
    },
    closes: () => closes,
    backendOptions,
    ...overrides,
  };
}

type Item = { label?: string; click?: () => void; submenu?: Item[] };
const flat = (items: Item[]): Item[] => items.flatMap((i) => [i, ...flat(i.submenu ?? [])]);

describe('desktop shell', () => {
  it('hands over to the running instance without opening a store or a window', async () => {
    const e = fakeElectron(root);
    e.app.lock = false;
    let created = 0;
    const d = startDesktop(e.edge, options({ createBackend: (o) => (created++, createBackend(o)) }));
    expect(await d.ready).toBeUndefined();
    expect(e.app.quitted).toBe(true);
    expect(created).toBe(0);
    expect(e.windows).toHaveLength(0);
  });

  it('pins userData to the CLI’s folder and opens the same store file', async () => {
    const e = fakeElectron(root);
    const opts = options();
    const d = startDesktop(e.edge, opts);
    expect(e.app.name).toBe('MLF Workstation');
    expect(e.app.paths.userData).toBe(join(tmp.dir, 'config', 'MLF Workstation'));
    const ready = (await d.ready)!;
    expect((await ready.backend.router.invoke('appInfo', {}, { transport: 'direct' })) as object).toMatchObject({
      storePath: join(tmp.dir, 'store.sqlite'),
      host: 'electron',
    });
  });

  it('runs the backend on the Electron SQLite build, with optimizer workers in utility processes', async () => {
    const e = fakeElectron(root);
    const opts = options();
    await startDesktop(e.edge, opts).ready;
    const b = opts.backendOptions[0]!;
    expect(b.nativeBinding).toBe(NODE_SQLITE);
    expect(b.workerEntry).toBe(join(root, 'out', 'main', 'worker.js'));
    expect(typeof b.spawnWorker).toBe('function');
    expect(typeof b.desktop?.chooseFile).toBe('function');
  });

  it('refuses to start without the Electron SQLite build, saying how to get it', async () => {
    const e = fakeElectron(root);
    const opts = options();
    opts.env = { ...opts.env, MLF_SQLITE_BINDING: join(tmp.dir, 'missing.node') };
    await expect(startDesktop(e.edge, opts).ready).rejects.toThrow(/SQLite for Electron is missing .*npm run rebuild:electron/);
    expect(e.windows).toHaveLength(0);
    expect(opts.backendOptions).toHaveLength(0);
  });

  it('turns on the sandbox, registers the app scheme before ready and serves it after, and hardens the session', async () => {
    const e = fakeElectron(root);
    await startDesktop(e.edge, options()).ready;
    expect(e.app.sandboxed).toBe(true);
    expect(e.schemes).toEqual([expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) })]);
    expect([...e.protocolHandlers.keys()]).toEqual(['app']);
    expect(Object.keys(e.sessionHandlers).sort()).toEqual(['check', 'device', 'headers', 'request']);
  });

  it('opens one secure window on the app’s own page, shown once painted', async () => {
    const e = fakeElectron(root);
    const d = startDesktop(e.edge, options());
    await d.ready;
    expect(e.windows).toHaveLength(1);
    const w = e.windows[0]!;
    expect(w.url).toBe('app://mlf/index.html');
    expect(w.shown).toBe(true);
    expect(w.options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true });
    expect(w.options.webPreferences!.preload).toBe(join(root, 'out', 'preload', 'index.cjs'));
    expect(w.options.webPreferences!.devTools).toBe(true);
  });

  it('guards every web contents the app creates', async () => {
    const e = fakeElectron(root);
    await startDesktop(e.edge, options()).ready;
    const contents = new EventEmitter() as EventEmitter & { setWindowOpenHandler(fn: unknown): void; handler?: (d: { url: string }) => unknown };
    contents.setWindowOpenHandler = (fn) => (contents.handler = fn as typeof contents.handler);
    e.app.emit('web-contents-created', {}, contents);
    expect(contents.handler!({ url: 'https://example.com' })).toEqual({ action: 'deny' });
    let prevented = false;
    contents.emit('will-navigate', { url: 'https://example.com', preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
  });

  it('serves the contract over IPC, and menu commands reach the page as contract events', async () => {
    const e = fakeElectron(root);
    await startDesktop(e.edge, options()).ready;
    expect([...e.ipc.handlers.keys()].sort()).toEqual(PROCEDURE_NAMES.map(invokeChannel).sort());
    const api = createClient(createIpcTransport(e.ipc.ipcRenderer));
    expect((await api.appInfo({})).host).toBe('electron');
    const commands: string[] = [];
    api.on('menuCommand', (p) => commands.push(p.command));
    const items = flat(e.menu() as Item[]);
    items.find((i) => i.label === 'Import CSV…')!.click!();
    items.find((i) => i.label === 'Export Elites…')!.click!();
    expect(commands).toEqual(['importCsv', 'exportElites']);
  });

  it('reloads a crashed page, but not forever', async () => {
    const e = fakeElectron(root);
    await startDesktop(e.edge, options()).ready;
    const w = e.windows[0]! as unknown as { loads: number; webContents: { emit(event: string, ...a: unknown[]): void } };
    expect(w.loads).toBe(1);
    w.webContents.emit('render-process-gone', {}, { reason: 'clean-exit', exitCode: 0 });
    expect(w.loads).toBe(1);
    for (let i = 0; i < 5; i++) w.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 139 });
    expect(w.loads).toBe(4);
  });

  it('remembers where the window was', async () => {
    const first = fakeElectron(root);
    await startDesktop(first.edge, options()).ready;
    const w = first.windows[0]! as unknown as { bounds: object; close(): void };
    w.bounds = { x: 210, y: 120, width: 1300, height: 820 };
    w.close();
    const file = join(tmp.dir, 'config', 'MLF Workstation', 'window-state.json');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ x: 210, y: 120, width: 1300, height: 820, maximized: false });

    const second = fakeElectron(root);
    await startDesktop(second.edge, options()).ready;
    expect(second.windows[0]!.options).toMatchObject({ x: 210, y: 120, width: 1300, height: 820 });
  });

  it('brings the window back when the app is launched again', async () => {
    const e = fakeElectron(root);
    await startDesktop(e.edge, options()).ready;
    const w = e.windows[0]! as unknown as { minimized: boolean; focused: number };
    w.minimized = true;
    e.app.emit('second-instance');
    expect(w.minimized).toBe(false);
    expect(w.focused).toBe(1);
  });

  it('shuts the backend down once before quitting, when the last window closes', async () => {
    const e = fakeElectron(root);
    const opts = options();
    await startDesktop(e.edge, opts).ready;
    (e.windows[0] as unknown as { close(): void }).close();
    e.app.emit('window-all-closed');
    expect(e.app.quitted).toBe(false);
    expect(opts.closes()).toBe(1);
    // Closing waits for the first-use sample data and the runs; then the quit goes through.
    while (!e.app.quitted && e.app.exitCode === undefined) await new Promise((r) => setTimeout(r, 10));
    expect(e.app.exitCode).toBeUndefined();
    expect(opts.closes()).toBe(1);
    // The store was written (first-use sample data) and closed: its WAL is checkpointed away.
    expect(existsSync(join(tmp.dir, 'store.sqlite'))).toBe(true);
    expect(existsSync(join(tmp.dir, 'store.sqlite-wal'))).toBe(false);
  });

  it('keeps running without windows on macOS, and reopens one on activate', async () => {
    const e = fakeElectron(root);
    await startDesktop(e.edge, options({ platform: 'darwin' })).ready;
    // Gone without a 'close' event: on macOS the state file would land in the real home folder.
    (e.windows[0] as unknown as { destroyed: boolean }).destroyed = true;
    e.app.emit('window-all-closed');
    expect(e.app.quitted).toBe(false);
    e.app.emit('activate');
    expect(e.windows).toHaveLength(2);
    expect(e.windows[1]!.url).toBe('app://mlf/index.html');
  });
});
