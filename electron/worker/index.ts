/**
 * The evaluation worker: one file that runs under Electron's utilityProcess (messages through
 * `process.parentPort`) and under child_process.fork (`process.send` / 'message'), detected at
 * start. It never imports `electron`. It loads a run's candles once (`prepare`), then answers
 * `evaluate` tasks one at a time with complete statistics. It has no randomness of its own.
 */
import { ByteWriter } from '../../shared/stats/bytes';
import { encodeReply } from '../../shared/stats/wire';
import { openEvaluation, type Evaluation } from '../backend/pool/evaluation';
import type { FromWorker, ResultBody, ResultItem, TaskItem, ToWorker } from '../backend/pool/protocol';

interface ParentPort {
  on(event: 'message', listener: (e: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;

/** Sends a message; `flushed` runs once it has left this process (or is queued off-thread). */
let send: (m: FromWorker, flushed?: () => void) => void;
if (parentPort) {
  send = (m, flushed) => {
    // A structured clone of a view carries its whole buffer: each reply goes as an exact copy.
    parentPort.postMessage(m.type === 'result' ? { ...m, results: m.results.map((r) => ({ ...r, payload: r.payload.slice() })) } : m);
    if (flushed) setImmediate(flushed);
  };
  parentPort.on('message', (e) => handle(e.data as ToWorker));
} else if (process.send) {
  send = (m, flushed) => {
    if (!process.connected) return;
    process.send!(m, undefined, undefined, () => flushed?.());
  };
  process.on('message', (m) => handle(m as ToWorker));
  // The parent is gone (even killed with SIGKILL): nobody wants our results.
  process.on('disconnect', () => process.exit(0));
} else {
  console.error('mlf worker: start me through the worker pool (utilityProcess or child_process.fork with an IPC channel)');
  process.exit(2);
}

let evaluation: Evaluation | null = null;
/**
 * A chunk's replies are encoded one after another into one reused buffer (child_process
 * serializes a message as it is sent, so the buffer is free again once the chunk is sent).
 */
const replyWriter = new ByteWriter(256 * 1024);
interface Chunk {
  tasks: TaskItem[];
  done: ResultItem[];
}
const chunks: Chunk[] = [];
let scheduled = false;
/** A reply is on its way out; the next task waits for it. */
let sending = false;

function schedule(): void {
  if (scheduled || sending || chunks.length === 0) return;
  scheduled = true;
  // One task per turn of the event loop, so a `cancel` arriving meanwhile can empty the queue.
  setImmediate(runOne);
}

function runOne(): void {
  scheduled = false;
  if (sending) return;
  const chunk = chunks[0];
  if (!chunk || !evaluation) return;
  const item = chunk.tasks[chunk.done.length]!;
  if (chunk.done.length === 0) replyWriter.reset();
  const t0 = performance.now();
  const out = evaluation.evaluate(item.payload);
  const t1 = performance.now();
  const body: ResultBody = { objectives: out.objectives, stats: out.stats, evalMs: t1 - t0 };
  if (out.error !== undefined) body.error = out.error;
  const payload = encodeReply(replyWriter, body);
  const t2 = performance.now();
  chunk.done.push({ task: item.task, index: item.payload.index, payload, serializeMs: t2 - t1 });
  if (chunk.done.length < chunk.tasks.length) {
    schedule();
    return;
  }
  chunks.shift();
  sending = true;
  // The next evaluation starts only once this reply has left: a reply larger than the pipe's
  // buffer would otherwise wait, half written, until that evaluation is over.
  send({ type: 'result', results: chunk.done, sentAt: performance.timeOrigin + performance.now() }, () => {
    sending = false;
    schedule();
  });
}

function handle(m: ToWorker): void {
  switch (m.type) {
    case 'prepare': {
      const t0 = performance.now();
      try {
        evaluation = openEvaluation(m.data);
      } catch (err) {
        send({ type: 'prepare-failed', message: err instanceof Error ? err.message : String(err) });
        return;
      }
      send({ type: 'ready', pid: process.pid, prepareMs: performance.now() - t0 });
      return;
    }
    case 'evaluate':
      chunks.push({ tasks: m.tasks, done: [] });
      schedule();
      return;
    case 'cancel':
      chunks.length = 0;
      return;
    case 'shutdown':
      process.exit(0);
  }
}
