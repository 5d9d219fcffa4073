#!/usr/bin/env node
// `npm start`: the desktop app on this checkout.
//   1. the Electron runtime (downloaded on first use by the electron package's own installer)
//   2. better-sqlite3 built for Electron's ABI, beside the Node build (electronSqlite.mjs)
//   3. the bundles (electron-vite build)
//   4. Electron on the project, pointed at that SQLite build
// Where a step cannot be done here (no network, no display), one line says so and names the
// offline path: the same app in a browser through `npm run serve`.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { ROOT, electronVersion, ensureElectronSqlite } from './electronSqlite.mjs';

const require = createRequire(join(ROOT, 'package.json'));
const OFFLINE = 'start the same app in your browser with `npm run serve` instead';

function fail(message) {
  console.error(`npm start: ${message} — ${OFFLINE}.`);
  process.exit(1);
}

/** The first line of what a failed download printed, without the error class or stack. */
function reason(text) {
  const line = text.split('\n').map((l) => l.trim()).find((l) => l && !l.startsWith('at ')) ?? '';
  return line.replace(/^(\w*Error|Error):\s*/, '').slice(0, 120) || 'no details';
}

function platformExecutable() {
  if (process.platform === 'darwin') return 'Electron.app/Contents/MacOS/Electron';
  return process.platform === 'win32' ? 'electron.exe' : 'electron';
}

/** The Electron executable, downloading it first when missing; resolves like the electron package does. */
function electronExecutable() {
  const pkgDir = dirname(require.resolve('electron/package.json'));
  const pathFile = join(pkgDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : platformExecutable();
  // ELECTRON_OVERRIDE_DIST_PATH: an Electron the user provides (a local build, a shared copy).
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const executable = override ? join(override, relative) : join(pkgDir, 'dist', relative);
  if (override && existsSync(executable)) return executable;
  // The package's installer returns at once when its binary is already in place.
  const install = spawnSync(process.execPath, [join(pkgDir, 'install.js')], { cwd: pkgDir, encoding: 'utf8', env: process.env });
  if (install.status !== 0 || !existsSync(executable)) {
    const why = install.error ? install.error.message : reason(`${install.stderr}\n${install.stdout}`);
    fail(`could not download the Electron ${electronVersion()} runtime (${why})`);
  }
  return executable;
}

function hasDisplay() {
  if (process.platform !== 'linux' && process.platform !== 'freebsd' && process.platform !== 'openbsd') return true;
  return Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
}

const executable = electronExecutable();
if (!hasDisplay()) fail('there is no display to open a window on (neither DISPLAY nor WAYLAND_DISPLAY is set)');

let sqlite;
try {
  sqlite = ensureElectronSqlite({ log: (m) => console.log(m) });
} catch (err) {
  fail(err instanceof Error ? err.message : String(err));
}

const viteDir = dirname(require.resolve('electron-vite/package.json'));
const viteBin = join(viteDir, JSON.parse(readFileSync(join(viteDir, 'package.json'), 'utf8')).bin['electron-vite']);
console.log('building the bundles…');
const build = spawnSync(process.execPath, [viteBin, 'build'], { cwd: ROOT, encoding: 'utf8' });
if (build.status !== 0) {
  process.stderr.write(`${build.stdout}${build.stderr}`);
  console.error('npm start: the build failed (output above).');
  process.exit(1);
}

const env = { ...process.env, MLF_SQLITE_BINDING: sqlite.binary };
delete env.ELECTRON_RUN_AS_NODE;
const app = spawn(executable, [ROOT], { cwd: ROOT, stdio: 'inherit', env });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => app.kill(signal));
app.on('exit', (code, signal) => {
  process.exitCode = code ?? (signal ? 1 : 0);
});
