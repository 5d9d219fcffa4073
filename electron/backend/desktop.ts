import { MlfError } from '../../shared/contract/errors';
import type { Handlers } from './router';

/** What only the desktop app can do; the Electron main process supplies it to createBackend. */
export interface DesktopServices {
  chooseFile: Handlers['chooseFile'];
}

/** The desktop handler group: native dialogs when the host has them, NOT_FOUND elsewhere. */
export function desktopHandlers(desktop: DesktopServices | undefined): Pick<Handlers, 'chooseFile'> {
  return {
    chooseFile: (input, ctx) => {
      if (!desktop) throw new MlfError('NOT_FOUND', 'file dialogs exist only in the desktop app; upload or download through the browser instead');
      return desktop.chooseFile(input, ctx);
    },
  };
}
