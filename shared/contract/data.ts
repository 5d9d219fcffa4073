import { z } from 'zod';
import { TIMEFRAMES } from '../time/timeframes';
import { eventStream, procedure } from './define';

export const timeframeSchema = z.enum(TIMEFRAMES);

/** Ticker-like names: letters, digits and . _ - / ^ = : (stored upper-case). */
export const symbolSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9._\-/^=:]{1,32}$/, 'a symbol is 1–32 letters, digits or . _ - / ^ = :')
  .transform((s) => s.toUpperCase());

export const datasetInfoSchema = z.object({
  symbol: z.string(),
  /** The timeframe the candles are stored in; coarser ones are aggregated on read. */
  timeframe: timeframeSchema,
  /** Open time of the first and last stored candle, UTC epoch seconds (null when empty). */
  firstTs: z.number().nullable(),
  lastTs: z.number().nullable(),
  rows: z.number(),
  /** The file it was imported from, or a description such as `sample seed=1 days=120`. */
  source: z.string().nullable(),
  /** When it was last written, UTC epoch seconds. */
  importedAt: z.number(),
});
export type DatasetInfo = z.output<typeof datasetInfoSchema>;

const float64 = z.custom<Float64Array>((v) => v instanceof Float64Array, 'expected a Float64Array');

export const candleColumnsSchema = z.object({
  symbol: z.string(),
  timeframe: timeframeSchema,
  /** The stored timeframe these candles were built from. */
  baseTimeframe: timeframeSchema,
  kind: z.enum(['normal', 'heiken']),
  length: z.number(),
  ts: float64,
  open: float64,
  high: float64,
  low: float64,
  close: float64,
  volume: float64,
});
export type CandleColumns = z.output<typeof candleColumnsSchema>;

export const skippedRowSchema = z.object({ line: z.number(), message: z.string(), text: z.string() });

export const importSummarySchema = z.object({
  symbol: z.string(),
  timeframe: timeframeSchema,
  /** Whether the timeframe was inferred from the timestamps (false: given by the caller). */
  timeframeInferred: z.boolean(),
  path: z.string(),
  format: z.string(),
  /** Valid rows written (new or replacing a stored candle at the same time). */
  imported: z.number(),
  /** Of `imported`, how many replaced a stored candle at the same time. */
  merged: z.number(),
  /** Bad rows left out (only with skipBad). */
  skipped: z.number(),
  skippedExamples: z.array(skippedRowSchema),
  firstTs: z.number().nullable(),
  lastTs: z.number().nullable(),
  /** The dataset after the import. */
  dataset: datasetInfoSchema,
  seconds: z.number(),
  bytes: z.number(),
});
export type ImportSummary = z.output<typeof importSummarySchema>;

export const importProgressSchema = z.object({
  path: z.string(),
  symbol: z.string(),
  rows: z.number(),
  bytes: z.number(),
  totalBytes: z.number(),
  rowsPerSecond: z.number(),
  done: z.boolean(),
});
export type ImportProgress = z.output<typeof importProgressSchema>;

const epochSeconds = z.number().finite();

export const dataProcedures = {
  listDatasets: procedure(
    'Every stored dataset (symbol, stored timeframe, first/last time, rows, source, import time).',
    z.object({}).strict(),
    z.array(datasetInfoSchema),
  ),
  getCandles: procedure(
    'Candles of a symbol as columns, aggregated upward from the stored timeframe; from inclusive, to exclusive (open times, UTC epoch seconds).',
    z
      .object({
        symbol: symbolSchema,
        timeframe: timeframeSchema.optional(),
        from: epochSeconds.optional(),
        to: epochSeconds.optional(),
        heikinAshi: z.boolean().optional(),
        rth: z.boolean().optional(),
      })
      .strict(),
    candleColumnsSchema,
  ),
  importCsv: procedure(
    'Imports a CSV file on the backend machine into the store in one transaction; emits importProgress.',
    z
      .object({
        path: z.string().min(1),
        symbol: symbolSchema,
        timeframe: timeframeSchema.optional(),
        tz: z.string().min(1).optional(),
        skipBad: z.boolean().optional(),
        replace: z.boolean().optional(),
      })
      .strict(),
    importSummarySchema,
  ),
  generateSample: procedure(
    'Generates deterministic sample 1-minute candles (regular and extended hours, New York time).',
    z
      .object({
        symbol: symbolSchema.optional(),
        days: z.number().int().min(1).max(5000).optional(),
        seed: z.number().int().min(0).max(0xffffffff).optional(),
        start: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date like 2024-01-02').optional(),
      })
      .strict(),
    datasetInfoSchema,
  ),
  deleteDataset: procedure(
    'Deletes one stored dataset and its candles.',
    z.object({ symbol: symbolSchema, timeframe: timeframeSchema }).strict(),
    z.object({ deleted: z.number() }),
  ),
} as const;

export const dataEvents = {
  importProgress: eventStream('Progress of a running CSV import (about ten times a second).', importProgressSchema),
  datasetsChanged: eventStream('The list of datasets changed (import, sample, delete).', z.object({ datasets: z.array(datasetInfoSchema) })),
} as const;
