import type { OpenDialogOptions, SaveDialogOptions } from 'electron';
import type { DesktopServices } from '../backend/desktop';

/** The slice of Electron's dialog module the file chooser uses. */
export interface DialogLike<W> {
  showOpenDialog(window: W, options: OpenDialogOptions): Promise<{ canceled: boolean; filePaths: string[] }>;
  showSaveDialog(window: W, options: SaveDialogOptions): Promise<{ canceled: boolean; filePath?: string }>;
}

/**
 * The `chooseFile` procedure for the desktop app: the native dialog, modal to the app's window.
 * The renderer learns only the path the user picked; reading and writing stay in the backend.
 */
export function createFileChooser<W>(dialog: DialogLike<W>, parent: () => W | undefined): DesktopServices['chooseFile'] {
  return async (input) => {
    const window = parent();
    if (!window) return { path: null };
    const common = {
      ...(input.title !== undefined ? { title: input.title } : {}),
      ...(input.defaultPath !== undefined ? { defaultPath: input.defaultPath } : {}),
      ...(input.filters !== undefined ? { filters: input.filters } : {}),
    };
    if (input.mode === 'save') {
      const r = await dialog.showSaveDialog(window, { ...common, properties: ['createDirectory', 'showOverwriteConfirmation'] });
      return { path: r.canceled || !r.filePath ? null : r.filePath };
    }
    const r = await dialog.showOpenDialog(window, {
      ...common,
      properties: input.mode === 'folder' ? ['openDirectory', 'createDirectory'] : ['openFile'],
    });
    return { path: r.canceled || r.filePaths.length === 0 ? null : r.filePaths[0]! };
  };
}
