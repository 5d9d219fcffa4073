import { describe, expect, it } from 'vitest';
import { computeMetrics, dailyRatios, type MetricInputs } from '../../../shared/stats/metrics';
import { formatPct1, originalHistogram } from '../../../shared/stats/histogram';

/** Four trades of +10 %, −5 %, 0 % (break-even), +2 %, and four days of equity. */
function inputs(over: Partial<MetricInputs> = {}): MetricInputs {
  return {
    returns: Float64Array.of(0.1, -0.05, 0, 0.02),
    pnlCash: Float64Array.of(100, -50, 0, 20),
    entryIndex: Int32Array.of(0, 10, 20, 30),
    exitIndex: Int32Array.of(4, 12, 21, 39),
    count: 4,
    dayEquity: Float64Array.of(1.01, 0.99, 0.99, 1.02),
    periodsPerYear: 252,
    bars: 50,
    exposureBars: 16,
    startTime: 1000,
    endTime: 4000,
    firstClose: 100,
    lastClose: 90,
    minClose: 80,
    maxClose: 120,
    maxDrawdown: 0.03,
    maxDrawdownPeakTime: 1500,
    maxDrawdownTroughTime: 2500,
    maxDrawdownBars: 7,
    maxDrawdownSeconds: 420,
    ...over,
  };
}

describe('metrics on a hand-computed example', () => {
  const m = computeMetrics(inputs());

  it('counts: trades, winners (> 0), losers (< 0); break-even is neither', () => {
    expect([m.totalTrades, m.winningTrades, m.losingTrades]).toEqual([4, 2, 1]);
  });
  it('total P&L % is additive: Σ r × 100 = 7', () => expect(m.totalPnlPct).toBeCloseTo(7, 12));
  it('compounded return: 1.1 × 0.95 × 1 × 1.02 − 1 = 6.59 %', () => expect(m.compoundedReturnPct).toBeCloseTo(6.59, 10));
  it('cash P&L: Σ = 70', () => expect(m.totalPnlCash).toBe(70));
  it('market return: (90 − 100) ÷ 100 = −10 %', () => expect(m.marketReturnPct).toBeCloseTo(-10, 12));
  it('win rate: 2 ÷ 4 (break-even counts as a trade, not a winner)', () => expect(m.winRate).toBe(0.5));
  it('avg win (10 + 2) ÷ 2 = 6 %, avg loss −5 %', () => {
    expect(m.avgWinPct).toBeCloseTo(6, 12);
    expect(m.avgLossPct).toBeCloseTo(-5, 12);
  });
  it('profit factor: 0.12 ÷ 0.05 = 2.4', () => expect(m.profitFactor).toBeCloseTo(2.4, 12));
  it('expectancy: 0.5 × 6 + 0.5 × (−5) = 0.5 %', () => expect(m.expectancyPct).toBeCloseTo(0.5, 12));
  it('SQN: √4 × 0.0175 ÷ 0.0623832 = 0.561048', () => {
    expect(m.sqn).toBeCloseTo(0.561048269402528, 12);
    expect(m.tradeReturnStdPct).toBeCloseTo(6.238322424070968, 10);
  });
  it('original-style drawdown of the additive P&L: 10 → 5 is −5 points', () => expect(m.maxDrawdownAdditivePct).toBeCloseTo(-5, 12));
  it('Sharpe and Sortino of daily returns 1 %, −1.98 %, 0, +3.03 %, annualised with √252', () => {
    expect(m.sharpe).toBeCloseTo(3.9004859398049856, 10);
    expect(m.sortino).toBeCloseTo(8.217463049320136, 10);
  });
  it('annualised return (1.0659^(252/4) − 1) and Calmar = that ÷ max drawdown 3 %', () => {
    expect(m.annualizedReturnPct).toBeCloseTo(5473.616961539993, 6);
    expect(m.calmar).toBeCloseTo(1824.5389871799978, 6);
  });
  it('exposure: 16 of 50 candles; average bars held: (4 + 2 + 1 + 9) ÷ 4 = 4', () => {
    expect(m.exposurePct).toBe(32);
    expect(m.avgBarsHeld).toBe(4);
  });
  it('passes drawdown figures through in percent', () => {
    expect(m.maxDrawdownPct).toBe(3);
    expect([m.maxDrawdownBars, m.maxDrawdownSeconds, m.days]).toEqual([7, 420, 4]);
  });
});

