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
 * A chunk's replies are encoded one after another into one reused buffer, as one frame (the
 * buffer is free again once the frame's write has completed).
 */
const frameWriter = new ByteWriter(256 * 1024);
const frame = new ReplyFrameBuilder(frameWriter);
interface Chunk {
  tasks: TaskItem[];
  done: number;
}
const chunks: Chunk[] = [];
let scheduled = false;
/** A frame is on its way out; the next task waits for it. */
let sending = false;
/** Time spent in the channel's write() for the last frame (reported in the next one). */
let lastWriteMs = 0;

function schedule(): void {
  if (scheduled || sending || chunks.length === 0 || !channel) return;
  scheduled = true;
  // One task per turn of the event loop, so a `cancel` arriving meanwhile can empty the queue.
  setImmediate(runOne);
}

function runOne(): void {
  scheduled = false;
  if (sending) return;
  const chunk = chunks[0];
  if (!chunk || !evaluation || !channel) return;
  const item = chunk.tasks[chunk.done]!;
  if (chunk.done === 0) frame.begin();
  const t0 = performance.now();
  const out = evaluation.evaluate(item.payload);
  const t1 = performance.now();
  const body: ResultBody = { objectives: out.objectives, stats: out.stats, evalMs: t1 - t0 };
  if (out.error !== undefined) body.error = out.error;
  frame.beginItem(item.task, item.payload.index);
  const payload = encodeReply(frameWriter, body);
  frame.endItem(payload.byteLength, performance.now() - t1);
  chunk.done++;
  if (chunk.done < chunk.tasks.length) {
    schedule();
    return;
  }
  chunks.shift();
  sending = true;
  const bytes = frame.end(performance.timeOrigin + performance.now(), lastWriteMs);
  const w0 = performance.now();
  // The next evaluation starts only once this frame has left: a frame larger than the channel's
  // buffer would otherwise wait, half written, until that evaluation is over.
  channel.write(bytes, () => {
    sending = false;
    schedule();
  });
  lastWriteMs = performance.now() - w0;
}

/** A frame from the pool: a chunk of tasks, or a cancel (drop what has not started). */
function onFrame(bytes: Uint8Array): void {
  const kind = frameKind(bytes);
  if (kind === TASKS_MAGIC) {
    chunks.push({ tasks: readTasks(bytes), done: 0 });
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
