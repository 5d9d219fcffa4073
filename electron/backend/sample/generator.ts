import { allocateCandles, type Candles } from '../../../shared/domain/candles';
import { Prng } from '../../../shared/random/prng';
import { nyLocalToUtc } from '../../../shared/time/newYork';

export interface SampleOptions {
  /** Trading days (weekdays) to generate. Default 120. */
  days?: number;
  seed?: number;
  /** First calendar day (New York), `YYYY-MM-DD`. Default 2024-01-02, so the range spans the March DST change. */
  start?: string;
  /** Opening price of the first day. Default 100. */
  price?: number;
}

export const SAMPLE_DEFAULTS = { symbol: 'DEMO', days: 120, seed: 1, start: '2024-01-02', price: 100 } as const;

const DAY = 86400;
const SESSION_OPEN = 4 * 60; // 04:00 New York: pre-market opens
const RTH_OPEN = 9 * 60 + 30;
const RTH_CLOSE = 16 * 60;
const SESSION_CLOSE = 20 * 60; // after-hours end
export const SAMPLE_MINUTES_PER_DAY = SESSION_CLOSE - SESSION_OPEN;

/** Student-t with ν = 4 scaled to unit variance: fat tails like real minute returns. */
function studentT4(rng: Prng): number {
  let chi2 = 0;
  for (let k = 0; k < 4; k++) {
    const z = rng.normal();
    chi2 += z * z;
  }
  return (rng.normal() / Math.sqrt(chi2 / 4)) * Math.SQRT1_2; // t4 has variance 2
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/**
 * Realistic-looking 1-minute stock candles, the same for the same options on every machine:
 * pre-market, regular and after-hours sessions on the New York clock (DST-aware), a U-shaped
 * intraday profile of volatility and volume (busy open and close, quiet lunch, thin extended
 * hours), trending and ranging regimes that persist for days, volatility clustering, overnight
 * gaps (occasionally large, like earnings) and fat-tailed returns. Prices are in cents.
 */
export function generateSampleCandles(opts: SampleOptions = {}): Candles {
  const days = opts.days ?? SAMPLE_DEFAULTS.days;
  const rng = new Prng(opts.seed ?? SAMPLE_DEFAULTS.seed);
  const [y, m, d] = (opts.start ?? SAMPLE_DEFAULTS.start).split('-').map(Number) as [number, number, number];
  let dayNo = Math.floor(Date.UTC(y, m - 1, d) / 1000 / DAY);

  const out = allocateCandles(days * SAMPLE_MINUTES_PER_DAY);
  let k = 0;
  let price = opts.price ?? SAMPLE_DEFAULTS.price;
  let trending = true;
  let drift = 0.0006; // per regular session, in log terms
  let anchor = Math.log(price);
  let volState = 0; // log of the daily volatility multiplier (AR(1): clustering)
  const dailySigma = 0.016;

  for (let day = 0; day < days; dayNo++) {
    const weekday = (dayNo + 4) % 7;
    if (weekday === 0 || weekday === 6) continue;
    day++;

    // Regime and volatility for the day.
    if (rng.chance(0.12)) {
      trending = !trending;
      anchor = Math.log(price);
    }
    if (trending && rng.chance(0.25)) drift = (rng.chance(0.5) ? 1 : -1) * rng.uniform(0.002, 0.006);
    volState = 0.85 * volState + 0.25 * rng.normal();
    const dayVol = dailySigma * Math.exp(volState);
    const perMinute = dayVol / Math.sqrt(390);

    // Overnight gap, sometimes a big one.
    if (day > 1) {
      const big = rng.chance(0.04) ? rng.uniform(3, 6) : 1;
      price *= Math.exp(studentT4(rng) * 0.006 * big);
    }

    for (let minute = SESSION_OPEN; minute < SESSION_CLOSE; minute++) {
      const regular = minute >= RTH_OPEN && minute < RTH_CLOSE;
      let volMult: number;
      let volumeMult: number;
      if (regular) {
        const x = (minute - RTH_OPEN) / (RTH_CLOSE - RTH_OPEN); // 0 at the open, 1 at the close
        const u = (2 * x - 1) * (2 * x - 1);
        volMult = 0.55 + 1.4 * u + (x < 0.03 ? 1.2 : 0); // the opening minutes are wildest
        volumeMult = 0.45 + 2.2 * u + (x > 0.97 ? 2.5 : 0) + (x < 0.02 ? 3 : 0); // closing auction
      } else {
        volMult = 0.3;
        volumeMult = 0.04;
      }
      const sigma = perMinute * volMult;
      let mu = 0;
      if (regular) {
        mu = trending ? drift / 390 : -0.02 * (Math.log(price) - anchor);
      }
      const r = mu + sigma * studentT4(rng);
      const open = price;
      const close = open * Math.exp(r);
      const wick = () => Math.abs(rng.normal()) * sigma * 0.6 * open;
      const high = Math.max(open, close) + wick();
      const low = Math.min(open, close) - wick();
      const shock = Math.abs(r) / (sigma || 1);
      const volume = Math.round(6000 * volumeMult * (0.6 + 0.4 * shock) * Math.exp(0.35 * rng.normal()));

      const o = round2(open);
      const c = round2(close);
      out.ts[k] = nyLocalToUtc(dayNo * DAY + minute * 60);
      out.open[k] = o;
      out.close[k] = c;
      out.high[k] = Math.max(round2(high), o, c);
      out.low[k] = Math.min(round2(low), o, c);
      out.volume[k] = Math.max(0, volume);
      k++;
      price = close;
    }
  }
  return out;
}
