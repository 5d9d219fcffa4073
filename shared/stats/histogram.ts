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

/** Bin labels already made, by width then lower edge: a GA makes the same few labels for every individual. */
const labelCache = new Map<number, Map<number, string>>();
const LABEL_CACHE_SIZE = 4096;
let labelsCached = 0;

/** The label of the bin [edge, edge + width): "x.x% to y.y%". */
export function binLabel(edge: number, width: number): string {
  let byEdge = labelCache.get(width);
  let label = byEdge?.get(edge);
  if (label !== undefined) return label;
  label = `${formatPct1(edge + 0)}% to ${formatPct1(edge + width)}%`;
  if (labelsCached >= LABEL_CACHE_SIZE) {
    labelCache.clear();
    labelsCached = 0;
    byEdge = undefined;
  }
  if (!byEdge) labelCache.set(width, (byEdge = new Map()));
  byEdge.set(edge, label);
  labelsCached++;
  return label;
}

/**
 * Marks a label list that is exactly `binLabel` of its histogram's edges (every histogram made
 * here, and every one decoded from a form that left the labels out), so the binary form rebuilds
 * it rather than carrying it. A property rather than a WeakSet: checked for every reply a worker
 * encodes, and a WeakSet lookup cost 6 % of encoding one. Such a list is not to be changed.
 */
const DERIVED: unique symbol = Symbol('labels derived from the edges');
type Marked = string[] & { [DERIVED]?: true };

export function labelsAreDerived(h: Histogram): boolean {
  return (h.labels as Marked)[DERIVED] === true;
}

/** The labels of `edges` bins of `width`, marked as derived. */
export function deriveLabels(edges: Float64Array, width: number): string[] {
  const labels: Marked = [];
  for (let k = 0; k < edges.length; k++) labels.push(binLabel(edges[k]!, width));
  // Not enumerable: copies and comparisons of statistics see a plain list.
  Object.defineProperty(labels, DERIVED, { value: true });
  return labels;
}

const EMPTY = (): Histogram => ({ binWidth: 0, edges: new Float64Array(0), counts: new Int32Array(0), labels: deriveLabels(new Float64Array(0), 0) });

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
  for (let k = 0; k < bins; k++) edges[k] = start + k * width;
  const labels = deriveLabels(edges, width);
  for (let i = 0; i < n; i++) {
    let k = Math.floor((values[i]! - start) / width);
    if (k >= bins) k = bins - 1;
    if (k < 0) k = 0;
    counts[k] = counts[k]! + 1;
  }
  return { binWidth: width, edges, counts, labels };
}
