import type { IndividualStats } from '../../../shared/stats/types';
import { duration, fmt, int, pct, signClass } from '../lib/format';
import { formatDate } from '../lib/zone';
import { useSettings } from '../stores/settings';

type Row = [label: string, value: string, cls?: string, title?: string];

/** Every metric of an individual, grouped as a researcher reads them: returns, risk, trades. */
export function StatsPanel({ stats, compare }: { stats: IndividualStats; compare?: IndividualStats | null }) {
  const zone = useSettings((s) => s.zone);
  const groups = (m: IndividualStats['metrics']): Array<[string, Row[]]> => [
    [
      'Returns',
      [
        ['Total P&L (additive)', pct(m.totalPnlPct, 2, true), signClass(m.totalPnlPct), 'Σ trade returns × 100, as the original system'],
        ['Compounded return', pct(m.compoundedReturnPct, 2, true), signClass(m.compoundedReturnPct)],
        ['Cash P&L', fmt(m.totalPnlCash, 2), signClass(m.totalPnlCash)],
        ['Market return', pct(m.marketReturnPct, 2, true), signClass(m.marketReturnPct), 'buy and hold over the tested range'],
        ['Expectancy / trade', pct(m.expectancyPct, 3, true), signClass(m.expectancyPct)],
      ],
    ],
    [
      'Risk',
      [
        ['Max drawdown', pct(-m.maxDrawdownPct, 2), m.maxDrawdownPct > 0 ? 'neg' : ''],
        ['Longest under peak', duration(m.maxDrawdownSeconds), '', `${int(m.maxDrawdownBars)} primary candles`],
        ['Sharpe (ann.)', fmt(m.sharpe, 2), signClass(m.sharpe)],
        ['Sortino (ann.)', fmt(m.sortino, 2), signClass(m.sortino)],
        ['Calmar', fmt(m.calmar, 2), signClass(m.calmar)],
        ['SQN', fmt(m.sqn, 2), signClass(m.sqn)],
        ['Exposure', pct(m.exposurePct, 1)],
      ],
    ],
    [
      'Trades',
      [
        ['Closed trades', int(m.totalTrades)],
        ['Winners / losers', `${int(m.winningTrades)} / ${int(m.losingTrades)}`],
        ['Win rate', m.winRate === null ? '—' : pct(m.winRate * 100, 1)],
        ['Avg win', pct(m.avgWinPct, 2, true), 'pos'],
        ['Avg loss', pct(m.avgLossPct, 2), 'neg'],
        ['Profit factor', m.profitFactor === null ? (m.winningTrades > 0 && m.losingTrades === 0 ? '∞' : '—') : fmt(m.profitFactor, 2)],
        ['Avg bars held', fmt(m.avgBarsHeld, 1)],
      ],
    ],
    [
      'Data',
      [
        ['From', formatDate(m.startTime, zone)],
        ['To', formatDate(m.endTime, zone)],
        ['Primary candles', int(m.bars)],
        ['Annualised with', `${m.periodsPerYear} days/yr`],
      ],
    ],
  ];
  const a = groups(stats.metrics);
  const b = compare ? groups(compare.metrics) : null;
  return (
    <div data-testid="stats-panel" style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(250px, 1fr))', gap: '6px 18px' }}>
      {a.map(([title, rows], gi) => (
        <div key={title}>
          <div className="faint" style={{ fontSize: 11, textTransform: 'uppercase', letterSpacing: 0.5, margin: '2px 0 2px' }}>{title}</div>
          <div className="kv" style={{ gridTemplateColumns: b ? '1fr auto auto' : '1fr auto' }}>
            {rows.map(([label, value, cls, tip], ri) => (
              <Cells key={label} label={label} value={value} cls={cls} tip={tip} other={b?.[gi]![1][ri]} />
            ))}
          </div>
        </div>
      ))}
    </div>
  );
}

function Cells({ label, value, cls, tip, other }: { label: string; value: string; cls?: string; tip?: string; other?: Row }) {
  return (
    <>
      <div className="k" title={tip ?? label}>{label}</div>
      <div className={`v ${cls ?? ''}`}>{value}</div>
      {other && <div className={`v ${other[2] ?? ''}`} style={{ color: other[2] ? undefined : 'var(--text-dim)' }}>{other[1]}</div>}
    </>
  );
}
