import type { ByteWriter } from '../../../shared/stats/bytes';
import type { EvalTask } from './protocol';

/**
 * The frames on a worker's channel (channel.ts): the pool sends tasks and cancels, the worker one
 * reply frame per task frame, holding each task's reply bytes (shared/stats/wire.ts) as they were
 * encoded. Little endian; every part starts on an 8-byte boundary of its frame; every frame
 * begins with u32 magic, u32 frame bytes (a multiple of 8).
 *
 *   tasks:  "MLFT", bytes, u32 task count, u32 genes per genome; per task: u32 task id,
 *           u32 individual index, u32 market (0 training, 1 test), u32 0, u32 window from,
 *           u32 window to (candle indices), u32 0, u32 0, the genome (f64 × genes)
 *   cancel: "MLFC", bytes, u32 0, u32 0
 *   reply:  "MLFR" is the statistics' own magic, so replies are framed as "MLFF", bytes, u32 item
 *           count, u32 0, f64 sent at (performance.timeOrigin + now, ms), f64 ms the worker
 *           spent in the channel's write() for its previous frame; per item: u32 task id, u32
 *           individual index, f64 ms spent encoding, u32 payload bytes, u32 0, the payload,
 *           zero padding to 8
 */
export const TASKS_MAGIC = 0x54464c4d; // "MLFT"
export const CANCEL_MAGIC = 0x43464c4d; // "MLFC"
export const REPLY_MAGIC = 0x46464c4d; // "MLFF"
const REPLY_HEAD = 32;
const ITEM_HEAD = 24;
const TASKS_HEAD = 16;
const TASK_HEAD = 32;
/** A frame larger than this is taken for a corrupt stream. */
const MAX_FRAME_BYTES = 2 ** 31;

/** The magic a frame starts with (FrameReader has checked it is one of the three). */
export function frameKind(frame: Uint8Array): number {
  return new DataView(frame.buffer, frame.byteOffset, 4).getUint32(0, true);
}

// ---------------------------------------------------------------------------------------------
// tasks and cancels (pool → worker)

export interface TaskItem {
  /** The pool's task id (echoed in the reply). */
  task: number;
  payload: EvalTask;
}

/** One frame with the tasks of an `evaluate` chunk (all genomes have the same length). */
export function writeTasks(w: ByteWriter, items: readonly TaskItem[]): Uint8Array {
  const genes = items[0]?.payload.genome.length ?? 0;
  w.reset();
  w.u32(TASKS_MAGIC);
  w.u32(0);
  w.u32(items.length);
  w.u32(genes);
  for (const { task, payload } of items) {
    if (payload.genome.length !== genes) throw new Error(`genomes of ${genes} and ${payload.genome.length} genes in one chunk`);
    w.u32(task);
    w.u32(payload.index);
    w.u32(payload.market === 'test' ? 1 : 0);
    w.u32(0);
    w.u32(payload.window.from);
    w.u32(payload.window.to);
    w.u32(0);
    w.u32(0);
    for (let g = 0; g < genes; g++) w.f64(payload.genome[g]!);
  }
  w.u32At(4, w.pos);
  return w.bytes();
}

export function writeCancel(w: ByteWriter): Uint8Array {
  w.reset();
  w.u32(CANCEL_MAGIC);
  w.u32(16);
  w.u32(0);
  w.u32(0);
  return w.bytes();
}

