import { useEffect, useMemo, useRef, useState } from 'react';
import { MlfError, type MlfIssue } from '../../../shared/contract/errors';
import { nyDayStart } from '../../../shared/time/newYork';
import { useConfigFile } from '../lib/useConfigFile';
import { DAY, nyDate, nyMidnight } from '../lib/nyDates';
import { getApi } from '../api/client';
import { DatasetSelect } from '../components/DatasetSelect';
import { datasetKey, startDatasetsStore, useDatasets } from '../stores/datasets';
import { startRunsStore, useRuns } from '../stores/runs';
import { useSelection } from '../stores/selection';
import { BarsTab, countGenes, ExecutorTab, GaTab, IndicatorsTab, ObjectivesTab, type Edit } from './optimize/ConfigEditor';
import { RunCockpit, StatusBadge } from './optimize/RunCockpit';
import { useRoute } from '../stores/route';
import { useApp } from '../stores/app';
import { ConfigPicker, type ConfigPickerHandle } from '../components/ConfigPicker';


export function OptimizeScreen({ args }: { args: string[] }) {
  const runs = useRuns((s) => s.list);
  const runId = useSelection((s) => s.runId);
  const setRun = useSelection((s) => s.setRun);
  useEffect(() => {
    startRunsStore();
    startDatasetsStore();
  }, []);
  useEffect(() => {
    const fromUrl = Number(args[0]);
    if (fromUrl && fromUrl !== runId) setRun(fromUrl);
    else if (runId === null && runs.length) setRun(runs[0]!.id);
  }, [args, runs, runId, setRun]);
  const run = runs.find((r) => r.id === runId) ?? null;
  const loaded = useRuns((s) => s.loaded);
  const [formOpen, setFormOpen] = useState<boolean | null>(null);
  // The form takes room from the cockpit: open by default only until there is a run to watch.
  const open = formOpen ?? !(loaded && runs.length > 0);

  return (
    <div className="page">
      <div className="page-head">
        <h1>Optimize</h1>
        <span className="sub">Evolve a monitor config with NSGA-II; every objective is minimised.</span>
        <div className="actions">
          <button className={`btn ${open ? '' : 'primary'}`} onClick={() => setFormOpen(!open)} data-testid="toggle-new-run">
            {open ? 'Hide new run' : 'New run…'}
          </button>
          {runs.length > 0 && (
            <select className="input" value={runId ?? ''} onChange={(e) => useRoute.getState().go('optimize', e.target.value)} data-testid="run-select">
              {runs.map((r) => (
                <option key={r.id} value={r.id}>
                  #{r.id} {r.name} — {r.status} ({r.generationsDone}/{r.generationsTotal})
                </option>
              ))}
            </select>
          )}
        </div>
      </div>
      <div className="grid" style={{ gridTemplateColumns: open ? '500px minmax(0, 1fr)' : 'minmax(0, 1fr)', alignItems: 'start' }}>
        {/* Hidden rather than unmounted, so edits survive closing the form. */}
        <div style={{ display: open ? undefined : 'none', position: 'sticky', top: 0 }}>
          <NewRunPanel
            onWantOpen={() => setFormOpen(true)}
            onStarted={(id) => {
              setFormOpen(false);
              useRoute.getState().go('optimize', id);
            }}
          />
        </div>
        <div style={{ minWidth: 0 }}>
          {run ? (
            <RunCockpit run={run} />
          ) : (
            <section className="panel">
              <div className="empty">No runs yet. Pick a config on the left, choose the data and start a run; it appears here and updates live.</div>
            </section>
          )}
          {runs.length > 1 && <RunList />}
        </div>
      </div>
    </div>
  );
}

