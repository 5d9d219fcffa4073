/**
 * Hand-computed fixtures for every candlestick pattern: a firing case and a near miss that fails
 * exactly one condition. Each fixture starts with 12 filler candles of body 1 and range 2
 * (alternately white 100→101 and black 101→100, shadows 0.5), so that for the first pattern
 * candle the TA-Lib averages are: body 1 (long > 1, short < 1), range 2 (doji body ≤ 0.2, very
 * short shadow < 0.2) and near 0.4 / far 1.2. Averages of later pattern candles include the
 * earlier pattern candles; the comments give the figures.
 */
import { describe, expect, it } from 'vitest';
import { CDLPatternIndicator } from '../../../shared/indicators/classes/cdlPattern';
import { CANDLE_PATTERNS, CANDLE_PATTERN_NAMES } from '../../../shared/indicators/cdl/patterns';
import { candleContext } from '../../../shared/indicators/cdl/context';
import { candles, type Ohlc } from './build';

const FILLER: Ohlc[] = Array.from({ length: 12 }, (_, k) => (k % 2 === 0 ? [100, 101.5, 99.5, 101] : [101, 101.5, 99.5, 100]));

/** Which candles fire, for one pattern and direction, over filler + the given candles. */
function fires(pattern: string, trend: 'bullish' | 'bearish', rows: readonly Ohlc[]): number[] {
  const out = CDLPatternIndicator.compute(candles([...FILLER, ...rows]), { patterns: [pattern], trend, lookback: 1 });
  return Array.from(out.keys()).filter((i) => out[i] === 1);
}

const last = (rows: readonly Ohlc[]) => FILLER.length + rows.length - 1;

interface Fixture {
  pattern: string;
  direction: 'bullish' | 'bearish' | 'both';
  fire: Ohlc[];
  miss: Ohlc[];
  why: string;
}

