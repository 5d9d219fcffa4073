import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * A file shipped in the project's `resources/` folder, found from the running code: in a
 * packaged app under Electron's resources path, otherwise by walking up from this module (the
 * source tree in tests, `out/main/` in the built CLI).
 */
export function resourcePath(relative: string): string | null {
  const packaged = (process as NodeJS.Process & { resourcesPath?: string }).resourcesPath;
  if (packaged) {
    for (const base of [join(packaged, 'resources'), packaged]) {
      if (existsSync(join(base, relative))) return join(base, relative);
    }
  }
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let up = 0; up < 6; up++) {
    const candidate = join(dir, 'resources', relative);
    if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  return null;
}
