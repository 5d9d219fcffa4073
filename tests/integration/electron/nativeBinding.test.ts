import { copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../../electron/backend/store/index';
import { tempDir } from '../../helpers/tmp';

const root = resolve(__dirname, '../../..');
const nodeBuild = join(dirname(createRequire(join(root, 'package.json')).resolve('better-sqlite3/package.json')), 'build', 'Release', 'better_sqlite3.node');

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir('mlf-binding-');
});
afterEach(() => tmp.cleanup());

// The desktop app opens the store with better-sqlite3's addon built for Electron, kept outside
// node_modules; here a copy of the Node build at another path stands in for it.
describe('openStore nativeBinding', () => {
  it('loads the addon from the given path, for writing and for read-only workers', () => {
    const addon = join(tmp.dir, 'electron-abi', 'better_sqlite3.node');
    mkdirSync(dirname(addon));
    copyFileSync(nodeBuild, addon);
    const path = join(tmp.dir, 'mlf.sqlite');
    const store = openStore(path, { nativeBinding: addon });
    store.close();
    openStore(path, { readonly: true, nativeBinding: addon }).close();
    expect(Object.keys(createRequire(import.meta.url).cache)).toContain(addon);
  });

  it('fails on a missing addon instead of quietly using the Node build', () => {
    const missing = join(tmp.dir, 'nowhere', 'better_sqlite3.node');
    expect(() => openStore(join(tmp.dir, 'a.sqlite'), { nativeBinding: missing })).toThrow(/Cannot find module|nowhere/);
  });

  it('takes MLF_SQLITE_BINDING when no path is given (how utility-process workers get it)', () => {
    const before = process.env.MLF_SQLITE_BINDING;
    process.env.MLF_SQLITE_BINDING = join(tmp.dir, 'nowhere', 'better_sqlite3.node');
    try {
      expect(() => openStore(join(tmp.dir, 'b.sqlite'))).toThrow(/Cannot find module|nowhere/);
    } finally {
      if (before === undefined) delete process.env.MLF_SQLITE_BINDING;
      else process.env.MLF_SQLITE_BINDING = before;
    }
  });
});
