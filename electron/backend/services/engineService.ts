/**
 * The engine behind the CLI and the contract: loads a symbol's candles for a config from the
 * store, backtests, and inspects. Markets and indicator series are kept for the next call, so a
 * user re-running a backtest with other weights or thresholds pays only for the executor.
 */
import type { StrategyConfig } from '../../../shared/config/types';
import { primaryTimeframe } from '../../../shared/config/aggConfig';
import { validateStrategyConfig } from '../../../shared/config/validate';
import { MlfError } from '../../../shared/contract/errors';
import { backtest, windowForTimes, type BacktestWindow } from '../../../shared/engine/backtest';
import { createIndicatorCache, type IndicatorCache } from '../../../shared/engine/cache';
import { inspectSeries } from '../../../shared/engine/inspect';
import { createMarket, type Market } from '../../../shared/engine/market';
import type { IndividualStats } from '../../../shared/stats/types';
import type { Timeframe } from '../../../shared/time/timeframes';
import type { CandleStore } from '../store/candleStore';
import type { Handlers } from '../router';
import type { engineProcedures } from '../../../shared/contract/engine';
import { INDICATORS } from '../../../shared/indicators/registry';
import { OBJECTIVES, PENALTY } from '../../../shared/objectives/registry';
import { EXECUTOR_DEFAULTS, GA_DEFAULTS } from '../../../shared/config/defaults';
import { parseConfigFile } from '../../../shared/config/parse';
import { TIMEFRAMES } from '../../../shared/time/timeframes';

type EngineProcedureName = keyof typeof engineProcedures;

export interface MarketRequest {
  symbol: string;
  /** UTC epoch seconds: statistics cover candles opening in [from, to); indicators read all history before. */
  from?: number;
  to?: number;
  regularHoursOnly?: boolean;
}

export interface LoadedMarket {
  market: Market;
  /** The config's primary timeframe (its finest agg_config), the market's candle timeframe. */
  timeframe: Timeframe;
  /** The stored timeframe the candles were built from. */
  storedTimeframe: Timeframe;
  window: BacktestWindow;
  loadMs: number;
}

/**
 * The candles a config needs: the symbol at the config's primary timeframe (aggregated from the
 * finest stored dataset that can serve it), from the start of the data up to `to`, so indicators
 * warm up on all earlier history.
 */
export function loadMarket(store: CandleStore, config: StrategyConfig, req: MarketRequest): LoadedMarket {
  const t0 = performance.now();
  const timeframe = primaryTimeframe(config.indicators);
  const series = store.loadCandles(req.symbol, {
    timeframe,
    ...(req.to !== undefined ? { to: req.to } : {}),
    ...(req.regularHoursOnly ? { regularHoursOnly: true } : {}),
  });
  if (series.candles.length === 0) {
    throw new MlfError('NOT_FOUND', `${series.symbol} has no ${timeframe} candles${req.to !== undefined ? ' before the end of the range' : ''}`);
  }
  const market = createMarket({ symbol: series.symbol, timeframe, kind: 'normal', candles: series.candles });
  const window = windowForTimes(market, config, req.from, req.to);
  if (window.to <= window.from) {
    throw new MlfError('NOT_FOUND', `${series.symbol} has no ${timeframe} candles in the requested range`);
  }
  return { market, timeframe, storedTimeframe: series.baseTimeframe, window, loadMs: performance.now() - t0 };
}

export interface BacktestResult {
  symbol: string;
  timeframe: Timeframe;
  storedTimeframe: Timeframe;
  bars: number;
  timings: { load_ms: number; compute_ms: number };
  stats: IndividualStats;
}

export function runBacktest(store: CandleStore, config: StrategyConfig, req: MarketRequest, cache?: IndicatorCache): BacktestResult {
  return timedBacktest(config, loadMarket(store, config, req), cache);
}

