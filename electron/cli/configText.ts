import { readFileSync } from 'node:fs';
import { MlfError } from '../../shared/contract/errors';

/** The text of a `--config FILE`; a missing or unreadable file is named with the reason in words. */
export function readConfigText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'it is a folder' : (err as Error).message;
    throw new MlfError('NOT_FOUND', `cannot read config ${path}: ${why}`);
  }
}
