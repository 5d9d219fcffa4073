// A worker that speaks the pool protocol but dies on purpose, to prove the pool's recovery:
// genome[0] === -1 kills its worker once (a marker file remembers), -2 kills every worker that
// gets it. Other genomes answer objectives [genome[0], genome[1]] after a short busy wait.
import { existsSync, writeFileSync } from 'node:fs';

let markerDir = '';
process.on('disconnect', () => process.exit(0));
process.on('message', (m) => {
  if (m.type === 'prepare') {
    markerDir = m.data.storePath;
    process.send({ type: 'ready', pid: process.pid, prepareMs: 0 });
  } else if (m.type === 'evaluate') {
    const g = m.payload.genome;
    if (g[0] === -2) process.exit(3);
    if (g[0] === -1) {
      const marker = `${markerDir}/died-once-${m.payload.index}`;
      if (!existsSync(marker)) {
        writeFileSync(marker, '');
        process.exit(3);
      }
    }
    const until = Date.now() + 5;
    while (Date.now() < until);
    // The codec's layout with no typed arrays: u32 JSON length, u32 blob count (0), the JSON, padding to 8.
    const json = Buffer.from(JSON.stringify({ objectives: [g[0], g[1]], stats: null, evalMs: 5 }));
    const payload = new Uint8Array((8 + json.length + 7) & ~7);
    new DataView(payload.buffer).setUint32(0, json.length, true);
    payload.set(json, 8);
    process.send({ type: 'result', task: m.task, index: m.payload.index, payload, serializeMs: 0, sentAt: performance.timeOrigin + performance.now() });
  } else if (m.type === 'shutdown') {
    process.exit(0);
  }
});
