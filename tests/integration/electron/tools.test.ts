import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { electronVersion, ensureElectronSqlite } from '../../../electron/tools/electronSqlite.mjs';
import { tempDir } from '../../helpers/tmp';

const root = resolve(__dirname, '../../..');
// Nothing listens on the discard port: every download fails at once, on any machine.
const NOWHERE = 'http://127.0.0.1:9';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir('mlf-tools-');
});
afterEach(() => tmp.cleanup());

/** `npm start` in an environment where the Electron runtime cannot be downloaded. */
function start(env: NodeJS.ProcessEnv) {
  const clean = { ...process.env };
  delete clean.DISPLAY;
  delete clean.WAYLAND_DISPLAY;
  const r = spawnSync(process.execPath, [join(root, 'electron/tools/start.mjs')], { cwd: root, encoding: 'utf8', env: { ...clean, ...env } });
  return { status: r.status, lines: `${r.stdout}${r.stderr}`.trim().split('\n') };
}

describe('npm start', () => {
  it('says in one line that the Electron runtime could not be downloaded, points to npm run serve, and fails', () => {
    const r = start({
      ELECTRON_OVERRIDE_DIST_PATH: join(tmp.dir, 'no-electron-here'),
      ELECTRON_MIRROR: `${NOWHERE}/`,
      electron_config_cache: join(tmp.dir, 'cache'),
    });
    expect(r.status).toBe(1);
    expect(r.lines).toHaveLength(1);
    expect(r.lines[0]).toContain(`could not download the Electron ${electronVersion()} runtime`);
    expect(r.lines[0]).toContain('npm run serve');
  });

  it.runIf(process.platform === 'linux')('says in one line that there is no display, before building anything', () => {
    const dist = join(tmp.dir, 'electron-dist');
    const pkgDir = dirname(createRequire(join(root, 'package.json')).resolve('electron/package.json'));
    const pathFile = join(pkgDir, 'path.txt');
    const exe = join(dist, existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : 'electron');
    mkdirSync(dirname(exe), { recursive: true });
    writeFileSync(exe, '#!/bin/sh\nexit 0\n');
    chmodSync(exe, 0o755);
    const r = start({ ELECTRON_OVERRIDE_DIST_PATH: dist });
    expect(r.status).toBe(1);
    expect(r.lines).toHaveLength(1);
    expect(r.lines[0]).toContain('no display');
    expect(r.lines[0]).toContain('npm run serve');
  });
});

describe('rebuild:electron', () => {
  const stampFor = (target: string) => {
    const version = JSON.parse(readFileSync(join(root, 'node_modules/better-sqlite3/package.json'), 'utf8')).version;
    return { runtime: 'electron', target, betterSqlite3: version, platform: process.platform, arch: process.arch };
  };

  it('leaves a build that matches this Electron and better-sqlite3 alone', () => {
    const out = join(tmp.dir, 'native');
    mkdirSync(out);
    writeFileSync(join(out, 'better_sqlite3.node'), 'previous build');
    writeFileSync(join(out, 'build.json'), JSON.stringify(stampFor(electronVersion())));
    const r = ensureElectronSqlite({ out, env: { ...process.env, PATH: '' } });
    expect(r).toEqual({ binary: join(out, 'better_sqlite3.node'), built: false });
  });

  it('fails in one line naming both ways it tried, and keeps the previous build, when nothing can be fetched', () => {
    const out = join(tmp.dir, 'native');
    mkdirSync(out);
    writeFileSync(join(out, 'better_sqlite3.node'), 'previous build');
    writeFileSync(join(out, 'build.json'), JSON.stringify(stampFor('1.0.0')));
    let message = '';
    try {
      ensureElectronSqlite({
        out,
        distUrl: NOWHERE,
        devdir: join(tmp.dir, 'electron-gyp'),
        env: { ...process.env, npm_config_better_sqlite3_binary_host: NOWHERE },
      });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/^could not get better-sqlite3 [\d.]+ for Electron [\d.]+/);
    expect(message).toContain('no prebuilt binary');
    expect(message).toContain('compiling failed');
    expect(message).not.toContain('\n');
    expect(readFileSync(join(out, 'better_sqlite3.node'), 'utf8')).toBe('previous build');
    expect(existsSync(join(out, 'staging'))).toBe(false);
  });
});
