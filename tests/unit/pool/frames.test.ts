import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ByteWriter } from '../../../shared/stats/bytes';
import { encodeReply, openReply } from '../../../shared/stats/wire';
import { CANCEL_MAGIC, FrameReader, frameKind, readReplies, readTasks, REPLY_MAGIC, ReplyFrameBuilder, TASKS_MAGIC, writeCancel, writeTasks, type TaskItem } from '../../../electron/backend/pool/frames';

const tasks: TaskItem[] = [
  { task: 1, payload: { index: 0, genome: Float64Array.of(0.5, -0, 30, 1e-300), market: 'train', window: { from: 0, to: 100_000 } } },
  { task: 2, payload: { index: 299, genome: Float64Array.of(Number.NaN, Infinity, -1, 7), market: 'test', window: { from: 12, to: 4_000_000_000 } } },
];

function replyFrame(w: ByteWriter, items: Array<{ task: number; index: number; objectives: number[]; error?: string }>): Uint8Array {
  const b = new ReplyFrameBuilder(w);
  b.begin();
  for (const it of items) {
    b.beginItem(it.task, it.index);
    const payload = encodeReply(w, { objectives: it.objectives, stats: null, evalMs: 0.25, ...(it.error ? { error: it.error } : {}) });
    b.endItem(payload.byteLength, 0.125);
  }
  return b.end(1234.5, 0.75).slice();
}

describe('worker channel frames', () => {
  it('carry tasks exactly: ids, indices, markets, windows and every genome bit', () => {
    const frame = writeTasks(new ByteWriter(64), tasks).slice();
    expect(frameKind(frame)).toBe(TASKS_MAGIC);
    expect(frame.byteLength % 8).toBe(0);
    const back = readTasks(frame);
    expect(back).toEqual(tasks);
    expect(Object.is(back[0]!.payload.genome[1], -0)).toBe(true);
  });

  it('carry a chunk of replies, each payload as it was encoded, with the timing fields', () => {
    const w = new ByteWriter(64);
    const frame = replyFrame(w, [
      { task: 7, index: 3, objectives: [1.5, -2] },
      { task: 8, index: 4, objectives: [100, 100], error: 'bad genome: périod' },
    ]);
    expect(frameKind(frame)).toBe(REPLY_MAGIC);
    const r = readReplies(frame);
    expect(r.sentAt).toBe(1234.5);
    expect(r.previousWriteMs).toBe(0.75);
    expect(r.items.map((i) => [i.task, i.index, i.serializeMs])).toEqual([
      [7, 3, 0.125],
      [8, 4, 0.125],
    ]);
    expect(r.items.map((i) => openReply(i.payload).objectives)).toEqual([
      [1.5, -2],
      [100, 100],
    ]);
    expect(openReply(r.items[1]!.payload).error).toBe('bad genome: périod');
  });

  it('are cut out of a stream whatever the reads look like (a frame across reads, several in one, a cut head)', () => {
    const w = new ByteWriter(64);
    const frames = [
      writeTasks(w, tasks).slice(),
      writeCancel(w).slice(),
      replyFrame(w, [{ task: 1, index: 0, objectives: [0.5] }]),
      replyFrame(
        w,
        Array.from({ length: 40 }, (_, k) => ({ task: k, index: k, objectives: [k, -k] })),
      ),
    ];
    const stream = new Uint8Array(frames.reduce((n, f) => n + f.byteLength, 0));
    let at = 0;
    for (const f of frames) {
      stream.set(f, at);
      at += f.byteLength;
    }
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 700 }), { minLength: 1, maxLength: 60 }), (sizes) => {
        const got: Uint8Array[] = [];
        const reader = new FrameReader((f) => got.push(f.slice()));
        // Reads land in one reused buffer, as the pool's do: a frame handed over must be copied.
        const buffer = new Uint8Array(700);
        let pos = 0;
        for (let k = 0; pos < stream.byteLength; k++) {
          const size = Math.min(sizes[k % sizes.length]!, stream.byteLength - pos);
          buffer.set(stream.subarray(pos, pos + size));
          reader.push(buffer.subarray(0, size));
          buffer.fill(0xee);
          pos += size;
        }
        expect(got.map((f) => Array.from(f))).toEqual(frames.map((f) => Array.from(f)));
      }),
      { numRuns: 200 },
    );
  });

  it('refuse a stream that is not frames, naming the problem', () => {
    const reader = new FrameReader(() => undefined);
    expect(() => reader.push(new TextEncoder().encode('GET / HTTP/1.1\r\n\r\n'))).toThrow(/not a frame/);
    const bad = writeCancel(new ByteWriter(64)).slice();
    new DataView(bad.buffer).setUint32(4, 13, true);
    expect(() => new FrameReader(() => undefined).push(bad)).toThrow(/13 bytes is malformed/);
    expect(frameKind(writeCancel(new ByteWriter(64)))).toBe(CANCEL_MAGIC);
  });

  it('will not mix genomes of different lengths in one frame', () => {
    const odd: TaskItem = { task: 3, payload: { ...tasks[0]!.payload, genome: Float64Array.of(1) } };
    expect(() => writeTasks(new ByteWriter(64), [tasks[0]!, odd])).toThrow(/genomes of 4 and 1 genes/);
  });
});
