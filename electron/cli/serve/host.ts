import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { resolve } from 'node:path';
import type { Backend } from '../../backend/backend';
import { carriesToken, contentSecurityPolicy, hostAndOriginOk, newToken, TOKEN_COOKIE } from './security';
import { createSocketAdapter } from './socket';
import { resolveStatic, sendStatic } from './static';
import { UploadArea } from './upload';
import { handleDownload } from './download';

export interface ServeOptions {
  backend: Pick<Backend, 'router' | 'events'>;
  /** The built renderer (`out/renderer`). */
  staticDir: string;
  /** 0 picks a free port. */
  port?: number;
  /** Fixed token for tests of the refusal paths; a random one otherwise. */
  token?: string;
}

export interface ServeHost {
  /** The page to open, token included. */
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

/** Only loopback: the backend reads and writes local files on the user's behalf. */
export const SERVE_HOSTNAME = '127.0.0.1';

function refuse(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
  res.end(`${message}\n`);
}

function refuseUpgrade(socket: Duplex, status: number, message: string): void {
  socket.end(`HTTP/1.1 ${status} ${message}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/**
 * `mlf serve`: the built renderer and the contract (WebSocket, binary frames) on 127.0.0.1, behind
 * a per-launch token. Every request must name this host (no DNS rebinding); WebSocket handshakes
 * and POSTs must come from this very origin; nothing is served without the token.
 */
export async function startServeHost(opts: ServeOptions): Promise<ServeHost> {
  const token = opts.token ?? newToken();
  const root = resolve(opts.staticDir);
  const uploads = new UploadArea();
  const sockets = createSocketAdapter(opts.backend);
  let port = 0;
  const cookieName = () => `${TOKEN_COOKIE}_${port}`;
  const securityHeaders = () => ({
    'content-security-policy': contentSecurityPolicy(port),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    'x-frame-options': 'DENY',
  });

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', `http://${SERVE_HOSTNAME}:${port}`);
    const isWrite = req.method !== 'GET' && req.method !== 'HEAD';
    if (!hostAndOriginOk(req, port, isWrite)) return refuse(res, 403, 'forbidden: wrong host or origin');
    if (!carriesToken(req, url, token, cookieName())) return refuse(res, 401, 'unauthorized: open the URL printed by `mlf serve`');

    if (req.method === 'POST' && url.pathname === '/upload') {
      uploads.receive(req, url.searchParams.get('name') ?? 'upload').then(
        (r) => {
          res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
          res.end(JSON.stringify(r));
        },
        (err: Error) => refuse(res, 500, `upload failed: ${err.message}`),
      );
      return;
    }
    if (req.method === 'GET' && url.pathname.startsWith('/download/')) {
      handleDownload(opts.backend, url, res, securityHeaders()).catch((err: Error & { code?: string }) => {
        if (!res.headersSent) refuse(res, err.code === 'NOT_FOUND' ? 404 : 400, err.message);
        else res.destroy(err);
      });
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'method not allowed');
    const file = resolveStatic(root, url.pathname);
    if (!file) return refuse(res, 404, 'not found');
    const headers: Record<string, string> = securityHeaders();
    // The page sets the token as a cookie so that its assets, reloads and the socket carry it.
    if (url.searchParams.has('token')) {
      headers['set-cookie'] = `${cookieName()}=${token}; HttpOnly; SameSite=Strict; Path=/`;
    }
    sendStatic(res, file, headers);
  });

  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', `http://${SERVE_HOSTNAME}:${port}`);
    if (url.pathname !== '/ws') return refuseUpgrade(socket, 404, 'Not Found');
    if (!hostAndOriginOk(req, port, true)) return refuseUpgrade(socket, 403, 'Forbidden');
    if (!carriesToken(req, url, token, cookieName())) return refuseUpgrade(socket, 401, 'Unauthorized');
    sockets.wss.handleUpgrade(req, socket, head, (ws) => sockets.wss.emit('connection', ws, req));
  });

  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(opts.port ?? 0, SERVE_HOSTNAME, () => {
      server.off('error', fail);
      ok();
    });
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://${SERVE_HOSTNAME}:${port}/?token=${token}`,
    port,
    token,
    async close() {
      sockets.close();
      server.closeAllConnections();
      await new Promise<void>((ok) => server.close(() => ok()));
      uploads.dispose();
    },
  };
}
