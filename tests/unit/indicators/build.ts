import { allocateCandles, type Candles } from '../../../shared/domain/candles';

/** [open, high, low, close] */
export type Ohlc = readonly [number, number, number, number];

export function candles(rows: readonly Ohlc[]): Candles {
  const c = allocateCandles(rows.length);
  rows.forEach(([o, h, l, cl], i) => {
    c.ts[i] = 1_700_000_040 + 60 * i;
    c.open[i] = o;
    c.high[i] = h;
    c.low[i] = l;
    c.close[i] = cl;
    c.volume[i] = 1;
  });
  return c;
}

/** Candles with only a close (open = close, high = close + 0.5, low = close − 0.5). */
export function fromCloses(closes: readonly number[]): Candles {
  return candles(closes.map((x) => [x, x + 0.5, x - 0.5, x] as const));
}

export const col = (xs: readonly number[]) => Float64Array.from(xs);
export const list = (a: Float64Array) => Array.from(a);
