import { randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdtempSync, rmdirSync, rmSync } from 'node:fs';
import { connect, createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ByteWriter } from '../../../shared/stats/bytes';
import { FrameReader, writeCancel, writeTasks, type TaskItem } from './frames';

/**
 * The channel a worker's tasks and replies travel on, as frames (frames.ts): a local socket (a
 * Unix domain socket in a private temporary folder, a named pipe on Windows) that the worker
 * listens on and the pool connects to. The host's message channel carries the rest: the run's
 * data, readiness, shutdown.
 *
 * Why not the message channel: it hands every read to JavaScript in a new buffer outside the JS
 * heap, and V8 counts such memory against the heap's growth until its next full collection — at
 * ~2 MB of replies per optimizer generation that made the coordinating process run a full
 * collection every generation, on the very cores the workers evaluate on. This socket is read
 * into one reused buffer (net's `onread`), and the pool copies only what it keeps. Tasks go as
 * flat frames too, with no per-message serializer.
 */
export interface ChannelEndpoint {
  /** Where the worker listens. */
  path: string;
  /** What the pool writes first, so the worker answers only its own pool. */
  token: string;
}

const TOKEN_BYTES = 16;

/** A fresh endpoint for one worker, and how to clean up after it. */
export function newChannelEndpoint(label: number): { endpoint: ChannelEndpoint; dispose(): void } {
  const token = randomBytes(TOKEN_BYTES).toString('hex');
  if (process.platform === 'win32') {
    return { endpoint: { path: `\\\\.\\pipe\\mlf-${process.pid}-${label}-${token.slice(0, 12)}`, token }, dispose() {} };
  }
  // mkdtemp makes the folder private (0700): no other user can reach the socket in it. A socket's
  // path is limited to ~104 bytes, so a long TMPDIR gives way to /tmp.
  const base = join(tmpdir(), 'mlf-XXXXXX', `w${label}.sock`).length <= 100 ? tmpdir() : '/tmp';
  const dir = mkdtempSync(join(base, 'mlf-'));
  return {
    endpoint: { path: join(dir, `w${label}.sock`), token },
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * One read buffer for every worker channel of this process: reads are handed to JavaScript one at
 * a time, and each is consumed (frames cut out, what is kept copied) before the next.
 */
let readBuffer: Uint8Array | null = null;
const READ_BUFFER_BYTES = 1 << 20;

/** The pool's end of one worker's channel. */
export interface WorkerChannel {
  sendTasks(items: readonly TaskItem[]): void;
  /** The worker drops the tasks it holds but has not started. */
  cancel(): void;
  close(): void;
}

/** Task frames are built here, then copied out: a write the kernel cannot take at once keeps its buffer. */
const taskWriter = new ByteWriter(16 * 1024);

/**
 * The pool's end: connects, proves itself with the token, and calls `onFrame` with each complete
 * reply frame (valid only during the call). `onBroken` is called once if the channel fails or
 * closes before `close()`: the worker is then of no use.
 */
export function connectWorker(endpoint: ChannelEndpoint, onFrame: (frame: Uint8Array) => void, onBroken: (why: string) => void): WorkerChannel {
  readBuffer ??= new Uint8Array(READ_BUFFER_BYTES);
  const reader = new FrameReader(onFrame);
  let closed = false;
  const broken = (why: string) => {
    if (closed) return;
    closed = true;
    socket.destroy();
    onBroken(why);
  };
  const socket: Socket = connect({
    path: endpoint.path,
    onread: {
      buffer: readBuffer,
      callback: (nread: number, buf: Uint8Array) => {
        if (closed) return false;
        try {
          reader.push(buf.subarray(0, nread));
        } catch (err) {
          broken(err instanceof Error ? err.message : String(err));
          return false;
        }
        return true;
      },
    },
  });
  // First on the wire, whatever is sent before the connection is made.
  socket.write(Buffer.from(endpoint.token, 'hex'));
  socket.on('error', (err) => broken(`its channel failed: ${err.message}`));
  socket.on('close', () => broken('its channel closed'));
  return {
    sendTasks(items) {
      if (!closed) socket.write(Buffer.from(writeTasks(taskWriter, items)));
    },
    cancel() {
      if (!closed) socket.write(Buffer.from(writeCancel(taskWriter)));
    },
    close() {
      closed = true;
      socket.destroy();
    },
  };
}

/**
 * The worker's end: listens at the endpoint and resolves with the first connection that presents
 * the token; the endpoint is then removed, so nothing else can connect. `listening` runs once the
 * pool may connect. What follows the token on the connection is task frames.
 */
export function acceptPool(endpoint: ChannelEndpoint, listening: () => void): Promise<Socket> {
  const expected = Buffer.from(endpoint.token, 'hex');
  return new Promise((resolve, reject) => {
    const server = createServer((socket) => {
      let got = Buffer.alloc(0);
      const onData = (d: Buffer) => {
        got = Buffer.concat([got, d]);
        if (got.length < expected.length) return;
        socket.off('data', onData);
        if (!timingSafeEqual(got.subarray(0, expected.length), expected)) {
          socket.destroy();
          return;
        }
        // Task frames sent right behind the token: the caller reads them first.
        socket.pause();
        if (got.length > expected.length) socket.unshift(got.subarray(expected.length));
        // Closing the server removes the socket file; its (then empty) folder goes too: the
        // pool's cleanup would remove it, but not if the pool is killed first.
        server.close();
        if (process.platform !== 'win32') {
          rmSync(endpoint.path, { force: true });
          try {
            rmdirSync(dirname(endpoint.path));
          } catch {
            // not empty, or gone: the pool's cleanup has the last word
          }
        }
        resolve(socket);
      };
      socket.on('data', onData);
      socket.on('error', () => socket.destroy());
    });
    server.on('error', reject);
    server.listen(endpoint.path, listening);
  });
}
