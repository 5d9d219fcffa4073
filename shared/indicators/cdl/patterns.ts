import { CANDLE_SETTINGS as S, type CandleContext } from './context';

/**
 * One TA-Lib candlestick pattern. `at` returns TA-Lib's sign for candle i (the pattern's last
 * candle): +1 bullish, −1 bearish, 0 none; it reads candles i − lookback .. i only and is called
 * only for i ≥ lookback (TA-Lib's own lookback for the pattern, so the averages it uses exist).
 */
export interface CandlePattern {
  name: string;
  title: string;
  /** `both`: a neutral pattern (TA-Lib reports it as +100) that counts for either direction. */
  direction: 'bullish' | 'bearish' | 'either' | 'both';
  lookback: number;
  at(x: CandleContext, i: number): number;
}

const white = (x: CandleContext, i: number) => x.close[i]! >= x.open[i]!; // TA-Lib: close ≥ open is white
const top = (x: CandleContext, i: number) => Math.max(x.open[i]!, x.close[i]!);
const bottom = (x: CandleContext, i: number) => Math.min(x.open[i]!, x.close[i]!);
const isLong = (x: CandleContext, i: number) => x.body[i]! > x.bodyAvg[i]!;
const shortBody = (x: CandleContext, i: number) => x.body[i]! < x.bodyAvg[i]!;
const veryShortShadow = (x: CandleContext, i: number) => S.shadowVeryShort * x.rangeAvg[i]!;
const near = (x: CandleContext, i: number) => S.near * x.nearAvg[i]!;
const far = (x: CandleContext, i: number) => S.far * x.nearAvg[i]!;

/** Small body, lower shadow longer than the body, almost no upper shadow. */
const hammerShape = (x: CandleContext, i: number) =>
  shortBody(x, i) && x.lowerShadow[i]! > x.body[i]! && x.upperShadow[i]! < veryShortShadow(x, i);

/** Small body, upper shadow longer than the body, almost no lower shadow. */
const invertedShape = (x: CandleContext, i: number) =>
  shortBody(x, i) && x.upperShadow[i]! > x.body[i]! && x.lowerShadow[i]! < veryShortShadow(x, i);

const PENETRATION_PIERCING = 0.5;
const PENETRATION_STAR = 0.3;

