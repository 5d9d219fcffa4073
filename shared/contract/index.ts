/**
 * The one contract: every procedure and event stream the backend offers, declared once.
 * The Electron IPC adapter, the WebSocket adapter, the preload bridge and the browser client
 * are all built from these two tables. Each area of the product declares its part in its own
 * file; this index only merges them.
 */
import type { EventStream, InputOf, OutputOf, PayloadOf, Procedure } from './define';
import { appEvents, appProcedures } from './app';
import { dataEvents, dataProcedures } from './data';
import { desktopEvents, desktopProcedures } from './desktop';
import { exampleProcedures } from './examples';
import { engineProcedures } from './engine';
import { runEvents, runProcedures } from './runs';

export const procedures = {
  ...appProcedures,
  ...dataProcedures,
  ...desktopProcedures,
  ...exampleProcedures,
  ...engineProcedures,
  ...runProcedures,
} as const satisfies Record<string, Procedure>;

export const events = {
  ...appEvents,
  ...dataEvents,
  ...desktopEvents,
  ...runEvents,
} as const satisfies Record<string, EventStream>;

export type Procedures = typeof procedures;
export type Events = typeof events;
export type ProcedureName = keyof Procedures;
export type EventName = keyof Events;

/** What a renderer (or any client) sees: one async function per procedure, plus `on`. */
export type MlfApi = {
  [K in ProcedureName]: (input: InputOf<Procedures[K]>) => Promise<OutputOf<Procedures[K]>>;
} & {
  on<E extends EventName>(name: E, listener: (payload: PayloadOf<Events[E]>) => void): () => void;
};

export const PROCEDURE_NAMES = Object.keys(procedures) as ProcedureName[];
export const EVENT_NAMES = Object.keys(events) as EventName[];
