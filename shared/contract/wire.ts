import type { MlfErrorShape } from './errors';

/**
 * Frames of the WebSocket transport (`mlf serve`), each encoded with `codec.ts` as one binary
 * message. Calls are answered by id, in any order; events are pushed to every connection.
 */
export type ClientFrame = { t: 'call'; id: number; name: string; input: unknown };

export type ServerFrame =
  | { t: 'reply'; id: number; ok: true; value: unknown }
  | { t: 'reply'; id: number; ok: false; error: MlfErrorShape }
  | { t: 'event'; name: string; payload: unknown };

/** Close code the host uses when a frame cannot be read; the client does not reconnect on it. */
export const CLOSE_PROTOCOL_ERROR = 4400;
