import type { ServerResponse } from 'node:http';
import type { Backend } from '../../backend/backend';

/**
 * Browser downloads of what the desktop app writes to a folder. Each kind produces its files
 * through the contract and streams them back as one attachment.
 */
export async function handleDownload(
  _backend: Pick<Backend, 'router' | 'events'>,
  url: URL,
  res: ServerResponse,
  headers: Record<string, string>,
): Promise<void> {
  res.writeHead(404, { ...headers, 'content-type': 'text/plain; charset=utf-8' });
  res.end(`no such download: ${url.pathname}\n`);
}
