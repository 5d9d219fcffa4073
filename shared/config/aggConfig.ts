import type { CandleKind } from '../domain/candles';
import { isTimeframe, TIMEFRAMES, timeframeRank, type Timeframe } from '../time/timeframes';
import type { AggConfig, IndicatorConfig } from './types';

/** Spellings of the candle kind found in `agg_config` strings, mapped to ours. */
const KINDS: Readonly<Record<string, CandleKind>> = {
  normal: 'normal',
  heiken: 'heiken',
  heikin: 'heiken',
  heikinashi: 'heiken',
  heikenashi: 'heiken',
};

/** `"5m-normal"` → `{timeframe: '5m', kind: 'normal'}`; null when it is not one. */
export function parseAggConfig(text: string): AggConfig | null {
  const m = /^\s*([0-9]+[mhd])\s*-\s*([a-z_]+)\s*$/i.exec(text);
  if (!m) return null;
  const tf = m[1]!.toLowerCase();
  const kind = KINDS[m[2]!.toLowerCase().replace(/[-_]/g, '')];
  if (!isTimeframe(tf) || !kind) return null;
  return { timeframe: tf, kind };
}

export function formatAggConfig(a: AggConfig): string {
  return `${a.timeframe}-${a.kind}`;
}

export const AGG_CONFIG_HELP = `"<timeframe>-<kind>" with timeframe one of ${TIMEFRAMES.join(', ')} and kind normal or heiken (e.g. "5m-normal", "1m-heiken")`;

/**
 * The primary timeframe of a config: its finest `agg_config`. The pipeline and executor run once
 * per candle of it, whatever the stored data's timeframe.
 */
export function primaryTimeframe(indicators: readonly Pick<IndicatorConfig, 'agg_config'>[]): Timeframe {
  let best: Timeframe | null = null;
  for (const ind of indicators) {
    const a = parseAggConfig(ind.agg_config);
    if (a && (best === null || timeframeRank(a.timeframe) < timeframeRank(best))) best = a.timeframe;
  }
  if (best === null) throw new Error('a config needs at least one indicator with a valid agg_config');
  return best;
}
