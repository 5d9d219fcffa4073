import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** A random per-launch token: 32 bytes, URL-safe. Anyone who can read it can drive the backend. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Cookie name prefix; the port is appended because cookies are shared across ports of a host. */
export const TOKEN_COOKIE = 'mlf_token';
export const TOKEN_HEADER = 'x-mlf-token';

function sameSecret(a: string | undefined | null, b: string): boolean {
  if (!a) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function cookie(req: IncomingMessage, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** The token a request carries: `?token=`, the `x-mlf-token` header or the cookie set by the page. */
export function carriesToken(req: IncomingMessage, url: URL, token: string, cookieName: string): boolean {
  const header = req.headers[TOKEN_HEADER];
  return (
    sameSecret(url.searchParams.get('token'), token) ||
    sameSecret(typeof header === 'string' ? header : undefined, token) ||
    sameSecret(cookie(req, cookieName), token)
  );
}

/** Host names a browser on this machine uses to reach the host; anything else is DNS rebinding. */
export function allowedHosts(port: number): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
}

export function allowedOrigins(port: number): Set<string> {
  return new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);
}

/**
 * Host must name this machine; Origin, when the browser sends one (it always does for WebSocket
 * handshakes and POSTs), must be this very server. Requests from other pages are refused even
 * when they guess nothing else right.
 */
export function hostAndOriginOk(req: IncomingMessage, port: number, requireOrigin: boolean): boolean {
  const host = req.headers.host;
  if (!host || !allowedHosts(port).has(host.toLowerCase())) return false;
  const origin = req.headers.origin;
  if (origin === undefined) return !requireOrigin;
  return allowedOrigins(port).has(origin.toLowerCase());
}

export function contentSecurityPolicy(port: number): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self' ws://127.0.0.1:${port} ws://localhost:${port}`,
    "worker-src 'self' blob:",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}
