import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createBackend } from '../../backend/backend';
import { resolveStorePath } from '../../backend/paths';
import { parseOptions } from '../storeOptions';
import { UsageError, type Command } from '../command';
import { startServeHost } from '../serve/host';

/** The built renderer sits beside the CLI bundle: out/main/cli.js → out/renderer. */
function rendererDir(): string {
  return fileURLToPath(new URL('../renderer', import.meta.url));
}

function openBrowser(url: string): void {
  const cmd = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'cmd' : 'xdg-open';
  const args = process.platform === 'win32' ? ['/c', 'start', '', url] : [url];
  const child = spawn(cmd, args, { stdio: 'ignore', detached: true });
  child.on('error', () => console.error(`mlf serve: could not open a browser; open the URL above by hand`));
  child.unref();
}

export const serveCommand: Command = {
  name: 'serve',
  summary: 'Serve the workstation UI to a browser on this machine (127.0.0.1, token-protected)',
  usage: [
    'mlf serve [--port P] [--open] [--db PATH]',
    '',
    '  --port P    port on 127.0.0.1 (default: a free one)',
    '  --open      open the page in the default browser',
    '  --db PATH   the candle store file (default: MLF_DB, then the app-data folder)',
    '',
    'Prints the page URL with its per-launch token; only that URL opens the UI.',
  ].join('\n'),
  async run(argv) {
    const { values } = parseOptions({
      args: argv,
      options: { port: { type: 'string' }, open: { type: 'boolean' }, db: { type: 'string' } },
    });
    const port = values.port === undefined ? 0 : Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be 0..65535, got ${values.port}`);
    const staticDir = rendererDir();
    if (!existsSync(`${staticDir}/index.html`)) {
      console.error('mlf serve: the renderer is not built. Run `npm run build` (or `npm run serve`).');
      return 1;
    }
    const storePath = resolveStorePath(values.db);
    const backend = createBackend({ storePath, host: 'serve' });
    let host;
    try {
      host = await startServeHost({ backend, staticDir, port });
    } catch (err) {
      await backend.close();
      const e = err as NodeJS.ErrnoException;
      if (e.code === 'EADDRINUSE') throw new UsageError(`port ${port} is in use`);
      throw err;
    }
    console.log(`MLF Workstation is served at\n\n  ${host.url}\n\nstore: ${storePath}\nPress Ctrl+C to stop.`);
    if (values.open) openBrowser(host.url);

    await new Promise<void>((done) => {
      let stopping = false;
      const stop = () => {
        if (stopping) return;
        stopping = true;
        void host.close().then(() => backend.close()).finally(done);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    return 0;
  },
};