const fixtures: Fixture[] = [
  {
    pattern: 'CDLDOJI',
    direction: 'both',
    fire: [[100.5, 101.5, 99.5, 100.6]], // body 0.1 ≤ 0.1 × 2
    miss: [[100.5, 101.5, 99.5, 100.75]], // body 0.25 > 0.2
    why: 'body above 10 % of the average range',
  },
  {
    pattern: 'CDLHAMMER',
    direction: 'bullish',
    // body 0.3 < 1, lower shadow 0.8 > body, upper 0.1 < 0.2; body bottom 99.6 ≤ prior low 99.5 + 0.4
    fire: [[99.6, 100.0, 98.8, 99.9]],
    miss: [[100.0, 100.4, 99.2, 100.3]], // same shape, body bottom 100.0 > 99.9
    why: 'body not near the prior low',
  },
  {
    pattern: 'CDLHANGINGMAN',
    direction: 'bearish',
    fire: [[101.2, 101.6, 100.4, 101.5]], // hammer shape, body bottom 101.2 ≥ prior high 101.5 − 0.4
    miss: [[101.0, 101.4, 100.2, 101.3]], // body bottom 101.0 < 101.1
    why: 'body not near the prior high',
  },
  {
    pattern: 'CDLINVERTEDHAMMER',
    direction: 'bullish',
    // body 0.3, upper shadow 0.8 > body, lower 0.1 < 0.2; body top 99.8 below prior body bottom 100
    fire: [[99.5, 100.6, 99.4, 99.8]],
    miss: [[99.8, 100.9, 99.7, 100.1]], // body top 100.1: no gap down
    why: 'no real-body gap down',
  },
  {
    pattern: 'CDLSHOOTINGSTAR',
    direction: 'bearish',
    // body 0.1, upper shadow 0.8, lower 0.05; body bottom 101.1 above prior body top 101
    fire: [[101.2, 102.0, 101.05, 101.1]],
    miss: [[101.2, 102.0, 100.8, 101.1]], // lower shadow 0.3 ≥ 0.2
    why: 'lower shadow not very short',
  },
  {
    pattern: 'CDLENGULFING',
    direction: 'bullish',
    // after the black filler 101→100: white 99.8→101.2 covers it
    fire: [[99.8, 101.4, 99.7, 101.2]],
    miss: [[100.0, 101.2, 99.9, 101.0]], // matches the prior body on both ends
    why: 'body equal to the prior one on both ends',
  },
  {
    pattern: 'CDLENGULFING',
    direction: 'bearish',
    fire: [
      [100, 101.5, 99.5, 101], // white 100→101
      [101.2, 101.3, 99.7, 99.8], // black 101.2→99.8 covers it
    ],
    miss: [
      [100, 101.5, 99.5, 101],
      [101.0, 101.3, 99.9, 100.0], // matches on both ends
    ],
    why: 'body equal to the prior one on both ends',
  },
  {
    pattern: 'CDLHARAMI',
    direction: 'bullish',
    fire: [
      [102, 102.2, 99.3, 99.5], // long black, body 2.5 > 1
      [100.2, 100.9, 100.1, 100.8], // body 0.6 ≤ (9 + 2.5) / 10 = 1.15, inside 99.5..102
    ],
    miss: [
      [102, 102.2, 99.3, 99.5],
      [99.4, 100.1, 99.3, 100.0], // body bottom 99.4 below 99.5
    ],
    why: 'second body not inside the first',
  },
  {
    pattern: 'CDLHARAMI',
    direction: 'bearish',
    fire: [
      [99.5, 102.2, 99.3, 102], // long white
      [100.8, 100.9, 100.1, 100.2], // inside
    ],
    miss: [
      [99.5, 102.2, 99.3, 102],
      [101.0, 102.2, 100.9, 102.1], // body top 102.1 above 102
    ],
    why: 'second body not inside the first',
  },
  {
    pattern: 'CDLPIERCING',
    direction: 'bullish',
    fire: [
      [102, 102.2, 99.3, 99.5], // long black, body 2.5
      // opens 99.0 below the low 99.3, closes 101.0: above the midpoint 99.5 + 1.25, below the open 102;
      // body 2.0 > (9 + 2.5) / 10 = 1.15
      [99.0, 101.1, 98.9, 101.0],
    ],
    miss: [
      [102, 102.2, 99.3, 99.5],
      [99.0, 100.8, 98.9, 100.7], // closes 100.7, short of the midpoint 100.75
    ],
    why: 'close not past the midpoint of the black body',
  },
  {
    pattern: 'CDLDARKCLOUDCOVER',
    direction: 'bearish',
    fire: [
      [99.5, 102.2, 99.3, 102], // long white, body 2.5
      [102.5, 102.6, 100.4, 100.5], // opens above the high 102.2, closes 100.5 < 102 − 1.25 and > 99.5
    ],
    miss: [
      [99.5, 102.2, 99.3, 102],
      [102.1, 102.2, 100.4, 100.5], // opens 102.1, not above the high
    ],
    why: 'open not above the prior high',
  },
  {
    pattern: 'CDLMORNINGSTAR',
    direction: 'bullish',
    fire: [
      [102, 102.2, 99.3, 99.5], // long black, body 2.5
      [99.0, 99.3, 98.8, 99.2], // star: body 0.2 ≤ 1.15, top 99.2 below 99.5
      [99.4, 101.1, 99.3, 101.0], // white, body 1.6 > (8 + 2.5 + 0.2) / 10 = 1.07, close 101 > 99.5 + 0.75
    ],
    miss: [
      [102, 102.2, 99.3, 99.5],
      [99.0, 99.3, 98.8, 99.2],
      [98.6, 100.3, 98.5, 100.2], // body 1.6 but close 100.2 < 100.25
    ],
    why: 'third close not 30 % into the first body',
  },
  {
    pattern: 'CDLEVENINGSTAR',
    direction: 'bearish',
    fire: [
      [99.5, 102.2, 99.3, 102], // long white
      [102.3, 102.6, 102.2, 102.5], // star: bottom 102.3 above 102
      [102.4, 102.5, 100.7, 100.8], // black, body 1.6 > 1.07, close 100.8 < 102 − 0.75
    ],
    miss: [
      [99.5, 102.2, 99.3, 102],
      [101.9, 102.2, 101.8, 102.1], // star bottom 101.9: no gap
      [102.4, 102.5, 100.7, 100.8],
    ],
    why: 'no gap between the first body and the star',
  },
  {
    pattern: 'CDL3WHITESOLDIERS',
    direction: 'bullish',
    fire: [
      [100, 101.55, 99.9, 101.5], // white, upper shadow 0.05 < 0.2
      [101.0, 102.65, 100.9, 102.6], // opens inside the first body (100 < 101 ≤ 101.5 + 0.4)
      // opens 102.0 (101 < 102 ≤ 102.6 + 0.2 × 1.93); body 1.7 > (8 + 1.5 + 1.6) / 10 = 1.11
      [102.0, 103.75, 101.9, 103.7],
    ],
    miss: [
      [100, 101.55, 99.9, 101.5],
      [101.0, 102.65, 100.9, 102.6],
      [102.0, 104.0, 101.9, 103.7], // upper shadow 0.3 ≥ 0.1 × (8 × 2 + 1.65 + 1.75) / 10 = 0.194
    ],
    why: 'third upper shadow not very short',
  },
  {
    pattern: 'CDL3BLACKCROWS',
    direction: 'bearish',
    fire: [
      [100, 101.6, 99.9, 101.5], // white, high 101.6 above the first crow's close
      [101.4, 101.45, 100.15, 100.2], // black, lower shadow 0.05
      [101.0, 101.05, 99.35, 99.4], // opens inside the prior body (100.2 < 101 < 101.4)
      [100.0, 100.05, 98.45, 98.5], // opens inside (99.4 < 100 < 101), lower closes throughout
    ],
    miss: [
      [100, 101.6, 99.9, 101.5],
      [101.4, 101.45, 100.15, 100.2],
      [101.0, 101.05, 99.35, 99.4],
      [99.3, 99.35, 98.45, 98.5], // opens 99.3, below the prior close
    ],
    why: 'third crow does not open inside the prior body',
  },
];

