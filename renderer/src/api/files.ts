import { serveToken } from './client';

/**
 * A file chosen in a browser page, as a path the backend can read: the file is streamed to the
 * serve host's upload area (token-protected, removed when the host stops). The desktop app picks
 * files with its native dialog (`chooseFile`) and needs no upload.
 */
export async function uploadForBackend(file: File): Promise<string> {
  const res = await fetch(`/upload?name=${encodeURIComponent(file.name)}`, {
    method: 'POST',
    headers: { 'x-mlf-token': serveToken(), 'content-type': 'application/octet-stream' },
    body: file,
  });
  if (!res.ok) throw new Error(`upload of ${file.name} failed: ${(await res.text()).trim()}`);
  return ((await res.json()) as { path: string }).path;
}
