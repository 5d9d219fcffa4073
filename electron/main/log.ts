import { appendFileSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

const MAX_BYTES = 1024 * 1024;

/**
 * The main process's log: the terminal (when started from one) and `logs/main.log` in the app-data
 * folder, for an app started from a desktop icon. The previous file is kept as main.log.1 once it
 * passes 1 MB.
 */
export function createFileLog(file: string, echo: (line: string) => void = (l) => console.log(l)): (message: string) => void {
  let writable = true;
  try {
    mkdirSync(dirname(file), { recursive: true });
    if ((statSync(file, { throwIfNoEntry: false })?.size ?? 0) > MAX_BYTES) renameSync(file, `${file}.1`);
  } catch {
    writable = false;
  }
  return (message) => {
    echo(`[mlf] ${message}`);
    if (!writable) return;
    try {
      appendFileSync(file, `${new Date().toISOString()} ${message}\n`);
    } catch {
      writable = false;
    }
  };
}
