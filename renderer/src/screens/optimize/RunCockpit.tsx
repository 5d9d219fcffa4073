import { useEffect, useMemo, useState } from 'react';
import type { GenerationDetail, IndividualRow, RunDetail, RunSummary } from '../../../../shared/contract/runs';
import { getApi } from '../../api/client';
import { downloadElites } from '../../api/exportDownload';
import { LinePlot, ParallelCoords, ScatterPlot, type LineSeriesDef } from '../../components/plots';
import { duration, fmt, int, pct, plural, signClass } from '../../lib/format';
import { formatDate } from '../../lib/zone';
import { useApp } from '../../stores/app';
import { useRoute } from '../../stores/route';
import { useRuns } from '../../stores/runs';
import { useSelection } from '../../stores/selection';
import { useSettings } from '../../stores/settings';
import { chartPalette } from '../../charts/palette';
import { PENALTY } from '../../../../shared/objectives/registry';
import { geneLabel } from '../../lib/genes';

const STATUS_CLASS: Record<string, string> = { running: 'accent', paused: 'warn', finished: 'pos', failed: 'neg', stopped: '', interrupted: 'warn' };

export function StatusBadge({ status }: { status: string }) {
  return (
    <span className={`badge ${STATUS_CLASS[status] ?? ''}`} data-testid="run-status" data-status={status}>
      {status}
    </span>
  );
}

