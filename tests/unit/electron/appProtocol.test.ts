import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ORIGIN, createAppProtocolHandler, isAppUrl } from '../../../electron/main/appProtocol';
import { CONTENT_SECURITY_POLICY } from '../../../electron/main/csp';
import { tempDir } from '../../helpers/tmp';

let tmp: ReturnType<typeof tempDir>;
let handler: (r: Request) => Promise<Response>;

beforeAll(() => {
  tmp = tempDir('mlf-protocol-');
  const root = join(tmp.dir, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>app</title>');
  writeFileSync(join(root, 'assets', 'index-abc.js'), 'console.log(1)');
  writeFileSync(join(root, 'assets', 'style.css'), 'body{}');
  writeFileSync(join(tmp.dir, 'secret.txt'), 'outside the renderer');
  handler = createAppProtocolHandler(root);
});
afterAll(() => tmp.cleanup());

const get = (path: string, method = 'GET') => handler(new Request(`${APP_ORIGIN}${path}`, { method }));

describe('app:// protocol', () => {
  it('serves the entry page with the CSP and a correct type', async () => {
    for (const path of ['/', '/index.html']) {
      const r = await get(path);
      expect(r.status).toBe(200);
      expect(r.headers.get('content-type')).toMatch(/^text\/html/);
      expect(r.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(await r.text()).toContain('<title>app</title>');
    }
  });

  it('serves bundle files with their MIME types', async () => {
    const js = await get('/assets/index-abc.js');
    expect(js.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(await js.text()).toBe('console.log(1)');
    expect((await get('/assets/style.css')).headers.get('content-type')).toMatch(/^text\/css/);
    expect((await get('/assets/style.css')).headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('never leaves the renderer folder, however the path is spelled', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/..%5csecret.txt', '/%00index.html']) {
      const r = await get(path);
      expect(r.status, path).toBe(404);
      expect(await r.text(), path).not.toContain('outside');
    }
  });

  it('answers other hosts and schemes with 404', async () => {
    expect((await handler(new Request('app://other/index.html'))).status).toBe(404);
    expect((await handler(new Request('https://mlf/index.html'))).status).toBe(404);
  });

  it('falls back to the entry page for client-side routes but not for missing files', async () => {
    const route = await get('/runs/12');
    expect(route.status).toBe(200);
    expect(await route.text()).toContain('<title>app</title>');
    expect((await get('/assets/missing.js')).status).toBe(404);
  });

  it('refuses methods other than GET and HEAD', async () => {
    expect((await get('/index.html', 'POST')).status).toBe(405);
    const head = await get('/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('recognises its own origin only', () => {
    expect(isAppUrl('app://mlf/index.html')).toBe(true);
    expect(isAppUrl('app://mlf.evil.com/')).toBe(false);
    expect(isAppUrl('file:///etc/passwd')).toBe(false);
    expect(isAppUrl('https://example.com')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
  });
});
