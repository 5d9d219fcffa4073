import { create } from 'zustand';

/** Screens by their hash path: `#/data`, `#/optimize/<runId>`, `#/inspect/<runId>/<gen>/<idx>`… */
export interface Route {
  screen: string;
  args: string[];
}

export function parseHash(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  return { screen: parts[0] ?? '', args: parts.slice(1) };
}

export function hrefFor(screen: string, ...args: Array<string | number>): string {
  return `#/${[screen, ...args.map((a) => encodeURIComponent(String(a)))].join('/')}`;
}

interface RouteState {
  route: Route;
  go(screen: string, ...args: Array<string | number>): void;
}

export const useRoute = create<RouteState>()((set) => {
  window.addEventListener('hashchange', () => set({ route: parseHash(location.hash) }));
  return {
    route: parseHash(location.hash),
    go: (screen, ...args) => {
      // Keep the token query (it authenticates the socket) and change only the hash.
      location.hash = hrefFor(screen, ...args).slice(1);
    },
  };
});
