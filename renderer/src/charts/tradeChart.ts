import {
  BaselineSeries,
  CandlestickSeries,
  ColorType,
  CrosshairMode,
  createChart,
  createSeriesMarkers,
  LineSeries,
  LineStyle,
  LineType,
  type AutoscaleInfo,
  type CandlestickData,
  type IChartApi,
  type IPriceLine,
  type ISeriesApi,
  type ISeriesMarkersPluginApi,
  type LineData,
  type MouseEventParams,
  type SeriesMarker,
  type Time,
  type UTCTimestamp,
} from 'lightweight-charts';
import type { Candles } from '../../../shared/domain/candles';
import type { OpenPosition, TradeTable } from '../../../shared/stats/types';
import { TRADE_REASONS } from '../../../shared/stats/types';
import type { DisplayZone, Theme } from '../stores/settings';
import { displayTimes } from '../lib/zone';
import { chartPalette, type ChartPalette } from './palette';
import { firstEndingAtOrAfter, TradeSpansPrimitive, type SpanSet } from './tradeSpans';

/** One individual's trades on the chart; the first layer is the inspected one, a second compares. */
export interface TradeLayer {
  label: string;
  trades: TradeTable;
  openPosition: OpenPosition | null;
}

/** A line drawn over the candles or in its own pane, sampled at UTC times `time`. */
export interface ChartLine {
  name: string;
  time: Float64Array;
  values: Float64Array;
  layout: 'overlay' | 'stacked' | 'scores';
  /** Lines with the same pane key share a stacked pane. */
  pane?: string;
  /** Name shown once per stacked pane (on its first line). */
  paneTitle?: string;
  color?: string;
  /** Horizontal threshold lines drawn with this series (bar scores). */
  thresholds?: Array<{ value: number; label: string }>;
}

export interface HoverTrade {
  layer: number;
  trade: number;
  side: 'entry' | 'exit';
  x: number;
  y: number;
}

interface LayerState {
  layer: TradeLayer;
  spans: SpanSet;
  markers: ISeriesMarkersPluginApi<Time> | null;
  markerCount: number;
}

const ts = (t: number) => t as UTCTimestamp;

/** Index of the display bar that contains UTC instant `t` (last bar opening at or before it). */
function barAt(open: Float64Array, t: number): number {
  let lo = 0;
  let hi = open.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (open[mid]! <= t) lo = mid + 1;
    else hi = mid;
  }
  return Math.max(0, lo - 1);
}

/**
 * The inspection chart, driven imperatively so React never touches per-candle data: candles are
 * handed over once per dataset/timeframe/zone, markers once per selection (one plugin per layer),
 * spans by a primitive that draws only what is visible, extra panes rebuilt on selection change.
 */
export class TradeChart {
  readonly chart: IChartApi;
  private readonly candles: ISeriesApi<'Candlestick'>;
  private readonly spans: TradeSpansPrimitive;
  private palette: ChartPalette;
  private zone: DisplayZone;
  private raw: Candles | null = null;
  /** Candle open times (UTC) of the display bars and their chart times in the display zone. */
  private open: Float64Array = new Float64Array(0);
  private shown: Float64Array = new Float64Array(0);
  private layers: LayerState[] = [];
  private lines: ChartLine[] = [];
  private extra: Array<ISeriesApi<'Line' | 'Baseline'>> = [];
  private priceLines: IPriceLine[] = [];
  private selected = -1;
  private selectedLevels: number[] = [];
  private hoverListeners = new Set<(h: HoverTrade | null) => void>();
  private clickListeners = new Set<(layer: number, trade: number) => void>();

