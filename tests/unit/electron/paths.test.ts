import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appDataDir, resolveStorePath } from '../../../electron/backend/paths';
import { desktopPaths, devSqliteBinding } from '../../../electron/main/paths';
import { SQLITE_BINARY, electronSqliteDir } from '../../../electron/tools/paths.mjs';

const dev = { isPackaged: false, appPath: '/src/mlf', resourcesPath: '/opt/electron/resources', platform: 'linux' as const, arch: 'x64' };
const packaged = { ...dev, isPackaged: true, appPath: '/opt/MLF Workstation/resources/app.asar', resourcesPath: '/opt/MLF Workstation/resources' };

describe('desktop paths', () => {
  it('uses the same app-data folder and store file as the CLI', () => {
    const env = { HOME: '/home/ann', XDG_CONFIG_HOME: '/home/ann/.config' };
    const p = desktopPaths({ ...dev, env });
    expect(p.userData).toBe(appDataDir(env, 'linux'));
    expect(p.userData).toBe('/home/ann/.config/MLF Workstation');
    expect(p.storePath).toBe(resolveStorePath(undefined, env));
    expect(p.storePath).toBe('/home/ann/.config/MLF Workstation/mlf.sqlite');
    expect(p.windowStateFile).toBe('/home/ann/.config/MLF Workstation/window-state.json');
  });

  it('honours MLF_DB like the CLI does', () => {
    expect(desktopPaths({ ...dev, env: { MLF_DB: '/data/research.sqlite' } }).storePath).toBe('/data/research.sqlite');
  });

  it('loads the Electron-ABI SQLite build from the checkout in development and from resources when packaged', () => {
    expect(desktopPaths({ ...dev, env: {} }).sqliteBinding).toBe('/src/mlf/node_modules/.mlf-electron/linux-x64/better_sqlite3.node');
    expect(desktopPaths({ ...packaged, env: {} }).sqliteBinding).toBe('/opt/MLF Workstation/resources/native/better_sqlite3.node');
    expect(desktopPaths({ ...packaged, env: { MLF_SQLITE_BINDING: '/tmp/own.node' } }).sqliteBinding).toBe('/tmp/own.node');
  });

  it('agrees with the build tool on where that build lives', () => {
    for (const [platform, arch] of [['linux', 'x64'], ['darwin', 'arm64'], ['win32', 'x64']]) {
      expect(devSqliteBinding('/src/mlf', platform!, arch!)).toBe(join(electronSqliteDir('/src/mlf', platform, arch), SQLITE_BINARY));
    }
  });

  it('finds the bundles inside the app and the bundled examples beside it', () => {
    const d = desktopPaths({ ...dev, env: {} });
    expect([d.preload, d.rendererRoot, d.worker, d.resources]).toEqual([
      '/src/mlf/out/preload/index.cjs',
      '/src/mlf/out/renderer',
      '/src/mlf/out/main/worker.js',
      '/src/mlf/resources',
    ]);
    const p = desktopPaths({ ...packaged, env: {} });
    expect(p.preload).toBe('/opt/MLF Workstation/resources/app.asar/out/preload/index.cjs');
    expect(p.resources).toBe('/opt/MLF Workstation/resources');
    expect(p.icon).toBeUndefined();
  });
});
