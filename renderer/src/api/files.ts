import { hostKind, serveToken } from './client';

/**
 * Files chosen in the page, as paths the backend can read. In a browser the file is streamed to
 * the serve host's upload area first (token-protected); the desktop preload may expose the
 * file's own path instead.
 */
export async function uploadForBackend(file: File, onProgress?: (sent: number, total: number) => void): Promise<string> {
  const bridge = (window as unknown as { mlfFiles?: { pathFor(f: File): string } }).mlfFiles;
  if (hostKind() === 'electron' && bridge) return bridge.pathFor(file);
  onProgress?.(0, file.size);
  const res = await fetch(`/upload?name=${encodeURIComponent(file.name)}`, {
    method: 'POST',
    headers: { 'x-mlf-token': serveToken(), 'content-type': 'application/octet-stream' },
    body: file,
  });
  if (!res.ok) throw new Error(`upload of ${file.name} failed: ${(await res.text()).trim()}`);
  onProgress?.(file.size, file.size);
  return ((await res.json()) as { path: string }).path;
}
