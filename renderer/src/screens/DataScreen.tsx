import { useEffect, useMemo, useRef, useState } from 'react';
import type { CandleColumns, DatasetInfo, ImportSummary } from '../../../shared/contract/data';
import { MlfError, type MlfIssue } from '../../../shared/contract/errors';
import { TIMEFRAMES, timeframeRank, type Timeframe } from '../../../shared/time/timeframes';
import { getApi, hostKind } from '../api/client';
import { uploadForBackend } from '../api/files';
import { TradeChartView } from '../charts/TradeChartView';
import { bytes, int } from '../lib/format';
import { formatTime } from '../lib/zone';
import { datasetKey, startDatasetsStore, useDatasets } from '../stores/datasets';
import { useApp } from '../stores/app';
import { useSettings } from '../stores/settings';

export function DataScreen() {
  const list = useDatasets((s) => s.list);
  const loaded = useDatasets((s) => s.loaded);
  const zone = useSettings((s) => s.zone);
  const [selected, setSelected] = useState<string | null>(null);
  useEffect(() => startDatasetsStore(), []);
  useEffect(() => {
    if (!selected && list.length) setSelected(datasetKey(list[0]!));
  }, [list, selected]);
  const current = list.find((d) => datasetKey(d) === selected) ?? null;

  return (
    <div className="page" style={{ height: '100%' }}>
      <div className="page-head">
        <h1>Data</h1>
        <span className="sub">Candles in the local store. Coarser timeframes are aggregated on read, without look-ahead.</span>
      </div>
      <div className="grid" style={{ gridTemplateColumns: 'minmax(0, 1fr) 340px', flex: 1, minHeight: 0 }}>
        <div className="grid" style={{ gridTemplateRows: 'auto minmax(320px, 1fr)', minHeight: 0 }}>
          <section className="panel">
            <header>
              Datasets <span className="hint">{loaded ? `${list.length}` : 'loading…'}</span>
            </header>
            <div className="body flush" style={{ maxHeight: 260, overflow: 'auto' }}>
              <table className="data" data-testid="datasets-table">
                <thead>
                  <tr>
                    <th>Symbol</th>
                    <th>Stored</th>
                    <th className="num">First candle</th>
                    <th className="num">Last candle</th>
                    <th className="num">Candles</th>
                    <th>Source</th>
                    <th className="num">Written</th>
                    <th />
                  </tr>
                </thead>
                <tbody>
                  {list.map((d) => (
                    <tr key={datasetKey(d)} className={`clickable${datasetKey(d) === selected ? ' selected' : ''}`} onClick={() => setSelected(datasetKey(d))} data-testid="dataset-row">
                      <td style={{ fontWeight: 600 }}>{d.symbol}</td>
                      <td>{d.timeframe}</td>
                      <td className="num">{d.firstTs === null ? '—' : formatTime(d.firstTs, zone)}</td>
                      <td className="num">{d.lastTs === null ? '—' : formatTime(d.lastTs, zone)}</td>
                      <td className="num">{int(d.rows)}</td>
                      <td className="dim" title={d.source ?? ''}>{d.source ?? '—'}</td>
                      <td className="num dim">{formatTime(d.importedAt, zone)}</td>
                      <td style={{ width: 1 }}>
                        <DeleteButton d={d} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {loaded && list.length === 0 && <div className="empty">No data yet. Generate the sample or import a CSV file on the right.</div>}
            </div>
          </section>
          <Preview dataset={current} />
        </div>
        <div className="grid" style={{ alignContent: 'start' }}>
          <ImportPanel />
          <SamplePanel />
        </div>
      </div>
    </div>
  );
}

function DeleteButton({ d }: { d: DatasetInfo }) {
  const [armed, setArmed] = useState(false);
  useEffect(() => {
    if (!armed) return;
    const t = setTimeout(() => setArmed(false), 3000);
    return () => clearTimeout(t);
  }, [armed]);
  return (
    <button
      className={`btn small ${armed ? 'danger' : ''}`}
      onClick={(e) => {
        e.stopPropagation();
        if (!armed) return setArmed(true);
        getApi()
          .deleteDataset({ symbol: d.symbol, timeframe: d.timeframe })
          .then(() => useDatasets.getState().refresh())
          .catch((err: Error) => useApp.getState().notify('error', err.message));
      }}
    >
      {armed ? 'Confirm delete' : 'Delete'}
    </button>
  );
}

function Preview({ dataset }: { dataset: DatasetInfo | null }) {
  const [tf, setTf] = useState<Timeframe>('5m');
  const [heiken, setHeiken] = useState(false);
  const [candles, setCandles] = useState<CandleColumns | null>(null);
  const [error, setError] = useState<string | null>(null);
  const options = useMemo(() => (dataset ? TIMEFRAMES.filter((t) => timeframeRank(t) >= timeframeRank(dataset.timeframe)) : []), [dataset]);
  const effective = dataset && options.includes(tf) ? tf : (options[0] ?? '1m');
  useEffect(() => {
    if (!dataset || dataset.rows === 0) return setCandles(null);
    let live = true;
    setError(null);
    getApi()
      .getCandles({ symbol: dataset.symbol, timeframe: effective, heikinAshi: heiken })
      .then((c) => live && setCandles(c))
      .catch((err: Error) => live && setError(err.message));
    return () => {
      live = false;
    };
  }, [dataset, effective, heiken]);
  return (
    <section className="panel" style={{ minHeight: 0 }}>
      <header>
        {dataset ? `${dataset.symbol}` : 'Preview'}
        {candles && <span className="hint">{int(candles.length)} candles</span>}
        <div className="tools">
          <div className="seg">
            {options.map((t) => (
              <button key={t} className={t === effective ? 'on' : ''} onClick={() => setTf(t)}>
                {t}
              </button>
            ))}
          </div>
          <div className="seg">
            <button className={!heiken ? 'on' : ''} onClick={() => setHeiken(false)}>Normal</button>
            <button className={heiken ? 'on' : ''} onClick={() => setHeiken(true)}>Heikin-Ashi</button>
          </div>
        </div>
      </header>
      <div className="body flush" style={{ flex: 1, minHeight: 0, position: 'relative' }}>
        {error ? <div className="empty neg">{error}</div> : <TradeChartView candles={candles} layers={NO_LAYERS} selected={-1} focusSeq={0} />}
      </div>
    </section>
  );
}
const NO_LAYERS: never[] = [];

/** Problems by line; the file itself is named once above, so only other locations are shown. */
function IssueList({ issues, file }: { issues: readonly MlfIssue[]; file?: string }) {
  const showWhere = issues.some((i) => i.path && i.path !== file);
  return (
    <div style={{ maxHeight: 260, overflow: 'auto', marginTop: 6, border: '1px solid var(--line)', borderRadius: 4 }}>
      <table className="data">
        <thead>
          <tr>
            <th className="num" style={{ width: 48 }}>Line</th>
            {showWhere && <th>Where</th>}
            <th>Problem</th>
          </tr>
        </thead>
        <tbody>
          {issues.slice(0, 100).map((i, k) => (
            <tr key={k}>
              <td className="num" style={{ verticalAlign: 'top', paddingTop: 3 }}>{i.line ?? '—'}</td>
              {showWhere && <td className="mono">{i.path === file ? '' : i.path}</td>}
              <td style={{ whiteSpace: 'normal', height: 'auto', padding: '3px 8px', maxWidth: 'none' }}>{i.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The backend names the uploaded copy; the user knows the file by its own name and the UI's words. */
function forUser(err: MlfError, uploaded: string, name: string): MlfError {
  const fix = (t: string) => t.split(uploaded).join(name).replace('pass --skip-bad', 'tick “Skip bad rows”');
  return new MlfError(err.code, fix(err.message), err.issues.map((i) => ({ ...i, path: fix(i.path), message: fix(i.message) })));
}

const symbolFromFile = (name: string) => (name.replace(/\.[^.]+$/, '').split(/[^A-Za-z0-9.^=-]/)[0] ?? '').toUpperCase().slice(0, 32);

function ImportPanel() {
  const input = useRef<HTMLInputElement>(null);
  const progress = useDatasets((s) => s.progress);
  /** The chosen file: a browser File (uploaded first) or, on the desktop, a path on this machine. */
  const [file, setFile] = useState<{ name: string; size: number | null; blob?: File; path?: string } | null>(null);
  const command = useApp((s) => s.command);
  const [symbol, setSymbol] = useState('');
  const [tf, setTf] = useState<'' | Timeframe>('');
  const [tz, setTz] = useState('America/New_York');
  const [skipBad, setSkipBad] = useState(false);
  const [replace, setReplace] = useState(false);
  const [phase, setPhase] = useState<'idle' | 'uploading' | 'importing'>('idle');
  const [summary, setSummary] = useState<ImportSummary | null>(null);
  const [failure, setFailure] = useState<MlfError | null>(null);

  const start = async () => {
    if (!file) return;
    setSummary(null);
    setFailure(null);
    let path = file.path ?? '';
    try {
      if (file.blob) {
        setPhase('uploading');
        path = await uploadForBackend(file.blob);
      }
      setPhase('importing');
      const r = await getApi().importCsv({ path, symbol, tz, skipBad, replace, ...(tf ? { timeframe: tf } : {}) });
      setSummary(r);
      void useDatasets.getState().refresh();
    } catch (err) {
      const e = err instanceof MlfError ? err : new MlfError('FAILED', (err as Error).message);
      setFailure(path && file.blob ? forUser(e, path, file.name) : e);
    } finally {
      setPhase('idle');
    }
  };

  const picked = (f: typeof file) => {
    setFile(f);
    if (f) setSymbol(symbolFromFile(f.name));
    setSummary(null);
    setFailure(null);
  };

  // The desktop app picks files with its native dialog and imports them in place (no upload).
  const choose = async () => {
    if (hostKind() !== 'electron') return input.current?.click();
    try {
      const { path } = await getApi().chooseFile({
        mode: 'open',
        title: 'Import candles from CSV',
        filters: [
          { name: 'CSV', extensions: ['csv', 'txt'] },
          { name: 'All files', extensions: ['*'] },
        ],
      });
      if (path) picked({ name: path.split(/[\\/]/).pop() ?? path, size: null, path });
    } catch (err) {
      useApp.getState().notify('error', (err as Error).message);
    }
  };

  useEffect(() => {
    if (command?.name !== 'importCsv') return;
    useApp.setState({ command: null });
    void choose();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [command?.seq]);

  const pctDone = progress && progress.totalBytes ? (100 * progress.bytes) / progress.totalBytes : phase === 'uploading' ? 5 : 0;
  return (
    <section className="panel">
      <header>Import CSV</header>
      <div className="body" style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
        <input
          ref={input}
          type="file"
          accept=".csv,.txt,text/csv"
          data-testid="import-file"
          style={{ display: 'none' }}
          onChange={(e) => {
            const f = e.target.files?.[0] ?? null;
            picked(f ? { name: f.name, size: f.size, blob: f } : null);
            e.target.value = '';
          }}
        />
        <div className="row">
          <button className="btn" onClick={() => void choose()} disabled={phase !== 'idle'}>
            Choose file…
          </button>
          <span className="dim" style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', flex: 1 }}>
            {file ? `${file.name}${file.size !== null ? ` · ${bytes(file.size)}` : ''}` : 'Date/time, open, high, low, close, volume'}
          </span>
        </div>
        <div className="grid" style={{ gridTemplateColumns: '1fr 1fr', gap: 8 }}>
          <label className="field">
            Symbol
            <input className="input" value={symbol} onChange={(e) => setSymbol(e.target.value.toUpperCase())} data-testid="import-symbol" />
          </label>
          <label className="field">
            Timeframe
            <select className="input" value={tf} onChange={(e) => setTf(e.target.value as Timeframe | '')}>
              <option value="">detect</option>
              {TIMEFRAMES.map((t) => (
                <option key={t}>{t}</option>
              ))}
            </select>
          </label>
          <label className="field" style={{ gridColumn: '1 / -1' }}>
            Time zone of the file's timestamps
            <select className="input" value={tz} onChange={(e) => setTz(e.target.value)}>
              <option value="America/New_York">New York</option>
              <option value="UTC">UTC</option>
            </select>
          </label>
        </div>
        <label className="check">
          <input type="checkbox" checked={skipBad} onChange={(e) => setSkipBad(e.target.checked)} /> Skip bad rows (report them) instead of refusing the file
        </label>
        <label className="check">
          <input type="checkbox" checked={replace} onChange={(e) => setReplace(e.target.checked)} /> Replace the stored dataset instead of merging
        </label>
        <button className="btn primary" disabled={!file || !symbol || phase !== 'idle'} onClick={() => void start()} data-testid="import-start">
          {phase === 'uploading' ? 'Uploading…' : phase === 'importing' ? 'Importing…' : 'Import'}
        </button>
        {(phase !== 'idle' || progress) && (
          <div>
            <div className="progress">
              <div style={{ width: `${Math.min(100, pctDone)}%` }} />
            </div>
            <div className="dim num" style={{ textAlign: 'left', marginTop: 3 }}>
              {progress ? `${int(progress.rows)} rows · ${bytes(progress.bytes)} of ${bytes(progress.totalBytes)} · ${int(progress.rowsPerSecond)} rows/s` : phase}
            </div>
          </div>
        )}
        {summary && (
          <div data-testid="import-summary">
            <div className="pos">
              Imported {int(summary.imported)} candles into {summary.symbol} {summary.timeframe}
              {summary.timeframeInferred ? ' (detected)' : ''} in {summary.seconds.toFixed(1)} s
            </div>
            <div className="dim">
              {int(summary.merged)} replaced stored candles · {int(summary.skipped)} rows skipped · format {summary.format}
            </div>
            {summary.skippedExamples.length > 0 && <IssueList issues={summary.skippedExamples.map((s) => ({ line: s.line, path: '', message: `${s.message}: ${s.text}` }))} />}
          </div>
        )}
        {failure && (
          <div data-testid="import-error">
            <div className="neg">{failure.message}</div>
            <div className="dim">Nothing was written.</div>
            {failure.issues.length > 0 && <IssueList issues={failure.issues} file={file?.name} />}
          </div>
        )}
      </div>
    </section>
  );
}

function SamplePanel() {
  const [symbol, setSymbol] = useState('SAMPLE');
  const [days, setDays] = useState(60);
  const [seed, setSeed] = useState(1);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<DatasetInfo | null>(null);
  const run = async () => {
    setBusy(true);
    setDone(null);
    try {
      setDone(await getApi().generateSample({ symbol, days, seed }));
      void useDatasets.getState().refresh();
    } catch (err) {
      useApp.getState().notify('error', (err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="panel">
      <header>
        Sample data <span className="hint">deterministic 1-minute candles</span>
      </header>
      <div className="body" style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
        <div className="grid" style={{ gridTemplateColumns: '1.3fr 1fr 1fr', gap: 8 }}>
          <label className="field">
            Symbol
            <input className="input" value={symbol} onChange={(e) => setSymbol(e.target.value.toUpperCase())} data-testid="sample-symbol" />
          </label>
          <label className="field">
            Days
            <input className="input" type="number" min={1} max={5000} value={days} onChange={(e) => setDays(Number(e.target.value))} data-testid="sample-days" />
          </label>
          <label className="field">
            Seed
            <input className="input" type="number" min={0} value={seed} onChange={(e) => setSeed(Number(e.target.value))} />
          </label>
        </div>
        <button className="btn" disabled={busy || !symbol || days < 1} onClick={() => void run()} data-testid="generate-sample">
          {busy ? 'Generating…' : 'Generate sample'}
        </button>
        {done && (
          <div className="dim" data-testid="sample-done">
            {done.symbol}: {int(done.rows)} candles
          </div>
        )}
      </div>
    </section>
  );
}
