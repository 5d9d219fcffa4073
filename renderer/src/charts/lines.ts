import type { InspectedSeries } from '../../../shared/engine/inspect';
import type { ChartLine } from './tradeChart';

/**
 * The replay view's series as chart lines: each indicator's own lines (overlay on the candles or
 * a stacked pane per indicator) and every bar's score in one pane with its entry/exit thresholds.
 */
export function linesFromInspection(s: InspectedSeries): ChartLine[] {
  const out: ChartLine[] = [];
  for (const ind of s.indicators) {
    for (const line of ind.lines) {
      out.push({
        name: `${ind.name} ${line.name}`,
        time: ind.ownTime,
        values: line.values,
        layout: line.layout,
        pane: ind.name,
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
