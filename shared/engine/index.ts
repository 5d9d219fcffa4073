/** The engine's public surface (docs/ENGINE.md). */
export { createMarket, type Market, type PrimaryCalendar } from './market';
export { createIndicatorCache, type IndicatorCache, type IndicatorCacheOptions, type IndicatorCacheStats } from './cache';
export { backtest, runCompiled, windowForTimes, type BacktestOptions, type BacktestWindow } from './backtest';
export { compileStrategy, type CompiledStrategy } from './plan';
export { inspectSeries, type InspectedSeries, type InspectedIndicator, type InspectedBar } from './inspect';
