import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../../shared/contract/desktop';

export interface MenuInput {
  platform: NodeJS.Platform;
  appName: string;
  /** Development builds get reload and DevTools. */
  dev: boolean;
  /** Forwards a command to the renderer (as the contract's menuCommand event). */
  command: (command: MenuCommand) => void;
}

/**
 * The application menu. File commands are carried out by the renderer, which owns the flows
 * (pickers, progress, errors) in the desktop app and the browser alike; the menu only asks.
 */
export function menuTemplate(input: MenuInput): MenuItemConstructorOptions[] {
  const mac = input.platform === 'darwin';
  const about: MenuItemConstructorOptions = { label: `About ${input.appName}`, click: () => input.command('about') };
  const file: MenuItemConstructorOptions = {
    label: 'File',
    submenu: [
      { label: 'Import CSV…', accelerator: 'CmdOrCtrl+I', click: () => input.command('importCsv') },
      { label: 'Open Config…', accelerator: 'CmdOrCtrl+O', click: () => input.command('openConfig') },
      { label: 'Export Elites…', accelerator: 'CmdOrCtrl+E', click: () => input.command('exportElites') },
      { type: 'separator' },
      mac ? { role: 'close' } : { role: 'quit' },
    ],
  };
  const edit: MenuItemConstructorOptions = {
    label: 'Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' },
    ],
  };
  const view: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [
      ...(input.dev ? ([{ role: 'reload' }, { role: 'toggleDevTools' }, { type: 'separator' }] as MenuItemConstructorOptions[]) : []),
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };
  const windowMenu: MenuItemConstructorOptions = {
    role: 'windowMenu',
  };
  if (mac) {
    return [
      {
        label: input.appName,
        submenu: [about, { type: 'separator' }, { role: 'services' }, { type: 'separator' }, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, { type: 'separator' }, { role: 'quit' }],
      },
      file,
      edit,
      view,
      windowMenu,
    ];
  }
  return [file, edit, view, windowMenu, { role: 'help', submenu: [about] }];
}
