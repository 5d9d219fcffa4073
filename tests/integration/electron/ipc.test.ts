import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../../electron/backend/backend';
import { createRouter, type Handlers } from '../../../electron/backend/router';
import { EventBus } from '../../../electron/backend/events';
import { registerIpcAdapter } from '../../../electron/main/ipcAdapter';
import { invokeChannel } from '../../../electron/main/ipcChannels';
import { createFileChooser } from '../../../electron/main/dialogs';
import { createIpcTransport } from '../../../electron/preload/ipcTransport';
import { createClient } from '../../../shared/contract/client';
import { fromBridge } from '../../../shared/contract/bridge';
import { MlfError } from '../../../shared/contract/errors';
import { PROCEDURE_NAMES, type MlfApi } from '../../../shared/contract/index';
import { tempDir } from '../../helpers/tmp';
import { acrossBridge, fakeIpc, type Frame } from './fakeIpc';

const APP_FRAME: Frame = { url: 'app://mlf/index.html', parent: null };

let tmp: ReturnType<typeof tempDir>;
let backend: Backend;

beforeEach(() => {
  tmp = tempDir('mlf-ipc-');
  backend = createBackend({ storePath: join(tmp.dir, 'mlf.sqlite'), host: 'electron' });
});
afterEach(async () => {
  await backend.close();
  tmp.cleanup();
});

/** The renderer's view: preload transport → contract client → contextBridge → fromBridge. */
function connect(frame: Frame | null, b: Pick<Backend, 'router' | 'events'> = backend) {
  const ipc = fakeIpc(frame);
  const errors: string[] = [];
  const adapter = registerIpcAdapter({
    ipcMain: ipc.ipcMain,
    router: b.router,
    events: b.events,
    targets: () => [ipc.webContents],
    onUnexpectedError: (name, err) => errors.push(`${name}: ${String(err)}`),
  });
  const bridged = acrossBridge(createClient(createIpcTransport(ipc.ipcRenderer)));
  return { ipc, adapter, bridged, api: fromBridge(bridged), errors };
}

async function rejection(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e,
  );
}

describe('IPC adapter', () => {
  it('registers one channel for every procedure of the contract, and nothing else', () => {
    const { adapter, ipc } = connect(APP_FRAME);
    expect([...adapter.channels].sort()).toEqual(PROCEDURE_NAMES.map(invokeChannel).sort());
    expect([...ipc.handlers.keys()].sort()).toEqual([...adapter.channels].sort());
  });

  it('answers the page through the real router', async () => {
    const { api } = connect(APP_FRAME);
    const info = await api.appInfo({});
    expect(info.host).toBe('electron');
    expect(info.storePath).toBe(join(tmp.dir, 'mlf.sqlite'));
  });

  it('rejects invalid input with BAD_INPUT and its located issues, as an MlfError in the page', async () => {
    const { api, bridged } = connect(APP_FRAME);
    const bad = { mode: 'sideways' } as unknown as Parameters<MlfApi['chooseFile']>[0];
    const err = await rejection(api.chooseFile(bad));
    expect(err).toBeInstanceOf(MlfError);
    expect((err as MlfError).code).toBe('BAD_INPUT');
    expect((err as MlfError).issues.map((i) => i.path)).toContain('mode');
    // What crosses the bridge is plain data, which is why the page wraps window.mlf in fromBridge.
    const raw = (await rejection(bridged.chooseFile(bad))) as Record<string, unknown>;
    expect(raw.code).toBe('BAD_INPUT');
    expect(Array.isArray(raw.issues)).toBe(true);
  });

  it('refuses callers that are not the top frame of the app’s own page', async () => {
    for (const frame of [
      { url: 'https://example.com/', parent: null },
      { url: 'file:///tmp/page.html', parent: null },
      { url: 'app://mlf/index.html', parent: {} },
      null,
    ]) {
      const { api } = connect(frame);
      const err = await rejection(api.appInfo({}));
      expect((err as MlfError).code, JSON.stringify(frame)).toBe('UNAUTHORIZED');
    }
  });

  it('forwards backend events to the page until it unsubscribes', async () => {
    const { api } = connect(APP_FRAME);
    const got: unknown[] = [];
    const off = api.on('log', (p) => got.push(p));
    backend.events.emit('log', { level: 'warn', message: 'worker 2 replaced' });
    backend.events.emit('menuCommand', { command: 'importCsv' });
    off();
    backend.events.emit('log', { level: 'info', message: 'after unsubscribe' });
    expect(got).toEqual([{ level: 'warn', message: 'worker 2 replaced' }]);
  });

  it('does not send events to a destroyed window or to a page from another origin', () => {
    const foreign = connect({ url: 'https://example.com/', parent: null });
    const closed = connect(APP_FRAME);
    const seen: string[] = [];
    foreign.api.on('log', (p) => seen.push(`foreign ${p.message}`));
    closed.api.on('log', (p) => seen.push(`closed ${p.message}`));
    closed.ipc.destroy();
    backend.events.emit('log', { level: 'info', message: 'hello' });
    expect(seen).toEqual([]);
  });

  it('sends unexpected errors as FAILED and reports them to the main process log', async () => {
    const handlers = {
      appInfo: () => {
        throw new TypeError('cannot read properties of undefined');
      },
    } as unknown as Handlers;
    const { api, errors } = connect(APP_FRAME, { router: createRouter(handlers), events: new EventBus() });
    const err = await rejection(api.appInfo({}));
    expect((err as MlfError).code).toBe('FAILED');
    expect((err as MlfError).message).toContain('cannot read properties');
    expect(errors).toHaveLength(1);
  });

  it('removes its handlers and stops forwarding when disposed', async () => {
    const { api, adapter, ipc } = connect(APP_FRAME);
    const got: unknown[] = [];
    api.on('log', (p) => got.push(p));
    adapter.dispose();
    expect(ipc.handlers.size).toBe(0);
    backend.events.emit('log', { level: 'info', message: 'x' });
    expect(got).toEqual([]);
    await expect(api.appInfo({})).rejects.toThrow(/No handler registered/);
  });
});