/** A task frame's tasks; each genome is a copy (the frame is not kept). */
export function readTasks(frame: Uint8Array): TaskItem[] {
  const dv = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
  const count = dv.getUint32(8, true);
  const genes = dv.getUint32(12, true);
  if (TASKS_HEAD + count * (TASK_HEAD + 8 * genes) > frame.byteLength) throw new Error('a task frame ends inside a task');
  const out: TaskItem[] = [];
  const all = new Float64Array(count * genes);
  let at = TASKS_HEAD;
  for (let k = 0; k < count; k++) {
    const genome = all.subarray(k * genes, (k + 1) * genes);
    for (let g = 0; g < genes; g++) genome[g] = dv.getFloat64(at + TASK_HEAD + 8 * g, true);
    out.push({
      task: dv.getUint32(at, true),
      payload: {
        index: dv.getUint32(at + 4, true),
        market: dv.getUint32(at + 8, true) === 1 ? 'test' : 'train',
        // Read as integers: the engine's loops over a window run on small integers.
        window: { from: dv.getUint32(at + 16, true), to: dv.getUint32(at + 20, true) },
        genome,
      },
    });
    at += TASK_HEAD + 8 * genes;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// replies (worker → pool)

export interface FrameItem {
  task: number;
  index: number;
  serializeMs: number;
  /** A view of the frame: valid only as long as the frame is (see FrameReader). */
  payload: Uint8Array;
}

export interface ReplyFrame {
  sentAt: number;
  previousWriteMs: number;
  items: FrameItem[];
}

/** Builds one reply frame in a ByteWriter: `begin`, then per task `beginItem`, its encoding, `endItem`; then `end`. */
export class ReplyFrameBuilder {
  private count = 0;
  private itemAt = 0;

  constructor(private readonly w: ByteWriter) {}

  begin(): void {
    this.w.reset();
    this.count = 0;
    this.w.u32(REPLY_MAGIC);
    this.w.u32(0);
    this.w.u32(0);
    this.w.u32(0);
    this.w.f64(0);
    this.w.f64(0);
  }

  /** Writes an item's head; the payload is written next into the same writer. */
  beginItem(task: number, index: number): void {
    this.w.align(8);
    this.itemAt = this.w.pos;
    this.w.u32(task);
    this.w.u32(index);
    this.w.f64(0);
    this.w.u32(0);
    this.w.u32(0);
  }

  endItem(payloadBytes: number, serializeMs: number): void {
    this.w.f64At(this.itemAt + 8, serializeMs);
    this.w.u32At(this.itemAt + 16, payloadBytes);
    this.count++;
  }

  /** The finished frame, a view of the writer's buffer (send it before the writer is reset). */
  end(sentAt: number, previousWriteMs: number): Uint8Array {
    this.w.align(8);
    this.w.u32At(4, this.w.pos);
    this.w.u32At(8, this.count);
    this.w.f64At(16, sentAt);
    this.w.f64At(24, previousWriteMs);
    return this.w.bytes();
  }
}

/** A reply frame's items; their payloads are views of `frame`. */
export function readReplies(frame: Uint8Array): ReplyFrame {
  const dv = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
  const count = dv.getUint32(8, true);
  const items: FrameItem[] = [];
  let at = REPLY_HEAD;
  for (let k = 0; k < count; k++) {
    if (at + ITEM_HEAD > frame.byteLength) throw new Error('a reply frame ends inside an item');
    const bytes = dv.getUint32(at + 16, true);
    const payloadAt = at + ITEM_HEAD;
    if (payloadAt + bytes > frame.byteLength) throw new Error('a reply frame ends inside a payload');
    items.push({ task: dv.getUint32(at, true), index: dv.getUint32(at + 4, true), serializeMs: dv.getFloat64(at + 8, true), payload: frame.subarray(payloadAt, payloadAt + bytes) });
    at = (payloadAt + bytes + 7) & ~7;
  }
  return { sentAt: dv.getFloat64(16, true), previousWriteMs: dv.getFloat64(24, true), items };
}

// ---------------------------------------------------------------------------------------------
// the stream

function frameBytesAt(bytes: Uint8Array, at: number): number {
  const dv = new DataView(bytes.buffer, bytes.byteOffset + at, 8);
  const magic = dv.getUint32(0, true);
  if (magic !== REPLY_MAGIC && magic !== TASKS_MAGIC && magic !== CANCEL_MAGIC) throw new Error('the worker channel carried something that is not a frame');
  const size = dv.getUint32(4, true);
  if (size < 16 || size % 8 !== 0 || size > MAX_FRAME_BYTES) throw new Error(`a frame of ${size} bytes is malformed`);
  return size;
}

/**
 * Cuts a byte stream into frames. `push` takes bytes as they were read — possibly a view that the
 * caller overwrites with the next read — and calls `onFrame` with each complete frame: a view of
 * those bytes when the frame lies wholly inside them, else of a buffer kept here that collects a
 * frame across reads. Either way the frame is valid only during `onFrame`.
 */
export class FrameReader {
  private pending = new Uint8Array(0);
  private have = 0;
  private need = 0;

  constructor(private readonly onFrame: (frame: Uint8Array) => void) {}

  push(chunk: Uint8Array): void {
    const n = chunk.byteLength;
    let at = 0;
    while (at < n) {
      if (this.have > 0) {
        if (this.need === 0) {
          // The head was cut: collect it first.
          const k = Math.min(8 - this.have, n - at);
          this.pending.set(chunk.subarray(at, at + k), this.have);
          this.have += k;
          at += k;
          if (this.have < 8) return;
          this.need = frameBytesAt(this.pending, 0);
          this.reserve(this.need);
        }
        const k = Math.min(this.need - this.have, n - at);
        this.pending.set(chunk.subarray(at, at + k), this.have);
        this.have += k;
        at += k;
        if (this.have === this.need) {
          const size = this.need;
          this.have = 0;
          this.need = 0;
          this.onFrame(this.pending.subarray(0, size));
        }
        continue;
      }
      if (n - at < 8) {
        this.reserve(8);
        this.pending.set(chunk.subarray(at), 0);
        this.have = n - at;
        return;
      }
      const size = frameBytesAt(chunk, at);
      if (n - at >= size) {
        this.onFrame(chunk.subarray(at, at + size));
        at += size;
      } else {
        this.reserve(size);
        this.pending.set(chunk.subarray(at), 0);
        this.have = n - at;
        this.need = size;
        return;
      }
    }
  }

  /** Room for `bytes` in the collecting buffer, keeping what it holds. */
  private reserve(bytes: number): void {
    if (this.pending.byteLength >= bytes) return;
    const next = new Uint8Array(Math.max(bytes, 2 * this.pending.byteLength));
    next.set(this.pending.subarray(0, this.have));
    this.pending = next;
  }
}
