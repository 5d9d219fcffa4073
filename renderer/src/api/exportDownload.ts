import { zip } from '../../../shared/export/zip';
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
 * The elites of a run's generation as one ZIP: in a browser the serve host builds it (a plain
 * download the browser saves), in the desktop app it is built here from `exportRun` and saved
 * through the window's download dialog.
 */
export async function downloadElites(id: number, generation?: number, top?: number): Promise<void> {
  const q = new URLSearchParams({ id: String(id) });
  if (generation) q.set('generation', String(generation));
  if (top) q.set('top', String(top));
  if (hostKind() === 'browser') return save(`/download/export?${q}`);
  const { files } = await getApi().exportRun({ id, ...(generation ? { generation } : {}), ...(top ? { top } : {}) });
  const enc = new TextEncoder();
  const bytes = zip(files.map((f) => ({ name: f.name, data: enc.encode(f.content) })));
  const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/zip' }));
  save(url, `mlf-run-${id}${generation ? `-gen-${generation}` : ''}-elites.zip`);
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
