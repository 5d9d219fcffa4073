import { EventEmitter } from 'node:events';
import type { ElectronEdge, WindowLike } from '../../../electron/main/desktop';
import type { Rect } from '../../../electron/main/windowState';
import { fakeIpc } from './fakeIpc';

type Fn = (...args: any[]) => any;
// Electron's own types, reached through the shell's slices: tests never import 'electron'.
type BrowserWindowConstructorOptions = ConstructorParameters<ElectronEdge['BrowserWindow']>[0];
type MenuItemConstructorOptions = Parameters<ElectronEdge['Menu']['buildFromTemplate']>[0][number];

/** Electron's app as the shell sees it: quit() emits before-quit and goes through unless prevented. */
export class FakeApp extends EventEmitter {
  isPackaged = false;
  name = 'Electron';
  paths: Record<string, string> = {};
  lock = true;
  sandboxed = false;
  quitted = false;
  exitCode: number | undefined;
  constructor(private readonly appPath: string) {
    super();
  }
  getAppPath() {
    return this.appPath;
  }
  setName(name: string) {
    this.name = name;
  }
  setPath(name: string, path: string) {
    this.paths[name] = path;
  }
  setAppUserModelId() {}
  requestSingleInstanceLock() {
    return this.lock;
  }
  enableSandbox() {
    this.sandboxed = true;
  }
  whenReady() {
    return Promise.resolve();
  }
  quit() {
    let prevented = false;
    this.emit('before-quit', { preventDefault: () => (prevented = true) });
    if (!prevented) this.quitted = true;
  }
  exit(code = 0) {
    this.exitCode = code;
  }
}

export interface FakeWindow extends WindowLike {
  options: BrowserWindowConstructorOptions;
  url: string | undefined;
  shown: boolean;
  focused: number;
  emit(event: string, ...args: unknown[]): boolean;
}

export function fakeElectron(appPath: string, workAreas: Rect[] = [{ x: 0, y: 0, width: 1920, height: 1080 }]) {
  const app = new FakeApp(appPath);
  const windows: FakeWindow[] = [];
  const ipc = fakeIpc({ url: 'app://mlf/index.html', parent: null });
  const schemes: unknown[] = [];
  const protocolHandlers = new Map<string, (r: Request) => Promise<Response>>();
  const sessionHandlers: Record<string, Fn> = {};
  const errorBoxes: string[] = [];
  let menu: MenuItemConstructorOptions[] | undefined;

  class FakeBrowserWindow extends EventEmitter {
    url: string | undefined;
    shown = false;
    focused = 0;
    minimized = false;
    destroyed = false;
    bounds: Rect;
    readonly webContents: any;
    constructor(readonly options: BrowserWindowConstructorOptions) {
      super();
      this.bounds = { x: options.x ?? 100, y: options.y ?? 100, width: options.width ?? 800, height: options.height ?? 600 };
      const contents = new EventEmitter() as any;
      contents.setWindowOpenHandler = () => {};
      contents.isDestroyed = () => this.destroyed;
      contents.getURL = () => this.url ?? '';
      contents.send = ipc.webContents.send;
      this.webContents = contents;
      windows.push(this as unknown as FakeWindow);
    }
    static getAllWindows() {
      return windows.filter((w) => !w.isDestroyed());
    }
    loads = 0;
    async loadURL(url: string) {
      this.loads++;
      this.url = url;
      this.emit('ready-to-show');
    }
    show() {
      this.shown = true;
    }
    focus() {
      this.focused++;
    }
    restore() {
      this.minimized = false;
    }
    maximize() {}
    isMinimized() {
      return this.minimized;
    }
    isMaximized() {
      return false;
    }
    isDestroyed() {
      return this.destroyed;
    }
    getNormalBounds() {
      return this.bounds;
    }
    close() {
      this.emit('close');
      this.destroyed = true;
      this.emit('closed');
    }
  }

  const edge: ElectronEdge = {
    app,
    BrowserWindow: FakeBrowserWindow as unknown as ElectronEdge['BrowserWindow'],
    ipcMain: ipc.ipcMain,
    dialog: {
      showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
      showSaveDialog: async () => ({ canceled: true }),
    },
    Menu: {
      buildFromTemplate: (t) => t,
      setApplicationMenu: (m: MenuItemConstructorOptions[]) => (menu = m),
    },
    protocol: {
      registerSchemesAsPrivileged: (s) => schemes.push(...s),
      handle: (scheme, handler) => protocolHandlers.set(scheme, handler),
    },
    defaultSession: () =>
      ({
        setPermissionRequestHandler: (fn: Fn) => (sessionHandlers.request = fn),
        setPermissionCheckHandler: (fn: Fn) => (sessionHandlers.check = fn),
        setDevicePermissionHandler: (fn: Fn) => (sessionHandlers.device = fn),
        webRequest: { onHeadersReceived: (fn: Fn) => (sessionHandlers.headers = fn) },
      }) as unknown as ReturnType<ElectronEdge['defaultSession']>,
    workAreas: () => workAreas,
    utilityProcess: {
      fork: () => {
        throw new Error('no utility processes in this test');
      },
    },
    showErrorBox: (title, content) => errorBoxes.push(`${title}: ${content}`),
  };
  return { edge, app, windows, ipc, schemes, protocolHandlers, sessionHandlers, errorBoxes, menu: () => menu };
}
