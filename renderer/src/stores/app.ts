import { create } from 'zustand';
import type { OutputOf } from '../../../shared/contract/define';
import type { Procedures } from '../../../shared/contract/index';
import { connectionState, getApi, onConnectionState } from '../api/client';
import type { ConnectionState } from '../api/socketTransport';

export type AppInfo = OutputOf<Procedures['appInfo']>;

export type MenuCommand = 'importCsv' | 'openConfig' | 'exportElites' | 'about';

interface AppState {
  /** A desktop menu command waiting for its screen to carry it out (seq makes repeats distinct). */
  command: { name: MenuCommand; seq: number } | null;
  info: AppInfo | null;
  connection: ConnectionState;
  /** Last backend `log` events and UI errors, newest last. */
  messages: Array<{ level: 'info' | 'warn' | 'error'; message: string; at: number }>;
  notify(level: 'info' | 'warn' | 'error', message: string): void;
  dismiss(at: number): void;
}

export const useApp = create<AppState>()((set, get) => ({
  command: null,
  info: null,
  connection: connectionState(),
  messages: [],
  notify: (level, message) => set({ messages: [...get().messages.slice(-4), { level, message, at: Date.now() + Math.random() }] }),
  dismiss: (at) => set({ messages: get().messages.filter((m) => m.at !== at) }),
}));

/** Wires the connection state, app info and backend log events into the store once. */
export function startAppStore(): void {
  const api = getApi();
  const load = () =>
    api.appInfo({}).then(
      (info) => useApp.setState({ info }),
      (err: Error) => useApp.getState().notify('error', err.message),
    );
  onConnectionState((connection) => {
    useApp.setState({ connection });
    if (connection === 'open') void load();
  });
  useApp.setState({ connection: connectionState() });
  api.on('log', (m) => useApp.getState().notify(m.level, m.message));
  // The desktop menu: open the screen that owns the command and leave the command for it.
  let seq = 0;
  api.on('menuCommand', ({ command }) => {
    useApp.setState({ command: { name: command, seq: ++seq } });
    const screen = { importCsv: 'data', openConfig: 'optimize', exportElites: 'optimize', about: 'settings' }[command];
    if (!location.hash.startsWith(`#/${screen}`)) location.hash = `/${screen}`;
  });
  void load();
}
