#!/usr/bin/env node
// `npm run rebuild:electron`: better-sqlite3 for Electron's ABI, built beside the Node one.
//
// node_modules/better-sqlite3 stays compiled for Node (tests, the CLI, `mlf serve`); the desktop app
// loads this second build through better-sqlite3's `nativeBinding` option. A prebuilt binary is
// fetched when one is published for this Electron; otherwise it is compiled against Electron's
// headers. Nothing happens when the build on disk already matches.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SQLITE_BINARY, electronSqliteDir } from './paths.mjs';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const DEFAULT_HEADERS_URL = 'https://electronjs.org/headers';

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

export function electronVersion(root = ROOT) {
  const require = createRequire(join(root, 'package.json'));
  return readJson(require.resolve('electron/package.json')).version;
}

function betterSqliteDir(root) {
  const require = createRequire(join(root, 'package.json'));
  return dirname(require.resolve('better-sqlite3/package.json'));
}

/** The last meaningful line a failed tool printed: what goes into our one-line error. */
function lastLine(result) {
  if (result.error) return result.error.message;
  const text = `${result.stderr ?? ''}\n${result.stdout ?? ''}`;
  const fetched = /http GET (\S+)/.exec(text);
  if (fetched && /network connectivity|ENOTFOUND|ECONNREFUSED|EAI_AGAIN|ETIMEDOUT/.test(text)) return `could not download ${fetched[1]}`;
  const lines = text
    .split('\n')
    .map((l) => l.replace(/^(gyp|prebuild-install) (ERR!|WARN|warn|info|http) ?/, '').trim())
    .filter((l) => l && !/^(stack|System|command|cwd|node -v|node-gyp -v|not ok|spawn args|at )/.test(l));
  const useful = lines.find((l) => /error|fail|not found|ENOTFOUND|ECONNREFUSED|EAI_AGAIN|404|403/i.test(l));
  return (useful ?? lines.at(-1) ?? `exit code ${result.status}`).slice(0, 160);
}

/** npm passes its own config to scripts; these would point node-gyp or prebuild-install at Node. */
function toolEnv(env) {
  const out = { ...env };
  for (const key of Object.keys(out)) {
    if (/^npm_config_(nodedir|target|target_arch|arch|runtime|disturl|dist_url|platform|build_from_source|devdir|libc)$/i.test(key)) delete out[key];
  }
  return out;
}

/** The NODE_MODULE_VERSION Electron `target` expects, when it can be known offline. */
function expectedAbi(root, target) {
  const require = createRequire(join(root, 'package.json'));
  const electronDir = dirname(require.resolve('electron/package.json'));
  if (readJson(join(electronDir, 'package.json')).version === target && existsSync(join(electronDir, 'abi_version'))) {
    return readFileSync(join(electronDir, 'abi_version'), 'utf8').trim();
  }
  try {
    const prebuild = createRequire(join(betterSqliteDir(root), 'package.json')).resolve('prebuild-install/package.json');
    return String(createRequire(prebuild)('node-abi').getAbi(target, 'electron'));
  } catch {
    return undefined;
  }
}

/**
 * Which ABI a binary was built for, asked of this Node: a binary for another ABI refuses to load
 * and names its NODE_MODULE_VERSION; one that loads was built for Node itself.
 */
function abiOf(binary) {
  const probe = 'try { process.dlopen({ exports: {} }, process.argv[1]); console.log("loads") } catch (e) { console.log(e.message) }';
  const r = spawnSync(process.execPath, ['-e', probe, binary], { encoding: 'utf8' });
  if (r.stdout.trim() === 'loads') return `node ${process.versions.modules}`;
  return /NODE_MODULE_VERSION (\d+)/.exec(r.stdout)?.[1] ?? 'unknown';
}

/**
 * Ensures `<out>/better_sqlite3.node` is built for the given Electron. Returns its path and whether
 * it had to be built; throws an Error with a one-line message when it cannot be had.
 */
