import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import WebSocket from 'ws';
import { createClient } from '../../shared/contract/client';
import { decodeMessage, encodeMessage } from '../../shared/contract/codec';
import { MlfError } from '../../shared/contract/errors';
import type { MlfApi } from '../../shared/contract/index';
import type { ServerFrame } from '../../shared/contract/wire';

export const ROOT = resolve(__dirname, '../..');
export const ARTIFACTS = join(ROOT, 'test-artifacts');

export interface ServeProcess {
  url: string;
  origin: string;
  port: number;
  token: string;
  proc: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

/** `mlf serve` as users run it (the built CLI), on a free port and the given store file. */
export async function startServe(db: string): Promise<ServeProcess> {
  const cli = join(ROOT, 'out/main/cli.js');
  if (!existsSync(cli)) throw new Error('out/main/cli.js is missing: run `npm run build` first (npm test does)');
  const proc = spawn(process.execPath, [join(ROOT, 'bin/mlf.js'), 'serve', '--port', '0', '--db', db], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, MLF_DB: '' },
  });
  let out = '';
  proc.stdout!.on('data', (b: Buffer) => (out += b.toString()));
  proc.stderr!.on('data', (b: Buffer) => (out += b.toString()));
  const url = await new Promise<string>((ok, fail) => {
    const timer = setInterval(() => {
      const m = /http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+/.exec(out);
      if (m) {
        clearInterval(timer);
        ok(m[0]);
      }
    }, 20);
    proc.once('exit', (code) => {
      clearInterval(timer);
      fail(new Error(`mlf serve exited with ${code}:\n${out}`));
    });
  });
  const u = new URL(url);
  return {
    url,
    origin: u.origin,
    port: Number(u.port),
    token: u.searchParams.get('token')!,
    proc,
    output: () => out,
    stop: () =>
      new Promise<void>((done) => {
        if (proc.exitCode !== null) return done();
        proc.once('exit', () => done());
        proc.kill('SIGTERM');
      }),
  };
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** The contract from Node over the serve host's socket, as a second client beside the page. */
export async function nodeClient(s: Pick<ServeProcess, 'port' | 'token' | 'origin'>): Promise<{ api: MlfApi; close(): void }> {
  const ws = new WebSocket(`ws://127.0.0.1:${s.port}/ws?token=${s.token}`, { headers: { origin: s.origin } });
  await new Promise<void>((ok, fail) => {
    ws.once('open', () => ok());
    ws.once('error', fail);
  });
  const pending = new Map<number, { ok(v: unknown): void; fail(e: unknown): void }>();
  // After the handshake, a dropped connection fails the calls in flight instead of throwing.
  ws.on('error', (err) => {
    for (const p of pending.values()) p.fail(err);
    pending.clear();
  });
  const listeners = new Set<(n: string, p: unknown) => void>();
  ws.on('message', (data: Buffer) => {
    const f = decodeMessage(new Uint8Array(data.buffer, data.byteOffset, data.byteLength)) as ServerFrame;
    if (f.t === 'event') for (const l of listeners) l(f.name, f.payload);
    else {
      const p = pending.get(f.id);
      pending.delete(f.id);
      if (f.ok) p?.ok(f.value);
      else p?.fail(MlfError.fromShape(f.error));
    }
  });
  let id = 0;
  const api = createClient({
    invoke: (name, input) =>
      new Promise((ok, fail) => {
        const n = ++id;
        pending.set(n, { ok, fail });
        ws.send(encodeMessage({ t: 'call', id: n, name, input }));
      }),
    subscribe: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  });
  return { api, close: () => ws.close() };
}

/** A screenshot under test-artifacts/ (gitignored) for people to look at. */
export async function snap(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
}
