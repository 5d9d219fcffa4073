/**
 * The evaluation worker: one file that runs under Electron's utilityProcess (messages through
 * `process.parentPort`) and under child_process.fork (`process.send` / 'message'), detected at
 * start. It never imports `electron`. It loads a run's candles once (`prepare`), then answers the
 * tasks that come on its channel to the pool (backend/pool/channel.ts) one at a time, with
 * complete statistics. It has no randomness of its own.
 */
import type { Socket } from 'node:net';
import { ByteWriter } from '../../shared/stats/bytes';
import { encodeReply } from '../../shared/stats/wire';
import { openEvaluation, type Evaluation } from '../backend/pool/evaluation';
import { acceptPool } from '../backend/pool/channel';
import { CANCEL_MAGIC, FrameReader, frameKind, readTasks, ReplyFrameBuilder, TASKS_MAGIC, type TaskItem } from '../backend/pool/frames';
import type { FromWorker, ResultBody, ToWorker } from '../backend/pool/protocol';

interface ParentPort {
  on(event: 'message', listener: (e: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;

/** Sends a message on the host's channel (tasks and results travel on the pool's channel). */
let send: (m: FromWorker) => void;
if (parentPort) {
  send = (m) => parentPort.postMessage(m);
  parentPort.on('message', (e) => handle(e.data as ToWorker));
} else if (process.send) {
  send = (m) => {
    if (process.connected) process.send!(m);
  };
  process.on('message', (m) => handle(m as ToWorker));
  // The parent is gone (even killed with SIGKILL): nobody wants our results.
  process.on('disconnect', () => process.exit(0));
} else {
  console.error('mlf worker: start me through the worker pool (utilityProcess or child_process.fork with an IPC channel)');
  process.exit(2);
}

let evaluation: Evaluation | null = null;
/** The pool's channel (tasks in, replies out), once the pool has connected to it. */
let channel: Socket | null = null;

/**
 * A chunk's replies are encoded one after another into one reused buffer, as one frame. A buffer
 * is free again once its frame's write has completed; meanwhile the next chunk is encoded into
 * another, so a worker goes on evaluating while the pool has not read its last frame yet (it
 * reads when it is not ranking, breeding or storing; waiting for that cost each worker ~4 ms a
 * generation in the bench).
 */
interface FrameBuffer {
  writer: ByteWriter;
  frame: ReplyFrameBuilder;
  writing: boolean;
}
const frameBuffers: FrameBuffer[] = [];
/**
 * The pool keeps two task frames at a worker (`PoolOptions.depth`), so no more than two replies
 * wait in the channel; with more, the worker waits for a write to complete.
 */
const FRAME_BUFFERS = 3;
function freeFrameBuffer(): FrameBuffer | null {
  for (const b of frameBuffers) if (!b.writing) return b;
  if (frameBuffers.length === FRAME_BUFFERS) return null;
  const writer = new ByteWriter(256 * 1024);
  const b: FrameBuffer = { writer, frame: new ReplyFrameBuilder(writer), writing: false };
  frameBuffers.push(b);
  return b;
}

interface Chunk {
  tasks: TaskItem[];
  done: number;
  /** Where its replies are encoded, from its first task on. */
  out: FrameBuffer | null;
}
const chunks: Chunk[] = [];
let scheduled = false;
/** Time spent in the channel's write() for the last frame (reported in the next one). */
let lastWriteMs = 0;

function schedule(): void {
  if (scheduled || chunks.length === 0 || !channel) return;
  scheduled = true;
  // One task per turn of the event loop, so a `cancel` arriving meanwhile can empty the queue
  // (and a frame the channel could not take at once goes on leaving).
  setImmediate(() => {
    scheduled = false;
    if (runOne()) schedule();
  });
}

/** Evaluates the next task; false when nothing could run (no buffer free for a new frame). */
function runOne(): boolean {
  const chunk = chunks[0];
  if (!chunk || !evaluation || !channel) return false;
  if (!chunk.out) {
    chunk.out = freeFrameBuffer();
    // Every buffer still on its way out: the write that completes calls schedule().
    if (!chunk.out) return false;
    chunk.out.frame.begin();
  }
  const { writer, frame } = chunk.out;
  const item = chunk.tasks[chunk.done]!;
  const t0 = performance.now();
  const out = evaluation.evaluate(item.payload);
  const t1 = performance.now();
  const body: ResultBody = { objectives: out.objectives, stats: out.stats, evalMs: t1 - t0 };
  if (out.error !== undefined) body.error = out.error;
  frame.beginItem(item.task, item.payload.index);
  const payload = encodeReply(writer, body);
  frame.endItem(payload.byteLength, performance.now() - t1);
  chunk.done++;
  if (chunk.done < chunk.tasks.length) return true;
  chunks.shift();
  const buffer = chunk.out;
  buffer.writing = true;
  const bytes = frame.end(performance.timeOrigin + performance.now(), lastWriteMs);
  const w0 = performance.now();
  channel.write(bytes, () => {
    buffer.writing = false;
    schedule();
  });
  lastWriteMs = performance.now() - w0;
  return true;
}

/** A frame from the pool: a chunk of tasks, or a cancel (drop what has not started). */
function onFrame(bytes: Uint8Array): void {
  const kind = frameKind(bytes);
  if (kind === TASKS_MAGIC) {
    chunks.push({ tasks: readTasks(bytes), done: 0, out: null });
    schedule();
  } else if (kind === CANCEL_MAGIC) {
    chunks.length = 0;
  }
}

function handle(m: ToWorker): void {
  switch (m.type) {
    case 'prepare': {
      const t0 = performance.now();
      const accepted = acceptPool(m.channel, () => send({ type: 'listening' }));
      try {
        evaluation = openEvaluation(m.data);
      } catch (err) {
        send({ type: 'prepare-failed', message: err instanceof Error ? err.message : String(err) });
        return;
      }
      accepted.then(
        (socket) => {
          channel = socket;
          const reader = new FrameReader(onFrame);
          socket.on('data', (d: Buffer) => reader.push(d));
          socket.resume();
          // The pool is gone (or gave up on us): nobody wants our results.
          socket.on('close', () => process.exit(0));
          send({ type: 'ready', pid: process.pid, prepareMs: performance.now() - t0 });
        },
        (err: unknown) => send({ type: 'prepare-failed', message: `its channel to the pool could not be opened: ${err instanceof Error ? err.message : String(err)}` }),
      );
      return;
    }
    case 'shutdown':
      process.exit(0);
  }
}
