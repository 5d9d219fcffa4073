import { getApi, hostKind } from './client';

function save(href: string, name?: string): void {
  const a = document.createElement('a');
  a.href = href;
  if (name) a.download = name;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
}

/**
 * Exports the elites of a run's generation. In a browser the serve host builds one ZIP (a plain
 * download the browser saves); in the desktop app the files are written into a folder chosen in
 * the native dialog. Returns that folder (desktop) or null.
 */
export async function downloadElites(id: number, generation?: number, top?: number): Promise<string | null> {
  const q = new URLSearchParams({ id: String(id) });
  if (generation) q.set('generation', String(generation));
  if (top) q.set('top', String(top));
  if (hostKind() === 'browser') {
    save(`/download/export?${q}`);
    return null;
  }
  // Desktop: the files go into a folder the user picks, ready for `mlf backtest` / `mlf optimize`.
  const api = getApi();
  const { path } = await api.chooseFile({ mode: 'folder', title: `Export the elites of run ${id} into…` });
  if (!path) return null;
  const { dir } = await api.exportRun({ id, dir: path, ...(generation ? { generation } : {}), ...(top ? { top } : {}) });
  return dir;
}