describe('metrics: undefined cases are null, never NaN or ∞', () => {
  it('no trades', () => {
    const m = computeMetrics(inputs({ count: 0, dayEquity: Float64Array.of(1, 1) }));
    expect(m).toMatchObject({ winRate: null, avgWinPct: null, avgLossPct: null, profitFactor: null, expectancyPct: null, sqn: null, avgBarsHeld: null, sharpe: null, sortino: null });
    expect(m.totalPnlPct).toBe(0);
  });
  it('no losing trade: profit factor ∞ is reported as null', () => {
    const m = computeMetrics(inputs({ returns: Float64Array.of(0.1, 0.05), count: 2 }));
    expect(m.profitFactor).toBeNull();
    expect(m.expectancyPct).toBeCloseTo(7.5, 12);
  });
  it('one day: no Sharpe', () => {
    expect(dailyRatios(Float64Array.of(1.05), 252)).toEqual({ sharpe: null, sortino: null });
  });
  it('no losing day: no Sortino', () => {
    expect(dailyRatios(Float64Array.of(1.01, 1.02), 365).sortino).toBeNull();
  });
});

describe('original histograms', () => {
  it('formats like Python’s .1f (ties to even on quarter edges)', () => {
    expect([0.25, 0.75, 1.25, 1.75, 2.25, -0.25, -0.75, 4.75, -7.5, 0].map(formatPct1)).toEqual(
      ['0.2', '0.8', '1.2', '1.8', '2.2', '-0.2', '-0.8', '4.8', '-7.5', '0.0'],
    );
  });

  it('span ≤ 5: 0.25-wide bins from floor(min) to ceil(max)', () => {
    const h = originalHistogram([0.3, 1.2, 4.9]);
    expect(h.binWidth).toBe(0.25);
    expect(h.edges.length).toBe(20);
    expect(h.labels.slice(0, 4)).toEqual(['0.0% to 0.2%', '0.2% to 0.5%', '0.5% to 0.8%', '0.8% to 1.0%']);
    expect(h.labels[19]).toBe('4.8% to 5.0%');
    const nonzero = Array.from(h.counts).flatMap((c, k) => (c ? [[k, c]] : []));
    expect(nonzero).toEqual([[1, 1], [4, 1], [19, 1]]);
  });

  it('losses, span ≤ 10: 0.5-wide bins', () => {
    const h = originalHistogram([-0.5, -7.2]);
    expect(h.binWidth).toBe(0.5);
    expect(h.labels[0]).toBe('-8.0% to -7.5%');
    expect(h.edges.length).toBe(16);
    expect(h.counts[1]).toBe(1);
    expect(h.counts[15]).toBe(1);
  });

  it('span ≤ 20: 1-wide; above: 2-wide; the maximum falls in the last bin', () => {
    expect(originalHistogram([1, 15]).binWidth).toBe(1);
    const wide = originalHistogram([1, 25]);
    expect(wide.binWidth).toBe(2);
    expect(Array.from(wide.edges)).toEqual([1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23]);
    expect(wide.counts[11]).toBe(1);
  });

  it('one integer value: one bin; no values: an empty histogram', () => {
    const h = originalHistogram([2]);
    expect(h.labels).toEqual(['2.0% to 2.2%']);
    expect(Array.from(h.counts)).toEqual([1]);
    expect(originalHistogram([]).edges.length).toBe(0);
  });
});