  constructor(
    private readonly host: HTMLElement,
    opts: { theme: Theme; zone: DisplayZone },
  ) {
    this.palette = chartPalette(opts.theme);
    this.zone = opts.zone;
    this.chart = createChart(host, {
      autoSize: true,
      layout: {
        background: { type: ColorType.Solid, color: this.palette.bg },
        textColor: this.palette.text,
        fontSize: 11,
        fontFamily: "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
        attributionLogo: false,
        panes: { separatorColor: this.palette.border, separatorHoverColor: this.palette.border, enableResize: true },
      },
      grid: { vertLines: { color: this.palette.grid }, horzLines: { color: this.palette.grid } },
      crosshair: { mode: CrosshairMode.Normal },
      rightPriceScale: { borderColor: this.palette.border },
      timeScale: {
        borderColor: this.palette.border,
        timeVisible: true,
        secondsVisible: false,
        minBarSpacing: 0.001,
        enableConflation: true,
        rightOffset: 4,
      },
    });
    this.candles = this.chart.addSeries(CandlestickSeries, {
      upColor: this.palette.up,
      downColor: this.palette.down,
      borderVisible: false,
      wickUpColor: this.palette.up,
      wickDownColor: this.palette.down,
      priceLineVisible: false,
      // The selected trade's stop and target stay in view even when the candles never reach them.
      autoscaleInfoProvider: (original: () => AutoscaleInfo | null) => {
        const info = original();
        const lv = this.selectedLevels;
        if (!info?.priceRange || !lv.length) return info;
        const r = info.priceRange;
        return { ...info, priceRange: { minValue: Math.min(r.minValue, ...lv), maxValue: Math.max(r.maxValue, ...lv) } };
      },
    });
    this.spans = new TradeSpansPrimitive(this.spanColors());
    this.candles.attachPrimitive(this.spans);
    this.chart.subscribeCrosshairMove(this.onCrosshair);
    this.chart.subscribeClick(this.onClick);
    this.chart.timeScale().subscribeVisibleLogicalRangeChange(this.onRange);
  }

  private spanColors() {
    const p = this.palette;
    return { win: p.winSpan, loss: p.lossSpan, winSelected: p.winSpanSelected, lossSelected: p.lossSpanSelected, winEdge: p.win, lossEdge: p.loss, label: p.text };
  }

  /** Display candles (any timeframe). Resets trades, lines and the view to the latest bars. */
  setCandles(c: Candles): void {
    this.raw = c;
    this.open = c.ts;
    this.shown = displayTimes(c.ts, this.zone);
    const data: CandlestickData<Time>[] = new Array(c.length);
    const { open, high, low, close } = c;
    const shown = this.shown;
    for (let i = 0; i < c.length; i++) {
      data[i] = { time: ts(shown[i]!), open: open[i]!, high: high[i]!, low: low[i]!, close: close[i]! };
    }
    this.candles.setData(data);
    this.applyLayers();
    this.rebuildPanes();
  }

  get barCount(): number {
    return this.open.length;
  }

  setTrades(layers: TradeLayer[]): void {
    for (const l of this.layers) l.markers?.detach();
    this.layers = layers.map((layer) => ({ layer, spans: this.toSpans(layer.trades), markers: null, markerCount: 0 }));
    this.selected = -1;
    this.applyLayers();
    this.rebuildPanes();
  }

  /** Indicator overlays, stacked indicator panes and bar scores (replaces the previous set). */
  setLines(lines: ChartLine[]): void {
    this.lines = lines;
    this.rebuildPanes();
  }

  setTheme(theme: Theme): void {
    const p = (this.palette = chartPalette(theme));
    this.chart.applyOptions({
      layout: {
        background: { type: ColorType.Solid, color: p.bg },
        textColor: p.text,
        panes: { separatorColor: p.border, separatorHoverColor: p.border },
      },
      grid: { vertLines: { color: p.grid }, horzLines: { color: p.grid } },
      rightPriceScale: { borderColor: p.border },
      timeScale: { borderColor: p.border },
    });
    this.candles.applyOptions({ upColor: p.up, downColor: p.down, wickUpColor: p.up, wickDownColor: p.down });
    this.spans.setColors(this.spanColors());
    this.applyLayers();
    this.rebuildPanes();
    this.select(this.selected);
  }

  setZone(zone: DisplayZone): void {
    if (zone === this.zone) return;
    this.zone = zone;
    const range = this.chart.timeScale().getVisibleLogicalRange();
    if (this.raw) this.setCandles(this.raw);
    if (range) this.chart.timeScale().setVisibleLogicalRange(range);
    this.select(this.selected);
  }

  /** Total markers currently set (two per closed trade, one per open position, per layer). */
  get markerCount(): number {
    return this.layers.reduce((n, l) => n + l.markerCount, 0);
  }

