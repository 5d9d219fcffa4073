import { z } from 'zod';
import { procedure } from './define';

export const exampleSchema = z.object({
  /** File name in the bundled examples folder, e.g. `sma-cross.json`. */
  file: z.string(),
  name: z.string(),
  description: z.string(),
  /** `optimize` when the file carries objectives (an optimizer config), else `backtest`. */
  purpose: z.enum(['backtest', 'optimize']),
  /** The file's text, so a client can show, edit and submit it unchanged. */
  text: z.string(),
});
export type ExampleConfig = z.output<typeof exampleSchema>;

export const exampleProcedures = {
  listExamples: procedure(
    'The example configs bundled with the program (original JSON format), runnable on the sample data.',
    z.object({}).strict(),
    z.array(exampleSchema),
  ),
} as const;
