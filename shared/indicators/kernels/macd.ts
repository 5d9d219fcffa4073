import { ema } from './ema';
import { column } from './util';

export interface MacdColumns {
  macd: Float64Array;
  signal: Float64Array;
  histogram: Float64Array;
}

/**
 * MACD line = EMA(fast) − EMA(slow), each EMA seeded from the first candle on (as
 * `technicalindicators` does; TA-Lib instead starts the fast EMA later so both begin together);
 * signal = EMA(signal) of the MACD line from its first value; histogram = MACD − signal.
 * NaN until each is defined: the line from max(fast, slow) − 1, signal and histogram from
 * max(fast, slow) + signal − 2. `fast` need not be below `slow`.
 */
export function macd(
  close: Float64Array,
  fast: number,
  slow: number,
  signal: number,
  out?: Partial<MacdColumns>,
): MacdColumns {
  const n = close.length;
  const line = ema(close, fast, column(n, out?.macd));
  // The slow EMA goes through the histogram column, which is overwritten last.
  const hist = ema(close, slow, column(n, out?.histogram));
  for (let i = 0; i < n; i++) line[i] = line[i]! - hist[i]!;
  const sig = ema(line, signal, column(n, out?.signal));
  for (let i = 0; i < n; i++) hist[i] = line[i]! - sig[i]!;
  return { macd: line, signal: sig, histogram: hist };
}
