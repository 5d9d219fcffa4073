/**
 * From an indicator's own-timeframe series to its value on every primary candle, with no
 * look-ahead: a coarse candle counts from the first primary candle whose close is at or after its
 * close. Signals then fade linearly over L = lookback × (indicator minutes ÷ primary minutes)
 * primary candles: 1 on the candle a trigger becomes visible, 1 − k ÷ L k candles later, 0 from
 * k = L on. Trend values are held (not decayed) until the next coarse candle closes.
 */
import { TIMEFRAME_SECONDS, type Timeframe } from '../time/timeframes';
import type { IndicatorCache } from './cache';
import type { Market } from './market';
import type { UsedIndicator } from './plan';

/** The indicator's series on its own candles (cached by kernel key). */
export function rawSeries(market: Market, cache: IndicatorCache, ind: UsedIndicator): Float64Array {
  return cache.get(market, ind.key, () =>
    ind.def.compute(market.candles(ind.timeframe, ind.kind), ind.config.parameters, cache.computeContext(market, `${ind.timeframe}-${ind.kind}`)),
  );
}

/** Decay length in primary candles. */
export function decayLength(ind: UsedIndicator, primary: Timeframe): number {
  return (ind.lookback * TIMEFRAME_SECONDS[ind.timeframe]) / TIMEFRAME_SECONDS[primary];
}

/**
 * Fading signal on primary candles from 0/1 triggers on coarse candles visible per `vis`. Triggers
 * are sparse, so the column is cleared and each trigger writes its ramp 1 − age ÷ L from the first
 * primary candle that sees it; a later trigger overwrites the rest of an earlier ramp (the latest
 * trigger wins). Each value is the same expression of the same age as a per-candle loop's.
 * `vis` null: the indicator runs on the primary candles themselves (candle j sees trigger j).
 */
export function decaySignal(trigger: Float64Array, vis: Int32Array | null, length: number, out: Float64Array): Float64Array {
  const n = vis ? vis.length : trigger.length;
  const inv = 1 / length;
  out.fill(0, 0, n);
  if (n === 0) return out;
  // Ages 0, 1, … while age < length.
  const span = Math.ceil(length);
  const lastVisible = vis ? vis[n - 1]! : n - 1;
  let j = 0;
  for (let k = 0; k <= lastVisible; k++) {
    const t = trigger[k]!;
    if (t === 0 || t !== t) continue;
    if (!vis) j = k;
    else while (vis[j]! < k) j++;
    const end = Math.min(n, j + span);
    for (let a = j; a < end; a++) out[a] = 1 - (a - j) * inv;
  }
  return out;
}

/**
 * Trend values held on primary candles (0 before the first coarse candle closes, NaN read as 0).
 * `vis` null: the indicator runs on the primary candles themselves.
 */
export function holdTrend(values: Float64Array, vis: Int32Array | null, out: Float64Array): Float64Array {
  if (!vis) {
    for (let j = 0; j < values.length; j++) {
      const v = values[j]!;
      out[j] = v === v ? v : 0;
    }
    return out;
  }
  for (let j = 0; j < vis.length; j++) {
    const k = vis[j]!;
    const v = k >= 0 ? values[k]! : 0;
    out[j] = v === v ? v : 0;
  }
  return out;
}

/** The indicator's pipeline value on every primary candle (cached per lookback). */
export function alignedSeries(market: Market, cache: IndicatorCache, ind: UsedIndicator, primary: Timeframe): Float64Array {
  const L = decayLength(ind, primary);
  const key = ind.role === 'signal' ? `${ind.key}|>${primary}|L${L}` : `${ind.key}|>${primary}|T`;
  return cache.get(market, key, () => {
    const raw = rawSeries(market, cache, ind);
    // On the primary timeframe itself candle j sees value j: no visibility column is needed.
    const vis = ind.timeframe === primary ? null : market.visibility(ind.timeframe, primary);
    // Both write every element, so a recycled column needs no clearing.
    const out = cache.column(vis ? vis.length : raw.length);
    return ind.role === 'signal' ? decaySignal(raw, vis, L, out) : holdTrend(raw, vis, out);
  });
}
