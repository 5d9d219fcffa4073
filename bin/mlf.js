#!/usr/bin/env node
// The `mlf` command: runs the built CLI bundle. `npm install` builds it (the `prepare` script).
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const cli = fileURLToPath(new URL('../out/main/cli.js', import.meta.url));
if (!existsSync(cli)) {
  console.error('mlf: the program is not built yet. Run `npm run build` in the project folder first.');
  process.exit(1);
}
await import(pathToFileURL(cli).href);
