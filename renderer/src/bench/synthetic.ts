import type { Candles } from '../../../shared/domain/candles';
import type { TradeTable } from '../../../shared/stats/types';
import { Prng } from '../../../shared/random/prng';

/** A seeded random walk of 1-minute candles, for the chart bench only. */
export function syntheticCandles(n: number, seed = 1): Candles {
  const rng = new Prng(seed);
  const ts = new Float64Array(n);
  const open = new Float64Array(n);
  const high = new Float64Array(n);
  const low = new Float64Array(n);
  const close = new Float64Array(n);
  const volume = new Float64Array(n);
  let p = 100;
  const t0 = Date.UTC(2020, 0, 2, 14, 30) / 1000;
  for (let i = 0; i < n; i++) {
    ts[i] = t0 + i * 60;
    const o = p;
    p = Math.max(1, p * (1 + (rng.next() - 0.5) * 0.004));
    open[i] = o;
    close[i] = p;
    high[i] = Math.max(o, p) * (1 + rng.next() * 0.001);
    low[i] = Math.min(o, p) * (1 - rng.next() * 0.001);
    volume[i] = 1000 + rng.next() * 1000;
  }
  return { length: n, ts, open, high, low, close, volume };
}

/** `count` non-overlapping trades spread evenly over the candles. */
export function syntheticTrades(c: Candles, count: number): TradeTable {
  const step = Math.floor(c.length / count);
  const mk = <T extends Float64Array | Int32Array | Int16Array | Uint8Array>(C: new (n: number) => T) => new C(count);
  const t: TradeTable = {
    count,
    entryIndex: mk(Int32Array), exitIndex: mk(Int32Array), entryTime: mk(Float64Array), exitTime: mk(Float64Array),
    entryPrice: mk(Float64Array), exitPrice: mk(Float64Array), quantity: mk(Float64Array), exitReason: mk(Uint8Array),
    returnPct: mk(Float64Array), pnlCash: mk(Float64Array), stopLevel: mk(Float64Array), targetLevel: mk(Float64Array),
    entryBar: mk(Int16Array), entryScore: mk(Float64Array), barScoresAtEntry: new Float64Array(0), barScoresAtExit: new Float64Array(0),
    indicatorValuesAtEntry: new Float64Array(0),
  };
  for (let k = 0; k < count; k++) {
    const a = k * step + 1;
    const b = Math.min(c.length - 1, a + Math.max(1, Math.floor(step / 2)));
    t.entryIndex[k] = a;
    t.exitIndex[k] = b;
    t.entryTime[k] = c.ts[a]! + 60;
    t.exitTime[k] = c.ts[b]! + 60;
    t.entryPrice[k] = c.close[a]!;
    t.exitPrice[k] = c.close[b]!;
    t.quantity[k] = 100;
    t.returnPct[k] = ((c.close[b]! - c.close[a]!) / c.close[a]!) * 100;
    t.pnlCash[k] = (c.close[b]! - c.close[a]!) * 100;
    t.stopLevel[k] = c.close[a]! * 0.98;
    t.targetLevel[k] = c.close[a]! * 1.04;
    t.exitReason[k] = 1;
  }
  return t;
}
