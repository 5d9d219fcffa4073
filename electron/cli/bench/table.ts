import type { BenchRow, BenchSkip } from './types';

function fmt(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  if (a >= 1e9) return `${(v / 1e9).toFixed(2)}G`;
  if (a >= 1e6) return `${(v / 1e6).toFixed(2)}M`;
  if (a >= 1e4) return `${(v / 1e3).toFixed(1)}k`;
  if (a >= 100) return v.toFixed(0);
  if (a >= 1) return v.toFixed(2);
  return v.toPrecision(3);
}

function ratio(r: BenchRow): string {
  if (!r.peer || r.peer.value === 0) return '';
  const x = r.higherIsBetter ? r.value / r.peer.value : r.peer.value / r.value;
  return `${x.toFixed(2)}×`;
}

const isSkip = (r: BenchRow | BenchSkip): r is BenchSkip => 'reason' in r;

/** The results as a Markdown table (readable on a terminal and pasteable into the README). */
export function renderTable(rows: Array<BenchRow | BenchSkip>): string {
  const head = ['suite', 'measure', 'ours', 'peer', 'ours vs peer', 'goal', 'note'];
  const body = rows.map((r) =>
    isSkip(r)
      ? [r.suite, r.measure, 'skipped', '', '', '', r.reason]
      : [
          r.suite,
          r.measure,
          `${fmt(r.value)} ${r.unit}`,
          r.peer ? `${r.peer.name}: ${fmt(r.peer.value)} ${r.unit}` : '',
          ratio(r),
          r.goal ?? '',
          r.note ?? '',
        ],
  );
  const widths = head.map((h, c) => Math.max(h.length, ...body.map((b) => b[c]!.length)));
  const line = (cells: string[]) => `| ${cells.map((x, c) => x.padEnd(widths[c]!)).join(' | ')} |`;
  return [line(head), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`, ...body.map(line)].join('\n');
}
