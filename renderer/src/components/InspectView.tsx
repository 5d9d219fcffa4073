import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { CandleColumns } from '../../../shared/contract/data';
import type { IndividualStats } from '../../../shared/stats/types';
import { TIMEFRAMES, isTimeframe, timeframeRank, type Timeframe } from '../../../shared/time/timeframes';
import { getApi } from '../api/client';
import type { ChartLine, TradeChart, TradeLayer } from '../charts/tradeChart';
import { TradeChartView } from '../charts/TradeChartView';
import { fmt, int, pct, signClass } from '../lib/format';
import { WinLossHistograms } from './Histogram';
import { useSettings } from '../stores/settings';
import { formatTime } from '../lib/zone';
import { StatsPanel } from './StatsPanel';
import { TradeDetails } from './TradeDetails';
import { TradeTableView } from './TradeTableView';

export interface InspectSubject {
  label: string;
  stats: IndividualStats;
}

export interface InspectViewProps {
  subject: InspectSubject;
  compare?: InspectSubject | null;
  symbol: string;
  /** Candles to show: the evaluated window (UTC open times, `to` exclusive). */
  from: number;
  to: number;
  regularHoursOnly: boolean;
  /** Indicator overlays, stacked panes and bar scores, when the caller has them. */
  lines?: ChartLine[];
  /** Shown at the right of the toolbar (compare picker, window choice…). */
  tools?: React.ReactNode;
}

function Kpi({ k, v, cls, testid }: { k: string; v: string; cls?: string; testid?: string }) {
  return (
    <div className="kpi">
      <div className="k">{k}</div>
      <div className={`v ${cls ?? ''}`} data-testid={testid}>
        {v}
      </div>
    </div>
  );
}

/**
 * One individual's backtest, trade by trade: KPIs, the candle chart with markers, spans, panes and
 * P&L, the trade table (click or n/p to step), histograms and every statistic. Used by Inspect
 * (any individual of any generation) and Backtest alike; nothing is recomputed here.
 */
