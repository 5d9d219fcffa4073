import { allocateCandles, type Candles } from '../domain/candles';
import { Prng } from '../random/prng';

/**
 * Seeded random-walk candles (1-minute spacing) for benches and property tests: log-normal
 * closes, each open at the previous close plus a small gap, shadows of random length. With
 * `tick` > 0 prices are rounded to that grid, which makes ties (flat candles, equal highs) common.
 */
export function randomWalkCandles(n: number, seed: number, opts: { start?: number; volatility?: number; tick?: number } = {}): Candles {
  const rng = new Prng(seed);
  const c = allocateCandles(n);
  const vol = opts.volatility ?? 0.002;
  const tick = opts.tick ?? 0;
  const round = (x: number) => (tick > 0 ? Math.max(tick, Math.round(x / tick) * tick) : x);
  let prev = opts.start ?? 100;
  const t0 = 1_700_000_040; // a whole minute
  for (let i = 0; i < n; i++) {
    const open = round(prev * (1 + vol * 0.1 * rng.normal()));
    const close = round(open * Math.exp(vol * rng.normal()));
    const high = round(Math.max(open, close) * (1 + vol * 0.5 * Math.abs(rng.normal())));
    const low = round(Math.min(open, close) * (1 - vol * 0.5 * Math.abs(rng.normal())));
    c.ts[i] = t0 + 60 * i;
    c.open[i] = open;
    c.high[i] = Math.max(high, open, close);
    c.low[i] = Math.min(low, open, close);
    c.close[i] = close;
    c.volume[i] = 100 + Math.floor(rng.next() * 1000);
    prev = close;
  }
  return c;
}
