import { MlfError } from './errors';
import { PROCEDURE_NAMES, type MlfApi } from './index';

/**
 * The page's side of the Electron bridge. contextBridge hands the page a copy of every rejection
 * reason and cannot copy class instances, so the preload rejects with the error's plain shape;
 * this wrapper turns it back into an MlfError, so renderer code catches the same errors from
 * `window.mlf` as from the WebSocket client.
 */
export function fromBridge(bridged: MlfApi): MlfApi {
  const api: Record<string, unknown> = {
    on: (name: never, listener: never) => bridged.on(name, listener),
  };
  for (const name of PROCEDURE_NAMES) {
    const call = bridged[name] as (input: unknown) => Promise<unknown>;
    api[name] = (input: unknown) =>
      call(input).catch((err: unknown) => {
        throw MlfError.from(err);
      });
  }
  return api as MlfApi;
}
