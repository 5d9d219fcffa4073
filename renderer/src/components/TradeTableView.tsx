import { useEffect, useRef, useState } from 'react';
import type { TradeTable } from '../../../shared/stats/types';
import { reasonName } from '../charts/tradeChart';
import { fmt, pct, signClass } from '../lib/format';
import { formatTime } from '../lib/zone';
import { useSettings } from '../stores/settings';

const ROW = 22;
const OVERSCAN = 12;

/**
 * Every trade of an individual in a virtualised table (10k rows render as ~40): click selects and
 * centres the chart on it, `n`/`p` step through trades from anywhere on the page.
 */
export function TradeTableView({ trades, selected, onSelect }: { trades: TradeTable; selected: number; onSelect(k: number): void }) {
  const zone = useSettings((s) => s.zone);
  const scroller = useRef<HTMLDivElement>(null);
  const [top, setTop] = useState(0);
  const [height, setHeight] = useState(400);

  useEffect(() => {
    const el = scroller.current!;
    const ro = new ResizeObserver(() => setHeight(el.clientHeight));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  // Keep the selected row in view when it changes from the keyboard or the chart.
  useEffect(() => {
    const el = scroller.current;
    if (!el || selected < 0) return;
    const y = selected * ROW;
    const header = 26;
    if (y < el.scrollTop) el.scrollTop = y;
    else if (y + ROW > el.scrollTop + el.clientHeight - header) el.scrollTop = y + ROW - el.clientHeight + header;
  }, [selected]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      if (t && (t.tagName === 'INPUT' || t.tagName === 'SELECT' || t.tagName === 'TEXTAREA')) return;
      if (e.ctrlKey || e.metaKey || e.altKey || trades.count === 0) return;
      if (e.key === 'n') onSelect(Math.min(trades.count - 1, selected + 1));
      else if (e.key === 'p') onSelect(Math.max(0, selected < 0 ? 0 : selected - 1));
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [trades, selected, onSelect]);

  const first = Math.max(0, Math.floor(top / ROW) - OVERSCAN);
  const last = Math.min(trades.count, Math.ceil((top + height) / ROW) + OVERSCAN);
  const rows = [];
  for (let k = first; k < last; k++) {
    const r = trades.returnPct[k]!;
    rows.push(
      <tr key={k} data-testid="trade-row" data-index={k} className={`clickable${k === selected ? ' selected' : ''}`} onClick={() => onSelect(k)}>
        <td className="num faint">{k + 1}</td>
        <td className="num">{formatTime(trades.entryTime[k]!, zone)}</td>
        <td className="num">{fmt(trades.entryPrice[k]!, 2)}</td>
        <td className="num">{formatTime(trades.exitTime[k]!, zone)}</td>
        <td className="num">{fmt(trades.exitPrice[k]!, 2)}</td>
        <td className={`num ${signClass(r)}`}>{pct(r, 2, true)}</td>
        <td className={`num ${signClass(trades.pnlCash[k])}`}>{fmt(trades.pnlCash[k]!, 2)}</td>
        <td className="num">{trades.exitIndex[k]! - trades.entryIndex[k]!}</td>
        <td className="dim">{reasonName(trades.exitReason[k]!)}</td>
      </tr>,
    );
  }
  return (
    <div ref={scroller} style={{ overflow: 'auto', height: '100%' }} onScroll={(e) => setTop(e.currentTarget.scrollTop)} data-testid="trade-table">
      <table className="data">
        <thead>
          <tr>
            <th className="num">#</th>
            <th className="num">Entry</th>
            <th className="num">Price</th>
            <th className="num">Exit</th>
            <th className="num">Price</th>
            <th className="num">Return</th>
            <th className="num">P&L</th>
            <th className="num">Bars</th>
            <th>Exit reason</th>
          </tr>
        </thead>
        <tbody>
          {first > 0 && <tr style={{ height: first * ROW }} />}
          {rows}
          {last < trades.count && <tr style={{ height: (trades.count - last) * ROW }} />}
        </tbody>
      </table>
      {trades.count === 0 && <div className="empty">No closed trades.</div>}
    </div>
  );
}
