/**
 * Bar scores per primary candle: Σ value × weight ÷ Σ weight (weights pre-normalised), times the
 * trend gate. Gate: each trend value (negated for bear bars) becomes soft = clamp to [0, 1] or
 * hard = 1 if > 0 else 0; AND takes the minimum, OR the maximum, AVG the weighted mean; below
 * `trend_threshold` the gate is 0. A bar without trend indicators has gate 1.
 */
import { LOGIC_AND, LOGIC_AVG, LOGIC_OR, type CompiledBar } from './plan';

/** The one span [from, to) of `barScores`, reused (the engine is synchronous). */
const ONE_SPAN = new Int32Array(2);

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
  ONE_SPAN[0] = from;
  ONE_SPAN[1] = to;
  return barScoresOn(bar, aligned, ONE_SPAN, 1, out);
}

/** A bar whose scores are one aligned series as it is (one signal of weight 1, no trend gate). */
function passthroughSeries(bar: CompiledBar, aligned: readonly Float64Array[]): Float64Array | null {
  return bar.signal.length === 1 && bar.trend.length === 0 && bar.signalWeight[0] === 1 ? aligned[bar.signal[0]!]! : null;
}

/**
 * `barScores` on `count` spans [spans[2k], spans[2k + 1]) only; `out` elsewhere is left as it was.
 * Every score is the same expression of the same values whichever spans it is written in.
 */
export function barScoresOn(
  bar: CompiledBar,
  aligned: readonly Float64Array[],
  spans: Int32Array,
  count: number,
  out: Float64Array,
): Float64Array {
  const same = passthroughSeries(bar, aligned);
  if (same) return same;
  const sig = bar.signal;
  const w = bar.signalWeight;
  // Σ in signal order, left to right; the common counts in one pass each (same operations, same order).
  const ns = sig.length;
  for (let k = 0; k < count; k++) {
    const from = spans[2 * k]!;
    const to = spans[2 * k + 1]!;
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
  for (let k = 0; k < count; k++) {
    const from = spans[2 * k]!;
    const to = spans[2 * k + 1]!;
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
  }
  return out;
}
