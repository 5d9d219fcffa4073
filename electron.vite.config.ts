import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import pkg from './package.json';

const define = { __MLF_VERSION__: JSON.stringify(pkg.version) };

// One main-side build emits three Node entries that share chunks: the Electron main process, the
// pool worker (run by utilityProcess.fork and child_process.fork alike) and the `mlf` CLI.
export default defineConfig({
  main: {
    define,
    build: {
      outDir: 'out/main',
      // zod is bundled (pure ESM, tree-shaken), so the packaged app's node_modules need only
      // better-sqlite3's JavaScript; its native part is the Electron-ABI build in resources/native.
      externalizeDeps: { exclude: ['zod'] },
      lib: {
        entry: {
          index: resolve(__dirname, 'electron/main/index.ts'),
          worker: resolve(__dirname, 'electron/worker/index.ts'),
          cli: resolve(__dirname, 'electron/cli/index.ts'),
        },
      },
    },
  },
  // The preload runs sandboxed, where only CommonJS and a require('electron') work: one
  // self-contained .cjs file (zod and the contract bundled in), 'electron' left external.
  preload: {
    build: {
      outDir: 'out/preload',
      externalizeDeps: false,
      lib: {
        entry: { index: resolve(__dirname, 'electron/preload/index.ts') },
        formats: ['cjs'],
        fileName: () => 'index.cjs',
      },
      rolldownOptions: { output: { entryFileNames: '[name].cjs', codeSplitting: false } },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    plugins: [react()],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      rollupOptions: { input: resolve(__dirname, 'renderer/index.html') },
    },
  },
});
