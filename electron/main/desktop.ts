import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserWindowConstructorOptions, MenuItemConstructorOptions } from 'electron';
import type { Backend, BackendOptions } from '../backend/backend';
import { PRODUCT_NAME } from '../backend/paths';
import { APP_ENTRY_URL, APP_SCHEME, APP_SCHEME_PRIVILEGES, createAppProtocolHandler } from './appProtocol';
import { createFileChooser, type DialogLike } from './dialogs';
import { registerIpcAdapter, type EventTargetLike, type IpcMainLike } from './ipcAdapter';
import { createFileLog } from './log';
import { menuTemplate } from './menu';
import { desktopPaths, type DesktopPaths } from './paths';
import { installQuitGuard } from './quit';
import { createUtilityWorkers, type GoneDetails, type UtilityProcessLike } from './utilityWorkers';
import { guardContents, hardenSession, type ContentsLike, type SessionLike } from './security';
import { windowOptions } from './windowOptions';
import { fitToDisplays, loadWindowState, saveWindowState, type Rect } from './windowState';

export const APP_ID = 'io.github.mlf-workstation';

/* The slices of Electron the desktop shell uses. The real objects come from ./electron (the one
 * module that imports 'electron'); tests pass small fakes. */

export interface AppLike {
  readonly isPackaged: boolean;
  getAppPath(): string;
  setName(name: string): void;
  setPath(name: 'userData', path: string): void;
  setAppUserModelId(id: string): void;
  requestSingleInstanceLock(): boolean;
  enableSandbox(): void;
  whenReady(): Promise<void>;
  quit(): void;
  exit(code?: number): void;
  on(event: string, listener: (...args: any[]) => void): unknown;
}

export interface WindowLike {
  readonly webContents: EventTargetLike & ContentsLike & { on(event: string, listener: (...args: any[]) => void): unknown };
  on(event: string, listener: (...args: any[]) => void): unknown;
  once(event: string, listener: (...args: any[]) => void): unknown;
  loadURL(url: string): Promise<void>;
  show(): void;
  focus(): void;
  restore(): void;
  maximize(): void;
  isMinimized(): boolean;
  isMaximized(): boolean;
  isDestroyed(): boolean;
  getNormalBounds(): Rect;
}

export interface BrowserWindowCtorLike {
  new (options: BrowserWindowConstructorOptions): WindowLike;
  getAllWindows(): WindowLike[];
}

export type DialogLikeForEdge = DialogLike<WindowLike>;

export interface ElectronEdge {
  app: AppLike;
  BrowserWindow: BrowserWindowCtorLike;
  ipcMain: IpcMainLike;
  dialog: DialogLikeForEdge;
  Menu: { buildFromTemplate(template: MenuItemConstructorOptions[]): unknown; setApplicationMenu(menu: any): void };
  protocol: {
    registerSchemesAsPrivileged(schemes: (typeof APP_SCHEME_PRIVILEGES)[]): void;
    handle(scheme: string, handler: (request: Request) => Promise<Response>): void;
  };
  utilityProcess: UtilityProcessLike;
  showErrorBox(title: string, content: string): void;
  /** Getters: these exist only once the app is ready. */
  defaultSession(): SessionLike;
  workAreas(): Rect[];
}

export interface DesktopOptions {
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  arch: string;
  resourcesPath: string;
  createBackend: (opts: BackendOptions) => Backend;
  log?: (message: string) => void;
  /** How long quitting may wait for runs and workers to stop. */
  shutdownTimeoutMs?: number;
}

export interface Desktop {
  paths: DesktopPaths;
  /** Resolves once the window is loading; undefined when another instance already runs. */
  ready: Promise<{ backend: Backend; window: WindowLike } | undefined>;
}

/**
 * The desktop shell: one instance, one store (the CLI's), one secure window over the app://
 * protocol, the contract over IPC, the menu, and an orderly quit. Everything Electron-specific
 * arrives through `edge`.
 */
