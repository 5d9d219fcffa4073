/**
 * The optimizer's objectives: the original system's (SYSTEM.md §4) and three more. Every value
 * is minimised; `computeObjectives` multiplies by the configured weight. Formulas with their
 * edge cases: docs/ENGINE.md#objectives. The UI builds its forms from `OBJECTIVES`.
 */
import type { ParamValue } from '../config/types';
import type { ParamSpec } from '../indicators/types';
import type { Metrics } from '../stats/types';

/** The value of an objective that is undefined for an individual (no trades, division by 0). */
export const PENALTY = 100;

export interface ObjectiveDefinition {
  name: string;
  description: string;
  /** The formula in plain text, as docs/ENGINE.md states it. */
  formula: string;
  params: readonly ParamSpec[];
  /** Unweighted value; `undefined` where the objective is undefined (the caller scores PENALTY). */
  compute(m: Metrics, p: Readonly<Record<string, ParamValue>>): number | undefined;
  /** Whether an individual without closed trades still gets a value (else the penalty). */
  definedWithoutTrades?: boolean;
}

const n = (p: Readonly<Record<string, ParamValue>>, k: string) => p[k] as number;

const DEFS: ObjectiveDefinition[] = [
  {
    name: 'MaximizeProfit',
    description: 'Large average winning trade, relative to a target per trade',
    formula: '1 − avg win % ÷ 100 ÷ target_profit_per_trade',
    params: [
      { name: 'target_profit_per_trade', type: 'float', min: 0.0001, max: 10, step: 0.005, default: 0.05, description: 'Target return per winning trade as a fraction (0.05 = 5 %)' },
    ],
    compute: (m, p) => (m.avgWinPct === null ? undefined : 1 - m.avgWinPct / 100 / n(p, 'target_profit_per_trade')),
  },
  {
    name: 'MinimizeLoss',
    description: 'Small average losing trade',
    formula: '|avg loss %| (0 when no trade lost)',
    params: [],
    compute: (m) => (m.avgLossPct === null ? 0 : Math.abs(m.avgLossPct)),
  },
  {
    name: 'MinimizeLosingTrades',
    description: 'Few losing trades among all trades',
    formula: 'losing trades ÷ trades',
    params: [],
    compute: (m) => m.losingTrades / m.totalTrades,
  },
  {
    name: 'MinimizeTrades',
    description: 'Few trades',
    formula: 'trades ÷ 100',
    params: [],
    compute: (m) => m.totalTrades / 100,
    definedWithoutTrades: true,
  },
  {
    name: 'MaximizeNetPnL',
    description: 'Large total P&L %, in one of three forms',
    formula:
      'inverse: 1 ÷ net (net ≤ 0 → 100 + |net|); volatility: 1 − net ÷ std of trade returns %; maxdrawdown: 3 − (net − mdd) ÷ |mdd| with mdd = −max drawdown %',
    params: [
      { name: 'mode', type: 'choice', choices: ['inverse', 'volatility', 'maxdrawdown'], default: 'inverse', description: 'How the net P&L is scaled' },
    ],
    compute: (m, p) => {
      const net = m.totalPnlPct;
      switch (p.mode) {
        case 'volatility':
          return m.tradeReturnStdPct ? 1 - net / m.tradeReturnStdPct : undefined;
        case 'maxdrawdown': {
          if (m.maxDrawdownPct === 0) return undefined;
          const mdd = -m.maxDrawdownPct;
          return 3 - (net - mdd) / Math.abs(mdd);
        }
        default:
          // 1 ÷ net rewards losses (a negative value is "smaller"); losses get a graded penalty instead.
          return net > 0 ? 1 / net : PENALTY - net;
      }
    },
  },
  {
    name: 'MaximizeScaledNetPnL',
    description: 'Total P&L relative to the market’s price range over the tested period',
    formula: '1 − (net % ÷ 100) ÷ ((max close − min close) ÷ min close)',
    params: [],
    compute: (m) => {
      const range = (m.maxClose - m.minClose) / m.minClose;
      return range > 0 ? 1 - m.totalPnlPct / 100 / range : undefined;
    },
  },
  {
    name: 'MaximizeCashProfit',
    description: 'Cash P&L towards a target, losses weighted heavier, with a minimum number of trades',
    formula:
      'trades < minimum_trades → 100; cash ≥ 0: 1 − cash ÷ target_cash_profit; cash < 0: 1 + penalty_multiplier × |cash| ÷ target_cash_profit',
    params: [
      { name: 'target_cash_profit', type: 'float', min: 0.01, max: 1e9, step: 100, default: 1000, description: 'Cash P&L that scores 0' },
      { name: 'penalty_multiplier', type: 'float', min: 0, max: 1000, step: 0.5, default: 2, description: 'How much heavier a cash loss weighs than a gain' },
      { name: 'minimum_trades', type: 'int', min: 0, max: 1e6, step: 1, default: 1, description: 'Fewer closed trades than this scores the penalty' },
    ],
    compute: (m, p) => {
      if (m.totalTrades < n(p, 'minimum_trades')) return undefined;
      const cash = m.totalPnlCash;
      const target = n(p, 'target_cash_profit');
      return cash >= 0 ? 1 - cash / target : 1 + n(p, 'penalty_multiplier') * (-cash / target);
    },
    definedWithoutTrades: true,
  },
  {
    name: 'MinimizeMaxDrawdown',
    description: 'Small maximum drawdown of the compounded equity',
    formula: 'max drawdown % ÷ 100',
    params: [],
    compute: (m) => m.maxDrawdownPct / 100,
  },
  {
    name: 'MaximizeSharpe',
    description: 'High annualised Sharpe ratio of daily returns',
    formula: '−Sharpe',
    params: [],
    compute: (m) => (m.sharpe === null ? undefined : -m.sharpe),
  },
  {
    name: 'MaximizeProfitFactor',
    description: 'High profit factor (gross wins ÷ gross losses)',
    formula: '−profit factor (no losing trade: ∞, scored as the penalty)',
    params: [],
    compute: (m) => (m.profitFactor === null ? undefined : -m.profitFactor),
  },
];

export const OBJECTIVES: Readonly<Record<string, ObjectiveDefinition>> = Object.fromEntries(DEFS.map((d) => [d.name, d]));

export function objectiveNames(): string[] {
  return DEFS.map((d) => d.name);
}
