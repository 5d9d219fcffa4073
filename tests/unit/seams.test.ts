import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../..');

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(root, dir))) {
    const rel = join(dir, name);
    if (statSync(join(root, rel)).isDirectory()) out.push(...sources(rel));
    else if (/\.(ts|tsx)$/.test(name)) out.push(rel);
  }
  return out;
}

function imports(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  const found: string[] = [];
  for (const m of text.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^import\s+['"]([^'"]+)['"]/gm)) {
    found.push((m[1] ?? m[2] ?? m[3])!);
  }
  return found;
}

/** Top-level folder an import lands in ('' for packages and builtins). */
function target(file: string, spec: string): string {
  if (!spec.startsWith('.')) return '';
  return relative(root, resolve(root, dirname(file), spec)).split(/[\\/]/)[0]!;
}

describe('seams', () => {
  it('shared/ imports no other folder, no Node builtin, no Electron and no DOM library', () => {
    for (const file of sources('shared')) {
      for (const spec of imports(file)) {
        const t = target(file, spec);
        expect(t === '' || t === 'shared', `${file} imports ${spec}`).toBe(true);
        expect(spec.startsWith('node:') || spec === 'electron' || /^(fs|path|os|child_process|worker_threads|react|react-dom)$/.test(spec), `${file} imports ${spec}`).toBe(false);
      }
    }
  });

  it("only electron/main and electron/preload import 'electron'", () => {
    for (const dir of ['electron', 'renderer', 'tests']) {
      for (const file of sources(dir)) {
        if (file.startsWith('electron/main/') || file.startsWith('electron/preload/')) continue;
        for (const spec of imports(file)) expect(spec === 'electron' || spec.startsWith('electron/'), `${file} imports ${spec}`).toBe(false);
      }
    }
  });

  it('the renderer imports only shared/ and its own code', () => {
    for (const file of sources('renderer')) {
      for (const spec of imports(file)) {
        const t = target(file, spec);
        expect(t === '' || t === 'shared' || t === 'renderer', `${file} imports ${spec}`).toBe(true);
        expect(spec.startsWith('node:'), `${file} imports ${spec}`).toBe(false);
      }
    }
  });
});
