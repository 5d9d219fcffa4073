import { useEffect, useMemo, useState } from 'react';
import type { OutputOf } from '../../../shared/contract/define';
import { MlfError } from '../../../shared/contract/errors';
import type { Procedures } from '../../../shared/contract/index';
import { getApi } from '../api/client';
import { linesFromInspection } from '../charts/lines';
import type { ChartLine } from '../charts/tradeChart';
import { InspectView } from '../components/InspectView';
import { fmt, int } from '../lib/format';
import { useConfigFile } from '../lib/useConfigFile';
import { DAY, nyDate, nyMidnight } from '../lib/nyDates';
import { ConfigPicker } from '../components/ConfigPicker';
import { useApp } from '../stores/app';
import { DatasetSelect } from '../components/DatasetSelect';
import { datasetKey, startDatasetsStore, useDatasets } from '../stores/datasets';

type BacktestResult = OutputOf<Procedures['engineBacktest']>;

interface Shown {
  result: BacktestResult;
  from: number;
  to: number;
  rth: boolean;
  name: string;
}

/** One config on one dataset, inspected like any individual of a run. */
export function BacktestScreen() {
  const datasets = useDatasets((s) => s.list);
  const { config, source, error, setError, load } = useConfigFile();
  const [dataKey, setDataKey] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [rth, setRth] = useState(false);
  const [busy, setBusy] = useState(false);
  const [shown, setShown] = useState<Shown | null>(null);
  const [lines, setLines] = useState<ChartLine[] | undefined>(undefined);
  useEffect(() => startDatasetsStore(), []);

  const dataset = datasets.find((d) => datasetKey(d) === dataKey) ?? datasets[0] ?? null;
  useEffect(() => {
    if (!dataset || dataset.firstTs === null || dataset.lastTs === null) return;
    setFrom(nyDate(dataset.firstTs));
    setTo(nyDate(dataset.lastTs));
  }, [dataset?.symbol, dataset?.firstTs, dataset?.lastTs]); // eslint-disable-line react-hooks/exhaustive-deps

  const run = async () => {
    if (!config || !dataset) return;
    setBusy(true);
    setError(null);
    const req = { config, symbol: dataset.symbol, from: nyMidnight(from), to: nyMidnight(to) + DAY, regularHoursOnly: rth };
    try {
      const result = await getApi().engineBacktest(req);
      setShown({ result, from: req.from, to: req.to, rth, name: config.monitor.name || source });
      setLines(undefined);
      getApi()
        .engineInspect(req)
        .then((s) => setLines(linesFromInspection(s)))
        .catch((e: Error) => useApp.getState().notify('warn', `Indicator series: ${e.message}`));
    } catch (e) {
      setError(e instanceof MlfError ? e : new MlfError('FAILED', (e as Error).message));
    } finally {
      setBusy(false);
    }
  };

  const subject = useMemo(() => (shown ? { label: 'backtest', stats: shown.result.stats } : null), [shown]);

  return (
    <div className="page" style={{ height: '100%' }}>
      <div className="page-head">
        <h1>Backtest</h1>
        <span className="sub">One config on one dataset, every trade on the candles.</span>
      </div>
      <section className="panel">
        <div className="body row" style={{ gap: 10, alignItems: 'end' }}>
          <label className="field" style={{ width: 340 }}>
            Config
            <ConfigPicker
              purpose="backtest"
              source={source}
              hasConfig={config !== null}
              onLoad={load}
              fileTestId="backtest-config-file"
              openLabel="Open…"
            />
          </label>
          <label className="field" style={{ width: 240 }}>
            Dataset
            <DatasetSelect datasets={datasets} value={dataset} onChange={setDataKey} testId="backtest-dataset" />
          </label>
          <label className="field">
            From
            <input className="input" type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
          </label>
          <label className="field">
            To
            <input className="input" type="date" value={to} onChange={(e) => setTo(e.target.value)} />
          </label>
          <label className="check" style={{ alignSelf: 'center' }}>
            <input type="checkbox" checked={rth} onChange={(e) => setRth(e.target.checked)} /> Regular hours only
          </label>
          <button className="btn primary" disabled={!config || !dataset || busy} onClick={() => void run()} data-testid="run-backtest">
            {busy ? 'Running…' : 'Run backtest'}
          </button>
          {shown && (
            <span className="dim" style={{ marginLeft: 'auto' }}>
              {shown.name} · {shown.result.symbol} {shown.result.timeframe} · {int(shown.result.bars)} candles · loaded {fmt(shown.result.timings.load_ms, 0)} ms · computed{' '}
              {fmt(shown.result.timings.compute_ms, 0)} ms
            </span>
          )}
        </div>
        {error && (
          <div className="body" style={{ borderTop: '1px solid var(--line)' }} data-testid="backtest-error">
            <div className="neg">{error.message}</div>
            {error.issues.slice(0, 20).map((i, k) => (
              <div key={k} className="mono">
                {i.line !== undefined && <span className="dim">line {i.line} · </span>}
                <span className="dim">{i.path}</span> — {i.message}
              </div>
            ))}
          </div>
        )}
      </section>
      {shown && subject ? (
        <div style={{ flex: 1, minHeight: 0 }}>
          <InspectView subject={subject} symbol={shown.result.symbol} from={shown.from} to={shown.to} regularHoursOnly={shown.rth} lines={lines} />
        </div>
      ) : (
        !error && (
          <section className="panel">
            <div className="empty">{config ? 'Choose the data and run the backtest.' : 'Open a config file (the original system’s JSON format).'}</div>
          </section>
        )
      )}
    </div>
  );
}