  /** Highlights trade `k` of the first layer: stronger span, entry, stop and target price lines. */
  select(k: number): void {
    this.selected = k;
    for (const pl of this.priceLines) this.candles.removePriceLine(pl);
    this.priceLines = [];
    this.selectedLevels = [];
    const first = this.layers[0];
    this.spans.set(first?.spans ?? { entryBar: new Int32Array(0), exitBar: new Int32Array(0), returnPct: new Float64Array(0), count: 0 }, k);
    if (!first || k < 0 || k >= first.layer.trades.count) return;
    const t = first.layer.trades;
    const p = this.palette;
    const add = (price: number, color: string, title: string, style: LineStyle) => {
      if (!Number.isFinite(price)) return;
      this.priceLines.push(this.candles.createPriceLine({ price, color, title, lineStyle: style, lineWidth: 1, axisLabelVisible: true }));
    };
    add(t.entryPrice[k]!, p.entry, 'entry', LineStyle.Dotted);
    add(t.stopLevel[k]!, p.stop, 'stop', LineStyle.Dashed);
    add(t.targetLevel[k]!, p.target, 'target', LineStyle.Dashed);
    add(t.exitPrice[k]!, t.returnPct[k]! > 0 ? p.win : p.loss, 'exit', LineStyle.Dotted);
    this.selectedLevels = [t.stopLevel[k]!, t.targetLevel[k]!].filter((v) => Number.isFinite(v) && v > 0);
  }

  /** Centres trade `k` of the first layer, zooming in only as far as needed to show it whole. */
  focus(k: number): void {
    const first = this.layers[0];
    if (!first || k < 0 || k >= first.spans.count) return;
    const a = first.spans.entryBar[k]!;
    const b = first.spans.exitBar[k]!;
    const len = b - a + 1;
    const cur = this.chart.timeScale().getVisibleLogicalRange();
    const curWidth = cur ? cur.to - cur.from : 200;
    const width = Math.max(len * 1.6 + 10, Math.min(curWidth, Math.max(len * 4 + 40, 160)));
    const mid = (a + b) / 2;
    this.chart.timeScale().setVisibleLogicalRange({ from: mid - width / 2, to: mid + width / 2 });
  }

  showAll(): void {
    this.chart.timeScale().fitContent();
  }

  /** The latest `bars` bars, the opening view: readable candles rather than a 500k-bar smear. */
  showLatest(bars = 1500): void {
    const n = this.open.length;
    this.chart.timeScale().setVisibleLogicalRange({ from: Math.max(0, n - bars), to: n + 4 });
  }

  onHover(l: (h: HoverTrade | null) => void): () => void {
    this.hoverListeners.add(l);
    return () => this.hoverListeners.delete(l);
  }

  onTradeClick(l: (layer: number, trade: number) => void): () => void {
    this.clickListeners.add(l);
    return () => this.clickListeners.delete(l);
  }

  destroy(): void {
    this.chart.unsubscribeCrosshairMove(this.onCrosshair);
    this.chart.unsubscribeClick(this.onClick);
    this.chart.remove();
  }

  // ————— internals —————

  private toSpans(t: TradeTable): SpanSet {
    const entryBar = new Int32Array(t.count);
    const exitBar = new Int32Array(t.count);
    if (this.open.length > 0) {
      // Fills happen at a candle's close, so the bar is the one containing the instant before.
      for (let k = 0; k < t.count; k++) {
        entryBar[k] = barAt(this.open, t.entryTime[k]! - 1);
        exitBar[k] = barAt(this.open, t.exitTime[k]! - 1);
      }
    }
    return { entryBar, exitBar, returnPct: t.returnPct, count: t.count };
  }

  private applyLayers(): void {
    const p = this.palette;
    for (let li = 0; li < this.layers.length; li++) {
      const st = this.layers[li]!;
      st.spans = this.toSpans(st.layer.trades);
      const t = st.layer.trades;
      const compare = li > 0;
      const winC = compare ? p.compareWin : p.win;
      const lossC = compare ? p.compareLoss : p.loss;
      const markers: SeriesMarker<Time>[] = [];
      if (this.open.length > 0) {
        for (let k = 0; k < t.count; k++) {
          const r = t.returnPct[k]!;
          // Break-even trades are neither winners nor losers (METRICS.md): neutral colour.
          const c = r > 0 ? winC : r < 0 ? lossC : p.entry;
          markers.push({
            time: ts(this.shown[st.spans.entryBar[k]!]!),
            position: 'belowBar',
            shape: compare ? 'circle' : 'arrowUp',
            color: c,
            id: `${li}:e:${k}`,
            size: compare ? 0.7 : 1,
          });
          markers.push({
            time: ts(this.shown[st.spans.exitBar[k]!]!),
            position: 'aboveBar',
            shape: compare ? 'circle' : 'arrowDown',
            color: c,
            id: `${li}:x:${k}`,
            size: compare ? 0.7 : 1,
          });
        }
        const op = st.layer.openPosition;
        if (op) {
          markers.push({ time: ts(this.shown[barAt(this.open, op.entryTime - 1)]!), position: 'belowBar', shape: 'arrowUp', color: p.entry, id: `${li}:o:0`, text: 'open' });
        }
        // Markers must be in time order; a coarse timeframe can put an exit and the next entry
        // in one bar, which keeps the order already, so a stable sort only guards the open one.
        markers.sort((a, b) => (a.time as number) - (b.time as number));
      }
      if (st.markers) st.markers.setMarkers(markers);
      else st.markers = createSeriesMarkers(this.candles, markers, { autoScale: true });
      st.markerCount = markers.length;
    }
    this.spans.set(this.layers[0]?.spans ?? { entryBar: new Int32Array(0), exitBar: new Int32Array(0), returnPct: new Float64Array(0), count: 0 }, this.selected);
    this.host.dataset.markerCount = String(this.markerCount);
  }

