import { atr } from './atr';
import { column } from './util';

export interface SuperTrendColumns {
  /** The trailing band in force: the lower band in an up-trend, the upper one in a down-trend. */
  line: Float64Array;
  /** +1 up-trend, −1 down-trend, NaN during warm-up. */
  direction: Float64Array;
}

/**
 * SuperTrend: basic bands hl2 ± multiplier × ATR(period) (ATR as in `atr`, first at index
 * `period`). The final lower band only rises (it takes the basic band when that is higher, or
 * when the previous close fell below the previous final band), the upper band only falls
 * likewise. An up-trend turns down when the close falls below the final lower band, a down-trend
 * turns up when the close rises above the final upper band (both strict). The first defined candle
 * starts in an up-trend (as pandas-ta and the classic script do) unless its close is already below
 * the lower band. `atrLine` (ATR(period) of the same candles) saves computing it.
 */
export function supertrend(
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  period: number,
  multiplier: number,
  out?: Partial<SuperTrendColumns>,
  atrLine?: Float64Array,
): SuperTrendColumns {
  const n = close.length;
  // Without a given ATR it goes through the line column and is overwritten in place (line[i] reads atr[i] first).
  const line = atrLine ? column(n, out?.line) : atr(high, low, close, period, column(n, out?.line));
  const atrAt = atrLine ?? line;
  const direction = column(n, out?.direction);
  direction.fill(NaN, 0, Math.min(n, period));
  let upper = 0;
  let lower = 0;
  let dir = 0;
  for (let i = period; i < n; i++) {
    const mid = (high[i]! + low[i]!) / 2;
    const band = multiplier * atrAt[i]!;
    const basicUpper = mid + band;
    const basicLower = mid - band;
    const c = close[i]!;
    if (dir === 0) {
      upper = basicUpper;
      lower = basicLower;
      dir = c < lower ? -1 : 1;
    } else {
      const pc = close[i - 1]!;
      upper = basicUpper < upper || pc > upper ? basicUpper : upper;
      lower = basicLower > lower || pc < lower ? basicLower : lower;
      if (dir > 0 && c < lower) dir = -1;
      else if (dir < 0 && c > upper) dir = 1;
    }
    direction[i] = dir;
    line[i] = dir > 0 ? lower : upper;
  }
  return { line, direction };
}
