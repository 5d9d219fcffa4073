import type { Histogram as Hist } from '../../../shared/stats/types';
import { useWidth } from './plots';

/** Winning and losing trade returns as two bar plots sharing one count scale. */
export function WinLossHistograms({ winning, losing }: { winning: Hist; losing: Hist }) {
  const max = Math.max(1, ...winning.counts, ...losing.counts);
  return (
    <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(220px, 1fr))', gap: 12 }} data-testid="histograms">
      <Bars title="Losing trades" h={losing} max={max} color="var(--neg)" />
      <Bars title="Winning trades" h={winning} max={max} color="var(--pos)" />
    </div>
  );
}

function Bars({ title, h, max, color }: { title: string; h: Hist; max: number; color: string }) {
  const [ref, W] = useWidth();
  const n = h.counts.length;
  const H = 110;
  const pad = { l: 26, r: 4, t: 6, b: 18 };
  const bw = n ? (W - pad.l - pad.r) / n : 0;
  const total = h.counts.reduce((a, b) => a + b, 0);
  return (
    <div ref={ref} style={{ minWidth: 0 }}>
      <div className="dim" style={{ fontSize: 11, marginBottom: 2 }}>
        {title} <span className="faint">· {total} trades · bin {h.binWidth}%</span>
      </div>
      {n === 0 ? (
        <div className="empty" style={{ padding: 12 }}>none</div>
      ) : (
        <svg className="plot" width={W} height={H} style={{ display: 'block' }}>
          <line className="gridline" x1={pad.l} x2={W - pad.r} y1={pad.t} y2={pad.t} />
          <text x={pad.l - 4} y={pad.t + 4} textAnchor="end">{max}</text>
          <text x={pad.l - 4} y={H - pad.b} textAnchor="end">0</text>
          {Array.from(h.counts, (c, i) => {
            const bh = ((H - pad.t - pad.b) * c) / max;
            return (
              <rect key={i} x={pad.l + i * bw + 0.5} y={H - pad.b - bh} width={Math.max(0.5, bw - 1)} height={bh} fill={color} opacity={0.8}>
                <title>{`${h.labels[i] ?? ''}: ${c}`}</title>
              </rect>
            );
          })}
          <line x1={pad.l} x2={W - pad.r} y1={H - pad.b} y2={H - pad.b} stroke="var(--line-strong)" />
          <text x={pad.l} y={H - 4}>{`${h.edges[0]?.toFixed(1)}%`}</text>
          <text x={W - pad.r} y={H - 4} textAnchor="end">{`${((h.edges[n - 1] ?? 0) + h.binWidth).toFixed(1)}%`}</text>
        </svg>
      )}
    </div>
  );
}
