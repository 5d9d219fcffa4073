import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { builtinModules, createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { runInNewContext } from 'node:vm';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../../electron/backend/backend';
import { APP_ORIGIN, createAppProtocolHandler } from '../../../electron/main/appProtocol';
import { registerIpcAdapter } from '../../../electron/main/ipcAdapter';
import { PROCEDURE_NAMES, type MlfApi } from '../../../shared/contract/index';
import { tempDir } from '../../helpers/tmp';
import { fakeIpc } from './fakeIpc';

const root = resolve(__dirname, '../../..');
let tmp: ReturnType<typeof tempDir>;
let out: string;

// The bundles as `npm start` and electron-builder get them, built here without any Electron binary.
beforeAll(() => {
  tmp = tempDir('mlf-bundles-');
  out = join(tmp.dir, 'out');
  const require = createRequire(join(root, 'package.json'));
  const viteDir = dirname(require.resolve('electron-vite/package.json'));
  const bin = join(viteDir, JSON.parse(readFileSync(join(viteDir, 'package.json'), 'utf8')).bin['electron-vite']);
  const r = spawnSync(process.execPath, [bin, 'build', '--outDir', out, '--logLevel', 'warn'], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`electron-vite build failed:\n${r.stdout}${r.stderr}`);
});
afterAll(() => tmp.cleanup());

/** Bare module names a bundle file loads, following its relative imports into shared chunks. */
function packagesLoadedBy(entry: string, seen = new Set<string>()): Set<string> {
  const found = new Set<string>();
  if (seen.has(entry)) return found;
  seen.add(entry);
  const text = readFileSync(entry, 'utf8');
  for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g)) {
    const spec = (m[1] ?? m[2] ?? m[3])!;
    if (spec.startsWith('.')) for (const p of packagesLoadedBy(join(dirname(entry), spec), seen)) found.add(p);
    else found.add(spec);
  }
  return found;
}

describe('bundles', () => {
  it('emits the main process, the worker and the CLI as Node entries, and the preload as one CommonJS file', () => {
    for (const f of ['main/index.js', 'main/worker.js', 'main/cli.js', 'preload/index.cjs', 'renderer/index.html']) {
      expect(existsSync(join(out, f)), f).toBe(true);
    }
  });

  it('main process and workers load no package but better-sqlite3 (what the installer ships)', () => {
    const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
    for (const entry of ['main/index.js', 'main/worker.js']) {
      const external = [...packagesLoadedBy(join(out, entry))].filter((p) => !builtins.has(p) && p !== 'electron');
      expect(external.filter((p) => p !== 'better-sqlite3'), entry).toEqual([]);
    }
  });

  it('the preload runs in a sandbox that offers only require("electron") and exposes the contract client, nothing else', async () => {
    const code = readFileSync(join(out, 'preload/index.cjs'), 'utf8');
    const dir = tempDir('mlf-preload-store-');
    const backend: Backend = createBackend({ storePath: join(dir.dir, 'mlf.sqlite'), host: 'electron' });
    try {
      const ipc = fakeIpc({ url: `${APP_ORIGIN}/index.html`, parent: null });
      registerIpcAdapter({ ipcMain: ipc.ipcMain, router: backend.router, events: backend.events, targets: () => [ipc.webContents] });
      const exposed: Record<string, unknown> = {};
      const electron = { contextBridge: { exposeInMainWorld: (key: string, api: unknown) => (exposed[key] = api) }, ipcRenderer: ipc.ipcRenderer };
      const sandboxRequire = (name: string) => {
        if (name === 'electron') return electron;
        throw new Error(`module not found: ${name}`);
      };
      const module = { exports: {} };
      runInNewContext(code, { require: sandboxRequire, module, exports: module.exports, TextEncoder, TextDecoder, console });
      expect(Object.keys(exposed)).toEqual(['mlf']);
      const api = exposed.mlf as MlfApi;
      expect(Object.keys(api).sort()).toEqual([...PROCEDURE_NAMES, 'on'].sort());
      expect((await api.appInfo({})).host).toBe('electron');
    } finally {
      await backend.close();
      dir.cleanup();
    }
  });

  it('the renderer runs under the app’s CSP with no violation', async () => {
    // The app:// handler behind a loopback HTTP server: same files, same headers, same 'self'.
    const handler = createAppProtocolHandler(join(out, 'renderer'));
    const server: Server = createServer(async (req, res) => {
      const r = await handler(new Request(`${APP_ORIGIN}${req.url}`, { method: req.method }));
      res.writeHead(r.status, Object.fromEntries(r.headers));
      res.end(Buffer.from(await r.arrayBuffer()));
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    const port = (server.address() as { port: number }).port;
    const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium' });
    try {
      const page = await browser.newPage();
      const problems: string[] = [];
      page.on('console', (m) => {
        if (/Content.Security.Policy/i.test(m.text())) problems.push(m.text());
      });
      page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
      await page.addInitScript({
        content: "document.addEventListener('securitypolicyviolation', (e) => console.error('Content Security Policy violation: ' + e.violatedDirective + ' ' + e.blockedURI));",
      });
      const response = await page.goto(`http://127.0.0.1:${port}/index.html`, { waitUntil: 'load' });
      expect(response!.headers()['content-security-policy']).toContain("script-src 'self'");
      await page.waitForFunction("(document.getElementById('root')?.childElementCount ?? 0) > 0");
      expect(problems).toEqual([]);
    } finally {
      await browser.close();
      await new Promise((ok) => server.close(ok));
    }
  });
});
