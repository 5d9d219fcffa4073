import type {
  IPrimitivePaneRenderer,
  IPrimitivePaneView,
  ISeriesPrimitive,
  SeriesAttachedParameter,
  Time,
} from 'lightweight-charts';

type Target = Parameters<IPrimitivePaneRenderer['draw']>[0];

/** Trades as display-bar spans: what the primitive needs to draw, precomputed once per selection. */
export interface SpanSet {
  entryBar: Int32Array;
  exitBar: Int32Array;
  returnPct: Float64Array;
  count: number;
}

export interface SpanColors {
  win: string;
  loss: string;
  winSelected: string;
  lossSelected: string;
  winEdge: string;
  lossEdge: string;
  label: string;
}

/** First k with exitBar[k] >= bar; exit bars never decrease because trades do not overlap. */
export function firstEndingAtOrAfter(s: SpanSet, bar: number): number {
  let lo = 0;
  let hi = s.count;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (s.exitBar[mid]! < bar) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Shaded spans from entry to exit bar behind the candles, green for winners and red for losers,
 * with the trade's % over it when there is room. Only trades in the visible logical range are
 * visited (binary search), so 10k trades cost nothing while panning.
 */
export class TradeSpansPrimitive implements ISeriesPrimitive<Time> {
  private spans: SpanSet = { entryBar: new Int32Array(0), exitBar: new Int32Array(0), returnPct: new Float64Array(0), count: 0 };
  private selected = -1;
  private param: SeriesAttachedParameter<Time> | null = null;
  private readonly views: readonly IPrimitivePaneView[];

  constructor(private colors: SpanColors) {
    const renderer: IPrimitivePaneRenderer = {
      draw: () => {},
      drawBackground: (target) => this.drawSpans(target),
    };
    this.views = [{ zOrder: () => 'bottom', renderer: () => renderer }];
  }

  attached(param: SeriesAttachedParameter<Time>): void {
    this.param = param;
  }

  detached(): void {
    this.param = null;
  }

  paneViews(): readonly IPrimitivePaneView[] {
    return this.views;
  }

  set(spans: SpanSet, selected: number): void {
    this.spans = spans;
    this.selected = selected;
    this.param?.requestUpdate();
  }

  setColors(colors: SpanColors): void {
    this.colors = colors;
    this.param?.requestUpdate();
  }

  private drawSpans(target: Target): void {
    const p = this.param;
    const s = this.spans;
    if (!p || s.count === 0) return;
    const ts = p.chart.timeScale();
    const range = ts.getVisibleLogicalRange();
    if (!range) return;
    const spacing = ts.options().barSpacing;
    const half = Math.max(0.5, spacing / 2);
    target.useBitmapCoordinateSpace(({ context: ctx, bitmapSize, horizontalPixelRatio: hr, verticalPixelRatio: vr }) => {
      const h = bitmapSize.height;
      let k = firstEndingAtOrAfter(s, Math.floor(range.from));
      ctx.font = `${Math.round(10 * vr)}px system-ui, sans-serif`;
      ctx.textAlign = 'center';
      ctx.textBaseline = 'bottom';
      let lastLabelRight = -Infinity;
      for (; k < s.count; k++) {
        const eb = s.entryBar[k]!;
        if (eb > range.to + 1) break;
        const x0 = ts.logicalToCoordinate(eb as never);
        const x1 = ts.logicalToCoordinate(s.exitBar[k]! as never);
        if (x0 === null || x1 === null) continue;
        const win = s.returnPct[k]! > 0;
        const sel = k === this.selected;
        ctx.fillStyle = sel ? (win ? this.colors.winSelected : this.colors.lossSelected) : win ? this.colors.win : this.colors.loss;
        const left = Math.round((x0 - half) * hr);
        // A one-pixel gap keeps back-to-back trades apart.
        const right = Math.round((x1 + half) * hr) - (spacing > 3 ? Math.round(hr) : 0);
        ctx.fillRect(left, 0, Math.max(1, right - left), h);
        if (sel) {
          ctx.strokeStyle = win ? this.colors.winEdge : this.colors.lossEdge;
          ctx.lineWidth = Math.max(1, Math.round(hr));
          ctx.strokeRect(left + 0.5, 0.5, Math.max(1, right - left) - 1, h - 1);
        }
        const widthCss = (right - left) / hr;
        if (widthCss > 34 && left > lastLabelRight) {
          ctx.fillStyle = this.colors.label;
          const r = s.returnPct[k]!;
          ctx.fillText(`${r > 0 ? '+' : ''}${r.toFixed(2)}%`, (left + right) / 2, h - Math.round(4 * vr));
          lastLabelRight = right;
        }
      }
    });
  }
}
