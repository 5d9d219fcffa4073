import { join } from 'node:path';
import { appDataDir, resolveStorePath } from '../backend/paths';

export interface DesktopPathsInput {
  isPackaged: boolean;
  /** app.getAppPath(): the project root in development, app.asar when packaged. */
  appPath: string;
  /** process.resourcesPath: where electron-builder puts extraResources. */
  resourcesPath: string;
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  arch: string;
}

export interface DesktopPaths {
  /** Electron's userData, pinned to the folder the CLI uses (`MLF Workstation` in app data). */
  userData: string;
  /** The same store file as `mlf` and `mlf serve`: MLF_DB, else app data. */
  storePath: string;
  windowStateFile: string;
  rendererRoot: string;
  preload: string;
  worker: string;
  /** better-sqlite3 compiled for Electron's ABI (the one in node_modules is for Node). */
  sqliteBinding: string;
  /** Bundled example configs and sample data. */
  resources: string;
  icon?: string;
}

/** Where the Electron-ABI better-sqlite3 build lives in a checkout (see electron/tools/paths.mjs). */
export function devSqliteBinding(root: string, platform: string, arch: string): string {
  return join(root, 'node_modules', '.mlf-electron', `${platform}-${arch}`, 'better_sqlite3.node');
}

export function desktopPaths(input: DesktopPathsInput): DesktopPaths {
  const userData = appDataDir(input.env, input.platform);
  const out = join(input.appPath, 'out');
  const packagedBinding = join(input.resourcesPath, 'native', 'better_sqlite3.node');
  return {
    userData,
    storePath: resolveStorePath(undefined, input.env),
    windowStateFile: join(userData, 'window-state.json'),
    rendererRoot: join(out, 'renderer'),
    preload: join(out, 'preload', 'index.cjs'),
    worker: join(out, 'main', 'worker.js'),
    sqliteBinding:
      input.env.MLF_SQLITE_BINDING ||
      (input.isPackaged ? packagedBinding : devSqliteBinding(input.appPath, input.platform, input.arch)),
    resources: input.isPackaged ? input.resourcesPath : join(input.appPath, 'resources'),
    ...(input.isPackaged ? {} : { icon: join(input.appPath, 'resources', 'icons', '512x512.png') }),
  };
}
