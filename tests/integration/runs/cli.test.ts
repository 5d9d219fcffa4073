import { spawn, execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfigFile } from '../../../shared/config/parse';
import { tempDir } from '../../helpers/tmp';
import { gaConfig, seedStore, SYMBOL, writeConfig } from './fixtures';

const root = resolve(__dirname, '../../..');
const MLF = join(root, 'bin/mlf.js');

interface Done {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function mlf(args: string[], cwd = root): { child: ReturnType<typeof spawn>; done: Promise<Done> } {
  const child = spawn(process.execPath, [MLF, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  const done = new Promise<Done>((res) => child.on('close', (code, signal) => res({ code, signal, stdout, stderr })));
  return { child, done };
}

/** Whether a process still runs. An exited child waiting to be reaped (a zombie) does not. */
const alive = (pid: number) => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    if (existsSync('/proc/self/stat')) return false;
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function until<T>(probe: () => T | undefined | false, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = probe();
    if (v) return v;
    if (Date.now() > end) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('mlf optimize, runs, resume and export', () => {
  const tmp = tempDir();
  const db = join(tmp.dir, 'store.sqlite');
  let configPath: string;
  let common: string[];

  beforeAll(() => {
    expect(existsSync(join(root, 'out/main/cli.js')), 'run `npm run build` first (npm test does)').toBe(true);
    const range = seedStore(db, 12_000);
    configPath = writeConfig(tmp.dir, gaConfig({ population_size: 24, number_of_iterations: 12, num_splits: 4, split_repeats: 3 }));
    common = ['--config', configPath, '--symbol', SYMBOL, '--to', String(range.from + 10_000 * 60), '--test-from', String(range.from + 10_000 * 60), '--db', db];
  });
  afterAll(() => tmp.cleanup());

  function generationsDone(id: number): number | undefined {
    const conn = new Database(db, { readonly: true, fileMustExist: true });
    try {
      return (conn.prepare('SELECT generations_done AS n FROM ga_runs WHERE id = ?').get(id) as { n: number } | undefined)?.n;
    } finally {
      conn.close();
    }
  }

  function storedRun(id: number) {
    const conn = new Database(db, { readonly: true, fileMustExist: true });
    try {
      return {
        individuals: conn
          .prepare('SELECT generation, idx, genome, objectives, front, rank, elite, stats, full_stats, test_stats FROM ga_individuals WHERE run_id = ? ORDER BY generation, idx')
          .all(id),
        state: (conn.prepare('SELECT state FROM ga_runs WHERE id = ?').get(id) as { state: Buffer }).state,
      };
    } finally {
      conn.close();
    }
  }

  let reference: { runId: number; elites: unknown[] };

  it('prints exactly one JSON object with the run id and the final elites', async () => {
    const { done } = mlf(['optimize', ...common, '--workers', '2', '--json']);
    const r = await done;
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const out = JSON.parse(lines[0]!) as { runId: number; status: string; generationsDone: number; elites: Array<Record<string, unknown>> };
    expect(out.status).toBe('finished');
    expect(out.generationsDone).toBe(12);
    expect(out.elites.length).toBeGreaterThan(0);
    const e = out.elites[0]!;
    expect(e).toMatchObject({ rank: 0 });
    expect((e.objectives as number[]).length).toBe(2);
    expect((e.statistics as { totalTrades: number }).totalTrades).toBeGreaterThanOrEqual(0);
    expect((e.test as { overfitting: number[] }).overfitting).toHaveLength(2);
    // The elite's config is a loadable optimizer config without indicator ranges.
    const cfg = e.config as { indicators: Array<Record<string, unknown>> };
    expect(cfg.indicators.every((i) => !('ranges' in i))).toBe(true);
    parseConfigFile(JSON.stringify(cfg), 'elite', { purpose: 'optimize' });
    reference = { runId: out.runId, elites: out.elites };
  });

  it('resumes a run whose process was killed (SIGKILL) to the same final elites and stored results', async () => {
    const { child, done } = mlf(['optimize', ...common, '--workers', '2', '--json']);
    const id = reference.runId + 1;
    await until(() => (generationsDone(id) ?? 0) >= 2);
    const workers = execFileSync('ps', ['-o', 'pid=', '--ppid', String(child.pid)], { encoding: 'utf8' })
      .split('\n')
      .map((s) => Number(s.trim()))
      .filter((n) => n > 0);
    expect(workers).toHaveLength(2);
    child.kill('SIGKILL');
    const killed = await done;
    expect(killed.signal).toBe('SIGKILL');
    const at = generationsDone(id)!;
    expect(at).toBeLessThan(12);
    // Workers leave when their parent's channel closes.
    await until(() => !workers.some(alive));

    const list = await mlf(['runs', '--json', '--db', db]).done;
    const runs = JSON.parse(list.stdout) as Array<{ id: number; status: string; generationsDone: number }>;
    expect(runs.find((r) => r.id === id)).toMatchObject({ status: 'interrupted', generationsDone: at });

    const resumed = await mlf(['resume', String(id), '--json', '--db', db]).done;
    expect(resumed.code, resumed.stderr).toBe(0);
    const out = JSON.parse(resumed.stdout) as { runId: number; status: string; elites: unknown[] };
    expect(out.status).toBe('finished');
    expect(out.elites).toEqual(reference.elites);
    expect(storedRun(id)).toEqual(storedRun(reference.runId));
  });

  it('stops on Ctrl+C (SIGINT) with the completed generations kept, and resumes', async () => {
    const { child, done } = mlf(['optimize', ...common, '--workers', '1']);
    const id = reference.runId + 2;
    await until(() => (generationsDone(id) ?? 0) >= 1);
    child.kill('SIGINT');
    const r = await done;
    expect(r.code).toBe(130);
    expect(r.stdout).toMatch(new RegExp(`continue with: mlf resume ${id}`));
    const list = JSON.parse((await mlf(['runs', '--json', '--db', db]).done).stdout) as Array<{ id: number; status: string }>;
    expect(list.find((x) => x.id === id)!.status).toBe('stopped');
    const resumed = await mlf(['resume', String(id), '--workers', '3', '--json', '--db', db]).done;
    expect(resumed.code, resumed.stderr).toBe(0);
    expect((JSON.parse(resumed.stdout) as { elites: unknown[] }).elites).toEqual(
      // Same config except the worker count recorded in it.
      (reference.elites as Array<{ config: { ga_hyperparameters: Record<string, unknown> } }>).map((e) => ({
        ...e,
        config: { ...e.config, ga_hyperparameters: { ...e.config.ga_hyperparameters, num_workers: 1 } },
      })),
    );
  });

  it('lists runs in a table', async () => {
    const r = await mlf(['runs', '--db', db]).done;
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^id\s+status\s+generations/);
    expect(r.stdout).toMatch(/finished\s+12\/12/);
  });

  it('exports elites, statistics, objectives and a manifest whose command reproduces the run', async () => {
    const out = join(tmp.dir, 'export');
    const r = await mlf(['export', '--run', String(reference.runId), '--top', '3', '--out', out, '--db', db]).done;
    expect(r.code, r.stderr).toBe(0);
    const files = readdirSync(out).sort();
    expect(files).toEqual(
      ['elite-01.json', 'elite-01.stats.json', 'elite-02.json', 'elite-02.stats.json', 'elite-03.json', 'elite-03.stats.json', 'manifest.json', 'objectives.csv', 'run-config.json'].sort(),
    );
    const csv = readFileSync(join(out, 'objectives.csv'), 'utf8').trim().split('\n');
    expect(csv[0]).toBe('generation,index,front,rank,elite,0:MaximizeNetPnL,1:MinimizeLosingTrades');
    expect(csv).toHaveLength(1 + 24 * 12);
    for (const k of ['01', '02', '03']) {
      const text = readFileSync(join(out, `elite-${k}.json`), 'utf8');
      const cfg = parseConfigFile(text, `elite-${k}.json`, { purpose: 'optimize' });
      expect(Object.keys(cfg.monitor.trade_executor).length).toBeGreaterThanOrEqual(11);
      const side = JSON.parse(readFileSync(join(out, `elite-${k}.stats.json`), 'utf8')) as { statistics: { metrics: unknown }; objectives: number[] };
      expect(side.statistics.metrics).toBeTruthy();
      expect(side.objectives).toHaveLength(2);
    }
    // Each exported elite, run through `mlf backtest` on the training range and on the test range,
    // reproduces the statistics the run stored, exactly.
    let trades = 0;
    for (const k of ['01', '02', '03']) {
      const side = JSON.parse(readFileSync(join(out, `elite-${k}.stats.json`), 'utf8')) as {
        train: { from: number; to: number; regularHoursOnly: boolean };
        statistics: unknown;
        test: { from: number; to: number; statistics: unknown };
      };
      const iso = (t: number) => new Date(t * 1000).toISOString();
      for (const [range, stored] of [
        [side.train, side.statistics],
        [side.test, side.test.statistics],
      ] as const) {
        const bt = await mlf(['backtest', '--config', join(out, `elite-${k}.json`), '--symbol', SYMBOL, '--from', iso(range.from), '--to', iso(range.to), '--json', '--db', db]).done;
        expect(bt.code, bt.stderr).toBe(0);
        const replay = JSON.parse(bt.stdout) as { stats: { metrics: { totalTrades: number } } };
        expect(replay.stats).toEqual(stored);
        trades += replay.stats.metrics.totalTrades;
      }
    }
    expect(trades).toBeGreaterThan(0);

    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { reproduce: string; seed: number; fingerprint: { hash: string } };
    expect(manifest.fingerprint.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(manifest.reproduce).toMatch(/^mlf optimize --config run-config.json --symbol WALK /);

    // The one command, run from the export folder, gives the same run.
    const args = manifest.reproduce.split(' ').slice(1);
    const again = await mlf([...args, '--json', '--db', db], out).done;
    expect(again.code, again.stderr).toBe(0);
    const rerun = JSON.parse(again.stdout) as { runId: number; elites: unknown[] };
    expect(rerun.elites).toEqual(reference.elites);
    expect(storedRun(rerun.runId)).toEqual(storedRun(reference.runId));
  });

  it('explains bad input with the file, line and JSON path', async () => {
    const bad = writeConfig(tmp.dir, { ...gaConfig(), objectives: [{ objective: 'MaximiseNetPnL' }] }, 'bad.json');
    const r = await mlf(['optimize', '--config', bad, '--symbol', SYMBOL, '--db', db]).done;
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/bad\.json/);
    expect(r.stderr).toMatch(/objectives\[0\]\.objective \(line \d+\): unknown objective "MaximiseNetPnL"/);
    const nosym = await mlf(['optimize', '--config', configPath, '--symbol', 'NOPE', '--db', db]).done;
    expect(nosym.code).toBe(1);
    expect(nosym.stderr).toMatch(/no candles for symbol 'NOPE'; the store has: WALK/);
  });
});
