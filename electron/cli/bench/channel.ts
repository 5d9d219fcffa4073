import { spawn } from 'node:child_process';

/**
 * What the worker pool's channel costs on this machine by itself, without the GA: a child
 * process spawned with the same IPC channel (Node's "advanced" serialization) that answers each
 * message at once. Per message: the one-way latency of a small message, and the CPU both
 * processes spend moving a reply of a given size (serialise, system calls, deserialise) together
 * with the small request that asked for it.
 */
export interface ChannelFigures {
  /** Median one-way latency of a 100-byte message, parent → child → parent halved, ms: back to back, and after 2 ms idle (as between a worker's replies, when the receiver sleeps). */
  latencyMs: number;
  latencyAfterIdleMs: number;
  /** CPU of both processes per reply of `bytes` (and its small request), ms. */
  cpuMsPerMessage: number;
  bytes: number;
}

// The child: echoes small messages, answers a size with a message of that many bytes (as a
// worker answers a task with a reply), and reports its own CPU on request.
const CHILD = `
let reply = null;
process.on('message', (m) => {
  if (m === 'cpu') { const c = process.cpuUsage(); process.send({ cpu: (c.user + c.system) / 1000 }); return; }
  if (typeof m.size === 'number') { if (!reply || reply.byteLength !== m.size) reply = new Uint8Array(m.size).fill(7); process.send({ payload: reply }); return; }
  process.send(m);
});
process.on('disconnect', () => process.exit(0));
`;

export async function measureChannel(bytes: number, messages = 2000): Promise<ChannelFigures> {
  const child = spawn(process.execPath, ['-e', CHILD], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'], serialization: 'advanced' });
  const next = () => new Promise<unknown>((resolve) => child.once('message', resolve));
  try {
    // Latency: round trips of a small message, halved; the median of many.
    const small = { payload: new Uint8Array(100) };
    const median = async (idleMs: number) => {
      const trips: number[] = [];
      for (let i = 0; i < 300; i++) {
        if (idleMs > 0) await new Promise((r) => setTimeout(r, idleMs));
        const t0 = performance.now();
        child.send(small);
        await next();
        trips.push((performance.now() - t0) / 2);
      }
      return trips.sort((a, b) => a - b)[trips.length >> 1]!;
    };
    const latencyMs = await median(0);
    const latencyAfterIdleMs = await median(2);
    // CPU: replies of `bytes` from the child, one per small request, back to back.
    child.send('cpu');
    const before = (await next()) as { cpu: number };
    const c0 = process.cpuUsage();
    for (let i = 0; i < messages; i++) {
      child.send({ size: bytes });
      await next();
    }
    const c = process.cpuUsage(c0);
    child.send('cpu');
    const after = (await next()) as { cpu: number };
    return {
      latencyMs,
      latencyAfterIdleMs,
      cpuMsPerMessage: ((c.user + c.system) / 1000 + (after.cpu - before.cpu)) / messages,
      bytes,
    };
  } finally {
    child.kill();
  }
}
