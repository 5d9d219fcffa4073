import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventBus } from '../../../electron/backend/events';
import { RunManager } from '../../../electron/backend/runs/manager';
import { openStore, type CandleStore } from '../../../electron/backend/store/index';
import { tempDir } from '../../helpers/tmp';
import { gaConfig, seedStore, SYMBOL } from './fixtures';

describe('resuming stored runs', () => {
  const tmp = tempDir();
  let store: CandleStore;
  let manager: RunManager;

  beforeAll(() => {
    seedStore(join(tmp.dir, 'store.sqlite'), 3000);
    store = openStore(join(tmp.dir, 'store.sqlite'));
    manager = new RunManager({ store, events: new EventBus() });
  });
  afterAll(async () => {
    await manager.close();
    store.close();
    tmp.cleanup();
  });

  it('refuses to continue a finished run', async () => {
    const s = await manager.start({ config: gaConfig({ number_of_iterations: 2 }), symbol: SYMBOL, workers: 0 });
    await manager.wait(s.id);
    await expect(manager.resume(s.id)).rejects.toThrow(/has finished all 2 generations/);
  });

  it('refuses to continue on changed candles, and leaves the run as it was', async () => {
    const s = await manager.start({ config: gaConfig({ number_of_iterations: 30 }), symbol: SYMBOL, workers: 0 });
    await manager.stop(s.id);
    expect(manager.summary(s.id).status).toBe('stopped');
    store.db.prepare('UPDATE candles SET close = close * 1.01 WHERE ts = (SELECT min(ts) + 600 FROM candles)').run();
    await expect(manager.resume(s.id)).rejects.toThrow(/changed since run \d+ started \(fingerprint differs\)/);
    expect(manager.summary(s.id)).toMatchObject({ status: 'stopped', active: false });
  });

  it('tells a run driven by another live process from an interrupted one', async () => {
    const s = await manager.start({ config: gaConfig({ number_of_iterations: 30 }), symbol: SYMBOL, workers: 0 });
    await manager.stop(s.id);
    // Another live process (our parent, the test runner) claims to drive it.
    store.db.prepare("UPDATE ga_runs SET status = 'running', owner_pid = ? WHERE id = ?").run(process.ppid, s.id);
    expect(manager.summary(s.id).status).toBe('running');
    await expect(manager.resume(s.id)).rejects.toThrow(/driven by another process/);
    await expect(manager.stop(s.id)).rejects.toThrow(/driven by another process/);
    // A dead owner: the run shows as interrupted and can be stopped or resumed here.
    store.db.prepare('UPDATE ga_runs SET owner_pid = ? WHERE id = ?').run(2 ** 22 + 12345, s.id);
    expect(manager.summary(s.id).status).toBe('interrupted');
    expect((await manager.stop(s.id)).status).toBe('stopped');
  });
});