export function ensureElectronSqlite({
  root = ROOT,
  target = electronVersion(root),
  platform = process.platform,
  arch = process.arch,
  out = electronSqliteDir(root, platform, arch),
  force = false,
  fromSource = false,
  distUrl = process.env.MLF_ELECTRON_HEADERS_URL || DEFAULT_HEADERS_URL,
  // Electron's headers are cached apart from Node's, so the two never overwrite each other.
  devdir = join(homedir(), '.electron-gyp'),
  // Build against these headers instead (a local Electron build); the ABI check is then skipped.
  nodedir,
  env = process.env,
  log = () => {},
} = {}) {
  const source = betterSqliteDir(root);
  const version = readJson(join(source, 'package.json')).version;
  const stamp = { runtime: 'electron', target, betterSqlite3: version, platform, arch };
  const binary = join(out, SQLITE_BINARY);
  const stampFile = join(out, 'build.json');
  if (!force && existsSync(binary) && JSON.stringify(readJson(stampFile)) === JSON.stringify(stamp)) {
    return { binary, built: false };
  }

  // A private copy of the sources, so building never touches the Node build in node_modules.
  const staging = join(out, 'staging');
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  for (const entry of ['package.json', 'binding.gyp', 'src', 'deps']) cpSync(join(source, entry), join(staging, entry), { recursive: true });
  const built = join(staging, 'build', 'Release', SQLITE_BINARY);
  const childEnv = toolEnv(env);
  const run = (cmd, args) => spawnSync(process.execPath, [cmd, ...args], { cwd: staging, env: childEnv, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });

  // Only a binary for this machine can be probed; cross builds are trusted to their flags.
  const wanted = !nodedir && platform === process.platform && arch === process.arch ? expectedAbi(root, target) : undefined;
  const wrongAbi = () => {
    if (!wanted) return undefined;
    const got = abiOf(built);
    return got === wanted ? undefined : `came out for ABI ${got}, Electron ${target} needs ${wanted}`;
  };

  const failures = [];
  if (!fromSource) {
    log(`fetching a prebuilt better-sqlite3 ${version} for Electron ${target} (${platform}-${arch})…`);
    const prebuild = createRequire(join(source, 'package.json')).resolve('prebuild-install/bin.js');
    const r = run(prebuild, ['--runtime=electron', `--target=${target}`, `--platform=${platform}`, `--arch=${arch}`, '--verbose']);
    const bad = existsSync(built) ? wrongAbi() : undefined;
    if (r.status !== 0 || !existsSync(built) || bad) {
      failures.push(`no prebuilt binary (${bad ?? lastLine(r)})`);
      rmSync(join(staging, 'build'), { recursive: true, force: true });
    }
  }
  if (!existsSync(built)) {
    log(`compiling better-sqlite3 ${version} against Electron ${target} headers…`);
    const gyp = createRequire(join(root, 'package.json')).resolve('node-gyp/bin/node-gyp.js');
    const args = ['rebuild', '--release', `--target=${target}`, `--arch=${arch}`];
    if (nodedir) args.push(`--nodedir=${nodedir}`);
    else args.push(`--dist-url=${distUrl}`, `--devdir=${devdir}`);
    const r = run(gyp, args);
    const bad = existsSync(built) ? wrongAbi() : undefined;
    if (r.status !== 0 || !existsSync(built) || bad) {
      failures.push(`compiling failed (${bad ?? lastLine(r)})`);
      rmSync(join(staging, 'build'), { recursive: true, force: true });
    }
  }
  if (!existsSync(built)) {
    rmSync(staging, { recursive: true, force: true });
    throw new Error(`could not get better-sqlite3 ${version} for Electron ${target} (${platform}-${arch}): ${failures.join('; ')}`);
  }
  // Replaced in one rename: an interrupted build never leaves a half-written binary behind.
  cpSync(built, `${binary}.tmp`);
  renameSync(`${binary}.tmp`, binary);
  writeFileSync(stampFile, `${JSON.stringify(stamp, null, 2)}\n`);
  rmSync(staging, { recursive: true, force: true });
  return { binary, built: true };
}

function parseArgs(argv) {
  const opts = {};
  for (const arg of argv) {
    const m = /^--([\w-]+)(?:=(.*))?$/.exec(arg);
    if (!m) throw new Error(`unexpected argument: ${arg}`);
    const [, key, value] = m;
    if (key === 'force') opts.force = true;
    else if (key === 'from-source') opts.fromSource = true;
    else if (['target', 'arch', 'platform', 'out', 'nodedir', 'dist-url'].includes(key) && value) opts[key === 'dist-url' ? 'distUrl' : key] = key === 'out' ? resolve(value) : value;
    else throw new Error(`unknown option: ${arg} (options: --force --from-source --target= --arch= --platform= --out= --nodedir= --dist-url=)`);
  }
  return opts;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const opts = parseArgs(process.argv.slice(2));
    const { binary, built } = ensureElectronSqlite({ ...opts, log: (m) => console.log(m) });
    console.log(built ? `built ${binary}` : `up to date: ${binary}`);
  } catch (err) {
    console.error(`rebuild:electron: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  }
}
