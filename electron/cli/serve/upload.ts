import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';

/**
 * Browser uploads for procedures that take a server path (CSV import): each body is streamed to
 * its own file in a private temporary folder, removed when the host closes.
 */
export class UploadArea {
  readonly dir = mkdtempSync(join(tmpdir(), 'mlf-serve-uploads-'));
  private seq = 0;

  async receive(req: IncomingMessage, name: string): Promise<{ path: string; bytes: number }> {
    const safe = basename(name).replace(/[^\w.\- ]+/g, '_').slice(0, 120) || 'upload';
    const path = join(this.dir, `${++this.seq}-${safe}`);
    let bytes = 0;
    req.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
    });
    try {
      await pipeline(req, createWriteStream(path, { flags: 'wx' }));
    } catch (err) {
      rmSync(path, { force: true });
      throw err;
    }
    return { path, bytes };
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
