import { describe, expect, it } from 'vitest';
import { computeObjectives } from '../../../shared/objectives/compute';
import { OBJECTIVES, PENALTY, objectiveNames } from '../../../shared/objectives/registry';
import type { Metrics } from '../../../shared/stats/types';
import type { ObjectiveConfig } from '../../../shared/config/types';

function metrics(over: Partial<Metrics> = {}): Metrics {
  return {
    bars: 1000, startTime: 0, endTime: 60000, totalTrades: 10, winningTrades: 6, losingTrades: 4,
    totalPnlPct: 8, compoundedReturnPct: 8.2, totalPnlCash: 500, marketReturnPct: 3, minClose: 100, maxClose: 125,
    maxDrawdownPct: 4, maxDrawdownPeakTime: 0, maxDrawdownTroughTime: 0, maxDrawdownBars: 10, maxDrawdownSeconds: 600,
    maxDrawdownAdditivePct: -3, winRate: 0.6, avgWinPct: 2.5, avgLossPct: -1.75, tradeReturnStdPct: 2,
    profitFactor: 2.142857, expectancyPct: 0.8, sqn: 1.2, sharpe: 1.5, sortino: 2.1, annualizedReturnPct: 30, calmar: 7.5,
    exposurePct: 40, avgBarsHeld: 40, days: 20, periodsPerYear: 252,
    ...over,
  };
}

const one = (objective: string, parameters: Record<string, number | string> = {}, m = metrics(), weight = 1) =>
  computeObjectives({ metrics: m }, [{ objective, weight, parameters } as ObjectiveConfig])[0]!;

describe('objectives (all minimised)', () => {
  it('MaximizeProfit: 1 − 2.5 ÷ 100 ÷ 0.05 = 0.5; target 0.025 gives 0', () => {
    expect(one('MaximizeProfit')).toBeCloseTo(0.5, 12);
    expect(one('MaximizeProfit', { target_profit_per_trade: 0.025 })).toBeCloseTo(0, 12);
    expect(one('MaximizeProfit', {}, metrics({ avgWinPct: null, winningTrades: 0 }))).toBe(PENALTY);
  });
  it('MinimizeLoss: |avg loss| = 1.75; no losers = 0', () => {
    expect(one('MinimizeLoss')).toBe(1.75);
    expect(one('MinimizeLoss', {}, metrics({ avgLossPct: null, losingTrades: 0 }))).toBe(0);
  });
  it('MinimizeLosingTrades: 4 ÷ 10', () => expect(one('MinimizeLosingTrades')).toBe(0.4));
  it('MinimizeTrades: 10 ÷ 100, and defined without trades', () => {
    expect(one('MinimizeTrades')).toBe(0.1);
    expect(one('MinimizeTrades', {}, metrics({ totalTrades: 0 }))).toBe(0);
  });
  it('MaximizeNetPnL inverse: 1 ÷ 8; a loss scores 100 + |net|', () => {
    expect(one('MaximizeNetPnL', { mode: 'inverse' })).toBe(0.125);
    expect(one('MaximizeNetPnL', { mode: 'inverse' }, metrics({ totalPnlPct: -3 }))).toBe(103);
    expect(one('MaximizeNetPnL', { mode: 'inverse' }, metrics({ totalPnlPct: 0 }))).toBe(100);
  });
  it('MaximizeNetPnL volatility: 1 − 8 ÷ 2 = −3; undefined std → penalty', () => {
    expect(one('MaximizeNetPnL', { mode: 'volatility' })).toBe(-3);
    expect(one('MaximizeNetPnL', { mode: 'volatility' }, metrics({ tradeReturnStdPct: null }))).toBe(PENALTY);
  });
  it('MaximizeNetPnL maxdrawdown: 3 − (8 − (−4)) ÷ 4 = 0; no drawdown → penalty', () => {
    expect(one('MaximizeNetPnL', { mode: 'maxdrawdown' })).toBe(0);
    expect(one('MaximizeNetPnL', { mode: 'maxdrawdown' }, metrics({ maxDrawdownPct: 0 }))).toBe(PENALTY);
  });
  it('MaximizeScaledNetPnL: 1 − 0.08 ÷ 0.25 = 0.68', () => {
    expect(one('MaximizeScaledNetPnL')).toBeCloseTo(0.68, 12);
    expect(one('MaximizeScaledNetPnL', {}, metrics({ minClose: 100, maxClose: 100 }))).toBe(PENALTY);
  });
  it('MaximizeCashProfit: 1 − 500 ÷ 1000; losses weigh penalty_multiplier ×; too few trades → penalty', () => {
    expect(one('MaximizeCashProfit')).toBe(0.5);
    expect(one('MaximizeCashProfit', { target_cash_profit: 1000, penalty_multiplier: 3 }, metrics({ totalPnlCash: -200 }))).toBeCloseTo(1.6, 12);
    expect(one('MaximizeCashProfit', { minimum_trades: 11 })).toBe(PENALTY);
  });
  it('MinimizeMaxDrawdown: 4 % → 0.04', () => expect(one('MinimizeMaxDrawdown')).toBe(0.04));
  it('MaximizeSharpe: −1.5; null → penalty', () => {
    expect(one('MaximizeSharpe')).toBe(-1.5);
    expect(one('MaximizeSharpe', {}, metrics({ sharpe: null }))).toBe(PENALTY);
  });
  it('MaximizeProfitFactor: −PF; ∞ (null) → penalty', () => {
    expect(one('MaximizeProfitFactor')).toBe(-2.142857);
    expect(one('MaximizeProfitFactor', {}, metrics({ profitFactor: null }))).toBe(PENALTY);
  });

  it('every objective but MinimizeTrades and MaximizeCashProfit scores the penalty without trades', () => {
    const none = metrics({ totalTrades: 0, winningTrades: 0, losingTrades: 0, totalPnlPct: 0, totalPnlCash: 0, maxDrawdownPct: 0, minClose: 100, maxClose: 120 });
    for (const name of objectiveNames()) {
      const v = one(name, {}, none);
      if (name === 'MinimizeTrades') expect(v).toBe(0);
      else expect(v, name).toBe(PENALTY);
    }
  });

  it('multiplies by the weight (penalty included) and keeps the configured order', () => {
    const cfg: ObjectiveConfig[] = [
      { objective: 'MinimizeTrades', weight: 2, parameters: {} },
      { objective: 'MaximizeSharpe', weight: 0.5, parameters: {} },
    ];
    expect(computeObjectives({ metrics: metrics({ sharpe: null }) }, cfg)).toEqual([0.2, 50]);
  });

  it('the registry lists every objective with parameter specs and a formula', () => {
    expect(objectiveNames()).toEqual([
      'MaximizeProfit', 'MinimizeLoss', 'MinimizeLosingTrades', 'MinimizeTrades', 'MaximizeNetPnL',
      'MaximizeScaledNetPnL', 'MaximizeCashProfit', 'MinimizeMaxDrawdown', 'MaximizeSharpe', 'MaximizeProfitFactor',
    ]);
    for (const d of Object.values(OBJECTIVES)) {
      expect(d.formula.length).toBeGreaterThan(3);
      for (const p of d.params) expect(p.default).toBeDefined();
    }
  });
});
