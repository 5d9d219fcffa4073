import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  runFinishedSchema,
  runProgressSchema,
  type GenerationDetail,
  type IndividualDetail,
  type RunDetail,
  type RunFinished,
  type RunProgress,
  type RunSummary,
} from '../../../shared/contract/runs';
import { isRegularHours, nySecondOfDay } from '../../../shared/time/newYork';
import { createBackend, type Backend } from '../../../electron/backend/backend';
import { tempDir } from '../../helpers/tmp';
import { gaConfig, seedStore, SYMBOL } from './fixtures';

/** Run control and browsing through the contract, as the UI does it. */
describe('runs through the contract', () => {
  const tmp = tempDir();
  let backend: Backend;
  let range: { from: number; to: number };
  const progress: RunProgress[] = [];
  const finished: RunFinished[] = [];

  const call = <T>(name: string, input: unknown) => backend.router.invoke(name, input, { transport: 'direct' }) as Promise<T>;

  beforeAll(() => {
    range = seedStore(join(tmp.dir, 'store.sqlite'), 12_000);
    backend = createBackend({ storePath: join(tmp.dir, 'store.sqlite'), host: 'test' });
    backend.events.subscribe((name, payload) => {
      if (name === 'runProgress') progress.push(runProgressSchema.parse(payload));
      if (name === 'runFinished') finished.push(runFinishedSchema.parse(payload));
    });
  });
  afterAll(async () => {
    await backend.close();
    tmp.cleanup();
  });

  const nextEvent = (pred: (p: RunProgress) => boolean) =>
    new Promise<RunProgress>((resolve) => {
      const off = backend.events.subscribe((name, payload) => {
        if (name === 'runProgress' && pred(payload as RunProgress)) {
          off();
          resolve(payload as RunProgress);
        }
      });
    });
  const finishedEvent = (id: number) =>
    new Promise<RunFinished>((resolve) => {
      const off = backend.events.subscribe((name, payload) => {
        if (name === 'runFinished' && (payload as RunFinished).id === id) {
          off();
          resolve(payload as RunFinished);
        }
      });
    });

  it('starts, pauses after the batch in flight, resumes, stops and continues a run', async () => {
    const start = call<RunSummary>('startRun', {
      config: gaConfig({ population_size: 30, number_of_iterations: 20 }),
      symbol: SYMBOL,
      workers: 2,
      name: 'controlled',
    });
    const s = await start;
    expect(s).toMatchObject({ name: 'controlled', status: 'running', active: true, workers: 2, populationSize: 30, generationsTotal: 20 });

    await nextEvent((p) => p.id === s.id && p.generation >= 2);
    const paused = await call<RunSummary>('pauseRun', { id: s.id });
    expect(paused.status).toBe('paused');
    const doneAtPause = paused.generationsDone;
    const eventsAtPause = progress.length;
    await new Promise((r) => setTimeout(r, 300));
    expect((await call<RunSummary[]>('listRuns', {})).find((r) => r.id === s.id)).toMatchObject({ status: 'paused', generationsDone: doneAtPause });
    expect(progress.slice(eventsAtPause).every((p) => p.status === 'paused' || p.evaluated === 0)).toBe(true);

    expect((await call<RunSummary>('resumeRun', { id: s.id })).status).toBe('running');
    const done = async () => (await call<RunSummary[]>('listRuns', {})).find((r) => r.id === s.id)!.generationsDone;
    while ((await done()) <= doneAtPause) await new Promise((r) => setImmediate(r));
    const stopped = await call<RunSummary>('stopRun', { id: s.id });
    expect(stopped).toMatchObject({ status: 'stopped', active: false });
    expect(stopped.generationsDone).toBeGreaterThan(doneAtPause);
    expect(stopped.generationsDone).toBeLessThan(20);

    const ended = finishedEvent(s.id);
    await call<RunSummary>('resumeRun', { id: s.id });
    const fin = await ended;
    expect(fin).toMatchObject({ id: s.id, status: 'finished', generationsDone: 20, error: null });
    expect(fin.elites.length).toBe(4);

    // Progress told the UI where the run was: generation, evaluated of total, best values, ETA —
    // at most a few events a second, the last generation always.
    const mine = progress.filter((p) => p.id === s.id);
    expect(mine.every((p) => p.evaluated <= p.total && p.generationsTotal === 20)).toBe(true);
    expect(mine.some((p) => p.etaSeconds !== null && p.diversity !== null && p.best !== null)).toBe(true);
    const completed = [...new Set(mine.filter((p) => p.evaluated === p.total).map((p) => p.generation))];
    expect(completed).toEqual([...completed].sort((a, b) => a - b));
    expect(completed[completed.length - 1]).toBe(20);
  });

  it('gives a paused-and-stopped run the same result as an uninterrupted one', async () => {
    const controlled = (await call<RunSummary[]>('listRuns', {})).find((r) => r.name === 'controlled')!;
    const ref = await call<RunSummary>('startRun', { config: gaConfig({ population_size: 30, number_of_iterations: 20 }), symbol: SYMBOL, workers: 1 });
    await finishedEvent(ref.id);
    for (let g = 1; g <= 20; g++) {
      const a = await call<GenerationDetail>('getGeneration', { id: controlled.id, generation: g });
      const b = await call<GenerationDetail>('getGeneration', { id: ref.id, generation: g });
      expect(a.individuals).toEqual(b.individuals);
      expect(a.elites).toEqual(b.elites);
    }
  });

  it('runs several runs at once while stored runs are browsed', async () => {
    const stored = (await call<RunSummary[]>('listRuns', {})).find((r) => r.status === 'finished')!;
    const a = await call<RunSummary>('startRun', { config: gaConfig({ number_of_iterations: 6 }), symbol: SYMBOL, workers: 1, seed: 1 });
    const b = await call<RunSummary>('startRun', { config: gaConfig({ number_of_iterations: 6 }), symbol: SYMBOL, workers: 0, seed: 2 });
    const doneA = finishedEvent(a.id);
    const doneB = finishedEvent(b.id);
    // Meanwhile the UI reads another run, a generation and an individual.
    let reads = 0;
    let running = true;
    void Promise.all([doneA, doneB]).then(() => (running = false));
    while (running) {
      const detail = await call<RunDetail>('getRun', { id: stored.id });
      const gen = await call<GenerationDetail>('getGeneration', { id: stored.id, generation: detail.generationsDone });
      await call<IndividualDetail>('getIndividual', { id: stored.id, generation: detail.generationsDone, index: gen.elites[0]! });
      const list = await call<RunSummary[]>('listRuns', {});
      expect(list.filter((r) => r.id === a.id || r.id === b.id).length).toBe(2);
      reads++;
      await new Promise((r) => setImmediate(r));
    }
    expect(reads).toBeGreaterThan(3);
    expect((await doneA).status).toBe('finished');
    expect((await doneB).status).toBe('finished');
    // Each run's progress moves forward only: generation by generation, evaluated counting up.
    for (const id of [a.id, b.id]) {
      const seq = progress.filter((p) => p.id === id).map((p) => p.generation * 10_000 + p.evaluated);
      expect(seq).toEqual([...seq].sort((x, y) => x - y));
      expect(seq[0]).toBe(10_000);
    }
  });

  it('shows any individual: complete statistics for elites, metrics and config for the rest', async () => {
    const run = (await call<RunSummary[]>('listRuns', {})).find((r) => r.name === 'controlled')!;
    const gen = await call<GenerationDetail>('getGeneration', { id: run.id, generation: 3 });
    expect(gen.individuals).toHaveLength(30);
    expect(gen.objectiveNames).toEqual(['MaximizeNetPnL', 'MinimizeLosingTrades']);
    const elite = await call<IndividualDetail>('getIndividual', { id: run.id, generation: 3, index: gen.elites[0]! });
    expect(elite.hasStats && elite.stats !== null && elite.elite).toBe(true);
    expect(elite.stats!.dailyEquity.value).toBeInstanceOf(Float64Array);
    const plain = gen.individuals.find((r) => !r.hasStats && r.metrics !== null)!;
    const other = await call<IndividualDetail>('getIndividual', { id: run.id, generation: 3, index: plain.index });
    expect(other.stats).toBeNull();
    expect(other.metrics).toEqual(plain.metrics);
    expect(other.config.indicators.every((i) => !('ranges' in i))).toBe(true);
    await expect(call('getIndividual', { id: run.id, generation: 99, index: 0 })).rejects.toThrow(/no individual 0/);
    await expect(call('getGeneration', { id: run.id, generation: 0 })).rejects.toThrow(/invalid input/);
  });

  it('exports through the contract as files the UI can offer for download', async () => {
    const run = (await call<RunSummary[]>('listRuns', {})).find((r) => r.name === 'controlled')!;
    const out = await call<{ files: Array<{ name: string; content: string }> }>('exportRun', { id: run.id, top: 2 });
    expect(out.files.map((f) => f.name)).toEqual(['elite-01.json', 'elite-01.stats.json', 'elite-02.json', 'elite-02.stats.json', 'objectives.csv', 'run-config.json', 'manifest.json']);
  });

  it('writes the same files into a chosen folder (the desktop export) and refuses a relative one', async () => {
    const run = (await call<RunSummary[]>('listRuns', {})).find((r) => r.name === 'controlled')!;
    const target = join(mkdtempSync(join(tmpdir(), 'mlf-export-')), 'elites');
    try {
      const out = await call<{ files: Array<{ name: string; content: string }>; dir: string }>('exportRun', { id: run.id, top: 1, dir: target });
      expect(out.dir).toBe(target);
      for (const f of out.files) expect(readFileSync(join(target, f.name), 'utf8')).toBe(f.content);
      await expect(call('exportRun', { id: run.id, dir: 'relative/folder' })).rejects.toThrow(/absolute path/);
    } finally {
      rmSync(dirname(target), { recursive: true, force: true });
    }
  });

  it('keeps training chunks inside regular hours when the run excludes extended hours', async () => {
    const s = await call<RunSummary>('startRun', {
      config: gaConfig({ number_of_iterations: 3, daily_splits: true, split_repeats: 1 }),
      symbol: SYMBOL,
      from: range.from,
      to: range.to,
      includeExtendedHours: false,
      workers: 1,
    });
    await finishedEvent(s.id);
    const detail = await call<RunDetail>('getRun', { id: s.id });
    expect(detail.regularHoursOnly).toBe(true);
    expect(detail.splits.length).toBeGreaterThan(3);
    for (const c of detail.splits) {
      expect(nySecondOfDay(c.fromTime)).toBe(9.5 * 3600);
      expect(nySecondOfDay(c.toTime)).toBe(16 * 3600);
    }
    for (const g of detail.generations) {
      const gen = await call<GenerationDetail>('getGeneration', { id: s.id, generation: g.generation });
      const e = await call<IndividualDetail>('getIndividual', { id: s.id, generation: g.generation, index: gen.elites[0]! });
      const t = e.stats!.trades;
      for (let i = 0; i < t.count; i++) expect(isRegularHours(t.entryTime[i]! - 60, 60)).toBe(true);
      expect(e.stats!.metrics.bars).toBe(g.window.to - g.window.from);
    }
  });
});
