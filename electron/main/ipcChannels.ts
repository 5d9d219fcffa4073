import type { MlfErrorShape } from '../../shared/contract/errors';

/**
 * The IPC wire between the preload and the main process: one invoke channel per contract
 * procedure and one channel carrying every event stream. Shared by both sides so they cannot drift.
 */
export const INVOKE_PREFIX = 'mlf:call:';
export const EVENT_CHANNEL = 'mlf:event';

export const invokeChannel = (procedure: string): string => `${INVOKE_PREFIX}${procedure}`;

/**
 * What an invoke resolves to. Electron flattens a rejected `ipcMain.handle` into a bare Error
 * message, so failures travel as data and the caller rebuilds the MlfError with code and issues.
 */
export type IpcOutcome = { ok: true; value: unknown } | { ok: false; error: MlfErrorShape };
