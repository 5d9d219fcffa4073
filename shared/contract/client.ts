import { EVENT_NAMES, PROCEDURE_NAMES, type EventName, type MlfApi } from './index';

/** What a client needs from a transport (IPC bridge, WebSocket, or an in-process router). */
export interface ClientTransport {
  invoke(name: string, input: unknown): Promise<unknown>;
  subscribe(listener: (name: string, payload: unknown) => void): () => void;
}

/** Builds the typed API object from the contract's table over any transport. */
export function createClient(transport: ClientTransport): MlfApi {
  const api: Record<string, unknown> = {};
  for (const name of PROCEDURE_NAMES) {
    api[name] = (input: unknown) => transport.invoke(name, input ?? {});
  }
  const known = new Set<string>(EVENT_NAMES);
  api.on = (name: EventName, listener: (payload: unknown) => void) => {
    if (!known.has(name)) throw new Error(`unknown event stream: ${name}`);
    return transport.subscribe((n, payload) => {
      if (n === name) listener(payload);
    });
  };
  return api as MlfApi;
}
