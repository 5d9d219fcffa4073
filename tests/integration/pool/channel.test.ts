import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ByteWriter } from '../../../shared/stats/bytes';
import { encodeReply, openReply } from '../../../shared/stats/wire';
import { acceptPool, connectWorker, newChannelEndpoint } from '../../../electron/backend/pool/channel';
import { FrameReader, frameKind, readReplies, readTasks, ReplyFrameBuilder, TASKS_MAGIC } from '../../../electron/backend/pool/frames';

const posix = process.platform !== 'win32';

/** A worker's end listening at a fresh endpoint, once it may be connected to. */
async function listening(label: number) {
  const { endpoint, dispose } = newChannelEndpoint(label);
  let ready!: () => void;
  const isListening = new Promise<void>((r) => (ready = r));
  const accepted = acceptPool(endpoint, ready);
  await isListening;
  return { endpoint, dispose, accepted };
}

describe('the worker channel (a real local socket)', () => {
  it('carries task frames to the worker and reply frames back; the endpoint is gone once connected', async () => {
    const { endpoint, dispose, accepted } = await listening(1);
    try {
      const replies: Array<{ task: number; objectives: number[] }> = [];
      let gotReply!: () => void;
      const replied = new Promise<void>((r) => (gotReply = r));
      const pool = connectWorker(
        endpoint,
        (frame) => {
          for (const it of readReplies(frame).items) replies.push({ task: it.task, objectives: openReply(it.payload).objectives });
          gotReply();
        },
        (why) => {
          throw new Error(why);
        },
      );
      const worker = await accepted;
      if (posix) {
        expect(existsSync(endpoint.path)).toBe(false);
        expect(existsSync(dirname(endpoint.path))).toBe(false);
      }
      // The worker's side: read task frames, answer each task with its index as objective.
      const w = new ByteWriter(1024);
      const reader = new FrameReader((frame) => {
        expect(frameKind(frame)).toBe(TASKS_MAGIC);
        const b = new ReplyFrameBuilder(w);
        b.begin();
        for (const t of readTasks(frame)) {
          b.beginItem(t.task, t.payload.index);
          const payload = encodeReply(w, { objectives: [t.payload.index, t.payload.genome[0]!], stats: null, evalMs: 1 });
          b.endItem(payload.byteLength, 0);
        }
        worker.write(b.end(0, 0).slice());
      });
      worker.on('data', (d: Buffer) => reader.push(d));
      worker.resume();
      pool.sendTasks([
        { task: 5, payload: { index: 10, genome: Float64Array.of(0.5, 2), market: 'train', window: { from: 0, to: 9 } } },
        { task: 6, payload: { index: 11, genome: Float64Array.of(-3, 2), market: 'train', window: { from: 0, to: 9 } } },
      ]);
      await replied;
      expect(replies).toEqual([
        { task: 5, objectives: [10, 0.5] },
        { task: 6, objectives: [11, -3] },
      ]);
      pool.close();
      worker.destroy();
    } finally {
      dispose();
    }
  });

  it.runIf(posix)('answers only the pool holding the token', async () => {
    const { endpoint, dispose, accepted } = await listening(2);
    try {
      // Someone else connects first with the wrong token: dropped, and the endpoint stays open.
      const intruder = connect(endpoint.path);
      const dropped = new Promise<void>((r) => intruder.on('close', () => r()));
      intruder.on('error', () => undefined);
      intruder.write(Buffer.alloc(16, 1));
      await dropped;
      expect(existsSync(endpoint.path)).toBe(true);
      const pool = connectWorker(endpoint, () => undefined, () => undefined);
      const worker = await accepted;
      expect(existsSync(endpoint.path)).toBe(false);
      pool.close();
      worker.destroy();
    } finally {
      dispose();
    }
  });

  it.runIf(posix)('keeps the socket path short enough when TMPDIR is long', async () => {
    const before = process.env.TMPDIR;
    const long = mkdtempSync(join(tmpdir(), 'a-temp-folder-with-a-long-name-'.repeat(3)));
    process.env.TMPDIR = long;
    try {
      const { endpoint, dispose, accepted } = await listening(4);
      expect(Buffer.byteLength(endpoint.path)).toBeLessThanOrEqual(104);
      const pool = connectWorker(endpoint, () => undefined, () => undefined);
      (await accepted).destroy();
      pool.close();
      dispose();
    } finally {
      if (before === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = before;
      rmSync(long, { recursive: true, force: true });
    }
  });

  it('reports a worker whose channel closes', async () => {
    const { endpoint, dispose, accepted } = await listening(3);
    try {
      const broken = new Promise<string>((resolve) => connectWorker(endpoint, () => undefined, resolve));
      (await accepted).destroy();
      expect(await broken).toMatch(/closed/);
    } finally {
      dispose();
    }
  });
});