export function startDesktop(edge: ElectronEdge, opts: DesktopOptions): Desktop {
  const { app } = edge;
  const paths = desktopPaths({
    isPackaged: app.isPackaged,
    appPath: app.getAppPath(),
    resourcesPath: opts.resourcesPath,
    env: opts.env,
    platform: opts.platform,
    arch: opts.arch,
  });
  const log = opts.log ?? createFileLog(join(paths.userData, 'logs', 'main.log'));

  // Before anything reads userData: the folder the CLI and `mlf serve` use.
  app.setName(PRODUCT_NAME);
  app.setPath('userData', paths.userData);
  if (opts.platform === 'win32') app.setAppUserModelId(APP_ID);

  if (!app.requestSingleInstanceLock()) {
    log('another instance is running; handing over to it');
    app.quit();
    return { paths, ready: Promise.resolve(undefined) };
  }

  app.enableSandbox();
  edge.protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
  app.on('web-contents-created', (_event, contents: ContentsLike) => guardContents(contents, log));

  let mainWindow: WindowLike | undefined;
  const liveWindow = () => (mainWindow && !mainWindow.isDestroyed() ? mainWindow : undefined);

  app.on('second-instance', () => {
    const win = liveWindow();
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });

  const createWindow = (): WindowLike => {
    const bounds = fitToDisplays(loadWindowState(paths.windowStateFile), edge.workAreas());
    const win = new edge.BrowserWindow(
      windowOptions({ preload: paths.preload, bounds, ...(paths.icon ? { icon: paths.icon } : {}), devTools: !app.isPackaged }),
    );
    if (bounds.maximized) win.maximize();
    win.once('ready-to-show', () => win.show());
    win.on('close', () => {
      try {
        saveWindowState(paths.windowStateFile, { ...win.getNormalBounds(), maximized: win.isMaximized() });
      } catch (err) {
        log(`could not save the window position: ${String(err)}`);
      }
    });
    let reloads = 0;
    win.webContents.on('render-process-gone', (_event, details: { reason: string; exitCode: number }) => {
      log(`renderer gone: ${details.reason} (exit code ${details.exitCode})`);
      // A page that crashes on load would otherwise reload forever.
      if (details.reason !== 'clean-exit' && !win.isDestroyed() && reloads++ < 3) void win.loadURL(APP_ENTRY_URL);
    });
    void win.loadURL(APP_ENTRY_URL);
    mainWindow = win;
    return win;
  };

  const ready = app.whenReady().then(() => {
    const session = edge.defaultSession();
    hardenSession(session);
    edge.protocol.handle(APP_SCHEME, createAppProtocolHandler(paths.rendererRoot));

    if (!existsSync(paths.sqliteBinding)) {
      throw new Error(
        `SQLite for Electron is missing (${paths.sqliteBinding}). ` +
          (app.isPackaged ? 'Reinstall MLF Workstation.' : 'Run `npm run rebuild:electron`, or start the app with `npm start`.'),
      );
    }
    const workers = createUtilityWorkers({ utilityProcess: edge.utilityProcess, env: opts.env, sqliteBinding: paths.sqliteBinding });
    const backend = opts.createBackend({
      storePath: paths.storePath,
      host: 'electron',
      nativeBinding: paths.sqliteBinding,
      spawnWorker: workers.spawn,
      workerEntry: paths.worker,
      desktop: { chooseFile: createFileChooser(edge.dialog, liveWindow) },
    });

    registerIpcAdapter({
      ipcMain: edge.ipcMain,
      router: backend.router,
      events: backend.events,
      targets: () => edge.BrowserWindow.getAllWindows().map((w) => w.webContents),
      onUnexpectedError: (name, err) => log(`${name} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`),
    });

    edge.Menu.setApplicationMenu(
      edge.Menu.buildFromTemplate(
        menuTemplate({
          platform: opts.platform,
          appName: PRODUCT_NAME,
          dev: !app.isPackaged,
          command: (command) => backend.events.emit('menuCommand', { command }),
        }),
      ),
    );

    installQuitGuard(app, { shutdown: () => backend.close(), timeoutMs: opts.shutdownTimeoutMs ?? 15_000, log });
    app.on('window-all-closed', () => {
      // macOS keeps the app (and its runs) alive with no window, as users there expect.
      if (opts.platform !== 'darwin') app.quit();
    });
    app.on('activate', () => {
      if (!liveWindow()) createWindow();
    });
    app.on('child-process-gone', (_event, details: GoneDetails & { name?: string }) => {
      const note = workers.describeGone(details);
      if (note) {
        log(note);
        backend.events.emit('log', { level: 'warn', message: note });
      } else if (details.reason !== 'clean-exit') {
        log(`${details.serviceName ?? details.name ?? details.type} gone: ${details.reason} (exit code ${details.exitCode})`);
      }
    });

    const window = createWindow();
    return { backend, window };
  });

  return { paths, ready };
}