  private lineData(time: Float64Array, values: Float64Array): LineData<Time>[] {
    // Samples are mapped to display bars so that every pane shares the candles' time points.
    const out: LineData<Time>[] = [];
    let lastBar = -1;
    for (let i = 0; i < time.length; i++) {
      const v = values[i]!;
      const bar = barAt(this.open, time[i]!);
      if (bar === lastBar && out.length) {
        if (Number.isFinite(v)) out[out.length - 1] = { time: ts(this.shown[bar]!), value: v };
        continue;
      }
      lastBar = bar;
      if (Number.isFinite(v)) out.push({ time: ts(this.shown[bar]!), value: v });
      else out.push({ time: ts(this.shown[bar]!) } as LineData<Time>);
    }
    return out;
  }

  private rebuildPanes(): void {
    for (const s of this.extra) this.chart.removeSeries(s);
    this.extra = [];
    const panes = this.chart.panes();
    for (let i = panes.length - 1; i > 0; i--) this.chart.removePane(i);
    const legend: Array<{ name: string; color: string }> = [];
    if (this.open.length === 0) return this.emitLegend(legend);
    const p = this.palette;
    let colorIdx = 0;
    const nextColor = () => p.series[colorIdx++ % p.series.length]!;
    let paneIndex = 1;
    const stackedPanes = new Map<string, number>();

    for (const line of this.lines) {
      if (line.layout !== 'overlay') continue;
      const color = line.color ?? nextColor();
      legend.push({ name: line.name, color });
      const s = this.chart.addSeries(LineSeries, { color, lineWidth: 1, priceLineVisible: false, lastValueVisible: false, crosshairMarkerVisible: false }, 0);
      s.setData(this.lineData(line.time, line.values));
      this.extra.push(s);
    }
    for (const line of this.lines) {
      if (line.layout !== 'stacked') continue;
      const key = line.pane ?? line.name;
      let idx = stackedPanes.get(key);
      const firstInPane = idx === undefined;
      if (idx === undefined) stackedPanes.set(key, (idx = paneIndex++));
      const s = this.chart.addSeries(
        LineSeries,
        { color: line.color ?? nextColor(), lineWidth: 1, priceLineVisible: false, lastValueVisible: false, crosshairMarkerVisible: false, ...(firstInPane ? { title: line.paneTitle ?? key } : {}) },
        idx,
      );
      s.setData(this.lineData(line.time, line.values));
      this.extra.push(s);
    }
    const scores = this.lines.filter((l) => l.layout === 'scores');
    if (scores.length) {
      const idx = paneIndex++;
      for (const line of scores) {
        const color = line.color ?? nextColor();
        legend.push({ name: line.name, color });
        const s = this.chart.addSeries(LineSeries, { color, lineWidth: 1, priceLineVisible: false, lastValueVisible: false, lineType: LineType.WithSteps }, idx);
        s.setData(this.lineData(line.time, line.values));
        for (const th of line.thresholds ?? []) {
          s.createPriceLine({ price: th.value, color, lineStyle: LineStyle.Dashed, lineWidth: 1, title: th.label, axisLabelVisible: true });
        }
        this.extra.push(s);
      }
    }
    if (this.layers.length) {
      // Cumulative P&L of every layer in one pane, the inspected one's drawdown in the next.
      const pnlPane = paneIndex++;
      const ddPane = paneIndex++;
      this.layers.forEach((st, li) => {
        const { pnl, dd } = this.pnlSeries(st);
        const line = this.chart.addSeries(LineSeries, {
          color: li === 0 ? p.pnl : p.pnlCompare, lineWidth: 2, lineType: LineType.WithSteps, priceLineVisible: false,
          title: `${st.layer.label} Σ P&L %`,
        }, pnlPane);
        line.setData(pnl);
        this.extra.push(line);
        if (li === 0) {
          const area = this.chart.addSeries(BaselineSeries, {
            baseValue: { type: 'price', price: 0 }, lineType: LineType.WithSteps,
            topLineColor: 'transparent', topFillColor1: 'transparent', topFillColor2: 'transparent',
            bottomLineColor: p.drawdownLine, bottomFillColor1: p.drawdown, bottomFillColor2: p.drawdown, lineWidth: 1,
            priceLineVisible: false, lastValueVisible: false, title: 'drawdown %',
          }, ddPane);
          area.setData(dd);
          this.extra.push(area);
        }
      });
      this.chart.panes()[ddPane]?.setStretchFactor(0.6);
    }
    const all = this.chart.panes();
    all[0]?.setStretchFactor(Math.max(3, all.length * 1.2));
    this.host.dataset.panes = String(all.length);
    this.emitLegend(legend);
  }

