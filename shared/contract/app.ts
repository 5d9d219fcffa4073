import { z } from 'zod';
import { eventStream, procedure } from './define';

export const appProcedures = {
  appInfo: procedure(
    'Program version, store location and the host the backend runs in.',
    z.object({}).strict(),
    z.object({
      version: z.string(),
      storePath: z.string(),
      host: z.enum(['electron', 'serve', 'test']),
      platform: z.string(),
      cpus: z.number(),
    }),
  ),
} as const;

export const appEvents = {
  log: eventStream(
    'A backend message worth showing to the user.',
    z.object({ level: z.enum(['info', 'warn', 'error']), message: z.string() }),
  ),
} as const;
