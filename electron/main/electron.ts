// The thin edge: the only main-process module that touches the 'electron' module. Everything else
// receives these objects as parameters, so vitest runs it with small fakes and no Electron binary.
import { createRequire } from 'node:module';
import type { BrowserWindowCtorLike, DialogLikeForEdge, ElectronEdge } from './desktop';

// Required lazily rather than imported: several Electron modules (screen, session) may only be
// touched after 'ready', and a CommonJS require keeps every property access where it is written.
const electron = createRequire(import.meta.url)('electron') as typeof import('electron');

export function electronEdge(): ElectronEdge {
  const { app, BrowserWindow, dialog, ipcMain, Menu, protocol, utilityProcess } = electron;
  return {
    app,
    BrowserWindow: BrowserWindow as unknown as BrowserWindowCtorLike,
    ipcMain,
    dialog: dialog as unknown as DialogLikeForEdge,
    Menu,
    protocol,
    utilityProcess,
    showErrorBox: (title, content) => dialog.showErrorBox(title, content),
    defaultSession: () => electron.session.defaultSession,
    workAreas: () => electron.screen.getAllDisplays().map((d) => d.workArea),
  };
}
