// The Electron main process entry: wires the real Electron objects into the desktop shell.
import { createBackend } from '../backend/backend';
import { startDesktop } from './desktop';
import { electronEdge } from './electron';

const edge = electronEdge();
const desktop = startDesktop(edge, {
  env: process.env,
  platform: process.platform,
  arch: process.arch,
  resourcesPath: process.resourcesPath,
  createBackend,
});

desktop.ready.catch((err: unknown) => {
  console.error(`[mlf] could not start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  edge.showErrorBox('MLF Workstation could not start', err instanceof Error ? err.message : String(err));
  edge.app.exit(1);
});

// Ctrl+C in the terminal that ran `npm start` quits through the same orderly path as the menu.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => edge.app.quit());
