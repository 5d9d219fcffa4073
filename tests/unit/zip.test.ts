import { execFileSync } from 'node:child_process';
import { writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crc32, zip } from '../../shared/export/zip';
import { tempDir } from '../helpers/tmp';

describe('zip writer', () => {
  it('computes the standard CRC-32', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  });

  it('writes an archive that a real unzip reads back byte for byte', () => {
    const files = { 'elite-01.json': '{"a":1}', 'sub/objectives.csv': 'gen,x\n1,2\n', 'ünïcode.txt': 'ok' };
    const bytes = zip(Object.entries(files).map(([name, s]) => ({ name, data: new TextEncoder().encode(s) })));
    const tmp = tempDir();
    try {
      const path = join(tmp.dir, 'x.zip');
      writeFileSync(path, bytes);
      let listing: string;
      try {
        listing = execFileSync('python3', ['-c', 'import sys,zipfile,json; z=zipfile.ZipFile(sys.argv[1]); z.testzip(); print(json.dumps({n: z.read(n).decode() for n in z.namelist()}))', path]).toString();
      } catch {
        // No python3: check the local headers by hand instead.
        listing = JSON.stringify(readLocal(readFileSync(path)));
      }
      expect(JSON.parse(listing)).toEqual(files);
    } finally {
      tmp.cleanup();
    }
  });
});

function readLocal(buf: Buffer): Record<string, string> {
  const out: Record<string, string> = {};
  let at = 0;
  while (buf.readUInt32LE(at) === 0x04034b50) {
    const method = buf.readUInt16LE(at + 8);
    const size = buf.readUInt32LE(at + 18);
    const nameLen = buf.readUInt16LE(at + 26);
    const name = buf.subarray(at + 30, at + 30 + nameLen).toString();
    const data = buf.subarray(at + 30 + nameLen, at + 30 + nameLen + size);
    out[name] = (method === 0 ? data : inflateRawSync(data)).toString();
    at += 30 + nameLen + size;
  }
  return out;
}
