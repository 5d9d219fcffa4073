// A worker that speaks the pool protocol but dies on purpose, to prove the pool's recovery:
// genome[0] === -1 kills its worker once (a marker file remembers), -2 kills every worker that
// gets it. Other genomes answer objectives [genome[0], genome[1]] after a short busy wait.
import { existsSync, writeFileSync } from 'node:fs';

let markerDir = '';

/**
 * The statistics reply layout (shared/stats/wire.ts) without statistics: magic "MLFR", u16
 * version 1, u16 flags 0, f64 evalMs, u32 objective count, padding to 8, the objectives.
 */
function reply(a, b) {
  const payload = new Uint8Array(40);
  const dv = new DataView(payload.buffer);
  dv.setUint32(0, 0x524c464d, true);
  dv.setUint16(4, 1, true);
  dv.setUint16(6, 0, true);
  dv.setFloat64(8, 5, true);
  dv.setUint32(16, 2, true);
  dv.setFloat64(24, a, true);
  dv.setFloat64(32, b, true);
  return payload;
}

process.on('disconnect', () => process.exit(0));
process.on('message', (m) => {
  if (m.type === 'prepare') {
    markerDir = m.data.storePath;
    process.send({ type: 'ready', pid: process.pid, prepareMs: 0 });
  } else if (m.type === 'evaluate') {
    // A chunk of tasks is answered with one message, as the real worker does.
    const results = [];
    for (const { task, payload: t } of m.tasks) {
      const g = t.genome;
      if (g[0] === -2) process.exit(3);
      if (g[0] === -1) {
        const marker = `${markerDir}/died-once-${t.index}`;
        if (!existsSync(marker)) {
          writeFileSync(marker, '');
          process.exit(3);
        }
      }
      const until = Date.now() + 5;
      while (Date.now() < until);
      results.push({ task, index: t.index, payload: reply(g[0], g[1]), serializeMs: 0 });
    }
    process.send({ type: 'result', results, sentAt: performance.timeOrigin + performance.now() });
  } else if (m.type === 'shutdown') {
    process.exit(0);
  }
});
