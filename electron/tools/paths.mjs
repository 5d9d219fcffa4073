// Conventions shared by the desktop tools (plain Node, run before anything is built).
import { join } from 'node:path';

export const SQLITE_BINARY = 'better_sqlite3.node';

/**
 * Where the Electron-ABI better-sqlite3 build lives in a checkout, beside the Node build that
 * `npm test` and the CLI use. electron/main/paths.ts computes the same path (a test holds them
 * together) and electron-builder.yml packs it.
 */
export function electronSqliteDir(root, platform = process.platform, arch = process.arch) {
  return join(root, 'node_modules', '.mlf-electron', `${platform}-${arch}`);
}
