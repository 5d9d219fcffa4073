/**
 * Indicator series shared between backtests. Keys are the market, the indicator class, its
 * kernel parameters (not pipeline parameters such as `lookback`), its timeframe and candle kind,
 * so a GA's genomes that differ only in weights, thresholds or lookbacks reuse one computation.
 * Bounded by bytes; the least recently used series go first.
 *
 * The cache is also the evaluation's arena: full-length columns (kernel outputs, intermediate
 * lines, aligned series) are taken from a pool that evicted series refill, so a GA whose float
 * parameters keep missing the cache stops allocating megabytes per evaluation once the cache is
 * full — the garbage collector's threads would otherwise take a third of a second core.
 */
import type { ParamValue } from '../config/types';
import type { ComputeContext, IndicatorDefinition } from '../indicators/types';
import type { Market } from './market';
import { TradeBuffer } from './executor';
import { kernelParams } from '../indicators/params';

export interface IndicatorCacheStats {
  entries: number;
  bytes: number;
  hits: number;
  misses: number;
  /** Columns handed out from the pool instead of allocated, and columns allocated. */
  reused: number;
  allocated: number;
}

export interface IndicatorCache {
  /** The cached value under `key` for `market`, or `make()`'s result, stored. */
  get(market: Market, key: string, make: () => Float64Array): Float64Array;
  /**
   * A column of `length` for a value about to be stored with `get` (contents undefined: the
   * caller writes every element). Recycled from evicted series when possible.
   */
  column(length: number): Float64Array;
  /** The context indicator kernels compute in on one candle series (`scope` names it, e.g. `5m-normal`). */
  computeContext(market: Market, scope: string): ComputeContext;
  /**
   * Starts a pass (one backtest's pipeline): columns evicted during earlier passes become
   * reusable. Evicted columns wait until then because the pass that evicted them may still read them.
   */
  beginPass(): void;
  /** A reusable scratch buffer of at least `length` (contents undefined); valid until the next call with the same slot. */
  scratch(slot: number, length: number): Float64Array;
  /**
   * Where `series` is not 0, as runs [start, end) in pairs (start₀, end₀, start₁, …), ascending,
   * over the whole series. Remembered per cached series (cleared when its column is recycled): a
   * GA reads a signal's runs once per genome that uses it.
   */
  nonzeroRuns(series: Float64Array): Int32Array;
  /** A reusable index buffer of at least `length` (contents undefined); valid until the next call. */
  indexScratch(length: number): Int32Array;
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
  // Spare columns kept for reuse beyond the cache's own bound: a few passes' worth.
  const maxSpareBytes = Math.min(64 * 2 ** 20, Math.max(8 * 2 ** 20, maxBytes / 8));
  // A Map iterates in insertion order; re-inserting on use makes the first entry the least recent.
  const entries = new Map<string, Float64Array>();
  // Columns this cache handed out: only those are recycled (a caller's own array never is).
  let owned = new WeakSet<Float64Array>();
  // Evicted columns wait in `retired` for the next pass, then sit in `spare` by length.
  let retired: Float64Array[] = [];
  const spare = new Map<number, Float64Array[]>();
  let spareBytes = 0;
  const scratch: Float64Array[] = [];
  let indices = new Int32Array(0);
  let runsOf = new WeakMap<Float64Array, Int32Array>();
  let trades: TradeBuffer | undefined;
  let bytes = 0;
  let hits = 0;
  let misses = 0;
  let reused = 0;
  let allocated = 0;

  const column = (length: number): Float64Array => {
    const free = spare.get(length);
    const c = free?.pop();
    if (c) {
      spareBytes -= c.byteLength;
      runsOf.delete(c);
      reused++;
      return c;
    }
    allocated++;
    const fresh = new Float64Array(length);
    owned.add(fresh);
    return fresh;
  };

  // Kernels may leave elements untouched (a warm-up reads 0), as in a new array. A new array is
  // zero already: clearing it again would touch every page twice on a cold backtest.
  const zeroed = (length: number): Float64Array => (spare.get(length)?.length ? column(length).fill(0) : column(length));

  const cache: IndicatorCache = {
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
        if (owned.has(old)) retired.push(old);
      }
      return v;
    },
    column,
    computeContext(market, scope) {
      return {
        column: zeroed,
        memo(key, make) {
          return cache.get(market, `${scope}|memo|${key}`, () => make(zeroed));
        },
      };
    },
    beginPass() {
      if (retired.length === 0) return;
      for (const c of retired) {
        if (spareBytes + c.byteLength > maxSpareBytes) continue;
        let list = spare.get(c.length);
        if (!list) spare.set(c.length, (list = []));
        list.push(c);
        spareBytes += c.byteLength;
      }
      retired = [];
    },
    scratch(slot, length) {
      let b = scratch[slot];
      if (!b || b.length < length) {
        b = new Float64Array(length);
        scratch[slot] = b;
      }
      return b;
    },
    nonzeroRuns(series) {
      let runs = runsOf.get(series);
      if (!runs) {
        runs = findNonzeroRuns(series);
        runsOf.set(series, runs);
      }
      return runs;
    },
    indexScratch(length) {
      if (indices.length < length) indices = new Int32Array(Math.max(length, indices.length * 2));
      return indices;
    },
    tradeBuffer() {
      trades ??= new TradeBuffer(1024);
      trades.count = 0;
      return trades;
    },
    stats: () => ({ entries: entries.size, bytes, hits, misses, reused, allocated }),
    clear() {
      entries.clear();
      owned = new WeakSet();
      retired = [];
      spare.clear();
      spareBytes = 0;
      scratch.length = 0;
      indices = new Int32Array(0);
      runsOf = new WeakMap();
      trades = undefined;
      bytes = 0;
    },
  };
  return cache;
}

/** `IndicatorCache.nonzeroRuns` computed (NaN counts as not 0). */
export function findNonzeroRuns(series: Float64Array): Int32Array {
  const n = series.length;
  let runs = new Int32Array(64);
  let r = 0;
  for (let j = 0; j < n; ) {
    while (j < n && series[j] === 0) j++;
    if (j === n) break;
    if (r === runs.length) {
      const grown = new Int32Array(2 * runs.length);
      grown.set(runs);
      runs = grown;
    }
    runs[r++] = j;
    while (j < n && series[j] !== 0) j++;
    runs[r++] = j;
  }
  return runs.slice(0, r);
}

/** The part of an indicator's identity that determines its computed series. */
export function kernelKey(def: IndicatorDefinition, params: Readonly<Record<string, ParamValue>>, agg: string): string {
  return `${def.className}|${agg}|${JSON.stringify(kernelParams(def, params))}`;
}
