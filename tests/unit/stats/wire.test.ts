import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeMessage } from '../../../shared/contract/codec';
import { backtest } from '../../../shared/engine/backtest';
import { createMarket } from '../../../shared/engine/market';
import { computeMetrics } from '../../../shared/stats/metrics';
import { originalHistogram } from '../../../shared/stats/histogram';
import { ByteWriter } from '../../../shared/stats/bytes';
import type { IndividualStats } from '../../../shared/stats/types';
import { decodeMetrics, decodeReply, encodeMetrics, encodeReply, isEncodedMetrics, METRIC_KEYS, openReply } from '../../../shared/stats/wire';
import { randomWalk, seriesOf, smaCrossConfig, utc } from '../engine/helpers';

const writer = new ByteWriter(64);

/** A decoded reply, from bytes at a misaligned offset as a channel may hand them over. */
function roundTrip(body: Parameters<typeof encodeReply>[1], shift = 3) {
  const bytes = encodeReply(writer.reset(), body);
  const moved = new Uint8Array(bytes.byteLength + shift);
  moved.set(bytes, shift);
  return decodeReply(moved.subarray(shift));
}

describe('the statistics reply form', () => {
  const market = createMarket(seriesOf(randomWalk(20_000, 21, utc('2024-01-02T14:30:00Z'))));
  const cases: Array<[string, Record<string, unknown>]> = [
    ['close fills, no stops', {}],
    ['stops, targets, trailing, end of day', { stop_loss_pct: 0.002, take_profit_pct: 0.003, trailing_stop_loss: true, trailing_stop_distance_pct: 0.001, exit_by_end_of_day: true }],
    ['intrabar fills with fees, slippage and a dollar target', { fill_model: 'intrabar', fee_bps: 1.5, slippage_bps: 2, stop_loss_pct: 0.003, take_profit_type: 'dollars', take_profit_dollars: 25, halt_after_target: true, default_position_size: 37.5 }],
  ];

  it.each(cases)('gives back exactly the statistics of a backtest (%s), typed arrays and all', (_name, executor) => {
    const stats = backtest(smaCrossConfig(15, '1m-normal', executor), market);
    expect(stats.trades.count).toBeGreaterThan(50);
    const back = roundTrip({ objectives: [0.5, -3, Number.NaN, Infinity], stats, evalMs: 1.25 });
    expect(back).toEqual({ objectives: [0.5, -3, Number.NaN, Infinity], stats, evalMs: 1.25 });
    const t = back.stats!.trades;
    expect([t.entryIndex, t.exitIndex, t.entryTime, t.exitReason, t.entryBar, t.entryScore, back.stats!.histograms.winning.counts].map((a) => a.constructor.name)).toEqual([
      'Int32Array',
      'Int32Array',
      'Float64Array',
      'Uint8Array',
      'Int16Array',
      'Float64Array',
      'Int32Array',
    ]);
  });

  it('is smaller than the generic codec: times as u32, the constant quantity once, entry scores from the bar scores', () => {
    const stats = backtest(smaCrossConfig(15, '1m-normal', { stop_loss_pct: 0.002 }), market);
    const compact = encodeReply(writer.reset(), { objectives: [1], stats, evalMs: 1 }).byteLength;
    const generic = encodeMessage({ objectives: [1], stats, evalMs: 1 }).byteLength;
    const perTradeSaved = (generic - compact) / stats.trades.count;
    // entryTime, exitTime (8 → 4 each), quantity (8 → 0), entryScore (8 → 0): 24 bytes a trade at least.
    expect(perTradeSaved).toBeGreaterThanOrEqual(24);
  });

  it('keeps an open position, no trades, errors and missing statistics', () => {
    const stats = backtest(smaCrossConfig(15), market, { window: { from: 100, to: 100 } });
    expect(roundTrip({ objectives: [100], stats, evalMs: 0 })).toEqual({ objectives: [100], stats, evalMs: 0 });
    expect(roundTrip({ objectives: [100, 100], stats: null, error: 'bad genome: période', evalMs: 0.5 })).toEqual({
      objectives: [100, 100],
      stats: null,
      error: 'bad genome: période',
      evalMs: 0.5,
    });
    // Ending the window right after an entry leaves that position open.
    const all = backtest(smaCrossConfig(15), market);
    const withOpen = backtest(smaCrossConfig(15), market, { window: { from: 0, to: all.trades.entryIndex[10]! + 1 } });
    if (!withOpen.openPosition) throw new Error('fixture: expected a position open at the end');
    expect(roundTrip({ objectives: [], stats: withOpen, evalMs: 2 }).stats).toEqual(withOpen);
  });

  it('any column values survive: −0, NaN, ±∞, huge and tiny numbers, integers of every range', () => {
    const base = backtest(smaCrossConfig(15), market, { window: { from: 0, to: 3_000 } });
    const value = fc.oneof(
      fc.double(),
      fc.integer({ min: -5, max: 300 }).map(Number),
      fc.constantFrom(-0, 0, Number.NaN, Infinity, -Infinity, 2 ** 32 - 1, 2 ** 32, -(2 ** 31), 2 ** 31, 255, 256),
    );
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 40 }), fc.boolean(), (xs, flat) => {
        const n = xs.length;
        const col = () => Float64Array.from(flat ? xs.map(() => xs[0]!) : xs);
        const nb = base.barNames.length;
        const ni = base.indicatorNames.length;
        const wide = (k: number) => Float64Array.from({ length: n * k }, (_, i) => xs[i % n]!);
        const stats: IndividualStats = {
          ...base,
          trades: {
            count: n,
            entryIndex: Int32Array.from(xs, (_, i) => i),
            exitIndex: Int32Array.from(xs, (_, i) => i + 1),
            entryTime: col(),
            exitTime: col(),
            entryPrice: col(),
            exitPrice: col(),
            quantity: col(),
            exitReason: Uint8Array.from(xs, (_, i) => 1 + (i % 5)),
            returnPct: col(),
            pnlCash: col(),
            stopLevel: col(),
            targetLevel: col(),
            entryBar: Int16Array.from(xs, (_, i) => i % nb),
            entryScore: col(),
            barScoresAtEntry: wide(nb),
            barScoresAtExit: wide(nb),
            indicatorValuesAtEntry: wide(ni),
          },
          dailyEquity: { time: col(), value: col() },
          histograms: { winning: originalHistogram(xs.map((x) => (Number.isFinite(x) ? x % 50 : 0))), losing: originalHistogram([]) },
        };
        expect(roundTrip({ objectives: xs, stats, evalMs: 0 })).toEqual({ objectives: xs, stats, evalMs: 0 });
      }),
      { numRuns: 300 },
    );
  });

  it('leaves out histogram labels made from the edges, and carries any others', () => {
    const stats = backtest(smaCrossConfig(15, '1m-normal', { stop_loss_pct: 0.002 }), market, { window: { from: 0, to: 3_000 } });
    const bins = stats.histograms.winning.labels.length;
    expect(bins).toBeGreaterThan(3);
    const derived = encodeReply(writer.reset(), { objectives: [], stats, evalMs: 0 }).byteLength;
    const custom = { ...stats, histograms: { ...stats.histograms, winning: { ...stats.histograms.winning, labels: stats.histograms.winning.labels.map((l) => `${l} (own)`) } } };
    const carried = encodeReply(writer.reset(), { objectives: [], stats: custom, evalMs: 0 }).byteLength;
    expect(carried).toBeGreaterThan(derived + bins * 12);
    expect(roundTrip({ objectives: [], stats: custom, evalMs: 0 }).stats).toEqual(custom);
    const back = roundTrip({ objectives: [], stats, evalMs: 0 }).stats!;
    expect(back.histograms).toEqual(stats.histograms);
    // Rebuilt labels are marked as such again: re-encoding decoded statistics leaves them out too.
    expect(encodeReply(writer.reset(), { objectives: [], stats: back, evalMs: 0 }).byteLength).toBe(derived);
  });

  it('still reads version 1 (labels carried as strings), which runs stored before version 2 hold', () => {
    const v1 = new Uint8Array(readFileSync(fileURLToPath(new URL('../../fixtures/stats-reply-v1.bin', import.meta.url))));
    expect(new DataView(v1.buffer, v1.byteOffset).getUint16(4, true)).toBe(1);
    const stats = backtest(smaCrossConfig(15, '1m-normal', { stop_loss_pct: 0.002 }), market, { window: { from: 0, to: 3_000 } });
    expect(decodeReply(v1)).toEqual({ objectives: [1.5, -2], stats, evalMs: 0.75 });
    const opened = openReply(v1);
    expect(decodeReply(opened.statsBytes()!).stats).toEqual(stats);
  });

  it('rejects bytes that are not a reply, and truncated ones', () => {
    expect(() => decodeReply(new Uint8Array(16))).toThrow(/not a statistics reply/);
    const stats = backtest(smaCrossConfig(15), market, { window: { from: 0, to: 3_000 } });
    const bytes = encodeReply(writer.reset(), { objectives: [1], stats, evalMs: 1 }).slice();
    expect(() => decodeReply(bytes.subarray(0, bytes.byteLength - 9))).toThrow(/truncated/);
  });
});