  private legendListeners = new Set<(items: Array<{ name: string; color: string }>) => void>();

  /** Names and colours of the overlay and score lines (the chart draws no titles for them). */
  onLegend(l: (items: Array<{ name: string; color: string }>) => void): () => void {
    this.legendListeners.add(l);
    return () => this.legendListeners.delete(l);
  }

  private emitLegend(items: Array<{ name: string; color: string }>): void {
    for (const l of this.legendListeners) l(items);
  }

  /** Cumulative additive P&L % and compounded-equity drawdown %, stepping at each exit bar. */
  private pnlSeries(st: LayerState): { pnl: LineData<Time>[]; dd: LineData<Time>[] } {
    const t = st.layer.trades;
    const pnl: LineData<Time>[] = [{ time: ts(this.shown[0]!), value: 0 }];
    const dd: LineData<Time>[] = [{ time: ts(this.shown[0]!), value: 0 }];
    let cum = 0;
    let eq = 1;
    let peak = 1;
    for (let k = 0; k < t.count; k++) {
      const r = t.returnPct[k]!;
      cum += r;
      eq *= 1 + r / 100;
      if (eq > peak) peak = eq;
      const time = ts(this.shown[st.spans.exitBar[k]!]!);
      const d = -(1 - eq / peak) * 100;
      const last = pnl[pnl.length - 1]!;
      if (last.time === time) {
        last.value = cum;
        dd[dd.length - 1]!.value = d;
      } else {
        pnl.push({ time, value: cum });
        dd.push({ time, value: d });
      }
    }
    return { pnl, dd };
  }

  private parseId(id: unknown): { layer: number; trade: number; side: 'entry' | 'exit' } | null {
    if (typeof id !== 'string') return null;
    const [l, s, k] = id.split(':');
    if (s !== 'e' && s !== 'x') return null;
    return { layer: Number(l), trade: Number(k), side: s === 'e' ? 'entry' : 'exit' };
  }

  private readonly onCrosshair = (param: MouseEventParams<Time>) => {
    const hit = this.parseId(param.hoveredInfo?.objectId ?? param.hoveredObjectId);
    const h = hit && param.point ? { ...hit, x: param.point.x, y: param.point.y } : null;
    for (const l of this.hoverListeners) l(h);
  };

  private readonly onClick = (param: MouseEventParams<Time>) => {
    const hit = this.parseId(param.hoveredInfo?.objectId ?? param.hoveredObjectId);
    if (hit) {
      for (const l of this.clickListeners) l(hit.layer, hit.trade);
      return;
    }
    // A click inside a shaded span selects that trade too.
    if (param.logical === undefined) return;
    const first = this.layers[0];
    if (!first) return;
    const bar = Math.round(param.logical);
    const s = first.spans;
    const k = firstEndingAtOrAfter(s, bar);
    if (k < s.count && s.entryBar[k]! <= bar) for (const l of this.clickListeners) l(0, k);
  };

  private readonly onRange = () => {
    const r = this.chart.timeScale().getVisibleLogicalRange();
    if (!r) return;
    this.host.dataset.visibleFrom = r.from.toFixed(1);
    this.host.dataset.visibleTo = r.to.toFixed(1);
  };
}

export function reasonName(code: number): string {
  return TRADE_REASONS[code] ?? `#${code}`;
}
