import { WebSocketServer, type WebSocket } from 'ws';
import { decodeMessage, encodeMessage } from '../../../shared/contract/codec';
import { MlfError } from '../../../shared/contract/errors';
import { CLOSE_PROTOCOL_ERROR, type ClientFrame, type ServerFrame } from '../../../shared/contract/wire';
import type { Backend } from '../../backend/backend';

function send(ws: WebSocket, frame: ServerFrame): void {
  if (ws.readyState === ws.OPEN) ws.send(encodeMessage(frame));
}

function isCall(v: unknown): v is ClientFrame {
  const f = v as ClientFrame;
  return !!f && f.t === 'call' && Number.isInteger(f.id) && typeof f.name === 'string';
}

/**
 * The contract over WebSocket: every call goes through the router (which validates input), every
 * backend event is pushed to every open connection. Authentication happens before the upgrade.
 */
export function createSocketAdapter(backend: Pick<Backend, 'router' | 'events'>): {
  wss: WebSocketServer;
  close(): void;
} {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 * 1024 });
  const unsubscribe = backend.events.subscribe((name, payload) => {
    if (wss.clients.size === 0) return;
    const bytes = encodeMessage({ t: 'event', name, payload } satisfies ServerFrame);
    for (const ws of wss.clients) if (ws.readyState === ws.OPEN) ws.send(bytes);
  });

  wss.on('connection', (ws) => {
    ws.on('message', (data, isBinary) => {
      let frame: unknown;
      try {
        if (!isBinary) throw new Error('text frames are not part of the protocol');
        const buf = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
        frame = decodeMessage(new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength));
      } catch {
        ws.close(CLOSE_PROTOCOL_ERROR, 'unreadable frame');
        return;
      }
      if (!isCall(frame)) {
        ws.close(CLOSE_PROTOCOL_ERROR, 'unknown frame');
        return;
      }
      const { id, name, input } = frame;
      backend.router.invoke(name, input, { transport: 'websocket' }).then(
        (value) => send(ws, { t: 'reply', id, ok: true, value }),
        (err: unknown) => {
          if (!(err instanceof MlfError)) console.error(`serve: ${name} failed:`, err);
          send(ws, { t: 'reply', id, ok: false, error: MlfError.toShape(err) });
        },
      );
    });
  });

  return {
    wss,
    close() {
      unsubscribe();
      for (const ws of wss.clients) ws.terminate();
      wss.close();
    },
  };
}