describe('metrics alone', () => {
  it('METRIC_KEYS lists every metric in the order computeMetrics writes them', () => {
    const m = computeMetrics({
      returns: Float64Array.of(0.01, -0.02),
      pnlCash: Float64Array.of(1, -2),
      entryIndex: Int32Array.of(0, 3),
      exitIndex: Int32Array.of(2, 5),
      count: 2,
      dayEquity: Float64Array.of(1.01, 0.99),
      periodsPerYear: 252,
      bars: 6,
      exposureBars: 4,
      startTime: 0,
      endTime: 360,
      firstClose: 1,
      lastClose: 2,
      minClose: 1,
      maxClose: 2,
      maxDrawdown: 0.02,
      maxDrawdownPeakTime: 60,
      maxDrawdownTroughTime: 300,
      maxDrawdownBars: 3,
      maxDrawdownSeconds: 180,
    });
    expect(Object.keys(m)).toEqual([...METRIC_KEYS]);
    const back = decodeMetrics(encodeMetrics(m));
    expect(back).toEqual(m);
    expect(Object.keys(back)).toEqual(Object.keys(m));
  });

  it('null and non-finite metrics survive; the form is recognised', () => {
    const m = Object.fromEntries(METRIC_KEYS.map((k, i) => [k, i % 3 === 0 ? null : i % 3 === 1 ? Number.NaN : -0])) as never;
    const bytes = encodeMetrics(m);
    expect(isEncodedMetrics(bytes)).toBe(true);
    expect(isEncodedMetrics(encodeMessage(m))).toBe(false);
    expect(decodeMetrics(bytes)).toEqual(m);
  });
});
