import type { ServerResponse } from 'node:http';
import { zip } from '../../../shared/export/zip';
import type { Backend } from '../../backend/backend';

interface ExportReply {
  files: Array<{ name: string; content: string }>;
}

const intParam = (url: URL, name: string): number | undefined => {
  const v = url.searchParams.get(name);
  if (v === null || v === '') return undefined;
  const n = Number(v);
  if (!Number.isInteger(n)) throw new Error(`${name} must be an integer`);
  return n;
};

/**
 * Browser downloads of what the desktop app writes to a folder: `/download/export?id=&generation=&top=`
 * runs `exportRun` through the router (validated like any call) and sends its files as one ZIP.
 */
export async function handleDownload(
  backend: Pick<Backend, 'router' | 'events'>,
  url: URL,
  res: ServerResponse,
  headers: Record<string, string>,
): Promise<void> {
  if (url.pathname !== '/download/export') {
    res.writeHead(404, { ...headers, 'content-type': 'text/plain; charset=utf-8' });
    res.end(`no such download: ${url.pathname}\n`);
    return;
  }
  const input: Record<string, number> = {};
  for (const k of ['id', 'generation', 'top']) {
    const v = intParam(url, k);
    if (v !== undefined) input[k] = v;
  }
  const reply = (await backend.router.invoke('exportRun', input, { transport: 'websocket' })) as ExportReply;
  const enc = new TextEncoder();
  const bytes = zip(reply.files.map((f) => ({ name: f.name, data: enc.encode(f.content) })));
  const name = `mlf-run-${input.id}${input.generation ? `-gen-${input.generation}` : ''}-elites.zip`;
  res.writeHead(200, {
    ...headers,
    'content-type': 'application/zip',
    'content-length': String(bytes.length),
    'content-disposition': `attachment; filename="${name}"`,
    'cache-control': 'no-store',
  });
  res.end(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
}
