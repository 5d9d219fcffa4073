/**
 * Bar scores per primary candle: Σ value × weight ÷ Σ weight (weights pre-normalised), times the
 * trend gate. Gate: each trend value (negated for bear bars) becomes soft = clamp to [0, 1] or
 * hard = 1 if > 0 else 0; AND takes the minimum, OR the maximum, AVG the weighted mean; below
 * `trend_threshold` the gate is 0. A bar without trend indicators has gate 1.
 */
import { LOGIC_AND, LOGIC_AVG, LOGIC_OR, type CompiledBar } from './plan';

/**
 * Writes bar `bar`'s scores for candles [from, to) into `out` (indexed by primary candle) and
 * returns it — or returns the one aligned series itself when the bar is that series unchanged
 * (one signal, no trend gate), which saves a copy in the GA's inner loop.
 */
export function barScores(
  bar: CompiledBar,
  aligned: readonly Float64Array[],
  from: number,
  to: number,
  out: Float64Array,
): Float64Array {
  const sig = bar.signal;
  const w = bar.signalWeight;
  if (sig.length === 1 && bar.trend.length === 0 && w[0] === 1) return aligned[sig[0]!]!;
  // Σ in signal order, left to right; the common counts in one pass each (same operations, same order).
  const ns = sig.length;
  if (ns === 0) out.fill(0, from, to);
  else if (ns === 1) {
    const v0 = aligned[sig[0]!]!;
    const w0 = w[0]!;
    for (let j = from; j < to; j++) out[j] = v0[j]! * w0;
  } else if (ns === 2) {
    const v0 = aligned[sig[0]!]!;
    const v1 = aligned[sig[1]!]!;
    const w0 = w[0]!;
    const w1 = w[1]!;
    for (let j = from; j < to; j++) out[j] = v0[j]! * w0 + v1[j]! * w1;
  } else if (ns === 3) {
    const v0 = aligned[sig[0]!]!;
    const v1 = aligned[sig[1]!]!;
    const v2 = aligned[sig[2]!]!;
    const w0 = w[0]!;
    const w1 = w[1]!;
    const w2 = w[2]!;
    for (let j = from; j < to; j++) out[j] = v0[j]! * w0 + v1[j]! * w1 + v2[j]! * w2;
  } else {
    const v0 = aligned[sig[0]!]!;
    const w0 = w[0]!;
    for (let j = from; j < to; j++) out[j] = v0[j]! * w0;
    for (let s = 1; s < ns; s++) {
      const v = aligned[sig[s]!]!;
      const ws = w[s]!;
      for (let j = from; j < to; j++) out[j] = out[j]! + v[j]! * ws;
    }
  }
  const nt = bar.trend.length;
  if (nt === 0) return out;
  const sign = bar.bear ? -1 : 1;
  const thr = bar.trendThreshold;
  const logic = bar.logic;
  const tv: Float64Array[] = [];
  for (let t = 0; t < nt; t++) tv.push(aligned[bar.trend[t]!]!);
  const hard = bar.trendHard;
  const tw = bar.trendWeight;
  for (let j = from; j < to; j++) {
    let g = logic === LOGIC_AND ? Infinity : logic === LOGIC_OR ? -Infinity : 0;
    for (let t = 0; t < nt; t++) {
      const x = tv[t]![j]! * sign;
      const gt = hard[t] ? (x > 0 ? 1 : 0) : x < 0 ? 0 : x > 1 ? 1 : x;
      if (logic === LOGIC_AND) g = gt < g ? gt : g;
      else if (logic === LOGIC_OR) g = gt > g ? gt : g;
      else g += gt * tw[t]!;
    }
    if (logic === LOGIC_AVG && g > 1) g = 1;
    out[j] = g < thr ? 0 : out[j]! * g;
  }
  return out;
}
