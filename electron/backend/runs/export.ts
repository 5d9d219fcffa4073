import { mkdirSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import type { StrategyConfig } from '../../../shared/config/types';
import type { ExportFile } from '../../../shared/contract/runs';
import { MlfError } from '../../../shared/contract/errors';
import type { GeneSpec } from '../../../shared/ga/genes';
import { applyGenome, type Genome } from '../../../shared/ga/genome';
import { toPlain } from '../../../shared/stats/export';
import type { RunRepository, StoredRun } from './repository';

/**
 * An individual as a config that loads straight back into `mlf backtest` and `mlf optimize`: the
 * run's config with the genome's values, indicator `ranges` removed (the original's export form),
 * every `trade_executor` field kept, and the run's objectives and hyperparameters so that an
 * optimizer accepts it too. `metadata` says where it came from.
 */
export function eliteConfig(run: Pick<StoredRun, 'config' | 'genes'>, genome: Genome, metadata?: Record<string, unknown>): StrategyConfig {
  const cfg = applyGenome(run.config, run.genes as GeneSpec[], genome);
  const indicators = cfg.indicators.map((ind) => {
    const { ranges: _ranges, ...rest } = ind;
    return rest as StrategyConfig['indicators'][number];
  });
  const out: StrategyConfig = {
    test_name: cfg.test_name,
    monitor: cfg.monitor,
    indicators,
    objectives: cfg.objectives,
    ga_hyperparameters: cfg.ga_hyperparameters,
  };
  if (metadata) out.metadata = metadata;
  return out;
}

/** JSON as `mlf backtest --json` writes statistics: typed arrays as arrays, non-finite numbers as null. */
export function toJson(value: unknown): string {
  return JSON.stringify(toPlain(value), null, 2);
}

const isoDate = (t: number) => new Date(t * 1000).toISOString().replace('.000Z', 'Z');

/** The one command that reproduces a run from its exported `run-config.json`. */
export function reproduceCommand(run: StoredRun, configFile = 'run-config.json'): string {
  const parts = [
    'mlf optimize',
    `--config ${configFile}`,
    `--symbol ${run.symbol}`,
    `--from ${isoDate(run.train.from)}`,
    `--to ${isoDate(run.train.to)}`,
  ];
  if (run.test) parts.push(`--test-from ${isoDate(run.test.from)}`, `--test-to ${isoDate(run.test.to)}`);
  if (run.regularHoursOnly) parts.push('--rth');
  parts.push(`--seed ${run.seed}`);
  return parts.join(' ');
}

export interface ExportOptions {
  /** Generation to export (default: the last completed one). */
  generation?: number;
  /** Distinct individuals to export, best first (default: `elites_to_save`, else `elite_size`). */
  top?: number;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/**
 * The best `top` individuals of a generation by rank, skipping exact copies of one already taken
 * (elites survive unchanged and crossover can rebuild a parent, so copies are common).
 */
export function topDistinct<T extends { rank: number; genome: readonly number[] }>(individuals: readonly T[], top: number): T[] {
  const out: T[] = [];
  const seen = new Set<string>();
  for (const row of [...individuals].sort((a, b) => a.rank - b.rank)) {
    if (out.length >= top) break;
    const key = row.genome.join(',');
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(row);
  }
  return out;
}

/**
 * The export of a run as files (name + text): per elite `elite-NN.json` (a loadable config) and
 * `elite-NN.stats.json` (its objectives and complete statistics), `objectives.csv` (every
 * individual of every generation up to the exported one), `run-config.json` (the run's own
 * config, hyperparameters and seed included) and `manifest.json` (what the run was, with the
 * command that reproduces it). The CLI writes them to a folder; the UI offers them as downloads.
 */
export function buildExport(repo: RunRepository, id: number, opts: ExportOptions = {}): ExportFile[] {
  const run = repo.loadRun(id);
  if (run.generationsDone === 0) throw new MlfError('CONFLICT', `run ${id} has no completed generation to export yet`);
  const generation = opts.generation ?? run.generationsDone;
  if (generation < 1 || generation > run.generationsDone) {
    throw new MlfError('BAD_INPUT', `run ${id} has generations 1–${run.generationsDone}; there is no generation ${generation}`);
  }
  const h = run.hyperparameters;
  const top = Math.max(1, opts.top ?? (h.elites_to_save > 0 ? h.elites_to_save : h.elite_size));
  const gen = repo.getGeneration(id, generation);
  const chosen = topDistinct(gen.individuals, top);
  const width = Math.max(2, String(chosen.length).length);
  const files: ExportFile[] = [];

  chosen.forEach((row, k) => {
    const name = `elite-${pad(k + 1, width)}`;
    const ind = repo.getIndividual(id, generation, row.index);
    const provenance = { run: id, generation, index: row.index, rank: row.rank, version: run.version };
    const config = eliteConfig(run, ind.genome, { exported_from: provenance });
    config.test_name = `${run.config.test_name} gen ${generation} elite ${k + 1}`;
    files.push({ name: `${name}.json`, content: `${toJson(config)}\n` });
    // The statistics `mlf backtest` reproduces: the whole training range (the chunk's when the
    // generation evaluated the whole range already).
    const trainStats = ind.full ? ind.full.stats : ind.stats;
    const trainObjectives = ind.full ? ind.full.objectives : row.objectives;
    files.push({
      name: `${name}.stats.json`,
      content: `${toJson({
        ...provenance,
        symbol: run.symbol,
        objectiveNames: run.objectives,
        objectives: trainObjectives,
        chunk: ind.full ? { window: gen.window, objectives: row.objectives } : null,
        front: row.front,
        train: { from: run.train.from, to: run.train.to, regularHoursOnly: run.regularHoursOnly },
        statistics: trainStats,
        test: ind.test
          ? {
              from: run.test!.from,
              to: run.test!.to,
              objectives: ind.test.objectives,
              overfitting: trainObjectives.map((v, j) => v - ind.test!.objectives[j]!),
              statistics: ind.test.stats,
            }
          : null,
        metrics: row.metrics,
        error: row.error,
      })}\n`,
    });
  });

  const header = ['generation', 'index', 'front', 'rank', 'elite', ...run.objectives.map((o, j) => `${j}:${o}`)];
  const lines = [header.join(',')];
  for (const r of repo.objectiveRows(id, generation)) {
    lines.push([r.generation, r.index, r.front, r.rank, r.elite ? 1 : 0, ...r.objectives.map((v) => String(v))].join(','));
  }
  files.push({ name: 'objectives.csv', content: `${lines.join('\n')}\n` });

  files.push({ name: 'run-config.json', content: `${toJson(run.config)}\n` });
  files.push({
    name: 'manifest.json',
    content: `${toJson({
      run: { id, name: run.name, createdAt: isoDate(run.createdAt), status: run.status, version: run.version },
      reproduce: reproduceCommand(run),
      symbol: run.symbol,
      timeframe: run.timeframe,
      train: { from: isoDate(run.train.from), to: isoDate(run.train.to) },
      test: run.test ? { from: isoDate(run.test.from), to: isoDate(run.test.to) } : null,
      regularHoursOnly: run.regularHoursOnly,
      seed: run.seed,
      hyperparameters: h,
      fingerprint: run.fingerprint,
      testFingerprint: run.testFingerprint,
      generationsDone: run.generationsDone,
      exported: { generation, elites: chosen.map((r) => r.index) },
      config: run.config,
    })}\n`,
  });
  return files;
}

/** Writes export files into `dir` (created if missing); returns the absolute folder. */
export function writeExportFiles(files: readonly ExportFile[], dir: string): string {
  const out = resolve(dir);
  if (!isAbsolute(dir)) throw new MlfError('BAD_INPUT', `export folder must be an absolute path, got ${dir}`);
  mkdirSync(out, { recursive: true });
  for (const f of files) writeFileSync(join(out, f.name), f.content);
  return out;
}
