export const ROOT: string;
export function electronVersion(root?: string): string;
export interface EnsureElectronSqliteOptions {
  root?: string;
  target?: string;
  platform?: string;
  arch?: string;
  out?: string;
  force?: boolean;
  fromSource?: boolean;
  distUrl?: string;
  devdir?: string;
  nodedir?: string;
  env?: NodeJS.ProcessEnv;
  log?: (message: string) => void;
}
export function ensureElectronSqlite(opts?: EnsureElectronSqliteOptions): { binary: string; built: boolean };
