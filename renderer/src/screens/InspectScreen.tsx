import { useEffect, useMemo, useState } from 'react';
import type { GenerationDetail, IndividualDetail, RunSummary } from '../../../shared/contract/runs';
import type { IndividualStats } from '../../../shared/stats/types';
import { getApi } from '../api/client';
import { InspectView } from '../components/InspectView';
import { linesFromInspection } from '../charts/lines';
import type { ChartLine } from '../charts/tradeChart';
import { fmt } from '../lib/format';
import { useApp } from '../stores/app';
import { hrefFor } from '../stores/route';
import { startRunsStore, useRuns } from '../stores/runs';
import { refKey, useSelection, type IndividualRef } from '../stores/selection';

type Scope = 'chunk' | 'full' | 'test';

function statsFor(d: IndividualDetail, scope: Scope): IndividualStats | null {
  if (scope === 'full') return d.full?.stats ?? null;
  if (scope === 'test') return d.test?.stats ?? null;
  return d.stats;
}

function rangeFor(d: IndividualDetail, run: RunSummary, scope: Scope): { from: number; to: number } {
  if (scope === 'test' && run.test) return run.test;
  if (scope === 'full') return run.train;
  return { from: d.window.fromTime, to: d.window.toTime };
}

/** Any individual of any generation, from its stored statistics: `#/inspect/<run>/<generation>/<index>`. */
export function InspectScreen({ args }: { args: string[] }) {
  const [runId, generation, index] = args.map(Number);
  const runs = useRuns((s) => s.list);
  const compareRef = useSelection((s) => s.compare);
  const setCompare = useSelection((s) => s.setCompare);
  const [detail, setDetail] = useState<IndividualDetail | null>(null);
  const [other, setOther] = useState<IndividualDetail | null>(null);
  const [gen, setGen] = useState<GenerationDetail | null>(null);
  const [scope, setScope] = useState<Scope>('chunk');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => startRunsStore(), []);

  const valid = Number.isInteger(runId) && Number.isInteger(generation) && Number.isInteger(index);
  useEffect(() => {
    if (valid) rememberInspected({ runId: runId!, generation: generation!, index: index! });
  }, [valid, runId, generation, index]);
  useEffect(() => {
    if (!valid) return;
    let live = true;
    setError(null);
    setDetail(null);
    const api = getApi();
    api
      .getIndividual({ id: runId!, generation: generation!, index: index! })
      .then((d) => {
        if (!live) return;
        setDetail(d);
        // Elites carry whole-range statistics; prefer them over a training chunk.
        setScope(d.full ? 'full' : 'chunk');
      })
      .catch((e: Error) => live && setError(e.message));
    api
      .getGeneration({ id: runId!, generation: generation! })
      .then((g) => live && setGen(g))
      .catch(() => {});
    return () => {
      live = false;
    };
  }, [valid, runId, generation, index]);

  useEffect(() => {
    if (!compareRef || compareRef.runId !== runId) return setOther(null);
    let live = true;
    getApi()
      .getIndividual({ id: compareRef.runId, generation: compareRef.generation, index: compareRef.index })
      .then((d) => live && setOther(d))
      .catch((e: Error) => useApp.getState().notify('error', e.message));
    return () => {
      live = false;
    };
  }, [compareRef, runId]);

  const run = runs.find((r) => r.id === runId);
  const range = detail && run ? rangeFor(detail, run, scope) : null;
  const [lines, setLines] = useState<ChartLine[] | undefined>(undefined);
  useEffect(() => {
    setLines(undefined);
    if (!detail || !run || !range) return;
    let live = true;
    // Indicator and bar-score series are computed on demand for the shown range (not stored).
    getApi()
      .engineInspect({ config: detail.config, symbol: run.symbol, from: range.from, to: range.to, regularHoursOnly: run.regularHoursOnly })
      .then((s) => live && setLines(linesFromInspection(s)))
      .catch((e: Error) => live && useApp.getState().notify('warn', `Indicator series: ${e.message}`));
    return () => {
      live = false;
    };
  }, [detail, run?.symbol, run?.regularHoursOnly, range?.from, range?.to]); // eslint-disable-line react-hooks/exhaustive-deps
  const stats = detail ? statsFor(detail, scope) : null;
  const otherStats = other ? statsFor(other, scope) ?? other.stats : null;
  const subject = useMemo(() => (stats ? { label: `#${index}`, stats } : null), [stats, index]);
  const compare = useMemo(() => (other && otherStats ? { label: `#${other.index}`, stats: otherStats } : null), [other, otherStats]);

  if (!valid) return <InspectHome />;

  const elites = gen ? gen.elites.filter((i) => i !== index) : [];
  const pickCompare = (v: string) => setCompare(v === '' ? null : ({ runId: runId!, generation: generation!, index: Number(v) } satisfies IndividualRef));

  return (
    <div className="page" style={{ height: '100%' }}>
      <div className="page-head">
        <h1>
          Run #{runId} · generation {generation} · individual {index}
        </h1>
        <span className="sub">
          {detail && (
            <>
              front {detail.front} · rank {detail.rank + 1}
              {detail.elite ? ' · elite' : ''} · objectives {detail.objectives.map((v) => fmt(v, 4)).join(' / ')}
              {detail.overfitting && ` · train − test ${detail.overfitting.map((v) => fmt(v, 3)).join(' / ')}`}
            </>
          )}
        </span>
        <div className="actions">
          <a className="btn" href={hrefFor('optimize', runId!)}>
            Back to run
          </a>
        </div>
      </div>
      {error && <div className="panel"><div className="empty neg">{error}</div></div>}
      {detail && !stats && scope === 'chunk' && <div className="panel"><div className="empty">No statistics are stored for this individual (only elites and Pareto fronts keep them).</div></div>}
      {detail && subject && run && (
        <div style={{ flex: 1, minHeight: 0 }}>
          <InspectView
            key={refKey({ runId: runId!, generation: generation!, index: index! })}
            subject={subject}
            compare={compare}
            symbol={run.symbol}
            regularHoursOnly={run.regularHoursOnly}
            {...range!}
            lines={lines}
            tools={
              <>
                <div className="seg" data-testid="scope-select">
                  <button className={scope === 'chunk' ? 'on' : ''} onClick={() => setScope('chunk')} disabled={!detail.stats} title="the training chunk this generation was scored on">
                    Chunk
                  </button>
                  <button className={scope === 'full' ? 'on' : ''} onClick={() => setScope('full')} disabled={!detail.full}>
                    Full train
                  </button>
                  <button className={scope === 'test' ? 'on' : ''} onClick={() => setScope('test')} disabled={!detail.test}>
                    Test
                  </button>
                </div>
                <select className="input" value={compareRef && compareRef.runId === runId ? String(compareRef.index) : ''} onChange={(e) => pickCompare(e.target.value)} data-testid="compare-select">
                  <option value="">Compare with…</option>
                  {elites.map((i, k) => (
                    <option key={i} value={i}>
                      elite {k + 1} (#{i})
                    </option>
                  ))}
                </select>
              </>
            }
          />
        </div>
      )}
    </div>
  );
}