describe('chooseFile', () => {
  it('is NOT_FOUND where there are no native dialogs (mlf serve, tests)', async () => {
    const { api } = connect(APP_FRAME);
    const err = await rejection(api.chooseFile({ mode: 'open' }));
    expect((err as MlfError).code).toBe('NOT_FOUND');
  });

  it('returns the path picked in the desktop app’s dialog, or null when cancelled', async () => {
    const calls: { kind: string; options: Record<string, unknown> }[] = [];
    const answers = [
      { canceled: false, filePaths: ['/data/eurusd.csv'] },
      { canceled: true, filePaths: [] },
      { canceled: false, filePaths: ['/exports'] },
    ];
    const window = { id: 1 };
    const dialog = {
      showOpenDialog: async (w: typeof window, options: Record<string, unknown>) => (expect(w).toBe(window), calls.push({ kind: 'open', options }), answers.shift()!),
      showSaveDialog: async (_w: typeof window, options: Record<string, unknown>) => (calls.push({ kind: 'save', options }), { canceled: false, filePath: '/exports/elites.json' }),
    };
    const desktop = createBackend({
      storePath: join(tmp.dir, 'desktop.sqlite'),
      host: 'electron',
      desktop: { chooseFile: createFileChooser(dialog, () => window) },
    });
    try {
      const { api } = connect(APP_FRAME, desktop);
      const filters = [{ name: 'CSV', extensions: ['csv', 'txt'] }];
      expect(await api.chooseFile({ mode: 'open', title: 'Import CSV', filters })).toEqual({ path: '/data/eurusd.csv' });
      expect(await api.chooseFile({ mode: 'open' })).toEqual({ path: null });
      expect(await api.chooseFile({ mode: 'folder' })).toEqual({ path: '/exports' });
      expect(await api.chooseFile({ mode: 'save', defaultPath: 'elites.json' })).toEqual({ path: '/exports/elites.json' });
      expect(calls[0]).toEqual({ kind: 'open', options: { title: 'Import CSV', filters, properties: ['openFile'] } });
      expect(calls[2]!.options.properties).toEqual(['openDirectory', 'createDirectory']);
      expect(calls[3]!.options.defaultPath).toBe('elites.json');
    } finally {
      await desktop.close();
    }
  });
});
