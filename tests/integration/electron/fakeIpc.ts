import type { EventTargetLike, IpcMainLike, InvokeEventLike } from '../../../electron/main/ipcAdapter';
import type { IpcRendererLike } from '../../../electron/preload/ipcTransport';

type Listener = (event: unknown, ...args: unknown[]) => void;

export interface Frame {
  url: string;
  parent: unknown;
}

/**
 * An in-memory ipcMain/ipcRenderer pair with Electron's observable behaviour: arguments and
 * results are structured-cloned, a second handler for a channel is an error, and invoking a
 * channel nobody handles rejects.
 */
export function fakeIpc(frame: Frame | null) {
  const handlers = new Map<string, (event: InvokeEventLike, ...args: unknown[]) => unknown>();
  const rendererListeners = new Map<string, Listener[]>();
  let destroyed = false;

  const ipcMain: IpcMainLike = {
    handle(channel, listener) {
      if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      handlers.set(channel, listener);
    },
    removeHandler(channel) {
      handlers.delete(channel);
    },
  };

  const ipcRenderer: IpcRendererLike = {
    async invoke(channel, ...args) {
      const handler = handlers.get(channel);
      if (!handler) throw new Error(`Error invoking remote method '${channel}': Error: No handler registered for '${channel}'`);
      return structuredClone(await handler({ senderFrame: frame }, ...structuredClone(args)));
    },
    on(channel, listener) {
      rendererListeners.set(channel, [...(rendererListeners.get(channel) ?? []), listener]);
    },
  };

  const webContents: EventTargetLike = {
    isDestroyed: () => destroyed,
    getURL: () => frame?.url ?? '',
    send(channel, ...args) {
      for (const l of rendererListeners.get(channel) ?? []) l({}, ...structuredClone(args));
    },
  };

  return { ipcMain, ipcRenderer, webContents, handlers, destroy: () => (destroyed = true) };
}

/**
 * What contextBridge does to a value the page receives: Errors arrive as bare Errors carrying only
 * their message; plain objects and arrays are copied; functions stay callable.
 */
export function bridgeCopy(value: unknown): unknown {
  if (value instanceof Error) return new Error(value.message);
  if (typeof value === 'function' || value === null || typeof value !== 'object') return value;
  if (ArrayBuffer.isView(value)) return structuredClone(value);
  if (Array.isArray(value)) return value.map(bridgeCopy);
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, bridgeCopy(v)]));
}

/** An exposed API as the page sees it: every result and rejection copied across the bridge. */
export function acrossBridge<T extends object>(api: T): T {
  const out: Record<string, unknown> = {};
  for (const [key, fn] of Object.entries(api)) {
    out[key] = (...args: unknown[]) => {
      const r = (fn as (...a: unknown[]) => unknown)(...args);
      return r instanceof Promise
        ? r.then(bridgeCopy, (e: unknown) => {
            throw bridgeCopy(e);
          })
        : bridgeCopy(r);
    };
  }
  return out as T;
}
