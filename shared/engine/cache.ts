/**
 * Indicator series shared between backtests. Keys are the market, the indicator class, its
 * kernel parameters (not pipeline parameters such as `lookback`), its timeframe and candle kind,
 * so a GA's genomes that differ only in weights, thresholds or lookbacks reuse one computation.
 * Bounded by bytes; the least recently used series go first.
 */
import type { ParamValue } from '../config/types';
import type { IndicatorDefinition } from '../indicators/types';
import type { Market } from './market';
import { TradeBuffer } from './executor';
import { kernelParams } from '../indicators/params';

export interface IndicatorCacheStats {
  entries: number;
  bytes: number;
  hits: number;
  misses: number;
}

export interface IndicatorCache {
  /** The cached value under `key` for `market`, or `make()`'s result, stored. */
  get(market: Market, key: string, make: () => Float64Array): Float64Array;
  /** A reusable scratch buffer of at least `length` (contents undefined); valid until the next call with the same slot. */
  scratch(slot: number, length: number): Float64Array;
  /** A reusable, emptied trade buffer (it keeps the capacity earlier backtests grew it to). */
  tradeBuffer(): TradeBuffer;
  stats(): IndicatorCacheStats;
  clear(): void;
}

export interface IndicatorCacheOptions {
  /** Upper bound of cached bytes (default 512 MiB). */
  maxBytes?: number;
}

let nextMarketId = 1;
const marketIds = new WeakMap<Market, number>();
function marketId(m: Market): number {
  let id = marketIds.get(m);
  if (id === undefined) {
    id = nextMarketId++;
    marketIds.set(m, id);
  }
  return id;
}

export function createIndicatorCache(opts: IndicatorCacheOptions = {}): IndicatorCache {
  const maxBytes = opts.maxBytes ?? 512 * 2 ** 20;
  // A Map iterates in insertion order; re-inserting on use makes the first entry the least recent.
  const entries = new Map<string, Float64Array>();
  const scratch: Float64Array[] = [];
  let trades: TradeBuffer | undefined;
  let bytes = 0;
  let hits = 0;
  let misses = 0;
  return {
    get(market, key, make) {
      const k = `${marketId(market)}|${key}`;
      const hit = entries.get(k);
      if (hit) {
        hits++;
        entries.delete(k);
        entries.set(k, hit);
        return hit;
      }
      misses++;
      const v = make();
      entries.set(k, v);
      bytes += v.byteLength;
      for (const [oldKey, old] of entries) {
        if (bytes <= maxBytes || oldKey === k) break;
        entries.delete(oldKey);
        bytes -= old.byteLength;
      }
      return v;
    },
    scratch(slot, length) {
      let b = scratch[slot];
      if (!b || b.length < length) {
        b = new Float64Array(length);
        scratch[slot] = b;
      }
      return b;
    },
    tradeBuffer() {
      trades ??= new TradeBuffer(1024);
      trades.count = 0;
      return trades;
    },
    stats: () => ({ entries: entries.size, bytes, hits, misses }),
    clear() {
      entries.clear();
      scratch.length = 0;
      trades = undefined;
      bytes = 0;
    },
  };
}

/** The part of an indicator's identity that determines its computed series. */
export function kernelKey(def: IndicatorDefinition, params: Readonly<Record<string, ParamValue>>, agg: string): string {
  return `${def.className}|${agg}|${JSON.stringify(kernelParams(def, params))}`;
}
