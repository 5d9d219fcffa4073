import { ADX, ATR, BollingerBands, EMA, MACD, RSI, SMA } from 'technicalindicators';
import { randomWalkCandles } from '../../../shared/indicators/randomWalk';
import { sma } from '../../../shared/indicators/kernels/sma';
import { ema } from '../../../shared/indicators/kernels/ema';
import { rsi } from '../../../shared/indicators/kernels/rsi';
import { macd } from '../../../shared/indicators/kernels/macd';
import { bollinger } from '../../../shared/indicators/kernels/bollinger';
import { atr } from '../../../shared/indicators/kernels/atr';
import { dmi } from '../../../shared/indicators/kernels/dmi';
import { INDICATORS, indicatorClassNames } from '../../../shared/indicators/registry';
import { defaultParams } from '../../../shared/indicators/params';
import { CANDLE_PATTERN_NAMES } from '../../../shared/indicators/cdl/patterns';
import { bestOf, type BenchContext, type BenchRow, type BenchSuite } from './types';

const SUITE = 'indicators';
const GOAL = '≥ 10× technicalindicators';

/**
 * Indicator kernels against `technicalindicators` on the same seeded random walk (500k candles),
 * in the same run; then every indicator class with its default parameters (no peer).
 */
export const indicatorsSuite: BenchSuite = {
  name: SUITE,
  async run(ctx: BenchContext) {
    const n = Math.max(1000, Math.round(500_000 * ctx.scale));
    const c = randomWalkCandles(n, 20240601, { start: 1.1, volatility: 0.0005 });
    // technicalindicators takes plain arrays; converting is not part of either side's timing.
    const values = Array.from(c.close);
    const hlc = { high: Array.from(c.high), low: Array.from(c.low), close: values };
    const rate = (ms: number) => n / (ms / 1000);
    const rows: BenchRow[] = [];

    const pairs: Array<[string, () => unknown, () => unknown]> = [
      ['SMA(20)', () => sma(c.close, 20), () => SMA.calculate({ period: 20, values })],
      ['EMA(20)', () => ema(c.close, 20), () => EMA.calculate({ period: 20, values })],
      ['RSI(14)', () => rsi(c.close, 14), () => RSI.calculate({ period: 14, values })],
      [
        'MACD(12,26,9)',
        () => macd(c.close, 12, 26, 9),
        () => MACD.calculate({ values, fastPeriod: 12, slowPeriod: 26, signalPeriod: 9, SimpleMAOscillator: false, SimpleMASignal: false }),
      ],
      ['Bollinger(20,2)', () => bollinger(c.close, 20, 2), () => BollingerBands.calculate({ period: 20, stdDev: 2, values })],
      ['ATR(14)', () => atr(c.high, c.low, c.close, 14), () => ATR.calculate({ ...hlc, period: 14 })],
      ['ADX(14) with ±DI', () => dmi(c.high, c.low, c.close, 14), () => ADX.calculate({ ...hlc, period: 14 })],
    ];
    // Ours and theirs alternate over several rounds and each keeps its best time: on a shared
    // machine the load drifts during a run, and one side measured only early or only late would
    // get a different machine than the other. The best of many runs also filters out the garbage
    // collections that technicalindicators' millions of short-lived objects set off.
    const rounds = Math.max(3, Math.round(5 * Math.min(1, ctx.scale * 4)));
    const oursMs = new Map<string, number>();
    const theirsMs = new Map<string, number>();
    const keepBest = (m: Map<string, number>, k: string, ms: number) => m.set(k, Math.min(m.get(k) ?? Infinity, ms));
    for (let r = 0; r < rounds; r++) {
      ctx.log(`round ${r + 1} of ${rounds}…`);
      for (const [label, ours, theirs] of pairs) {
        keepBest(oursMs, label, await bestOf(3, ours));
        keepBest(theirsMs, label, await bestOf(1, theirs));
      }
    }
    for (const [label] of pairs) {
      rows.push({
        suite: SUITE,
        measure: `kernel ${label}, ${n.toLocaleString('en-US')} candles`,
        value: rate(oursMs.get(label)!),
        unit: 'candles/s',
        peer: { name: 'technicalindicators', value: rate(theirsMs.get(label)!) },
        higherIsBetter: true,
        goal: GOAL,
      });
    }

    const classMs = new Map<string, number>();
    for (const name of indicatorClassNames()) {
      const def = INDICATORS[name]!;
      const params = name === 'CDLPatternIndicator' ? { ...defaultParams(def), patterns: [...CANDLE_PATTERN_NAMES] } : defaultParams(def);
      classMs.set(name, await bestOf(5, () => def.compute(c, params)));
    }
    for (const [name, ms] of classMs) {
      rows.push({
        suite: SUITE,
        measure: `class ${name}${name === 'CDLPatternIndicator' ? ` (all ${CANDLE_PATTERN_NAMES.length} patterns)` : ''}, defaults`,
        value: rate(ms),
        unit: 'candles/s',
        higherIsBetter: true,
      });
    }
    return rows;
  },
};
