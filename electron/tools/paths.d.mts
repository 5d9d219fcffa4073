export const SQLITE_BINARY: string;
export function electronSqliteDir(root: string, platform?: string, arch?: string): string;
