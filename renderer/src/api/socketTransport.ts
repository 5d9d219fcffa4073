import { decodeMessage, encodeMessage } from '../../../shared/contract/codec';
import type { ClientTransport } from '../../../shared/contract/client';
import { MlfError } from '../../../shared/contract/errors';
import { CLOSE_PROTOCOL_ERROR, type ClientFrame, type ServerFrame } from '../../../shared/contract/wire';

export type ConnectionState = 'connecting' | 'open' | 'closed';

interface Pending {
  resolve(v: unknown): void;
  reject(e: unknown): void;
}

/**
 * The contract over the `mlf serve` WebSocket. Calls made while (re)connecting are queued; a
 * dropped connection fails its in-flight calls (they may or may not have run) and reconnects
 * with backoff, so a restarted host is picked up without a reload.
 */
export function createSocketTransport(
  url: string,
  onState: (s: ConnectionState) => void = () => {},
): ClientTransport {
  const listeners = new Set<(name: string, payload: unknown) => void>();
  const pending = new Map<number, Pending>();
  let queue: Uint8Array<ArrayBuffer>[] = [];
  let nextId = 1;
  let ws: WebSocket | null = null;
  let retry = 250;

  const connect = () => {
    onState('connecting');
    const sock = new WebSocket(url);
    sock.binaryType = 'arraybuffer';
    ws = sock;
    sock.onopen = () => {
      retry = 250;
      onState('open');
      for (const bytes of queue) sock.send(bytes);
      queue = [];
    };
    sock.onmessage = (ev) => {
      const frame = decodeMessage(new Uint8Array(ev.data as ArrayBuffer)) as ServerFrame;
      if (frame.t === 'event') {
        for (const l of listeners) l(frame.name, frame.payload);
        return;
      }
      const p = pending.get(frame.id);
      if (!p) return;
      pending.delete(frame.id);
      if (frame.ok) p.resolve(frame.value);
      else p.reject(MlfError.fromShape(frame.error));
    };
    sock.onclose = (ev) => {
      ws = null;
      onState('closed');
      for (const p of pending.values()) p.reject(new MlfError('FAILED', 'connection to the workstation host was lost'));
      pending.clear();
      if (ev.code === CLOSE_PROTOCOL_ERROR || ev.code === 1008) return;
      setTimeout(connect, retry);
      retry = Math.min(retry * 2, 5000);
    };
  };
  connect();

  return {
    invoke(name, input) {
      const id = nextId++;
      const bytes = encodeMessage({ t: 'call', id, name, input } satisfies ClientFrame) as Uint8Array<ArrayBuffer>;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        if (ws && ws.readyState === WebSocket.OPEN) ws.send(bytes);
        else queue.push(bytes);
      });
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