describe('CDL patterns (TA-Lib rules, hand-computed fixtures)', () => {
  it('every registered pattern has a fixture', () => {
    expect(new Set(fixtures.map((f) => f.pattern))).toEqual(new Set(CANDLE_PATTERN_NAMES));
  });

  describe.each(fixtures)('$pattern ($direction)', (f) => {
    it('fires on the last pattern candle, in its direction only', () => {
      const bull = f.direction === 'bearish' ? [] : [last(f.fire)];
      const bear = f.direction === 'bullish' ? [] : [last(f.fire)];
      expect(fires(f.pattern, 'bullish', f.fire)).toEqual(bull);
      expect(fires(f.pattern, 'bearish', f.fire)).toEqual(bear);
    });

    it(`does not fire when ${f.why}`, () => {
      expect(fires(f.pattern, 'bullish', f.miss)).toEqual([]);
      expect(fires(f.pattern, 'bearish', f.miss)).toEqual([]);
    });
  });

  it('several patterns combine with OR', () => {
    const hammer = fixtures.find((f) => f.pattern === 'CDLHAMMER')!.fire;
    const rows = [...FILLER, ...hammer];
    const out = CDLPatternIndicator.compute(candles(rows), { patterns: ['CDLENGULFING', 'CDLHAMMER'], trend: 'bullish', lookback: 1 });
    expect(out[rows.length - 1]).toBe(1);
  });

  it('does not fire before TA-Lib’s lookback (the averages need 10 earlier candles)', () => {
    // A doji at index 5 would fire with 5 earlier candles, but the average range is not known yet.
    const rows: Ohlc[] = [...FILLER.slice(0, 5), [100.5, 101.5, 99.5, 100.5], ...FILLER.slice(0, 6), [100.5, 101.5, 99.5, 100.5]];
    const out = CDLPatternIndicator.compute(candles(rows), { patterns: ['CDLDOJI'], trend: 'bullish', lookback: 1 });
    expect(Array.from(out.keys()).filter((i) => out[i] === 1)).toEqual([12]);
  });

  it('the trailing averages exclude the candle itself', () => {
    const ctx = candleContext(candles([...FILLER, [100, 110, 90, 105]]));
    expect(ctx.bodyAvg[12]).toBe(1);
    expect(ctx.rangeAvg[12]).toBe(2);
    expect(ctx.nearAvg[12]).toBe(2);
  });

  it('each pattern declares TA-Lib’s lookback and a direction', () => {
    const lookbacks = Object.fromEntries(CANDLE_PATTERNS.map((p) => [p.name, p.lookback]));
    expect(lookbacks).toEqual({
      CDLDOJI: 10,
      CDLHAMMER: 11,
      CDLHANGINGMAN: 11,
      CDLINVERTEDHAMMER: 11,
      CDLSHOOTINGSTAR: 11,
      CDLENGULFING: 2,
      CDLHARAMI: 11,
      CDLPIERCING: 11,
      CDLDARKCLOUDCOVER: 11,
      CDLMORNINGSTAR: 12,
      CDLEVENINGSTAR: 12,
      CDL3WHITESOLDIERS: 12,
      CDL3BLACKCROWS: 13,
    });
  });
});
