import { useLayoutEffect, useRef, useState } from 'react';
import { fmt } from '../lib/format';
import { tickLabels, ticks } from '../lib/ticks';

function extent(values: Iterable<number>): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (lo === Infinity) return [0, 1];
  if (lo === hi) {
    const pad = Math.max(Math.abs(lo) * 0.1, 1e-3);
    return [lo - pad, hi + pad];
  }
  const pad = (hi - lo) * 0.05;
  return [lo - pad, hi + pad];
}

/** Axis end values: integers as integers, others with four significant digits. */
const axisValue = (v: number) => (Number.isInteger(v) ? fmt(v, 0) : fmt(v, Math.max(0, Math.min(6, 3 - Math.floor(Math.log10(Math.abs(v) || 1))))));

/** The element's width, following resizes, so SVG plots draw in real pixels (crisp text). */
export function useWidth(): [React.RefObject<HTMLDivElement | null>, number] {
  const ref = useRef<HTMLDivElement>(null);
  const [w, setW] = useState(0);
  useLayoutEffect(() => {
    const el = ref.current!;
    setW(el.clientWidth);
    const ro = new ResizeObserver(() => setW(el.clientWidth));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return [ref, Math.max(120, w)];
}

/** The plot's wrapper: takes the cell's width and never pushes it wider. */
const WRAP: React.CSSProperties = { position: 'relative', minWidth: 0, width: '100%', overflow: 'hidden' };

interface Frame {
  w: number;
  h: number;
  l: number;
  r: number;
  t: number;
  b: number;
}

function Axes({ f, xs, ys, xr, yr, xLabel, yLabel }: { f: Frame; xs: (v: number) => number; ys: (v: number) => number; xr: [number, number]; yr: [number, number]; xLabel?: string; yLabel?: string }) {
  const xt = ticks(xr[0], xr[1], Math.max(2, Math.floor((f.w - f.l - f.r) / 70)));
  const yt = ticks(yr[0], yr[1], Math.max(2, Math.floor((f.h - f.t - f.b) / 34)));
  const xl = tickLabels(xt);
  const yl = tickLabels(yt);
  return (
    <g className="axis">
      {yt.map((v, i) => (
        <g key={`y${v}`}>
          <line className="gridline" x1={f.l} x2={f.w - f.r} y1={ys(v)} y2={ys(v)} />
          <text x={f.l - 5} y={ys(v) + 3.5} textAnchor="end">{yl[i]}</text>
        </g>
      ))}
      {xt.map((v, i) => (
        <text key={`x${v}`} x={xs(v)} y={f.h - f.b + 13} textAnchor="middle">{xl[i]}</text>
      ))}
      <line x1={f.l} x2={f.w - f.r} y1={f.h - f.b} y2={f.h - f.b} />
      {xLabel && <text x={f.w - f.r} y={f.h - 2} textAnchor="end">{xLabel}</text>}
      {yLabel && <text x={f.l} y={f.t - 4}>{yLabel}</text>}
    </g>
  );
}

export interface LineSeriesDef {
  name: string;
  color: string;
  points: Array<[number, number]>;
  dashed?: boolean;
  /** Whether the series sets the y range (false: drawn clipped to the others' range). */
  scales?: boolean;
}

let clipSeq = 0;

/** A few series over a shared numeric x (generations): objective evolution, diversity. */
export function LinePlot({ series, height = 180, xLabel, yLabel }: { series: LineSeriesDef[]; height?: number; xLabel?: string; yLabel?: string }) {
  const [ref, w] = useWidth();
  const f: Frame = { w, h: height, l: 48, r: 10, t: 16, b: 24 };
  const xr = extent(series.flatMap((s) => s.points.map((p) => p[0])));
  const yr = extent(series.filter((s) => s.scales !== false).flatMap((s) => s.points.map((p) => p[1])));
  const xs = (v: number) => f.l + ((v - xr[0]) / (xr[1] - xr[0])) * (w - f.l - f.r);
  const ys = (v: number) => f.t + (1 - (v - yr[0]) / (yr[1] - yr[0])) * (height - f.t - f.b);
  const [clip] = useState(() => `plotclip${++clipSeq}`);
  return (
    <div ref={ref} style={WRAP}>
      <svg className="plot" width={w} height={height} style={{ display: 'block' }}>
        <defs>
          <clipPath id={clip}>
            <rect x={f.l} y={f.t - 2} width={w - f.l - f.r} height={height - f.t - f.b + 4} />
          </clipPath>
        </defs>
        <Axes f={f} xs={xs} ys={ys} xr={xr} yr={yr} xLabel={xLabel} yLabel={yLabel} />
        <g clipPath={`url(#${clip})`}>
        {series.map((s) => (
          <polyline
            key={s.name}
            fill="none"
            stroke={s.color}
            strokeWidth={1.5}
            strokeDasharray={s.dashed ? '4 3' : undefined}
            points={s.points.filter((p) => Number.isFinite(p[1])).map((p) => `${xs(p[0]).toFixed(1)},${ys(p[1]).toFixed(1)}`).join(' ')}
          />
        ))}
        </g>
        {series.map((s) =>
          s.points.length === 1 && Number.isFinite(s.points[0]![1]) ? <circle key={`${s.name}-pt`} cx={xs(s.points[0]![0])} cy={ys(s.points[0]![1])} r={2.5} fill={s.color} /> : null,
        )}
      </svg>
      <div className="legend" style={{ left: f.l + 6, top: 0 }}>
        {series.map((s) => (
          <span key={s.name}>
            <span style={{ display: 'inline-block', width: 10, height: 2, background: s.color, verticalAlign: 3, marginRight: 4 }} />
            {s.name}
          </span>
        ))}
      </div>
    </div>
  );
}

export interface ScatterPoint {
  id: string;
  x: number;
  y: number;
  /** 0 for the first Pareto front; drawn stronger. */
  rank: number;
  label: string;
}

/** Any two objectives of a generation: the first front stands out, a click inspects the point. */
export function ScatterPlot({ points, selected, onPick, height = 260, xLabel, yLabel, penalty = Infinity }: { points: ScatterPoint[]; selected?: string | null; onPick(id: string): void; height?: number; xLabel: string; yLabel: string; penalty?: number }) {
  const [ref, w] = useWidth();
  const f: Frame = { w, h: height, l: 52, r: 12, t: 16, b: 26 };
  // Penalty scores (no trades, undefined objective) would squash the plot: they sit on the far
  // edge, drawn hollow, and the axes fit the real values.
  const real = (v: number) => Number.isFinite(v) && Math.abs(v) < penalty;
  const xr = extent(points.filter((p) => real(p.x)).map((p) => p.x));
  const yr = extent(points.filter((p) => real(p.y)).map((p) => p.y));
  const xs = (v: number) => f.l + ((Math.min(v, xr[1]) - xr[0]) / (xr[1] - xr[0])) * (w - f.l - f.r);
  const ys = (v: number) => f.t + (1 - (Math.min(v, yr[1]) - yr[0]) / (yr[1] - yr[0])) * (height - f.t - f.b);
  const penalised = points.filter((p) => !real(p.x) || !real(p.y)).length;
  const front = points.filter((p) => p.rank === 0 && real(p.x) && real(p.y)).sort((a, b) => a.x - b.x);
  return (
    <div ref={ref} style={WRAP}>
      {penalised > 0 && (
        <div className="faint" style={{ position: 'absolute', right: 12, top: 0, fontSize: 11 }}>
          {penalised} at the penalty value (hollow, on the edge)
        </div>
      )}
      <svg className="plot" width={w} height={height} data-testid="pareto-plot" style={{ display: 'block' }}>
        <Axes f={f} xs={xs} ys={ys} xr={xr} yr={yr} xLabel={`${xLabel} →`} yLabel={`↑ ${yLabel}`} />
        {front.length > 1 && <polyline fill="none" stroke="var(--accent)" strokeOpacity={0.5} strokeDasharray="3 3" points={front.map((p) => `${xs(p.x)},${ys(p.y)}`).join(' ')} />}
        {points.map((p) =>
          Number.isFinite(p.x) && Number.isFinite(p.y) ? (
            <circle
              key={p.id}
              cx={xs(p.x)}
              cy={ys(p.y)}
              r={p.id === selected ? 6 : p.rank === 0 ? 4.5 : 3}
              fill={!real(p.x) || !real(p.y) ? 'none' : p.rank === 0 ? 'var(--accent)' : 'var(--text-faint)'}
              fillOpacity={p.rank === 0 ? 0.9 : 0.45}
              stroke={p.id === selected ? 'var(--text)' : !real(p.x) || !real(p.y) ? 'var(--text-faint)' : 'none'}
              strokeWidth={1.5}
              style={{ cursor: 'pointer' }}
              onClick={() => onPick(p.id)}
              data-testid="pareto-point"
            >
              <title>{p.label}</title>
            </circle>
          ) : null,
        )}
      </svg>
    </div>
  );
}

export interface ParallelAxis {
  name: string;
  min: number;
  max: number;
}

/** Elites across their genes: one polyline per elite over axes scaled to each gene's range. */
export function ParallelCoords({ axes, lines, selected, onPick, height = 220 }: { axes: ParallelAxis[]; lines: Array<{ id: string; values: number[]; color: string; label: string }>; selected?: string | null; onPick(id: string): void; height?: number }) {
  const [ref, w] = useWidth();
  const n = axes.length;
  // End axes sit far enough in for their names to be centred on them.
  const edge = n <= 1 ? 24 : Math.min(70, (w - 48) / (2 * n));
  const f = { l: edge, r: edge, t: 30, b: 20 };
  const spacing = n <= 1 ? w : (w - f.l - f.r) / (n - 1);
  const maxChars = Math.max(6, Math.floor(spacing / 6.2));
  const ax = (i: number) => f.l + (n <= 1 ? 0 : (i / (n - 1)) * (w - f.l - f.r));
  const ay = (i: number, v: number) => {
    const a = axes[i]!;
    const span = a.max - a.min || 1;
    return f.t + (1 - (v - a.min) / span) * (height - f.t - f.b);
  };
  return (
    <div ref={ref} style={WRAP}>
      <svg className="plot" width={w} height={height} data-testid="parallel-coords" style={{ display: 'block' }}>
        {axes.map((a, i) => (
          <g key={a.name}>
            <line x1={ax(i)} x2={ax(i)} y1={f.t} y2={height - f.b} stroke="var(--line-strong)" />
            <text x={ax(i)} y={f.t - 16} textAnchor="middle" style={{ fill: 'var(--text)' }}>
              <title>{a.name}</title>
              {a.name.length > maxChars ? `${a.name.slice(0, maxChars - 1)}…` : a.name}
            </text>
            <text x={ax(i)} y={f.t - 5} textAnchor="middle">{axisValue(a.max)}</text>
            <text x={ax(i)} y={height - f.b + 13} textAnchor="middle">{axisValue(a.min)}</text>
          </g>
        ))}
        {lines.map((l) => (
          <polyline
            key={l.id}
            fill="none"
            stroke={l.color}
            strokeWidth={l.id === selected ? 3 : 1.5}
            strokeOpacity={selected && l.id !== selected ? 0.35 : 0.9}
            points={l.values.map((v, i) => `${ax(i)},${ay(i, v)}`).join(' ')}
            style={{ cursor: 'pointer' }}
            onClick={() => onPick(l.id)}
          >
            <title>{l.label}</title>
          </polyline>
        ))}
      </svg>
    </div>
  );
}
