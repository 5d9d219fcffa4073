import type { z } from 'zod';
import { procedures, type ProcedureName, type Procedures } from '../../shared/contract/index';
import type { OutputOf, ParsedInputOf } from '../../shared/contract/define';
import { MlfError, type MlfIssue } from '../../shared/contract/errors';

/** Who is calling; transports fill what they know. */
export interface CallContext {
  transport: 'ipc' | 'websocket' | 'direct';
}

export type Handlers = {
  [K in ProcedureName]: (
    input: ParsedInputOf<Procedures[K]>,
    ctx: CallContext,
  ) => Promise<OutputOf<Procedures[K]>> | OutputOf<Procedures[K]>;
};

export interface Router {
  readonly names: readonly ProcedureName[];
  /** Validates `input` against the contract, then runs the handler. Throws MlfError. */
  invoke(name: string, input: unknown, ctx: CallContext): Promise<unknown>;
}

function zodIssues(error: z.ZodError): MlfIssue[] {
  return error.issues.map((i) => ({
    path: i.path.length ? i.path.map(String).join('.') : '(input)',
    message: i.message,
  }));
}

/** Binds the contract to handlers: the only way a transport reaches a service. */
export function createRouter(handlers: Handlers): Router {
  const names = Object.keys(procedures) as ProcedureName[];
  return {
    names,
    async invoke(name, input, ctx) {
      if (!Object.hasOwn(procedures, name)) throw new MlfError('NOT_FOUND', `unknown procedure: ${name}`);
      const def = procedures[name as ProcedureName];
      const parsed = def.input.safeParse(input ?? {});
      if (!parsed.success) {
        throw new MlfError('BAD_INPUT', `invalid input for ${name}`, zodIssues(parsed.error));
      }
      const handler = handlers[name as ProcedureName] as (i: unknown, c: CallContext) => unknown;
      return await handler(parsed.data, ctx);
    },
  };
}
