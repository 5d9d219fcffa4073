/**
 * The evaluation worker: one file that runs under Electron's utilityProcess (messages through
 * `process.parentPort`) and under child_process.fork (`process.send` / 'message'), detected at
 * start. It never imports `electron`. It loads a run's candles once (`prepare`), then answers
 * `evaluate` tasks one at a time with complete statistics. It has no randomness of its own.
 */
import { serialize } from 'node:v8';
import { openEvaluation, type Evaluation } from '../backend/pool/evaluation';
import type { EvalTask, FromWorker, ToWorker } from '../backend/pool/protocol';

interface ParentPort {
  on(event: 'message', listener: (e: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;

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
const queue: Array<{ task: number; payload: EvalTask }> = [];
let scheduled = false;

function schedule(): void {
  if (scheduled || queue.length === 0) return;
  scheduled = true;
  // One task per turn of the event loop, so a `cancel` arriving meanwhile can empty the queue.
  setImmediate(runOne);
}

function runOne(): void {
  scheduled = false;
  const item = queue.shift();
  if (!item || !evaluation) return;
  const t0 = performance.now();
  const out = evaluation.evaluate(item.payload);
  const evalMs = performance.now() - t0;
  const reply: Extract<FromWorker, { type: 'result' }> = {
    type: 'result',
    task: item.task,
    index: item.payload.index,
    objectives: out.objectives,
    stats: out.stats,
    evalMs,
    replyBytes: 0,
    sentAt: 0,
  };
  if (out.error !== undefined) reply.error = out.error;
  // The structured-clone size of what goes over the channel (the serializer both hosts use).
  reply.replyBytes = serialize(reply).byteLength;
  reply.sentAt = performance.timeOrigin + performance.now();
  send(reply);
  schedule();
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
      queue.push({ task: m.task, payload: m.payload });
      schedule();
      return;
    case 'cancel':
      queue.length = 0;
      return;
    case 'shutdown':
      process.exit(0);
  }
}