export const CANDLE_PATTERNS: readonly CandlePattern[] = [
  {
    name: 'CDLDOJI',
    title: 'Doji',
    direction: 'both',
    lookback: 10,
    at: (x, i) => (x.body[i]! <= S.bodyDoji * x.rangeAvg[i]! ? 1 : 0),
  },
  {
    name: 'CDLHAMMER',
    title: 'Hammer',
    direction: 'bullish',
    lookback: 11,
    at: (x, i) => (hammerShape(x, i) && bottom(x, i) <= x.low[i - 1]! + near(x, i - 1) ? 1 : 0),
  },
  {
    name: 'CDLHANGINGMAN',
    title: 'Hanging Man',
    direction: 'bearish',
    lookback: 11,
    at: (x, i) => (hammerShape(x, i) && bottom(x, i) >= x.high[i - 1]! - near(x, i - 1) ? -1 : 0),
  },
  {
    name: 'CDLINVERTEDHAMMER',
    title: 'Inverted Hammer',
    direction: 'bullish',
    lookback: 11,
    at: (x, i) => (invertedShape(x, i) && top(x, i) < bottom(x, i - 1) ? 1 : 0),
  },
  {
    name: 'CDLSHOOTINGSTAR',
    title: 'Shooting Star',
    direction: 'bearish',
    lookback: 11,
    at: (x, i) => (invertedShape(x, i) && bottom(x, i) > top(x, i - 1) ? -1 : 0),
  },
  {
    name: 'CDLENGULFING',
    title: 'Engulfing',
    direction: 'either',
    lookback: 2,
    at: (x, i) => {
      const o = x.open[i]!;
      const c = x.close[i]!;
      const po = x.open[i - 1]!;
      const pc = x.close[i - 1]!;
      // The body covers the previous one, matching it on at most one end.
      if (white(x, i) && !white(x, i - 1) && ((c >= po && o < pc) || (c > po && o <= pc))) return 1;
      if (!white(x, i) && white(x, i - 1) && ((o >= pc && c < po) || (o > pc && c <= po))) return -1;
      return 0;
    },
  },
  {
    name: 'CDLHARAMI',
    title: 'Harami',
    direction: 'either',
    lookback: 11,
    at: (x, i) => {
      if (!isLong(x, i - 1) || !(x.body[i]! <= x.bodyAvg[i]!)) return 0;
      if (top(x, i) <= top(x, i - 1) && bottom(x, i) >= bottom(x, i - 1)) return white(x, i - 1) ? -1 : 1;
      return 0;
    },
  },
  {
    name: 'CDLPIERCING',
    title: 'Piercing Line',
    direction: 'bullish',
    lookback: 11,
    at: (x, i) =>
      !white(x, i - 1) &&
      isLong(x, i - 1) &&
      white(x, i) &&
      isLong(x, i) &&
      x.open[i]! < x.low[i - 1]! &&
      x.close[i]! < x.open[i - 1]! &&
      x.close[i]! > x.close[i - 1]! + x.body[i - 1]! * PENETRATION_PIERCING
        ? 1
        : 0,
  },
  {
    name: 'CDLDARKCLOUDCOVER',
    title: 'Dark Cloud Cover',
    direction: 'bearish',
    lookback: 11,
    at: (x, i) =>
      white(x, i - 1) &&
      isLong(x, i - 1) &&
      !white(x, i) &&
      x.open[i]! > x.high[i - 1]! &&
      x.close[i]! > x.open[i - 1]! &&
      x.close[i]! < x.close[i - 1]! - x.body[i - 1]! * PENETRATION_PIERCING
        ? -1
        : 0,
  },
  {
    name: 'CDLMORNINGSTAR',
    title: 'Morning Star',
    direction: 'bullish',
    lookback: 12,
    at: (x, i) =>
      !white(x, i - 2) &&
      isLong(x, i - 2) &&
      x.body[i - 1]! <= x.bodyAvg[i - 1]! &&
      top(x, i - 1) < bottom(x, i - 2) &&
      white(x, i) &&
      x.body[i]! > x.bodyAvg[i]! &&
      x.close[i]! > x.close[i - 2]! + x.body[i - 2]! * PENETRATION_STAR
        ? 1
        : 0,
  },
  {
    name: 'CDLEVENINGSTAR',
    title: 'Evening Star',
    direction: 'bearish',
    lookback: 12,
    at: (x, i) =>
      white(x, i - 2) &&
      isLong(x, i - 2) &&
      x.body[i - 1]! <= x.bodyAvg[i - 1]! &&
      bottom(x, i - 1) > top(x, i - 2) &&
      !white(x, i) &&
      x.body[i]! > x.bodyAvg[i]! &&
      x.close[i]! < x.close[i - 2]! - x.body[i - 2]! * PENETRATION_STAR
        ? -1
        : 0,
  },
  {
    name: 'CDL3WHITESOLDIERS',
    title: 'Three Advancing White Soldiers',
    direction: 'bullish',
    lookback: 12,
    at: (x, i) => {
      for (let k = i - 2; k <= i; k++) {
        if (!white(x, k) || !(x.upperShadow[k]! < veryShortShadow(x, k))) return 0;
      }
      const { open: o, close: c, body: b } = x;
      return c[i]! > c[i - 1]! &&
        c[i - 1]! > c[i - 2]! &&
        o[i - 1]! > o[i - 2]! &&
        o[i - 1]! <= c[i - 2]! + near(x, i - 2) &&
        o[i]! > o[i - 1]! &&
        o[i]! <= c[i - 1]! + near(x, i - 1) &&
        b[i - 1]! > b[i - 2]! - far(x, i - 2) &&
        b[i]! > b[i - 1]! - far(x, i - 1) &&
        b[i]! > x.bodyAvg[i]!
        ? 1
        : 0;
    },
  },
  {
    name: 'CDL3BLACKCROWS',
    title: 'Three Black Crows',
    direction: 'bearish',
    lookback: 13,
    at: (x, i) => {
      if (!white(x, i - 3)) return 0;
      for (let k = i - 2; k <= i; k++) {
        if (white(x, k) || !(x.lowerShadow[k]! < veryShortShadow(x, k))) return 0;
      }
      const { open: o, close: c } = x;
      return o[i - 1]! < o[i - 2]! &&
        o[i - 1]! > c[i - 2]! &&
        o[i]! < o[i - 1]! &&
        o[i]! > c[i - 1]! &&
        x.high[i - 3]! > c[i - 2]! &&
        c[i - 2]! > c[i - 1]! &&
        c[i - 1]! > c[i]!
        ? -1
        : 0;
    },
  },
];

export const CANDLE_PATTERN_NAMES: readonly string[] = CANDLE_PATTERNS.map((p) => p.name);

const BY_NAME = new Map(CANDLE_PATTERNS.map((p) => [p.name, p]));

export function candlePattern(name: string): CandlePattern | undefined {
  return BY_NAME.get(name);
}

/**
 * Sets out[i] = 1 where `pattern` fires in the wanted direction (neutral patterns count for
 * both); leaves other entries as they are, so several patterns can be OR-ed into one column.
 */
export function scanPattern(x: CandleContext, pattern: CandlePattern, bullish: boolean, out: Float64Array): void {
  if (pattern.direction === (bullish ? 'bearish' : 'bullish')) return;
  for (let i = pattern.lookback; i < x.n; i++) {
    const s = pattern.at(x, i);
    if (s !== 0 && (pattern.direction === 'both' || s > 0 === bullish)) out[i] = 1;
  }
}
