import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../../electron/backend/backend';
import { createSocketAdapter } from '../../../electron/cli/serve/socket';
import { registerIpcAdapter, type IpcAdapter } from '../../../electron/main/ipcAdapter';
import { INVOKE_PREFIX } from '../../../electron/main/ipcChannels';
import { createIpcTransport } from '../../../electron/preload/ipcTransport';
import { fromBridge } from '../../../shared/contract/bridge';
import { createClient, type ClientTransport } from '../../../shared/contract/client';
import { decodeMessage, encodeMessage } from '../../../shared/contract/codec';
import { MlfError } from '../../../shared/contract/errors';
import { PROCEDURE_NAMES, procedures, type MlfApi } from '../../../shared/contract/index';
import type { ClientFrame, ServerFrame } from '../../../shared/contract/wire';
import { tempDir } from '../../helpers/tmp';
import { acrossBridge, fakeIpc } from './fakeIpc';

/** The WebSocket wire as the browser client speaks it (codec frames), from Node. */
function socketTransport(ws: WebSocket): ClientTransport {
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: unknown): void }>();
  const listeners = new Set<(name: string, payload: unknown) => void>();
  let nextId = 1;
  ws.on('message', (data: Buffer) => {
    const frame = decodeMessage(new Uint8Array(data.buffer, data.byteOffset, data.byteLength)) as ServerFrame;
    if (frame.t === 'event') {
      for (const l of listeners) l(frame.name, frame.payload);
      return;
    }
    const p = pending.get(frame.id)!;
    pending.delete(frame.id);
    if (frame.ok) p.resolve(frame.value);
    else p.reject(MlfError.fromShape(frame.error));
  });
  return {
    invoke(name, input) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        ws.send(encodeMessage({ t: 'call', id, name, input } satisfies ClientFrame));
      });
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

async function rejection(p: Promise<unknown>): Promise<MlfError> {
  return p.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => MlfError.from(e),
  );
}

// Both transports of the product over ONE real backend: the desktop's IPC adapter (with the
// preload's transport and the contextBridge in between) and `mlf serve`'s WebSocket adapter.
describe('IPC and WebSocket adapters expose the same contract', () => {
  const tmp = tempDir('mlf-parity-');
  let backend: Backend;
  let ipcAdapter: IpcAdapter;
  let ipcRaw: ReturnType<typeof fakeIpc>;
  let server: Server;
  let sockets: ReturnType<typeof createSocketAdapter>;
  let ws: WebSocket;
  let viaIpc: MlfApi;
  let viaSocket: MlfApi;
  let wsRaw: ClientTransport;

  beforeAll(async () => {
    backend = createBackend({ storePath: join(tmp.dir, 'mlf.sqlite'), host: 'serve' });
    ipcRaw = fakeIpc({ url: 'app://mlf/index.html', parent: null });
    ipcAdapter = registerIpcAdapter({ ipcMain: ipcRaw.ipcMain, router: backend.router, events: backend.events, targets: () => [ipcRaw.webContents] });
    viaIpc = fromBridge(acrossBridge(createClient(createIpcTransport(ipcRaw.ipcRenderer))));

    sockets = createSocketAdapter(backend);
    server = createServer();
    server.on('upgrade', (req, socket, head) => sockets.wss.handleUpgrade(req, socket, head, (c) => sockets.wss.emit('connection', c, req)));
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    ws = new WebSocket(`ws://127.0.0.1:${(server.address() as { port: number }).port}/ws`);
    await new Promise((ok, fail) => (ws.once('open', ok), ws.once('error', fail)));
    wsRaw = socketTransport(ws);
    viaSocket = createClient(wsRaw);
  });

  afterAll(async () => {
    ws.close();
    sockets.close();
    ipcAdapter.dispose();
    await new Promise((ok) => server.close(ok));
    await backend.close();
    tmp.cleanup();
  });

  it('every contract procedure, and only those, is reachable on both, validated the same way', async () => {
    expect(ipcAdapter.channels.map((c) => c.slice(INVOKE_PREFIX.length)).sort()).toEqual([...PROCEDURE_NAMES].sort());
    expect(backend.router.names.slice().sort()).toEqual([...PROCEDURE_NAMES].sort());
    for (const name of PROCEDURE_NAMES) {
      // Not an object: every input schema refuses it, so no handler runs.
      expect(procedures[name].input.safeParse(12345).success, name).toBe(false);
      const call = (api: MlfApi) => (api[name] as (i: unknown) => Promise<unknown>)(12345);
      const [a, b] = await Promise.all([rejection(call(viaIpc)), rejection(call(viaSocket))]);
      expect(a.code, name).toBe('BAD_INPUT');
      expect(a.toShape(), name).toEqual(b.toShape());
    }
    // A name outside the contract: the socket answers NOT_FOUND, IPC has no channel for it at all.
    expect((await rejection(wsRaw.invoke('dropTables', {}))).code).toBe('NOT_FOUND');
    await expect(ipcRaw.ipcRenderer.invoke(`${INVOKE_PREFIX}dropTables`, {})).rejects.toThrow(/No handler registered/);
  });

  it('answers the same call with the same data on both, typed arrays included', async () => {
    const [a, b] = await Promise.all([viaIpc.listDatasets({}), viaSocket.listDatasets({})]);
    expect(a).toEqual(b);
    expect(a.length).toBeGreaterThan(0);
    const d = a[0]!;
    const q = { symbol: d.symbol, timeframe: d.timeframe } as Parameters<MlfApi['getCandles']>[0];
    const [ca, cb] = await Promise.all([viaIpc.getCandles(q), viaSocket.getCandles(q)]);
    expect(ca.close).toBeInstanceOf(Float64Array);
    expect(cb.close).toBeInstanceOf(Float64Array);
    expect(ca).toEqual(cb);
    expect(await viaIpc.appInfo({})).toEqual(await viaSocket.appInfo({}));
  });

  it('delivers the same events to both', async () => {
    const got: string[] = [];
    const offA = viaIpc.on('log', (p) => got.push(`ipc ${p.level} ${p.message}`));
    const offB = viaSocket.on('log', (p) => got.push(`ws ${p.level} ${p.message}`));
    backend.events.emit('log', { level: 'warn', message: 'disk almost full' });
    await new Promise<void>((ok) => {
      const t = setInterval(() => got.length >= 2 && (clearInterval(t), ok()), 5);
    });
    offA();
    offB();
    expect(got.sort()).toEqual(['ipc warn disk almost full', 'ws warn disk almost full']);
  });
});
