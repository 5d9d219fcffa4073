import { useEffect, useState } from 'react';
import type { TradeChart } from '../charts/tradeChart';
import { TradeChartView } from '../charts/TradeChartView';
import { syntheticCandles, syntheticTrades } from './synthetic';
import type { Candles } from '../../../shared/domain/candles';

export interface BenchResult {
  candles: number;
  markers: number;
  /** From handing the data to the chart until the frame that shows it has been painted. */
  firstPaintMs: number;
  /** Frame times while panning, zoomed in (~1,000 bars visible) and with every bar visible. */
  panZoomedIn: { p50: number; p95: number; frames: number };
  panAll: { p50: number; p95: number; frames: number };
}

declare global {
  interface Window {
    __mlfBench?: BenchResult;
  }
}

const NO_LAYERS: never[] = [];

const frame = () => new Promise<number>((r) => requestAnimationFrame(r));

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
}

async function pan(chart: TradeChart, width: number, frames: number, step: number) {
  const ts = chart.chart.timeScale();
  const n = chart.barCount;
  let from = Math.max(0, n / 2 - width / 2);
  ts.setVisibleLogicalRange({ from, to: from + width });
  await frame();
  await frame();
  const times: number[] = [];
  let last = await frame();
  for (let i = 0; i < frames; i++) {
    from = (from + step) % Math.max(1, n - width);
    ts.setVisibleLogicalRange({ from, to: from + width });
    const now = await frame();
    times.push(now - last);
    last = now;
  }
  return { p50: quantile(times, 0.5), p95: quantile(times, 0.95), frames };
}

/**
 * `#/bench/<candles>/<markers>`: the inspection chart alone on generated data, measuring first
 * paint and panning. `mlf bench --only ui` drives it in headless Chromium.
 */
export function BenchPage() {
  const [args] = useState(() => location.hash.replace(/^#\/?bench\/?/, '').split('/'));
  const n = Number(args[0]) || 500_000;
  const m = Number(args[1]) || 10_000;
  const [status, setStatus] = useState('generating data…');
  const [chart, setChart] = useState<TradeChart | null>(null);
  const [result, setResult] = useState<BenchResult | null>(null);

  useEffect(() => {
    if (!chart) return;
    let cancelled = false;
    void (async () => {
      const candles: Candles = syntheticCandles(n);
      const trades = syntheticTrades(candles, Math.floor(m / 2));
      await frame();
      setStatus('painting…');
      await frame();
      const t0 = performance.now();
      chart.setCandles(candles);
      chart.setTrades([{ label: 'bench', trades, openPosition: null }]);
      chart.showLatest();
      await frame();
      await frame();
      const firstPaintMs = performance.now() - t0;
      if (cancelled) return;
      setStatus('panning…');
      const panZoomedIn = await pan(chart, 1000, 240, 7);
      const panAll = await pan(chart, n, 60, Math.max(1, n / 500));
      const r: BenchResult = { candles: n, markers: chart.markerCount, firstPaintMs, panZoomedIn, panAll };
      // Leave a readable view for anyone looking: the last trades, one selected.
      chart.select(trades.count - 3);
      chart.focus(trades.count - 3);
      window.__mlfBench = r;
      document.body.dataset.benchDone = '1';
      setResult(r);
      setStatus('done');
    })();
    return () => {
      cancelled = true;
    };
  }, [chart, n, m]);

  return (
    <div style={{ display: 'grid', gridTemplateRows: 'auto 1fr', height: '100%' }}>
      <div style={{ padding: 8 }} data-testid="bench-status">
        Chart bench: {n.toLocaleString()} candles, {m.toLocaleString()} markers — {status}
        {result && ` · first paint ${result.firstPaintMs.toFixed(0)} ms · pan p50 ${result.panZoomedIn.p50.toFixed(1)} ms`}
      </div>
      <TradeChartView candles={null} layers={NO_LAYERS} selected={-1} focusSeq={0} onReady={setChart} />
    </div>
  );
}
