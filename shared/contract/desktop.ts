import { z } from 'zod';
import { eventStream, procedure } from './define';

/** Commands the desktop app's menu asks the renderer to carry out (the browser UI has buttons). */
export const MENU_COMMANDS = ['importCsv', 'openConfig', 'exportElites', 'about'] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

const fileFilter = z.object({
  name: z.string().min(1).max(100),
  extensions: z.array(z.string().regex(/^(\*|[A-Za-z0-9]{1,16})$/, 'an extension without the dot, or *')).min(1).max(20),
});

export const desktopProcedures = {
  chooseFile: procedure(
    'Shows the desktop app’s native file dialog and returns the chosen path (null when cancelled). ' +
      'Procedures that read or write files take paths; in a browser, `mlf serve` uploads and downloads instead, ' +
      'and this procedure fails with NOT_FOUND.',
    z
      .object({
        mode: z.enum(['open', 'save', 'folder']),
        title: z.string().max(200).optional(),
        /** A suggested file name or path (save), or the folder to start in. */
        defaultPath: z.string().max(4096).optional(),
        filters: z.array(fileFilter).max(10).optional(),
      })
      .strict(),
    z.object({ path: z.string().nullable() }),
  ),
} as const;

export const desktopEvents = {
  menuCommand: eventStream(
    'The user chose a command in the desktop menu; the renderer opens the matching flow.',
    z.object({ command: z.enum(MENU_COMMANDS) }),
  ),
} as const;
