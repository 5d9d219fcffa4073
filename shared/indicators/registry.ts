import type { IndicatorDefinition } from './types';
import { SMAIndicator } from './classes/sma';
import { SMACrossoverIndicator } from './classes/smaCrossover';
import { MACDHistogramCrossoverIndicator } from './classes/macdHistogramCrossover';
import { RSIIndicator } from './classes/rsi';
import { BollingerBandsLowerBandBounceIndicator } from './classes/bollingerBounce';
import { SupportResistanceIndicator } from './classes/supportResistance';
import { CDLPatternIndicator } from './classes/cdlPattern';
import { ADXTrendIndicator } from './classes/adxTrend';
import { EMASlopeTrendIndicator } from './classes/emaSlopeTrend';
import { SuperTrendIndicator } from './classes/superTrend';
import { AROONTrendIndicator } from './classes/aroonTrend';

/** Every indicator class by the original system's class name. */
export const INDICATORS: Readonly<Record<string, IndicatorDefinition>> = Object.fromEntries(
  [
    SMAIndicator,
    SMACrossoverIndicator,
    MACDHistogramCrossoverIndicator,
    RSIIndicator,
    BollingerBandsLowerBandBounceIndicator,
    SupportResistanceIndicator,
    CDLPatternIndicator,
    ADXTrendIndicator,
    EMASlopeTrendIndicator,
    SuperTrendIndicator,
    AROONTrendIndicator,
  ].map((d) => [d.className, d]),
);

export function indicatorClassNames(): string[] {
  return Object.keys(INDICATORS).sort();
}