function RunList() {
  const runs = useRuns((s) => s.list);
  const go = useRoute((s) => s.go);
  return (
    <section className="panel" style={{ marginTop: 12 }}>
      <header>All runs</header>
      <div className="body flush" style={{ maxHeight: 220, overflow: 'auto' }}>
        <table className="data">
          <thead>
            <tr>
              <th className="num">#</th>
              <th>Name</th>
              <th>Status</th>
              <th>Data</th>
              <th className="num">Generations</th>
              <th className="num">Population</th>
            </tr>
          </thead>
          <tbody>
            {runs.map((r) => (
              <tr key={r.id} className="clickable" onClick={() => go('optimize', r.id)}>
                <td className="num">{r.id}</td>
                <td>{r.name}</td>
                <td>
                  <span className={`badge`}>{r.status}</span>
                </td>
                <td className="dim">
                  {r.symbol} {r.timeframe}
                </td>
                <td className="num">
                  {r.generationsDone} / {r.generationsTotal}
                </td>
                <td className="num">{r.populationSize}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

type Tab = 'indicators' | 'bars' | 'executor' | 'objectives' | 'ga';
const TABS: Array<[Tab, string]> = [
  ['indicators', 'Indicators'],
  ['bars', 'Bars & rules'],
  ['executor', 'Executor'],
  ['objectives', 'Objectives'],
  ['ga', 'GA'],
];

function IssueBox({ error }: { error: MlfError }) {
  return (
    <div className="panel" style={{ borderColor: 'var(--neg)' }} data-testid="config-error">
      <div className="body">
        <div className="neg" style={{ fontWeight: 600 }}>
          {error.message}
        </div>
        {error.issues.slice(0, 30).map((i: MlfIssue, k) => (
          <div key={k} className="mono" style={{ marginTop: 3 }}>
            {i.line !== undefined && <span className="dim">line {i.line} · </span>}
            <span className="dim">{i.path || '(root)'}</span> — {i.message}
          </div>
        ))}
      </div>
    </div>
  );
}

function NewRunPanel({ onStarted, onWantOpen }: { onStarted(id: number): void; onWantOpen(): void }) {
  const datasets = useDatasets((s) => s.list);
  const picker = useRef<ConfigPickerHandle>(null);
  const { config, setConfig, source, error, setError, load } = useConfigFile();
  const [tab, setTab] = useState<Tab>('indicators');
  const [dataKey, setDataKey] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [testFrom, setTestFrom] = useState('');
  const [testTo, setTestTo] = useState('');
  const [extended, setExtended] = useState(false);
  const [starting, setStarting] = useState(false);
  const command = useApp((s) => s.command);
  useEffect(() => {
    if (command?.name !== 'openConfig') return;
    useApp.setState({ command: null });
    onWantOpen();
    picker.current?.openFile();
  }, [command?.seq]); // eslint-disable-line react-hooks/exhaustive-deps

  const dataset = datasets.find((d) => datasetKey(d) === dataKey) ?? datasets[0] ?? null;
  useEffect(() => {
    if (!dataset || dataset.firstTs === null || dataset.lastTs === null) return;
    // Default: the first 75 % for training, the rest for testing.
    const a = nyDayStart(dataset.firstTs);
    const b = nyDayStart(dataset.lastTs) + DAY;
    const split = nyDayStart(a + (b - a) * 0.75);
    setFrom(nyDate(a));
    setTo(nyDate(split - DAY));
    setTestFrom(nyDate(split));
    setTestTo(nyDate(b - DAY));
  }, [dataset?.symbol, dataset?.firstTs, dataset?.lastTs]); // eslint-disable-line react-hooks/exhaustive-deps

  const edit: Edit = (mutate) =>
    setConfig((c) => {
      if (!c) return c;
      const next = structuredClone(c);
      mutate(next);
      return next;
    });

  const genes = useMemo(() => (config ? countGenes(config) : 0), [config]);

  const start = async () => {
    if (!config || !dataset) return;
    setStarting(true);
    setError(null);
    try {
      const r = await getApi().startRun({
        config,
        source,
        symbol: dataset.symbol,
        from: nyMidnight(from),
        to: nyMidnight(to) + DAY,
        ...(testFrom && testTo ? { testFrom: nyMidnight(testFrom), testTo: nyMidnight(testTo) + DAY } : {}),
        includeExtendedHours: extended,
        name: config.test_name || source,
      });
      await useRuns.getState().refresh();
      onStarted(r.id);
    } catch (e) {
      setError(e instanceof MlfError ? e : new MlfError('FAILED', (e as Error).message));
    } finally {
      setStarting(false);
    }
  };

  return (
    <section className="panel">
      <header>New run</header>
      <div className="body" style={{ display: 'flex', flexDirection: 'column', gap: 10 }}>
        <ConfigPicker
          ref={picker}
          purpose="optimize"
          source={source}
          hasConfig={config !== null}
          onLoad={load}
          fileTestId="config-file"
          selectTestId="recent-configs"
        />
        {error && <IssueBox error={error} />}
        {config && (
          <>
            <div className="row" style={{ justifyContent: 'space-between' }}>
              <span style={{ fontWeight: 600 }}>{config.monitor.name || config.test_name}</span>
              <span className={`badge ${genes ? 'accent' : 'warn'}`} data-testid="gene-count">
                {genes} gene{genes === 1 ? '' : 's'} optimized
              </span>
            </div>
            <div className="seg" style={{ alignSelf: 'stretch', display: 'flex' }}>
              {TABS.map(([id, label]) => (
                <button key={id} className={tab === id ? 'on' : ''} style={{ flex: 1 }} onClick={() => setTab(id)}>
                  {label}
                </button>
              ))}
            </div>
            <div style={{ maxHeight: 420, overflow: 'auto', margin: '0 -10px', padding: '0 10px' }}>
              {tab === 'indicators' && <IndicatorsTab config={config} edit={edit} />}
              {tab === 'bars' && <BarsTab config={config} edit={edit} />}
              {tab === 'executor' && <ExecutorTab config={config} edit={edit} />}
              {tab === 'objectives' && <ObjectivesTab config={config} edit={edit} />}
              {tab === 'ga' && <GaTab config={config} edit={edit} />}
            </div>
          </>
        )}
        <div className="panel" style={{ background: 'var(--panel-2)' }}>
          <header style={{ minHeight: 28, padding: '4px 8px' }}>
            Data <span className="hint">New York calendar days, inclusive</span>
          </header>
          <div className="body grid" style={{ gridTemplateColumns: '1fr 1fr', gap: 8 }}>
            <label className="field" style={{ gridColumn: '1 / -1' }}>
              Dataset
              <DatasetSelect datasets={datasets} value={dataset} onChange={setDataKey} testId="run-dataset" />
            </label>
            <label className="field">
              Train from
              <input className="input" type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
            </label>
            <label className="field">
              Train to
              <input className="input" type="date" value={to} onChange={(e) => setTo(e.target.value)} />
            </label>
            <label className="field">
              <span>
                Test from <span className="faint">(optional)</span>
              </span>
              <input className="input" type="date" value={testFrom} onChange={(e) => setTestFrom(e.target.value)} />
            </label>
            <label className="field">
              Test to
              <input className="input" type="date" value={testTo} onChange={(e) => setTestTo(e.target.value)} />
            </label>
            <label className="check" style={{ gridColumn: '1 / -1' }}>
              <input type="checkbox" checked={extended} onChange={(e) => setExtended(e.target.checked)} /> Include extended hours (else 09:30–16:00 New York only)
            </label>
          </div>
        </div>
        {config && (genes === 0 || config.objectives.length === 0) && (
          <div className="warn" data-testid="run-blockers">
            {genes === 0 && 'Nothing to optimize yet: switch some values to “optimize”. '}
            {config.objectives.length === 0 && 'Add at least one objective.'}
          </div>
        )}
        <button className="btn primary" style={{ height: 30 }} disabled={!config || !dataset || starting || genes === 0 || config.objectives.length === 0} onClick={() => void start()} data-testid="start-run">
          {starting ? 'Starting…' : 'Start run'}
        </button>
        {!datasets.length && <div className="dim">No data in the store yet: add some on the Data screen.</div>}
      </div>
    </section>
  );
}

export { StatusBadge };

