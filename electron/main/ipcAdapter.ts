import type { EventBus } from '../backend/events';
import type { Router } from '../backend/router';
import { MlfError } from '../../shared/contract/errors';
import { isAppUrl } from './appProtocol';
import { EVENT_CHANNEL, invokeChannel, type IpcOutcome } from './ipcChannels';

/** The slice of Electron's IpcMainInvokeEvent the adapter reads. */
export interface InvokeEventLike {
  senderFrame: { url: string; parent: unknown } | null;
}

/** The slice of Electron's ipcMain the adapter uses. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

/** A renderer that receives event streams (a BrowserWindow's webContents). */
export interface EventTargetLike {
  isDestroyed(): boolean;
  getURL(): string;
  send(channel: string, ...args: unknown[]): void;
}

export interface IpcAdapterOptions {
  ipcMain: IpcMainLike;
  router: Router;
  events: EventBus;
  /** The renderers to forward events to, asked at each event (windows come and go). */
  targets: () => Iterable<EventTargetLike>;
  /** Which page may call; the app's own origin unless a test says otherwise. */
  isTrustedUrl?: (url: string) => boolean;
  /** Errors that are not MlfErrors are bugs: reported here with their stack, sent as FAILED. */
  onUnexpectedError?: (procedure: string, err: unknown) => void;
}

export interface IpcAdapter {
  /** Every channel registered, one per contract procedure. */
  readonly channels: readonly string[];
  dispose(): void;
}

/**
 * Binds the contract to Electron IPC: one `ipcMain.handle` per procedure of the router (which
 * validates input), each call checked against the sender frame, each result an IpcOutcome; and
 * every backend event forwarded to the app's own renderers.
 */
export function registerIpcAdapter(opts: IpcAdapterOptions): IpcAdapter {
  const trusted = opts.isTrustedUrl ?? isAppUrl;
  const channels: string[] = [];
  for (const name of opts.router.names) {
    const channel = invokeChannel(name);
    opts.ipcMain.handle(channel, async (event, input): Promise<IpcOutcome> => {
      const frame = event.senderFrame;
      // Only the top frame of a page from the app's own origin may reach the backend.
      if (!frame || frame.parent !== null || !trusted(frame.url)) {
        return { ok: false, error: { code: 'UNAUTHORIZED', message: `${name}: caller is not the app's own page` } };
      }
      try {
        return { ok: true, value: await opts.router.invoke(name, input, { transport: 'ipc' }) };
      } catch (err) {
        if (!(err instanceof MlfError)) opts.onUnexpectedError?.(name, err);
        return { ok: false, error: MlfError.toShape(err) };
      }
    });
    channels.push(channel);
  }

  const unsubscribe = opts.events.subscribe((name, payload) => {
    for (const target of opts.targets()) {
      if (target.isDestroyed() || !trusted(target.getURL())) continue;
      target.send(EVENT_CHANNEL, name, payload);
    }
  });

  return {
    channels,
    dispose() {
      unsubscribe();
      for (const channel of channels) opts.ipcMain.removeHandler(channel);
    },
  };
}
