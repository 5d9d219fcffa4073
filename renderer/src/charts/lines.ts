import type { InspectedSeries } from '../../../shared/engine/inspect';
import type { IndicatorLine } from '../../../shared/indicators/types';
import type { ChartLine } from './tradeChart';

function sameValues(a: Float64Array, b: Float64Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x !== y && !(Number.isNaN(x) && Number.isNaN(y))) return false;
  }
  return true;
}

function sameLines(a: readonly IndicatorLine[], b: readonly IndicatorLine[]): boolean {
  return a.length === b.length && a.every((l, i) => l.name === b[i]!.name && sameValues(l.values, b[i]!.values));
}

/**
 * The replay view's series as chart lines: each indicator's own lines (overlay on the candles or
 * a stacked pane per indicator) and every bar's score in one pane with its entry/exit thresholds.
 * Indicators that draw exactly the same lines (a bullish and a bearish RSI(14), say) share one
 * pane named after both, so the candles keep their height.
 */
export function linesFromInspection(s: InspectedSeries): ChartLine[] {
  const out: ChartLine[] = [];
  const drawn: Array<{ className: string; timeframe: string; lines: IndicatorLine[]; names: string[]; first: number }> = [];
  for (const ind of s.indicators) {
    const twin = drawn.find((d) => d.className === ind.className && d.timeframe === ind.timeframe && sameLines(d.lines, ind.lines));
    if (twin) {
      twin.names.push(ind.name);
      for (const line of out.slice(twin.first, twin.first + twin.lines.length)) line.paneTitle = twin.names.join(', ');
      continue;
    }
    drawn.push({ className: ind.className, timeframe: ind.timeframe, lines: ind.lines, names: [ind.name], first: out.length });
    for (const line of ind.lines) {
      out.push({
        name: line.layout === 'overlay' ? `${ind.name} ${line.name}` : line.name,
        time: ind.ownTime,
        values: line.values,
        layout: line.layout,
        pane: ind.name,
        paneTitle: ind.name,
        color: line.color,
      });
    }
  }
  for (const bar of s.bars) {
    const thresholds: Array<{ value: number; label: string }> = [];
    if (bar.enterThreshold !== null) thresholds.push({ value: bar.enterThreshold, label: `${bar.name} enter` });
    if (bar.exitThreshold !== null) thresholds.push({ value: bar.exitThreshold, label: `${bar.name} exit` });
    out.push({ name: `${bar.name} score`, time: s.time, values: bar.score, layout: 'scores', thresholds });
  }
  return out;
}
