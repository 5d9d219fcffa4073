import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The built worker entry, `out/main/worker.js` under the project folder: found by walking up from
 * this module (in the bundle under out/main, from source under electron/backend/pool) to the
 * folder whose package.json is this program's. The desktop app may pass its own path instead.
 */
export function defaultWorkerEntry(from: string = fileURLToPath(import.meta.url)): string {
  let dir = dirname(from);
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'mlf-workstation') return join(dir, 'out', 'main', 'worker.js');
      } catch {
        // not ours; keep walking
      }
    }
    const up = dirname(dir);
    if (up === dir) throw new Error(`cannot find the project folder above ${from} (looking for out/main/worker.js)`);
    dir = up;
  }
}
