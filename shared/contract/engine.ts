import { z } from 'zod';
import type { GaHyperparameters, StrategyConfig, TradeExecutorConfig } from '../config/types';
import type { InspectedSeries } from '../engine/inspect';
import type { ParamSpec } from '../indicators/types';
import type { IndividualStats } from '../stats/types';
import { symbolSchema } from './data';
import { procedure } from './define';

/**
 * The strategy engine: what the config editor, the backtest page and the replay view call.
 * Configs travel as the user's JSON (unknown) and are validated by the engine, so every problem
 * comes back with its JSON path. Times are UTC epoch seconds.
 */

const epochSeconds = z.number().finite();

const marketRequest = z
  .object({
    /** A monitor config in the original JSON format (validated by the engine). */
    config: z.unknown(),
    symbol: symbolSchema,
    /** Statistics cover candles opening in [from, to); indicators still read all earlier history. */
    from: epochSeconds.optional(),
    to: epochSeconds.optional(),
    regularHoursOnly: z.boolean().optional(),
  })
  .strict();

const issue = z.object({ path: z.string(), message: z.string(), line: z.number().optional() });

export const engineProcedures = {
  engineCatalog: procedure(
    'Indicator classes and objectives with their parameter specs, timeframes and defaults — what config forms are built from.',
    z.object({}).strict(),
    z.object({
      indicators: z.array(
        z.object({
          className: z.string(),
          kind: z.enum(['signal', 'trend']),
          description: z.string(),
          layout: z.enum(['overlay', 'stacked']),
          params: z.array(z.custom<ParamSpec>()),
        }),
      ),
      objectives: z.array(
        z.object({ name: z.string(), description: z.string(), formula: z.string(), params: z.array(z.custom<ParamSpec>()) }),
      ),
      timeframes: z.array(z.string()),
      candleKinds: z.array(z.string()),
      executorDefaults: z.custom<TradeExecutorConfig>(),
      gaDefaults: z.custom<GaHyperparameters>(),
      penalty: z.number(),
    }),
  ),
  engineValidateConfig: procedure(
    'Validates a monitor or optimizer config (parsed JSON, or file text for line numbers); returns it normalised, or every problem with its path.',
    z
      .object({
        config: z.unknown().optional(),
        /** The file's text instead of `config`: syntax errors and issues then carry line numbers. */
        text: z.string().max(5_000_000).optional(),
        source: z.string().max(500).optional(),
        purpose: z.enum(['backtest', 'optimize']).optional(),
      })
      .strict(),
    z.union([
      z.object({ ok: z.literal(true), config: z.custom<StrategyConfig>() }),
      z.object({ ok: z.literal(false), message: z.string(), issues: z.array(issue) }),
    ]),
  ),
  engineBacktest: procedure(
    'Backtests a monitor config on a stored symbol; complete statistics (trades, equity, histograms, metrics).',
    marketRequest,
    z.object({
      symbol: z.string(),
      timeframe: z.string(),
      storedTimeframe: z.string(),
      bars: z.number(),
      timings: z.object({ load_ms: z.number(), compute_ms: z.number() }),
      stats: z.custom<IndividualStats>(),
    }),
  ),
  engineInspect: procedure(
    'Per-candle series of one backtest for the replay view: indicator values and lines, bar scores and thresholds.',
    marketRequest,
    z.custom<InspectedSeries & { symbol: string }>(),
  ),
} as const;
