import { spawn } from 'node:child_process';
import { connectWorker, newChannelEndpoint } from '../../backend/pool/channel';
import type { EvalTask } from '../../backend/pool/protocol';

/**
 * What the worker pool's channel costs on this machine by itself, without the GA: the pool's own
 * end (channel.ts) connected to a child process that answers each task frame at once with a
 * reply frame of a given size, as a worker does. Per frame: the one-way latency, and the CPU both
 * processes spend moving a reply frame (system calls on both sides, the pool's read) together
 * with the task frame that asked for it.
 */
export interface ChannelFigures {
  /** Median one-way latency of a small reply, task → reply round trip halved, ms: back to back, and after 2 ms idle (as between a worker's replies, when the receiver sleeps). */
  latencyMs: number;
  latencyAfterIdleMs: number;
  /** CPU of both processes per reply frame of `bytes` (and its task frame), ms. */
  cpuMsPerFrame: number;
  bytes: number;
}

// The child: listens where the pool connects, checks the token, then answers each task frame
// (magic "MLFT") with a reply frame ("MLFF") of the size its first task's index asks for — the
// frame layout of electron/backend/pool/frames.ts — and reports its CPU on the message channel.
const CHILD = `
const net = require('node:net');
process.on('message', (m) => {
  if (m === 'cpu') { const c = process.cpuUsage(); process.send({ cpu: (c.user + c.system) / 1000 }); return; }
  const token = Buffer.from(m.token, 'hex');
  const replies = new Map();
  const server = net.createServer((s) => {
    let pending = Buffer.alloc(0);
    let trusted = false;
    s.on('data', (d) => {
      pending = Buffer.concat([pending, d]);
      if (!trusted) {
        if (pending.length < token.length) return;
        if (!pending.subarray(0, token.length).equals(token)) return s.destroy();
        trusted = true;
        pending = pending.subarray(token.length);
      }
      while (pending.length >= 8 && pending.length >= pending.readUInt32LE(4)) {
        const size = pending.readUInt32LE(4);
        const bytes = Math.max(32, pending.readUInt32LE(20) & ~7);
        pending = pending.subarray(size);
        let r = replies.get(bytes);
        if (!r) {
          r = Buffer.alloc(bytes, 7);
          r.writeUInt32LE(0x46464c4d, 0); r.writeUInt32LE(bytes, 4); r.writeUInt32LE(0, 8);
          replies.set(bytes, r);
        }
        s.write(r);
      }
    });
  });
  server.listen(m.path, () => process.send('listening'));
});
process.on('disconnect', () => process.exit(0));
`;

export async function measureChannel(bytes: number, frames = 2000): Promise<ChannelFigures> {
  const child = spawn(process.execPath, ['-e', CHILD], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'], serialization: 'advanced' });
  const next = () => new Promise<unknown>((resolve) => child.once('message', resolve));
  const { endpoint, dispose } = newChannelEndpoint(0);
  let replied: (() => void) | null = null;
  child.send(endpoint);
  await next();
  const channel = connectWorker(
    endpoint,
    () => replied?.(),
    () => undefined,
  );
  // A task frame whose first task's index is the size of the reply wanted.
  const task = (size: number): EvalTask => ({ index: size, genome: new Float64Array(10), market: 'train', window: { from: 0, to: 1 } });
  const roundTrip = (size: number) =>
    new Promise<void>((resolve) => {
      replied = resolve;
      channel.sendTasks([{ task: 1, payload: task(size) }]);
    });
  try {
    await roundTrip(64);
    const median = async (idleMs: number) => {
      const trips: number[] = [];
      for (let i = 0; i < 300; i++) {
        if (idleMs > 0) await new Promise((r) => setTimeout(r, idleMs));
        const t0 = performance.now();
        await roundTrip(128);
        trips.push((performance.now() - t0) / 2);
      }
      return trips.sort((a, b) => a - b)[trips.length >> 1]!;
    };
    const latencyMs = await median(0);
    const latencyAfterIdleMs = await median(2);
    child.send('cpu');
    const before = (await next()) as { cpu: number };
    const c0 = process.cpuUsage();
    for (let i = 0; i < frames; i++) await roundTrip(bytes);
    const c = process.cpuUsage(c0);
    child.send('cpu');
    const after = (await next()) as { cpu: number };
    return {
      latencyMs,
      latencyAfterIdleMs,
      cpuMsPerFrame: ((c.user + c.system) / 1000 + (after.cpu - before.cpu)) / frames,
      bytes,
    };
  } finally {
    channel.close();
    child.kill();
    dispose();
  }
}