const RECENT_KEY = 'mlf.recentInspected';

function readInspected(): IndividualRef[] {
  try {
    const v = JSON.parse(localStorage.getItem(RECENT_KEY) ?? '[]') as IndividualRef[];
    return Array.isArray(v) ? v.filter((r) => Number.isInteger(r?.runId) && Number.isInteger(r.generation) && Number.isInteger(r.index)) : [];
  } catch {
    return [];
  }
}

function rememberInspected(r: IndividualRef): void {
  const next = [r, ...readInspected().filter((x) => refKey(x) !== refKey(r))].slice(0, 12);
  try {
    localStorage.setItem(RECENT_KEY, JSON.stringify(next));
  } catch {
    // Storage unavailable: nothing to remember.
  }
}

/** `#/inspect` without an individual: the ones looked at lately, and where to find others. */
function InspectHome() {
  const runs = useRuns((s) => s.list);
  const recent = readInspected().filter((r) => runs.some((x) => x.id === r.runId));
  return (
    <div className="page">
      <div className="page-head">
        <h1>Inspect</h1>
        <span className="sub">Any individual of any generation, from the statistics its evaluation stored.</span>
      </div>
      <section className="panel" style={{ maxWidth: 760 }}>
        <header>Recently inspected</header>
        <div className="body flush">
          {recent.length ? (
            <table className="data">
              <thead>
                <tr>
                  <th>Run</th>
                  <th className="num">Generation</th>
                  <th className="num">Individual</th>
                  <th>Status</th>
                </tr>
              </thead>
              <tbody>
                {recent.map((r) => {
                  const run = runs.find((x) => x.id === r.runId)!;
                  return (
                    <tr key={refKey(r)} className="clickable" onClick={() => (location.hash = hrefFor('inspect', r.runId, r.generation, r.index).slice(1))}>
                      <td>
                        #{run.id} {run.name}
                      </td>
                      <td className="num">{r.generation}</td>
                      <td className="num">{r.index}</td>
                      <td className="dim">{run.status}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          ) : (
            <div className="empty">Pick an individual from a run's elites, its Pareto plot or its population table on the Optimize screen.</div>
          )}
        </div>
      </section>
    </div>
  );
}
