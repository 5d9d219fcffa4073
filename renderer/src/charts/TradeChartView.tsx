import { useEffect, useRef, useState } from 'react';
import type { Candles } from '../../../shared/domain/candles';
import { useSettings } from '../stores/settings';
import { formatTime } from '../lib/zone';
import { fmt, pct, signClass } from '../lib/format';
import { TradeChart, reasonName, type ChartLine, type HoverTrade, type TradeLayer } from './tradeChart';

export interface TradeChartViewProps {
  candles: Candles | null;
  layers: TradeLayer[];
  lines?: ChartLine[];
  selected: number;
  /** Bumped to centre the selected trade (a click in the table, n/p keys). */
  focusSeq: number;
  onSelect?(trade: number): void;
  /** Called once the chart exists (bench, tests). */
  onReady?(chart: TradeChart): void;
}

const NO_LINES: ChartLine[] = [];

/** The candle chart with trades; a thin React shell over the imperative TradeChart. */
export function TradeChartView({ candles, layers, lines = NO_LINES, selected, focusSeq, onSelect, onReady }: TradeChartViewProps) {
  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<TradeChart | null>(null);
  const theme = useSettings((s) => s.theme);
  const zone = useSettings((s) => s.zone);
  const [hover, setHover] = useState<HoverTrade | null>(null);
  const [legend, setLegend] = useState<Array<{ name: string; color: string }>>([]);
  const selectRef = useRef(onSelect);
  selectRef.current = onSelect;

  useEffect(() => {
    const c = new TradeChart(host.current!, { theme: useSettings.getState().theme, zone: useSettings.getState().zone });
    chart.current = c;
    const offHover = c.onHover(setHover);
    const offLegend = c.onLegend(setLegend);
    const offClick = c.onTradeClick((layer, trade) => {
      if (layer === 0) selectRef.current?.(trade);
    });
    onReady?.(c);
    return () => {
      offHover();
      offLegend();
      offClick();
      c.destroy();
      chart.current = null;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => chart.current?.setTheme(theme), [theme]);
  useEffect(() => chart.current?.setZone(zone), [zone]);
  useEffect(() => {
    if (!candles || !chart.current) return;
    chart.current.setCandles(candles);
    if (candles.length > 3000) chart.current.showLatest();
    else chart.current.showAll();
  }, [candles]);
  useEffect(() => {
    if (!candles) return;
    chart.current?.setTrades(layers);
  }, [layers, candles]);
  useEffect(() => {
    if (!candles) return;
    chart.current?.setLines(lines);
  }, [lines, candles]);
  useEffect(() => chart.current?.select(selected), [selected, layers, candles, theme, zone]);
  useEffect(() => {
    if (focusSeq > 0) chart.current?.focus(selected);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [focusSeq]);

  const tip = hover ? layers[hover.layer] : undefined;
  return (
    <div className="chart-host" ref={host} data-testid="candle-chart">
      {legend.length > 0 && (
        <div className="legend">
          {legend.map((l) => (
            <span key={l.name}>
              <span style={{ display: 'inline-block', width: 10, height: 2, background: l.color, verticalAlign: 3, marginRight: 4 }} />
              {l.name}
            </span>
          ))}
        </div>
      )}
      {tip && hover && <TradeTooltip layer={tip} hover={hover} zone={zone} width={host.current?.clientWidth ?? 0} />}
    </div>
  );
}

function TradeTooltip({ layer, hover, zone, width }: { layer: TradeLayer; hover: HoverTrade; zone: Parameters<typeof formatTime>[1]; width: number }) {
  const t = layer.trades;
  const k = hover.trade;
  if (k >= t.count) return null;
  const r = t.returnPct[k]!;
  const held = t.exitIndex[k]! - t.entryIndex[k]!;
  return (
    // Right of the cursor, or left of it near the right edge, so it never covers the marker.
    <div className="chart-tooltip" style={{ ...(hover.x > width - 300 ? { right: width - hover.x + 14 } : { left: hover.x + 14 }), top: Math.max(4, hover.y - 60) }}>
      <div style={{ fontWeight: 600, marginBottom: 3 }}>
        {layer.label} · trade {k + 1} · <span className={signClass(r)}>{pct(r, 2, true)}</span>
      </div>
      <div className="kv" style={{ gridTemplateColumns: 'auto auto', minWidth: 230 }}>
        <div className="k">{hover.side === 'entry' ? 'Entry' : 'Exit'} reason</div>
        <div className="v">{hover.side === 'entry' ? 'ENTER_LONG' : reasonName(t.exitReason[k]!)}</div>
        <div className="k">Entry</div>
        <div className="v">{formatTime(t.entryTime[k]!, zone)} @ {fmt(t.entryPrice[k]!, 2)}</div>
        <div className="k">Exit</div>
        <div className="v">{formatTime(t.exitTime[k]!, zone)} @ {fmt(t.exitPrice[k]!, 2)}</div>
        <div className="k">P&L</div>
        <div className={`v ${signClass(r)}`}>{fmt(t.pnlCash[k]!, 2)}</div>
        <div className="k">Bars held</div>
        <div className="v">{held}</div>
      </div>
    </div>
  );
}
