import type { z } from 'zod';

/**
 * A request/response procedure. `input` is validated at every transport boundary (IPC and
 * WebSocket alike); `output` documents and types the reply.
 */
export interface Procedure<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly kind: 'procedure';
  readonly summary: string;
  readonly input: I;
  readonly output: O;
}

/** A stream of events the backend pushes to every connected client. */
export interface EventStream<P extends z.ZodType = z.ZodType> {
  readonly kind: 'event';
  readonly summary: string;
  readonly payload: P;
}

export function procedure<I extends z.ZodType, O extends z.ZodType>(
  summary: string,
  input: I,
  output: O,
): Procedure<I, O> {
  return { kind: 'procedure', summary, input, output };
}

export function eventStream<P extends z.ZodType>(summary: string, payload: P): EventStream<P> {
  return { kind: 'event', summary, payload };
}

export type InputOf<P extends Procedure> = z.input<P['input']>;
export type ParsedInputOf<P extends Procedure> = z.output<P['input']>;
export type OutputOf<P extends Procedure> = z.output<P['output']>;
export type PayloadOf<E extends EventStream> = z.output<E['payload']>;
