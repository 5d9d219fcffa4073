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
    process.send({ type: 'result', task: m.task, index: m.payload.index, objectives: [g[0], g[1]], stats: null, evalMs: 5, replyBytes: 0, sentAt: performance.timeOrigin + performance.now() });
  } else if (m.type === 'shutdown') {
    process.exit(0);
  }
});