/** Live view of one run: controls, progress, objective evolution, Pareto plot, elites, generations. */
export function RunCockpit({ run }: { run: RunSummary }) {
  const detail = useRuns((s) => s.details[run.id]);
  const progress = useRuns((s) => s.progress[run.id]);
  const theme = useSettings((s) => s.theme);
  const pickedGen = useSelection((s) => s.generation);
  const setGen = useSelection((s) => s.setGeneration);
  const [gen, setGenDetail] = useState<GenerationDetail | null>(null);

  useEffect(() => {
    void useRuns.getState().loadDetail(run.id);
  }, [run.id]);

  const done = detail?.generations.length ?? 0;
  const generation = pickedGen && pickedGen <= done ? pickedGen : done;
  useEffect(() => {
    if (!generation) return setGenDetail(null);
    let live = true;
    getApi()
      .getGeneration({ id: run.id, generation })
      .then((g) => live && setGenDetail(g))
      .catch((e: Error) => useApp.getState().notify('error', e.message));
    return () => {
      live = false;
    };
  }, [run.id, generation]);

  const palette = chartPalette(theme);
  const exportNow = () =>
    void downloadElites(run.id, generation || undefined)
      .then((dir) => dir && useApp.getState().notify('info', `Elites exported to ${dir}`))
      .catch((e: Error) => useApp.getState().notify('error', e.message));
  const command = useApp((s) => s.command);
  useEffect(() => {
    if (command?.name !== 'exportElites' || !done) return;
    useApp.setState({ command: null });
    exportNow();
  }, [command?.seq]); // eslint-disable-line react-hooks/exhaustive-deps
  return (
    <div className="grid" style={{ gap: 12 }}>
      <RunHeader run={run} detail={detail ?? null} />
      {/* Keyed by run: the bar must not slide from the previous run's width. */}
      <ProgressStrip key={run.id} run={run} detail={detail ?? null} progress={progress} />
      <div className="grid" style={{ gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 1fr)', gap: 12 }}>
        <section className="panel">
          <header>
            Objective evolution <span className="hint">best (solid) and population mean (dashed) per generation · lower is better</span>
          </header>
          <div className="body">{detail && detail.generations.length > 0 ? <Evolution detail={detail} colors={palette.series} /> : <Waiting />}</div>
        </section>
        <section className="panel">
          <header>
            Pareto plot
            <span className="hint">generation {generation || '—'}</span>
          </header>
          <div className="body">{gen ? <Pareto gen={gen} runId={run.id} /> : <Waiting />}</div>
        </section>
      </div>
      <section className="panel">
        <header>
          Elites <span className="hint">generation {generation || '—'} · click to inspect</span>
          <div className="tools">
            <GenerationPicker done={done} value={generation} onChange={setGen} />
            <button className="btn small" data-testid="export-elites" disabled={!done} onClick={exportNow}>
              Export elites
            </button>
          </div>
        </header>
        <div className="body flush">{gen ? <Elites gen={gen} runId={run.id} detail={detail ?? null} colors={palette.series} /> : <Waiting />}</div>
      </section>
      <div className="grid" style={{ gridTemplateColumns: 'minmax(0, 1.1fr) minmax(0, 1fr)', gap: 12 }}>
        <section className="panel">
          <header>
            Generations <span className="hint">click a row to show that generation</span>
          </header>
          <div className="body flush" style={{ maxHeight: 340, overflow: 'auto' }}>
            {detail ? <GenerationTable detail={detail} selected={generation} onPick={setGen} /> : <Waiting />}
          </div>
        </section>
        <section className="panel">
          <header>
            Population <span className="hint">generation {generation || '—'} · by rank</span>
          </header>
          <div className="body flush" style={{ maxHeight: 340, overflow: 'auto' }}>
            {gen ? <Population gen={gen} runId={run.id} /> : <Waiting />}
          </div>
        </section>
      </div>
    </div>
  );
}

function Waiting() {
  return <div className="empty">Waiting for the first generation…</div>;
}

function GenerationPicker({ done, value, onChange }: { done: number; value: number; onChange(g: number | null): void }) {
  if (!done) return null;
  return (
    <label className="row dim">
      Generation
      <input
        className="input"
        type="number"
        min={1}
        max={done}
        value={value}
        style={{ width: 70 }}
        onChange={(e) => {
          const g = Number(e.target.value);
          onChange(g >= done ? null : Math.max(1, g));
        }}
      />
      <span className="faint">of {done}</span>
    </label>
  );
}

function RunHeader({ run, detail }: { run: RunSummary; detail: RunDetail | null }) {
  const zone = useSettings((s) => s.zone);
  const act = (f: 'pauseRun' | 'resumeRun' | 'stopRun') => () =>
    getApi()
      [f]({ id: run.id })
      .then(() => useRuns.getState().refresh())
      .catch((e: Error) => useApp.getState().notify('error', e.message));
  const canPause = run.status === 'running';
  const canResume = run.status === 'paused' || run.status === 'stopped' || run.status === 'interrupted';
  const canStop = run.status === 'running' || run.status === 'paused';
  return (
    <div style={{ display: 'flex', alignItems: 'center', gap: 10 }}>
      <div style={{ display: 'flex', alignItems: 'center', gap: 10, minWidth: 0, flex: 1 }}>
        <span style={{ fontSize: 15, fontWeight: 650, whiteSpace: 'nowrap' }}>
          #{run.id} {run.name}
        </span>
        <StatusBadge status={run.status} />
        <span className="dim" style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', minWidth: 0 }}>
          {run.symbol} {run.timeframe} · train {formatDate(run.train.from, zone)} → {formatDate(run.train.to, zone)}
          {run.test && ` · test ${formatDate(run.test.from, zone)} → ${formatDate(run.test.to, zone)}`} · pop {run.populationSize} · {run.workers ? plural(run.workers, 'worker') : 'no workers'} · seed {run.seed}
          {detail && ` · ${plural(detail.genes.filter((g) => g.mutable).length, 'gene')}`}
        </span>
      </div>
      <div className="row" style={{ flex: 'none' }}>
        {canResume ? (
          <button className="btn" onClick={act('resumeRun')} data-testid="pause-run" data-action="resume">
            Resume
          </button>
        ) : (
          <button className="btn" onClick={act('pauseRun')} disabled={!canPause} data-testid="pause-run" data-action="pause">
            Pause
          </button>
        )}
        <button className="btn danger" onClick={act('stopRun')} disabled={!canStop} data-testid="stop-run">
          Stop
        </button>
      </div>
    </div>
  );
}

function ProgressStrip({ run, detail, progress }: { run: RunSummary; detail: RunDetail | null; progress: ReturnType<typeof useRuns.getState>['progress'][number] | undefined }) {
  const total = run.generationsTotal;
  const last = detail?.generations[detail.generations.length - 1];
  // Progress events are throttled, so the stored generations may be ahead of the latest one.
  const doneGens = Math.max(run.generationsDone, last?.generation ?? 0, progress?.generation ? progress.generation - 1 : 0);
  const within = progress && progress.total && progress.generation === doneGens + 1 ? progress.evaluated / progress.total : 0;
  const live = run.status === 'running';
  const frac = Math.min(1, (doneGens + (live ? within : 0)) / Math.max(1, total));
  const div = last?.diversity;
  return (
    <div className="panel">
      {/* Fixed columns: streamed numbers change width, the bar and the badge must not move. */}
      <div className="body" style={{ display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) 440px', gap: 14, alignItems: 'center' }}>
        <div>
          <div className="progress" data-testid="run-progress" data-fraction={frac.toFixed(3)}>
            <div style={{ width: `${(frac * 100).toFixed(1)}%` }} />
          </div>
          <div className="row dim" style={{ marginTop: 5, gap: 16, fontVariantNumeric: 'tabular-nums' }}>
            <span>
              generation <b style={{ color: 'var(--text)' }}>{doneGens}</b> of {total}
            </span>
            {live && progress && (
              <span>
                evaluating {int(progress.evaluated)} / {int(progress.total)}
              </span>
            )}
            {progress && <span>elapsed {duration(progress.elapsedSeconds)}</span>}
            <span>ETA {live && progress?.etaSeconds != null ? duration(progress.etaSeconds) : '—'}</span>
            {last && (
              <span title="Evaluations the last generation ran: genomes carried over unchanged keep their results and are not evaluated again">
                last generation {fmt(last.seconds, 1)} s{last.evaluations !== null && <> · {int(last.evaluations)} evaluations</>} · reply {fmt(last.replyBytes / 1024, 0)} KiB
              </span>
            )}
          </div>
        </div>
        <div className="row" style={{ justifyContent: 'flex-end', flexWrap: 'nowrap', minWidth: 0 }}>
          {div ? (
            <span className={`badge ${div.collapsed ? 'warn' : 'pos'}`} data-testid="diversity-badge" title={`${fmt(div.closeShare * 100, 0)}% of elite pairs closer than 0.05 · mean distance ${fmt(div.meanDistance, 3)}`}>
              {div.collapsed ? 'diversity collapsed — reinjecting' : `diverse · d̄ ${fmt(div.meanDistance, 3)}`}
            </span>
          ) : (
            <span className="badge" data-testid="diversity-badge">
              diversity —
            </span>
          )}
          {run.best && (
            <span className="dim" style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', minWidth: 0 }}>
              best {run.objectives.map((o, i) => `${o} ${fmt(run.best![i], 4)}`).join(' · ')}
            </span>
          )}
        </div>
      </div>
    </div>
  );
}

function Evolution({ detail, colors }: { detail: RunDetail; colors: readonly string[] }) {
  const objectives = detail.objectives;
  return (
    <div className="grid" style={{ gridTemplateColumns: objectives.length > 1 ? '1fr 1fr' : '1fr', gap: 8 }} data-testid="objective-evolution">
      {objectives.map((name, k) => {
        const series: LineSeriesDef[] = [
          { name: 'best', color: colors[k % colors.length]!, points: detail.generations.map((g) => [g.generation, g.best[k]!]) },
          { name: 'mean', color: colors[k % colors.length]!, dashed: true, scales: false, points: detail.generations.map((g) => [g.generation, g.mean[k]!]) },
        ];
        return (
          <div key={name}>
            <div style={{ fontWeight: 600, fontSize: 11.5 }}>{name}</div>
            <LinePlot series={series} height={objectives.length > 2 ? 130 : 226} xLabel="generation" />
          </div>
        );
      })}
    </div>
  );
}

/** Choices for the Pareto axes: every objective, then the most-read metrics. */
const METRIC_AXES: Array<[string, (r: IndividualRow) => number]> = [
  ['Total P&L %', (r) => r.metrics?.totalPnlPct ?? NaN],
  ['Max drawdown %', (r) => r.metrics?.maxDrawdownPct ?? NaN],
  ['Trades', (r) => r.metrics?.totalTrades ?? NaN],
  ['Win rate %', (r) => (r.metrics?.winRate ?? NaN) * 100],
];

function Pareto({ gen, runId }: { gen: GenerationDetail; runId: number }) {
  const go = useRoute((s) => s.go);
  const axes = useMemo(() => [...gen.objectiveNames.map((n, k) => [n, (r: IndividualRow) => r.objectives[k]!] as [string, (r: IndividualRow) => number]), ...METRIC_AXES], [gen.objectiveNames]);
  const [xa, setXa] = useState(0);
  const [ya, setYa] = useState(Math.min(1, axes.length - 1));
  const fx = axes[xa]?.[1] ?? axes[0]![1];
  const fy = axes[ya]?.[1] ?? axes[0]![1];
  const points = gen.individuals.map((r) => ({
    id: String(r.index),
    x: fx(r),
    y: fy(r),
    rank: r.front,
    label: `#${r.index} · front ${r.front}${r.elite ? ' · elite' : ''}\n${gen.objectiveNames.map((n, k) => `${n} ${fmt(r.objectives[k], 4)}`).join('\n')}`,
  }));
  const select = (i: number, set: (n: number) => void) => (
    <select className="input" value={i} onChange={(e) => set(Number(e.target.value))}>
      {axes.map(([n], k) => (
        <option key={n} value={k}>
          {n}
        </option>
      ))}
    </select>
  );
  return (
    <div>
      <div className="row dim" style={{ marginBottom: 6 }}>
        x {select(xa, setXa)} y {select(ya, setYa)}
        <span className="faint">front 0 highlighted · click a point to inspect</span>
      </div>
      <ScatterPlot penalty={PENALTY} points={points} onPick={(id) => go('inspect', runId, gen.generation, id)} xLabel={axes[xa]?.[0] ?? ''} yLabel={axes[ya]?.[0] ?? ''} height={250} />
    </div>
  );
}

function Elites({ gen, runId, detail, colors }: { gen: GenerationDetail; runId: number; detail: RunDetail | null; colors: readonly string[] }) {
  const go = useRoute((s) => s.go);
  const [hover, setHover] = useState<string | null>(null);
  const elites = gen.elites.map((i) => gen.individuals.find((r) => r.index === i)!).filter(Boolean);
  const genes = detail?.genes ?? [];
  const mutable = genes.map((g, k) => [g, k] as const).filter(([g]) => g.mutable);
  return (
    <div className="grid" style={{ gridTemplateColumns: 'minmax(0, 1.3fr) minmax(0, 1fr)', gap: 0 }}>
      <div style={{ overflow: 'auto', borderRight: '1px solid var(--line)' }}>
        <table className="data">
          <thead>
            <tr>
              <th className="num">#</th>
              <th className="num">Ind.</th>
              <th className="num">Front</th>
              {gen.objectiveNames.map((n) => (
                <th key={n} className="num">
                  {n}
                </th>
              ))}
              <th className="num">Trades</th>
              <th className="num">Win %</th>
              <th className="num">P&L %</th>
              <th className="num">Max DD %</th>
              <th className="num">Sharpe</th>
            </tr>
          </thead>
          <tbody>
            {elites.map((r, k) => (
              <tr
                key={r.index}
                className={`clickable${hover === String(r.index) ? ' selected' : ''}`}
                data-testid="elite-row"
                data-index={r.index}
                onMouseEnter={() => setHover(String(r.index))}
                onMouseLeave={() => setHover(null)}
                onClick={() => go('inspect', runId, gen.generation, r.index)}
              >
                <td className="num">
                  <span style={{ display: 'inline-block', width: 8, height: 8, borderRadius: 2, background: colors[k % colors.length], marginRight: 6 }} />
                  {k + 1}
                </td>
                <td className="num">{r.index}</td>
                <td className="num">{r.front}</td>
                {r.objectives.map((v, i) => (
                  <td key={i} className="num">
                    {fmt(v, 4)}
                  </td>
                ))}
                <td className="num">{int(r.metrics?.totalTrades)}</td>
                <td className="num">{r.metrics?.winRate == null ? '—' : fmt(r.metrics.winRate * 100, 1)}</td>
                <td className={`num ${signClass(r.metrics?.totalPnlPct)}`}>{pct(r.metrics?.totalPnlPct, 2, true)}</td>
                <td className="num">{r.metrics ? fmt(-r.metrics.maxDrawdownPct, 2) : '—'}</td>
                <td className="num">{fmt(r.metrics?.sharpe, 2)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div style={{ padding: '6px 10px' }}>
        <div className="dim" style={{ fontSize: 11 }}>
          Elites across their {mutable.length} gene{mutable.length === 1 ? '' : 's'} (axis = the gene's range) and objectives
        </div>
        {mutable.length + gen.objectiveNames.length > 1 ? (
          <ParallelCoords
            axes={[
              ...mutable.map(([g]) => ({ name: geneLabel(g.key), min: g.lo, max: g.hi })),
              ...gen.objectiveNames.map((n, i) => {
                const vs = elites.map((r) => r.objectives[i]!).filter((v) => v < PENALTY);
                const lo = Math.min(...vs);
                const hi = Math.max(...vs);
                return { name: `${n} ↓`, min: vs.length ? lo - (hi - lo || 1) * 0.05 : 0, max: vs.length ? hi + (hi - lo || 1) * 0.05 : 1 };
              }),
            ]}
            lines={elites.map((r, k) => ({
              id: String(r.index),
              values: [...mutable.map(([, gi]) => r.genome[gi]!), ...r.objectives.map((v) => Math.min(v, PENALTY))],
              color: colors[k % colors.length]!,
              label: `elite ${k + 1} (#${r.index})`,
            }))}
            selected={hover}
            onPick={(id) => go('inspect', runId, gen.generation, id)}
            height={Math.max(180, 30 + elites.length * 22)}
          />
        ) : (
          <div className="empty">No optimizable genes.</div>
        )}
      </div>
    </div>
  );
}

function GenerationTable({ detail, selected, onPick }: { detail: RunDetail; selected: number; onPick(g: number | null): void }) {
  const zone = useSettings((s) => s.zone);
  const [all, setAll] = useState(false);
  // Newest first; a long run shows its latest 200 until asked, so streaming stays cheap.
  const rows = [...detail.generations].reverse().slice(0, all ? undefined : 200);
  return (
    <>
    <table className="data" data-testid="generation-table">
      <thead>
        <tr>
          <th className="num">Gen</th>
          <th className="num">Chunk</th>
          {detail.objectives.map((o) => (
            <th key={o} className="num" title={`${o}: best / mean`}>
              {o} best
            </th>
          ))}
          <th className="num">Diversity</th>
          <th>Breeding</th>
          <th className="num">Mut.</th>
          <th className="num">Time</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((g) => (
          <tr key={g.generation} className={`clickable${g.generation === selected ? ' selected' : ''}`} onClick={() => onPick(g.generation === detail.generations.length ? null : g.generation)}>
            <td className="num">{g.generation}</td>
            <td className="num dim" title={`${formatDate(g.window.fromTime, zone)} → ${formatDate(g.window.toTime, zone)}`}>
              {g.split >= 0 ? g.split + 1 : 'all'}
            </td>
            {g.best.map((v, i) => (
              <td key={i} className="num">
                {fmt(v, 4)}
              </td>
            ))}
            <td className={`num ${g.diversity.collapsed ? 'warn' : ''}`}>{fmt(g.diversity.meanDistance, 3)}</td>
            <td className={g.breeding === 'reinjection' ? 'warn' : 'dim'}>{g.breeding}</td>
            <td className="num dim">{fmt(g.rates.mutation, 3)}</td>
            <td className="num dim">{fmt(g.seconds, 1)} s</td>
          </tr>
        ))}
      </tbody>
    </table>
    {!all && detail.generations.length > rows.length && (
      <div className="empty" style={{ padding: 8 }}>
        <button className="btn small" onClick={() => setAll(true)}>
          Show all {detail.generations.length} generations
        </button>
      </div>
    )}
    </>
  );
}

function Population({ gen, runId }: { gen: GenerationDetail; runId: number }) {
  const go = useRoute((s) => s.go);
  const rows = [...gen.individuals].sort((a, b) => a.rank - b.rank);
  return (
    <table className="data" data-testid="population-table">
      <thead>
        <tr>
          <th className="num">Rank</th>
          <th className="num">Ind.</th>
          <th className="num">Front</th>
          <th className="num">Trades</th>
          <th className="num">Win</th>
          <th className="num">Loss</th>
          <th className="num">P&L %</th>
          <th className="num">Avg win %</th>
          <th className="num">Avg loss %</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => {
          const m = r.metrics;
          return (
            <tr key={r.index} className={r.hasStats ? 'clickable' : ''} title={r.hasStats ? 'inspect' : r.error ?? 'statistics not stored for this individual'} onClick={() => r.hasStats && go('inspect', runId, gen.generation, r.index)} data-testid="population-row">
              <td className="num">{r.rank + 1}</td>
              <td className="num">
                {r.index}
                {r.elite && <span className="badge accent" style={{ marginLeft: 6, height: 16 }}>elite</span>}
              </td>
              <td className="num">{r.front}</td>
              <td className="num">{int(m?.totalTrades)}</td>
              <td className="num">{int(m?.winningTrades)}</td>
              <td className="num">{int(m?.losingTrades)}</td>
              <td className={`num ${signClass(m?.totalPnlPct)}`}>{pct(m?.totalPnlPct, 2, true)}</td>
              <td className="num">{pct(m?.avgWinPct, 2)}</td>
              <td className="num">{pct(m?.avgLossPct, 2)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
