import type { IndividualStats } from '../../../shared/stats/types';
import { reasonName } from '../charts/tradeChart';
import { duration, fmt, pct, signClass } from '../lib/format';
import { formatTime } from '../lib/zone';
import { useSettings } from '../stores/settings';

/**
 * Why a trade happened: the bar that triggered it and every bar's score at entry and exit, each
 * indicator's pipeline value at entry, and the levels the executor worked with.
 */
export function TradeDetails({ stats, k }: { stats: IndividualStats; k: number }) {
  const zone = useSettings((s) => s.zone);
  const t = stats.trades;
  if (k < 0 || k >= t.count) return <div className="dim">Select a trade (click a row, a marker or a span; n / p) to see why it entered and left.</div>;
  const nb = stats.barNames.length;
  const ni = stats.indicatorNames.length;
  const r = t.returnPct[k]!;
  return (
    <div data-testid="trade-details">
      <div className="row" style={{ justifyContent: 'space-between', marginBottom: 4 }}>
        <b>Trade {k + 1}</b>
        <span className={signClass(r)} style={{ fontWeight: 600 }}>
          {pct(r, 3, true)} · {fmt(t.pnlCash[k]!, 2)}
        </span>
      </div>
      <div className="kv">
        <div className="k">Entry</div>
        <div className="v">
          {formatTime(t.entryTime[k]!, zone)} @ {fmt(t.entryPrice[k]!, 2)}
        </div>
        <div className="k">Exit ({reasonName(t.exitReason[k]!)})</div>
        <div className="v">
          {formatTime(t.exitTime[k]!, zone)} @ {fmt(t.exitPrice[k]!, 2)}
        </div>
        <div className="k">Held</div>
        <div className="v">
          {t.exitIndex[k]! - t.entryIndex[k]!} candles · {duration(t.exitTime[k]! - t.entryTime[k]!)}
        </div>
        <div className="k">Stop / target</div>
        <div className="v">
          {fmt(t.stopLevel[k]!, 2)} / {fmt(t.targetLevel[k]!, 2)}
        </div>
        <div className="k">Triggered by</div>
        <div className="v">
          {stats.barNames[t.entryBar[k]!] ?? '—'} at {fmt(t.entryScore[k]!, 3)}
        </div>
      </div>
      {nb > 0 && (
        <table className="data" style={{ marginTop: 8 }}>
          <thead>
            <tr>
              <th>Bar score</th>
              <th className="num">at entry</th>
              <th className="num">at exit</th>
            </tr>
          </thead>
          <tbody>
            {stats.barNames.map((b, j) => (
              <tr key={b}>
                <td>{b}</td>
                <td className="num">{fmt(t.barScoresAtEntry[k * nb + j], 3)}</td>
                <td className="num">{fmt(t.barScoresAtExit[k * nb + j], 3)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {ni > 0 && (
        <table className="data" style={{ marginTop: 8 }}>
          <thead>
            <tr>
              <th>Indicator (pipeline value)</th>
              <th className="num">at entry</th>
            </tr>
          </thead>
          <tbody>
            {stats.indicatorNames.map((n, j) => (
              <tr key={n}>
                <td>{n}</td>
                <td className="num">{fmt(t.indicatorValuesAtEntry[k * ni + j], 3)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
