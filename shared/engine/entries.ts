/**
 * Where an entry is possible at all, found from where the entry bars' signals are not 0 — so the
 * executor's flat scan and the entry bars' scores need only those candles. An optimized strategy
 * is flat most of the time and its entry thresholds are high: in the bench's 30th generation an
 * entry is possible on 0.1 % of the candles (15 % in the random first one), against every candle
 * scanned and scored before.
 *
 * Why it is exact. A signal's aligned value is a fading trigger in [0, 1] (signals.ts); a bar's
 * score is Σ value × weight in signal order, then times a trend gate in [0, 1] (scores.ts). With
 * the signals not 0 at a candle known, the score is at most the same sum with each of them at 1
 * (and the others, and negative weights, at 0): floating-point products and sums are monotone in
 * their operands, and the gate only lowers a score ≥ 0. Where that bound is below every entry
 * threshold (all > 0), no entry happens, whatever the values. Candles where it is not are the
 * candidates; they are scanned exactly as before, so every trade is the same.
 */
import type { IndicatorCache } from './cache';
import type { CompiledStrategy } from './plan';

/** Entry bars' signals taken into account at most; beyond, every candle is a candidate. */
const MAX_SIGNALS = 12;
/** Moving on to the next candidate span costs about as much as scanning this many candles. */
const SPAN_COST = 16;

/**
 * Candidate spans [start, end) in pairs, ascending and disjoint, and their count: every span
 * starts before `to` and ends after `from` (the first and last may reach beyond the window). In
 * the cache's index scratch (valid until its next use) or a view of a signal's runs. `null` when
 * no bound applies (an entry threshold ≤ 0, an entry bar reading a trend series as a signal, or
 * too many signals).
 */
export function entryCandidates(
  plan: CompiledStrategy,
  aligned: readonly Float64Array[],
  cache: IndicatorCache,
  from: number,
  to: number,
): { spans: Int32Array; count: number } | null {
  // The distinct signals (aligned indices) with a positive weight in some entry bar; bit i of a mask is signals[i].
  const signals: number[] = [];
  for (let r = 0; r < plan.enterBar.length; r++) {
    if (!(plan.enterThreshold[r]! > 0)) return null;
    const bar = plan.bars[plan.enterBar[r]!]!;
    for (let s = 0; s < bar.signal.length; s++) {
      const idx = bar.signal[s]!;
      if (plan.indicators[idx]!.role !== 'signal') return null;
      if (bar.signalWeight[s]! > 0 && !signals.includes(idx)) signals.push(idx);
    }
  }
  const k = signals.length;
  if (k > MAX_SIGNALS) return null;

  // possible[mask]: some entry rule's bound reaches its threshold with exactly those signals not 0.
  const bits = Array.from(plan.enterBar, (b) => Array.from(plan.bars[b]!.signal, (idx) => 1 << signals.indexOf(idx)));
  const possible = new Uint8Array(1 << k);
  for (let mask = 1; mask < 1 << k; mask++) {
    for (let r = 0; r < plan.enterBar.length && !possible[mask]; r++) {
      const w = plan.bars[plan.enterBar[r]!]!.signalWeight;
      const bit = bits[r]!;
      let bound = 0;
      for (let s = 0; s < w.length; s++) {
        const term = w[s]! > 0 && (mask & bit[s]!) !== 0 ? w[s]! : 0;
        bound = s === 0 ? term : bound + term;
      }
      if (bound >= plan.enterThreshold[r]!) possible[mask] = 1;
    }
  }

  if (!possible.includes(1)) return { spans: new Int32Array(0), count: 0 };

  // A sweep over the signals' runs: between two run boundaries the set of signals not 0 is fixed.
  // When every possible set holds some signal, only that signal's runs are swept (the one with the
  // fewest): an optimized strategy usually needs two signals at once, and one of them is rare.
  const runs = signals.map((idx) => cache.nonzeroRuns(aligned[idx]!));
  const at = runs.map((r) => firstRunEndingAfter(r, from));
  if (k === 1 && possible[1]) {
    // One signal: its runs are the spans.
    const r = runs[0]!;
    let end = at[0]!;
    while (2 * end < r.length && r[2 * end]! < to) end++;
    return { spans: r.subarray(2 * at[0]!), count: end - at[0]! };
  }
  let required = (1 << k) - 1;
  for (let mask = 1; mask < 1 << k; mask++) if (possible[mask]) required &= mask;
  let driver = -1;
  for (let i = 0; i < k; i++) {
    if ((required & (1 << i)) !== 0 && (driver < 0 || runs[i]!.length < runs[driver]!.length)) driver = i;
  }
  let total = 2;
  for (let i = 0; i < k; i++) total += runs[i]!.length - 2 * at[i]!;
  // Each span ends at a boundary (or at `to`): at most total ÷ 2 + 1 of them.
  const spans = cache.indexScratch(total + 2);
  let count = 0;
  let lo = from;
  let hi = to;
  for (let d = driver < 0 ? 0 : at[driver]!; ; d++) {
    if (driver >= 0) {
      const rd = runs[driver]!;
      if (2 * d >= rd.length || rd[2 * d]! >= to) break;
      lo = Math.max(rd[2 * d]!, from);
      hi = Math.min(rd[2 * d + 1]!, to);
    }
    let pos = lo;
    while (pos < hi) {
      let mask = 0;
      let next = hi;
      for (let i = 0; i < k; i++) {
        const r = runs[i]!;
        let c = at[i]!;
        while (2 * c < r.length && r[2 * c + 1]! <= pos) c++;
        at[i] = c;
        if (2 * c === r.length) continue;
        const start = r[2 * c]!;
        if (start <= pos) {
          mask |= 1 << i;
          const end = r[2 * c + 1]!;
          if (end < next) next = end;
        } else if (start < next) next = start;
      }
      if (possible[mask]) {
        if (count > 0 && spans[2 * count - 1] === pos) spans[2 * count - 1] = next;
        else {
          spans[2 * count] = pos;
          spans[2 * count + 1] = next;
          count++;
        }
      }
      pos = next;
    }
    if (driver < 0) break;
  }
  return { spans, count };
}

/**
 * False when the candidates cover so much of [from, to), in so many pieces, that stepping from
 * span to span would cost more than scanning every candle (a signal that fires every few candles).
 */
export function fewerThanEveryCandle(c: { spans: Int32Array; count: number }, from: number, to: number): boolean {
  const budget = to - from;
  let cost = 0;
  for (let k = 0; k < c.count && cost < budget; k++) cost += Math.min(c.spans[2 * k + 1]!, to) - Math.max(c.spans[2 * k]!, from) + SPAN_COST;
  return cost < budget;
}

/** The first run (index into pairs) whose end is after `pos`. */
function firstRunEndingAfter(runs: Int32Array, pos: number): number {
  let lo = 0;
  let hi = runs.length >> 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (runs[2 * mid + 1]! <= pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
