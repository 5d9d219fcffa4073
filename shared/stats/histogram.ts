import type { Histogram } from './types';

/**
 * Python's `f"{x:.1f}"`: exact binary value, ties to even. JS `toFixed` rounds ties up, which
 * differs on the quarter-percent bin edges (0.25 → "0.2" in the original's labels, not "0.3").
 */
export function formatPct1(x: number): string {
  if (x === 0) return '0.0';
  const q = x * 4;
  if (Number.isInteger(q) && !Number.isInteger(x * 2)) {
    const tenths = x * 10; // exact: an odd multiple of 2.5
    const down = Math.floor(tenths);
    const n = down % 2 === 0 ? down : down + 1;
    return (n / 10).toFixed(1);
  }
  return x.toFixed(1);
}

const EMPTY = (): Histogram => ({ binWidth: 0, edges: new Float64Array(0), counts: new Int32Array(0), labels: [] });

/**
 * The original system's trade-return histogram: bin width 0.25 / 0.5 / 1 / 2 percentage points
 * when the values span ≤ 5 / ≤ 10 / ≤ 20 / more, bins from floor(min) to ceil(max) (one bin when
 * those meet), labels "x.x% to y.y%".
 */
export function originalHistogram(values: ArrayLike<number>): Histogram {
  const n = values.length;
  if (n === 0) return EMPTY();
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const span = max - min;
  const width = span <= 5 ? 0.25 : span <= 10 ? 0.5 : span <= 20 ? 1 : 2;
  const start = Math.floor(min);
  let end = Math.ceil(max);
  if (end <= start) end = start + width;
  const bins = Math.ceil((end - start) / width);
  const edges = new Float64Array(bins);
  const counts = new Int32Array(bins);
  const labels: string[] = [];
  for (let k = 0; k < bins; k++) {
    edges[k] = start + k * width;
    labels.push(`${formatPct1(edges[k]! + 0)}% to ${formatPct1(edges[k]! + width)}%`);
  }
  for (let i = 0; i < n; i++) {
    let k = Math.floor((values[i]! - start) / width);
    if (k >= bins) k = bins - 1;
    if (k < 0) k = 0;
    counts[k] = counts[k]! + 1;
  }
  return { binWidth: width, edges, counts, labels };
}
