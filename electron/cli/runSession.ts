import type { RunProgress, RunSummary } from '../../shared/contract/runs';
import type { EventBus } from '../backend/events';
import type { RunManager } from '../backend/runs/manager';
import { topDistinct } from '../backend/runs/export';
import { UsageError } from './command';

/**
 * An instant typed on the command line, read as `mlf backtest` reads it: epoch seconds, or ISO 8601
 * (`2024-01-02`, `2024-01-02T14:30`, `2024-01-02T09:30-05:00`), UTC unless zoned. A date alone
 * means that whole day: as an end (`isEnd`) it includes the day.
 */
export function parseCount(text: string | undefined, flag: string, min: number): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`${flag} must be a whole number ≥ ${min}, got '${text}'`);
  return n;
}

const fmtNum = (v: number) => (Math.abs(v) >= 1000 || (v !== 0 && Math.abs(v) < 0.001) ? v.toExponential(3) : v.toFixed(4).replace(/\.?0+$/, ''));
export const fmtObjectives = (v: readonly number[] | null) => (v ? v.map(fmtNum).join(', ') : '–');

function fmtDuration(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '–';
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

/** One progress line: a bar on a terminal, or a plain line per completed generation elsewhere. */
export function progressRenderer(stream: NodeJS.WriteStream, tty: boolean): { update(p: RunProgress): void; end(): void } {
  let drawn = false;
  return {
    update(p) {
      const complete = p.evaluated >= p.total;
      if (tty) {
        const width = 24;
        const filled = Math.round((p.evaluated / Math.max(1, p.total)) * width);
        const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
        const line =
          `gen ${p.generation}/${p.generationsTotal} ${bar} ${p.evaluated}/${p.total}` +
          `  best [${fmtObjectives(p.best)}]  diversity ${p.diversity === null ? '–' : p.diversity.toFixed(3)}` +
          `  ETA ${fmtDuration(p.etaSeconds)}${p.status === 'paused' ? '  (paused)' : ''}`;
        stream.write(`\r\x1b[2K${line.slice(0, (stream.columns || 120) - 1)}`);
        drawn = true;
      } else if (complete) {
        stream.write(
          `generation ${p.generation}/${p.generationsTotal}: best [${fmtObjectives(p.best)}], diversity ${
            p.diversity === null ? '–' : p.diversity.toFixed(3)
          }, elapsed ${fmtDuration(p.elapsedSeconds)}, ETA ${fmtDuration(p.etaSeconds)}\n`,
        );
      }
    },
    end() {
      if (tty && drawn) stream.write('\n');
    },
  };
}

/** The final elites of a run as the CLI reports them (`--json` and the table). */
export function finalElites(manager: RunManager, id: number) {
  const run = manager.summary(id);
  if (run.generationsDone === 0) return [];
  const detail = manager.get(id);
  const h = detail.hyperparameters;
  const top = h.elites_to_save > 0 ? Math.max(h.elites_to_save, 1) : h.elite_size;
  const gen = manager.generation(id, run.generationsDone);
  return topDistinct(gen.individuals, top).map((row) => {
    const ind = manager.individual(id, run.generationsDone, row.index);
    const trainStats = ind.full ? ind.full.stats : ind.stats;
    return {
      rank: row.rank,
      index: row.index,
      front: row.front,
      objectives: ind.full ? ind.full.objectives : row.objectives,
      chunkObjectives: ind.full ? row.objectives : null,
      test: ind.test ? { objectives: ind.test.objectives, overfitting: ind.overfitting, metrics: ind.test.stats?.metrics ?? null } : null,
      statistics: trainStats?.metrics ?? row.metrics,
      config: ind.config,
    };
  });
}

export interface SessionOptions {
  json: boolean;
  /** Where progress goes (stderr); drawn as a bar when it is a terminal. */
  progress: NodeJS.WriteStream;
}

/**
 * Follows a run this process drives until it ends, drawing progress; Ctrl+C stops it at once
 * (completed generations stay; `mlf resume` continues). Resolves with the final summary.
 */
export async function followRun(manager: RunManager, events: EventBus, id: number, opts: SessionOptions): Promise<RunSummary> {
  const tty = Boolean(opts.progress.isTTY);
  const show = !opts.json || tty;
  const renderer = progressRenderer(opts.progress, tty);
  const off = events.subscribe((name, payload) => {
    if (name === 'runProgress' && show && (payload as RunProgress).id === id) renderer.update(payload as RunProgress);
  });
  let interrupted = false;
  const onSignal = () => {
    if (interrupted) return;
    interrupted = true;
    renderer.end();
    opts.progress.write(`stopping run ${id}…\n`);
    void manager.stop(id).catch(() => undefined);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    return await manager.wait(id);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    off();
    renderer.end();
  }
}

/** What `mlf optimize` and `mlf resume` print when the run ends. */
export function report(manager: RunManager, summary: RunSummary, json: boolean): number {
  const elites = finalElites(manager, summary.id);
  if (json) {
    console.log(
      JSON.stringify({
        runId: summary.id,
        status: summary.status,
        generationsDone: summary.generationsDone,
        generationsTotal: summary.generationsTotal,
        objectives: summary.objectives,
        error: summary.error,
        elites,
      }),
    );
  } else {
    console.log(`run ${summary.id} ${summary.status} after ${summary.generationsDone}/${summary.generationsTotal} generations`);
    if (summary.error) console.log(`error: ${summary.error}`);
    if (elites.length) {
      console.log(`\nelites (objectives: ${summary.objectives.join(', ')}; all minimised):`);
      for (const e of elites) {
        const m = e.statistics;
        console.log(
          `  #${e.rank + 1} individual ${e.index}: [${fmtObjectives(e.objectives)}]` +
            (m ? `  trades ${m.totalTrades}, P&L ${m.totalPnlPct.toFixed(2)} %, win rate ${m.winRate === null ? '–' : (m.winRate * 100).toFixed(1) + ' %'}` : '') +
            (e.test ? `  test [${fmtObjectives(e.test.objectives)}]` : ''),
        );
      }
    }
    if (summary.status === 'stopped' || summary.status === 'interrupted') console.log(`\ncontinue with: mlf resume ${summary.id}`);
    else if (summary.generationsDone > 0) console.log(`\nexport with: mlf export --run ${summary.id} --out DIR`);
  }
  return summary.status === 'finished' ? 0 : summary.status === 'failed' ? 1 : 130;
}
