import type { ClientTransport } from '../../shared/contract/client';
import { MlfError, type MlfErrorShape } from '../../shared/contract/errors';
import { EVENT_CHANNEL, invokeChannel, type IpcOutcome } from '../main/ipcChannels';

/** The slice of Electron's ipcRenderer the transport uses. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

/**
 * What a failed call rejects with in the page. contextBridge copies an Error as a bare Error
 * carrying only its message, so an MlfError's code and located issues would not survive the trip;
 * a plain object does. `MlfError.from` in the page turns it back into an MlfError.
 */
export type BridgedError = MlfErrorShape & { name: 'MlfError'; toString(): string };

export function toBridgedError(err: MlfError): BridgedError {
  const shape = err.toShape();
  const message = shape.message;
  return { name: 'MlfError', ...shape, toString: () => `MlfError: ${message}` };
}

/** The contract transport over Electron IPC, as the preload builds it. */
export function createIpcTransport(ipc: IpcRendererLike): ClientTransport {
  const listeners = new Set<(name: string, payload: unknown) => void>();
  let wired = false;
  return {
    async invoke(name, input) {
      const outcome = (await ipc.invoke(invokeChannel(name), input)) as IpcOutcome;
      if (outcome.ok) return outcome.value;
      throw toBridgedError(MlfError.fromShape(outcome.error));
    },
    subscribe(listener) {
      if (!wired) {
        // One IPC listener for the page, fanned out here: listeners never touch ipcRenderer.
        ipc.on(EVENT_CHANNEL, (_event, name, payload) => {
          for (const l of listeners) l(name as string, payload);
        });
        wired = true;
      }
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
