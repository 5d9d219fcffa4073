// A worker that speaks the pool protocol but dies on purpose, to prove the pool's recovery:
// genome[0] === -1 kills its worker once (a marker file remembers), -2 kills every worker that
// gets it. Other genomes answer objectives [genome[0], genome[1]] after a short busy wait, except
// that genome[1] === -3 answers [genome[0], this worker's pid] (which worker evaluated it), and -4
// the same after a long wait.
// Written against the frame layout in electron/backend/pool/frames.ts, by hand, so it also checks
// that the layout is what that file says.
import { existsSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';

const TASKS = 0x54464c4d; // "MLFT"
const CANCEL = 0x43464c4d; // "MLFC"
const REPLIES = 0x46464c4d; // "MLFF"

let markerDir = '';
let socket = null;

/**
 * The statistics reply layout (shared/stats/wire.ts) without statistics: magic "MLFR", u16
 * version 1, u16 flags 0, f64 evalMs, u32 objective count, padding to 8, the objectives.
 */
function reply(a, b) {
  const payload = Buffer.alloc(40);
  payload.writeUInt32LE(0x524c464d, 0);
  payload.writeUInt16LE(1, 4);
  payload.writeUInt16LE(0, 6);
  payload.writeDoubleLE(5, 8);
  payload.writeUInt32LE(2, 16);
  payload.writeDoubleLE(a, 24);
  payload.writeDoubleLE(b, 32);
  return payload;
}

/** One reply frame: 32-byte head, then per item a 24-byte head and its 40-byte payload. */
function replyFrame(items) {
  const frame = Buffer.alloc(32 + items.length * 64);
  frame.writeUInt32LE(REPLIES, 0);
  frame.writeUInt32LE(frame.length, 4);
  frame.writeUInt32LE(items.length, 8);
  frame.writeDoubleLE(performance.timeOrigin + performance.now(), 16);
  items.forEach(({ task, index, payload }, k) => {
    const at = 32 + k * 64;
    frame.writeUInt32LE(task, at);
    frame.writeUInt32LE(index, at + 4);
    frame.writeUInt32LE(payload.length, at + 16);
    payload.copy(frame, at + 24);
  });
  return frame;
}

/** A task frame: 16-byte head (magic, bytes, count, genes), per task 32 bytes then the genome. */
function onTasks(frame) {
  const count = frame.readUInt32LE(8);
  const genes = frame.readUInt32LE(12);
  const items = [];
  let at = 16;
  for (let k = 0; k < count; k++) {
    const task = frame.readUInt32LE(at);
    const index = frame.readUInt32LE(at + 4);
    const g0 = frame.readDoubleLE(at + 32);
    const g1 = genes > 1 ? frame.readDoubleLE(at + 40) : 0;
    at += 32 + 8 * genes;
    if (g0 === -2) process.exit(3);
    if (g0 === -1) {
      const marker = `${markerDir}/died-once-${index}`;
      if (!existsSync(marker)) {
        writeFileSync(marker, '');
        process.exit(3);
      }
    }
    const until = Date.now() + (g1 === -4 ? 60 : 5);
    while (Date.now() < until);
    items.push({ task, index, payload: reply(g0, g1 === -3 || g1 === -4 ? process.pid : g1) });
  }
  // A chunk of tasks is answered with one frame, as the real worker does.
  socket.write(replyFrame(items));
}

let pending = Buffer.alloc(0);
function onData(d) {
  pending = Buffer.concat([pending, d]);
  while (pending.length >= 8 && pending.length >= pending.readUInt32LE(4)) {
    const size = pending.readUInt32LE(4);
    const frame = pending.subarray(0, size);
    pending = pending.subarray(size);
    const magic = frame.readUInt32LE(0);
    if (magic === TASKS) onTasks(frame);
    else if (magic !== CANCEL) process.exit(4);
  }
}

process.on('disconnect', () => process.exit(0));
process.on('message', (m) => {
  if (m.type === 'prepare') {
    markerDir = m.data.storePath;
    const token = Buffer.from(m.channel.token, 'hex');
    const server = createServer((s) => {
      s.once('data', (d) => {
        if (!d.subarray(0, token.length).equals(token)) return s.destroy();
        server.close();
        socket = s;
        s.on('data', onData);
        if (d.length > token.length) onData(d.subarray(token.length));
        process.send({ type: 'ready', pid: process.pid, prepareMs: 0 });
      });
    });
    server.listen(m.channel.path, () => process.send({ type: 'listening' }));
  } else if (m.type === 'shutdown') {
    process.exit(0);
  }
});
