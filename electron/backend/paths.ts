import { homedir } from 'node:os';
import { join } from 'node:path';

/** The product name Electron derives its userData folder from; the CLI must agree with it. */
export const PRODUCT_NAME = 'MLF Workstation';
export const STORE_FILE = 'mlf.sqlite';

/**
 * The platform's app-data folder for this product, computed the way Electron's
 * `app.getPath('userData')` does, so the CLI, `mlf serve` and the desktop app share one store.
 */
export function appDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), PRODUCT_NAME);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', PRODUCT_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), PRODUCT_NAME);
}

/** `--db PATH` wins, then `MLF_DB`, then the app-data default. */
export function resolveStorePath(explicit?: string, env: NodeJS.ProcessEnv = process.env): string {
  if (explicit) return explicit;
  if (env.MLF_DB) return env.MLF_DB;
  return join(appDataDir(env), STORE_FILE);
}