export function InspectView({ subject, compare, symbol, from, to, regularHoursOnly, lines, tools }: InspectViewProps) {
  const stats = subject.stats;
  const base: Timeframe = isTimeframe(stats.timeframe) ? stats.timeframe : '1m';
  const [tf, setTf] = useState<Timeframe>(base);
  const [candles, setCandles] = useState<CandleColumns | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState(-1);
  const [focusSeq, setFocusSeq] = useState(0);
  const [showLines, setShowLines] = useState(true);
  const chartRef = useRef<TradeChart | null>(null);
  const effective = timeframeRank(tf) >= timeframeRank(base) ? tf : base;

  useEffect(() => {
    let live = true;
    setError(null);
    getApi()
      .getCandles({ symbol, timeframe: effective, from, to, rth: regularHoursOnly })
      .then((c) => live && setCandles(c))
      .catch((e: Error) => live && setError(e.message));
    return () => {
      live = false;
    };
  }, [symbol, effective, from, to, regularHoursOnly]);

  useEffect(() => setSelected(-1), [stats]);

  const layers = useMemo<TradeLayer[]>(() => {
    const l: TradeLayer[] = [{ label: subject.label, trades: stats.trades, openPosition: stats.openPosition }];
    if (compare) l.push({ label: compare.label, trades: compare.stats.trades, openPosition: compare.stats.openPosition });
    return l;
  }, [subject, stats, compare]);

  const pick = useCallback((k: number) => {
    setSelected(k);
    setFocusSeq((s) => s + 1);
  }, []);

  const m = stats.metrics;
  const shownLines = showLines && lines ? lines : NO_LINES;
  // Every extra pane (stacked indicators, bar scores) gets room rather than squeezing the candles.
  const extraPanes = new Set(shownLines.filter((l) => l.layout !== 'overlay').map((l) => (l.layout === 'scores' ? '\u0000scores' : l.pane ?? l.name))).size;
  const chartMin = 340 + 70 * extraPanes;
  return (
    <div className="grid" style={{ gridTemplateRows: 'auto auto minmax(0, 1fr)', gap: 10, height: '100%', minHeight: 0 }}>
      <div className="row" style={{ justifyContent: 'space-between' }}>
        <div className="row">
          <div className="seg" data-testid="timeframe-select">
            {TIMEFRAMES.filter((t) => timeframeRank(t) >= timeframeRank(base)).map((t) => (
              <button key={t} className={t === effective ? 'on' : ''} onClick={() => setTf(t)}>
                {t}
              </button>
            ))}
          </div>
          {lines && lines.length > 0 && (
            <label className="check">
              <input type="checkbox" checked={showLines} onChange={(e) => setShowLines(e.target.checked)} /> Indicators & bar scores
            </label>
          )}
          <span className="dim">
            <span className="kbd">n</span> <span className="kbd">p</span> next / previous trade
          </span>
        </div>
        <div className="row">{tools}</div>
      </div>
      <div className="panel">
        <div className="kpis" style={{ borderBottom: 0 }}>
          <Kpi k="Total P&L (Σ %)" v={pct(m.totalPnlPct, 2, true)} cls={signClass(m.totalPnlPct)} testid="kpi-pnl" />
          <Kpi k="Compounded" v={pct(m.compoundedReturnPct, 2, true)} cls={signClass(m.compoundedReturnPct)} />
          <Kpi k="Market" v={pct(m.marketReturnPct, 2, true)} cls={signClass(m.marketReturnPct)} />
          <Kpi k="Max drawdown" v={pct(-m.maxDrawdownPct, 2)} cls={m.maxDrawdownPct > 0 ? 'neg' : ''} />
          <Kpi k="Trades" v={int(m.totalTrades)} testid="kpi-trades" />
          <Kpi k="Win rate" v={m.winRate === null ? '—' : pct(m.winRate * 100, 1)} />
          <Kpi k="Profit factor" v={m.profitFactor === null ? '—' : fmt(m.profitFactor, 2)} />
          <Kpi k="Sharpe" v={fmt(m.sharpe, 2)} cls={signClass(m.sharpe)} />
          <Kpi k="Expectancy" v={pct(m.expectancyPct, 3, true)} cls={signClass(m.expectancyPct)} />
        </div>
      </div>
      <div className="grid" style={{ gridTemplateColumns: 'minmax(0, 1fr) 380px', gridTemplateRows: `minmax(${chartMin}px, 1fr) 230px`, minHeight: 0 }}>
        <section className="panel" style={{ minHeight: 0, gridColumn: 1, gridRow: 1 }}>
          <header>
            {symbol} · {effective}
            <span className="hint">{candles ? `${int(candles.length)} candles` : 'loading…'}</span>
            <span className="hint" style={{ marginLeft: 8 }}>
              <Swatch c="var(--pos)" /> win <Swatch c="var(--neg)" /> loss
              {compare && (
                <>
                  {' '}
                  · <Swatch c="var(--accent)" round /> {compare.label}
                </>
              )}
            </span>
            <div className="tools">
              <button className="btn small" onClick={() => chartRef.current?.showAll()} title="Zoom out to the whole range">
                Whole range
              </button>
              <button className="btn small" onClick={() => chartRef.current?.showLatest()} title="The latest 1,500 bars">
                Latest
              </button>
            </div>
          </header>
          <div className="body flush" style={{ flex: 1, minHeight: 0, position: 'relative' }}>
            {error ? (
              <div className="empty neg">{error}</div>
            ) : (
              <TradeChartView candles={candles} layers={layers} lines={shownLines} selected={selected} focusSeq={focusSeq} onSelect={pick} onReady={(c) => (chartRef.current = c)} />
            )}
          </div>
        </section>
        <section className="panel" style={{ gridColumn: 2, gridRow: '1 / span 2', minHeight: 0, overflow: 'auto' }}>
          <header>
            Trade & statistics
            {compare && (
              <span className="hint">
                {subject.label} vs {compare.label}
              </span>
            )}
          </header>
          <div className="body">
            <TradeDetails stats={stats} k={selected} />
            <div style={{ height: 12 }} />
            <StatsPanel stats={stats} compare={compare?.stats ?? null} />
            <div style={{ height: 12 }} />
            <WinLossHistograms winning={stats.histograms.winning} losing={stats.histograms.losing} />
            {stats.openPosition && <OpenPositionNote p={stats.openPosition} />}
          </div>
        </section>
        <section className="panel" style={{ minHeight: 0, gridColumn: 1, gridRow: 2 }}>
          <header>
            Trades <span className="hint">{int(stats.trades.count)}</span>
            {selected >= 0 && <span className="hint">· #{selected + 1} selected</span>}
          </header>
          <div className="body flush" style={{ flex: 1, minHeight: 0 }}>
            <TradeTableView trades={stats.trades} selected={selected} onSelect={pick} />
          </div>
        </section>
      </div>
    </div>
  );
}

const NO_LINES: ChartLine[] = [];

function OpenPositionNote({ p }: { p: NonNullable<IndividualStats['openPosition']> }) {
  const zone = useSettings((s) => s.zone);
  return (
    <div className="dim" style={{ marginTop: 10 }}>
      Still open when the range ended: entered {formatTime(p.entryTime, zone)} at {fmt(p.entryPrice, 2)},{' '}
      <span className={signClass(p.unrealizedPct)}>{pct(p.unrealizedPct, 2, true)}</span> marked at the last close (not counted as a trade).
    </div>
  );
}

function Swatch({ c, round }: { c: string; round?: boolean }) {
  return <span style={{ display: 'inline-block', width: 8, height: 8, background: c, borderRadius: round ? 4 : 1, margin: '0 3px 0 2px' }} />;
}
