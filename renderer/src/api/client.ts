import { fromBridge } from '../../../shared/contract/bridge';
import { createClient } from '../../../shared/contract/client';
import type { MlfApi } from '../../../shared/contract/index';
import { createSocketTransport, type ConnectionState } from './socketTransport';

declare global {
  interface Window {
    /** Provided by the Electron preload; absent in a browser. */
    mlf?: MlfApi;
  }
}

export type HostKind = 'electron' | 'browser';

let api: MlfApi | null = null;
const stateListeners = new Set<(s: ConnectionState) => void>();
let state: ConnectionState = 'connecting';

/** The per-launch token `mlf serve` put in the page URL. */
export function serveToken(): string {
  return new URLSearchParams(location.search).get('token') ?? '';
}

export function hostKind(): HostKind {
  return window.mlf ? 'electron' : 'browser';
}

/** The one API object: Electron's preload bridge, else the serve host's WebSocket. */
export function getApi(): MlfApi {
  if (api) return api;
  if (window.mlf) {
    state = 'open';
    api = fromBridge(window.mlf);
    return api;
  }
  const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const url = `${proto}//${location.host}/ws?token=${encodeURIComponent(serveToken())}`;
  api = createClient(
    createSocketTransport(url, (s) => {
      state = s;
      for (const l of stateListeners) l(s);
    }),
  );
  return api;
}

export function connectionState(): ConnectionState {
  return state;
}

export function onConnectionState(listener: (s: ConnectionState) => void): () => void {
  stateListeners.add(listener);
  return () => stateListeners.delete(listener);
}
