import { request } from 'node:http';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { tempDir } from '../helpers/tmp';
import { nodeClient, startServe, type ServeProcess } from './harness';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function get(port: number, path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Reply> {
  return new Promise((ok, fail) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers }, (res) => {
      let body = '';
      res.on('data', (b: Buffer) => (body += b.toString()));
      res.on('end', () => ok({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', fail);
    req.end();
  });
}

/** Status of a WebSocket handshake: 101 when accepted, else the HTTP status it was refused with. */
function handshake(url: string, origin?: string): Promise<number> {
  return new Promise((ok) => {
    const ws = new WebSocket(url, origin ? { headers: { origin } } : {});
    ws.once('open', () => {
      ws.close();
      ok(101);
    });
    ws.once('unexpected-response', (req, res) => {
      ok(res.statusCode ?? 0);
      req.destroy();
    });
    // A refused handshake may also surface as an error; either way the status is settled once.
    ws.on('error', () => ok(0));
  });
}

function canConnect(host: string, port: number): Promise<boolean> {
  return new Promise((ok) => {
    const s = connect({ host, port });
    s.once('connect', () => {
      s.destroy();
      ok(true);
    });
    s.once('error', () => ok(false));
  });
}

describe('mlf serve security', () => {
  const tmp = tempDir('mlf-e2e-sec-');
  let s: ServeProcess;

  beforeAll(async () => {
    s = await startServe(join(tmp.dir, 'store.sqlite'));
  });
  afterAll(async () => {
    await s?.stop();
    tmp.cleanup();
  });

  it('prints a 127.0.0.1 URL with a long random token', () => {
    expect(s.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=/);
    expect(s.token.length).toBeGreaterThanOrEqual(40);
  });

  it('refuses the page without the token or with a wrong one', async () => {
    expect((await get(s.port, '/')).status).toBe(401);
    expect((await get(s.port, '/?token=nope')).status).toBe(401);
    expect((await get(s.port, `/?token=${s.token.slice(0, -1)}x`)).status).toBe(401);
  });

  it('serves the page with the token, a strict CSP and a session cookie for its assets', async () => {
    const page = await get(s.port, `/?token=${s.token}`);
    expect(page.status).toBe(200);
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    const cookie = String(page.headers['set-cookie']);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    const asset = /src="\.?(\/assets\/[^"]+\.js)"/.exec(page.body)![1]!;
    expect((await get(s.port, asset)).status).toBe(401);
    expect((await get(s.port, asset, { cookie: cookie.split(';')[0]! })).status).toBe(200);
  });

  it('refuses other Host names (DNS rebinding) even with the token', async () => {
    expect((await get(s.port, `/?token=${s.token}`, { host: `evil.example:${s.port}` })).status).toBe(403);
  });

  it('keeps requests inside the renderer folder', async () => {
    const r = await get(s.port, `/%2e%2e/%2e%2e/package.json?token=${s.token}`);
    expect(r.status).toBe(404);
  });

  it('refuses WebSocket handshakes without the token or from another origin', async () => {
    const base = `ws://127.0.0.1:${s.port}/ws`;
    expect(await handshake(base, s.origin)).toBe(401);
    expect(await handshake(`${base}?token=wrong`, s.origin)).toBe(401);
    expect(await handshake(`${base}?token=${s.token}`, 'http://evil.example')).toBe(403);
    expect(await handshake(`${base}?token=${s.token}`, `http://127.0.0.1:${s.port + 1}`)).toBe(403);
    expect(await handshake(`${base}?token=${s.token}`)).toBe(403);
    expect(await handshake(`${base}?token=${s.token}`, s.origin)).toBe(101);
  });

  it('answers contract calls over the socket and validates their input', async () => {
    const c = await nodeClient(s);
    try {
      const info = await c.api.appInfo({});
      expect(info.host).toBe('serve');
      expect(info.storePath).toContain('store.sqlite');
      await expect((c.api as unknown as { appInfo(i: unknown): Promise<unknown> }).appInfo({ extra: 1 })).rejects.toMatchObject({ code: 'BAD_INPUT' });
    } finally {
      c.close();
    }
  });

  it('refuses uploads from other origins or without the token', async () => {
    const hdr = { 'x-mlf-token': s.token, 'content-type': 'application/octet-stream' };
    expect((await get(s.port, '/upload?name=a.csv', { ...hdr, origin: 'http://evil.example' }, 'POST')).status).toBe(403);
    expect((await get(s.port, '/upload?name=a.csv', hdr, 'POST')).status).toBe(403);
    expect((await get(s.port, '/upload?name=a.csv', { origin: s.origin }, 'POST')).status).toBe(401);
  });

  it('refuses downloads without the token', async () => {
    expect((await get(s.port, '/download/export?id=1')).status).toBe(401);
  });

  it('listens on 127.0.0.1 only', async () => {
    expect(await canConnect('127.0.0.1', s.port)).toBe(true);
    expect(await canConnect('::1', s.port)).toBe(false);
    const external = Object.values(networkInterfaces())
      .flat()
      .filter((a) => a && !a.internal)
      .map((a) => a!.address);
    for (const addr of external) expect(await canConnect(addr, s.port), addr).toBe(false);
  });
});