/** Backtests on a loaded market and reports the load and compute times. */
function timedBacktest(config: StrategyConfig, loaded: LoadedMarket, cache?: IndicatorCache): BacktestResult {
  const t0 = performance.now();
  const stats = backtest(config, loaded.market, { window: loaded.window, ...(cache ? { cache } : {}) });
  return {
    symbol: loaded.market.symbol,
    timeframe: loaded.timeframe,
    storedTimeframe: loaded.storedTimeframe,
    bars: stats.metrics.bars,
    timings: { load_ms: loaded.loadMs, compute_ms: performance.now() - t0 },
    stats,
  };
}

/**
 * A long-lived engine for the backend: the store opened on first use, the last few markets and
 * one indicator cache kept between calls.
 */
export class EngineService {
  private readonly markets = new Map<string, LoadedMarket>();
  private readonly cache = createIndicatorCache({ maxBytes: 256 * 2 ** 20 });

  constructor(private readonly store: () => CandleStore) {}

  private market(config: StrategyConfig, req: MarketRequest): LoadedMarket {
    const store = this.store();
    const tf = primaryTimeframe(config.indicators);
    const info = store.listDatasets().filter((d) => d.symbol === req.symbol.toUpperCase());
    // Keyed by what the candles depend on, including when each dataset was last written.
    const key = JSON.stringify([req.symbol.toUpperCase(), tf, req.to ?? null, !!req.regularHoursOnly, info.map((d) => [d.timeframe, d.importedAt, d.rows])]);
    let hit = this.markets.get(key);
    if (hit) {
      this.markets.delete(key);
      hit = { ...hit, window: windowForTimes(hit.market, config, req.from, req.to), loadMs: 0 };
    } else {
      hit = loadMarket(store, config, req);
      while (this.markets.size >= 3) this.markets.delete(this.markets.keys().next().value!);
    }
    this.markets.set(key, hit);
    return hit;
  }

  backtest(configJson: unknown, req: MarketRequest): BacktestResult {
    const config = validateStrategyConfig(configJson);
    return timedBacktest(config, this.market(config, req), this.cache);
  }

  inspect(configJson: unknown, req: MarketRequest) {
    const config = validateStrategyConfig(configJson);
    const loaded = this.market(config, req);
    return { symbol: loaded.market.symbol, ...inspectSeries(config, loaded.market, { window: loaded.window, cache: this.cache }) };
  }
}

/** The contract's engine procedures bound to a service. */
export function engineHandlers(service: () => EngineService): Pick<Handlers, EngineProcedureName> {
  return {
    engineCatalog: () => ({
      indicators: Object.values(INDICATORS).map((d) => ({
        className: d.className,
        kind: d.kind,
        description: d.description,
        layout: d.layout,
        params: [...d.params],
      })),
      objectives: Object.values(OBJECTIVES).map((o) => ({ name: o.name, description: o.description, formula: o.formula, params: [...o.params] })),
      timeframes: [...TIMEFRAMES],
      candleKinds: ['normal', 'heiken'],
      executorDefaults: { ...EXECUTOR_DEFAULTS },
      gaDefaults: { ...GA_DEFAULTS },
      penalty: PENALTY,
    }),
    engineValidateConfig: (input) => {
      try {
        const opts = { ...(input.purpose ? { purpose: input.purpose } : {}) };
        const config =
          input.text !== undefined
            ? parseConfigFile(input.text, input.source ?? 'config', opts)
            : validateStrategyConfig(input.config, { ...opts, ...(input.source ? { source: input.source } : {}) });
        return { ok: true as const, config };
      } catch (err) {
        if (err instanceof MlfError && err.code === 'BAD_INPUT') return { ok: false as const, message: err.message, issues: err.issues };
        throw err;
      }
    },
    engineBacktest: (input) => service().backtest(input.config, request(input)),
    engineInspect: (input) => service().inspect(input.config, request(input)),
  };
}

function request(input: { symbol: string; from?: number | undefined; to?: number | undefined; regularHoursOnly?: boolean | undefined }): MarketRequest {
  return {
    symbol: input.symbol,
    ...(input.from !== undefined ? { from: input.from } : {}),
    ...(input.to !== undefined ? { to: input.to } : {}),
    ...(input.regularHoursOnly ? { regularHoursOnly: true } : {}),
  };
}
