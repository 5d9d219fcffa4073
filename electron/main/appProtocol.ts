import { readFile } from 'node:fs/promises';
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';
import { CONTENT_SECURITY_POLICY } from './csp';

/**
 * The renderer is served from a privileged custom scheme rather than file:, so the page has a
 * real origin: the CSP's 'self' means exactly the app's own files, module scripts load with CORS,
 * and the IPC adapter can check every sender against this one origin.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'mlf';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** For protocol.registerSchemesAsPrivileged, which must run before the app is ready. */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, codeCache: true },
} as const;

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * True for URLs of the app's own origin. Compared by parts: outside Chromium (where the scheme is
 * not registered as standard) a custom scheme's `origin` is the opaque "null".
 */
export function isAppUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST && u.username === '' && u.password === '';
  } catch {
    return false;
  }
}

function securityHeaders(contentType: string): Record<string, string> {
  return {
    'content-type': contentType,
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'cross-origin-opener-policy': 'same-origin',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-cache',
  };
}

function notFound(): Response {
  return new Response('not found', { status: 404, headers: securityHeaders('text/plain; charset=utf-8') });
}

/**
 * The `app://mlf/…` handler: files under `root` only (no escaping it with `..` or encoded
 * separators), GET only, every response carrying the CSP. Paths without an extension fall back to
 * index.html so client-side routes survive a reload.
 */
export function createAppProtocolHandler(root: string): (request: Request) => Promise<Response> {
  const base = resolve(root);
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response('method not allowed', { status: 405, headers: securityHeaders('text/plain; charset=utf-8') });
    }
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return notFound();
    }
    if (!isAppUrl(url.href)) return notFound();
    let path: string;
    try {
      path = decodeURIComponent(url.pathname);
    } catch {
      return notFound();
    }
    if (path.includes('\0') || path.includes('\\')) return notFound();
    if (path === '/' || path === '') path = '/index.html';
    const file = resolve(base, `.${path}`);
    const rel = relative(base, file);
    if (rel === '' || rel.startsWith('..') || isAbsolute(rel) || rel.split(sep).includes('..')) return notFound();
    const ext = extname(file).toLowerCase();
    let body: Buffer;
    let type = MIME[ext] ?? 'application/octet-stream';
    try {
      body = await readFile(file);
    } catch {
      if (ext !== '') return notFound();
      try {
        body = await readFile(resolve(base, 'index.html'));
        type = MIME['.html']!;
      } catch {
        return notFound();
      }
    }
    const headers = securityHeaders(type);
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers });
  };
}
