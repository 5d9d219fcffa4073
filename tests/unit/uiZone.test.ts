import { describe, expect, it } from 'vitest';
import { displayTimes, formatTime } from '../../renderer/src/lib/zone';
import { ticks } from '../../renderer/src/lib/ticks';
import { geneLabel } from '../../renderer/src/lib/genes';

describe('display time zone for charts', () => {
  it('shifts to the New York wall clock across both DST changes and keeps times strictly increasing', () => {
    // 2024-03-10 (spring forward) and 2024-11-03 (fall back): one-minute candles through both.
    const starts = [Date.UTC(2024, 2, 10, 5, 0) / 1000, Date.UTC(2024, 10, 3, 4, 0) / 1000];
    for (const t0 of starts) {
      const ts = Float64Array.from({ length: 240 }, (_, i) => t0 + i * 60);
      const shown = displayTimes(ts, 'America/New_York');
      for (let i = 1; i < shown.length; i++) expect(shown[i]!).toBeGreaterThan(shown[i - 1]!);
    }
    // 14:30 UTC in January is 09:30 in New York, in July 10:30.
    const jan = Date.UTC(2024, 0, 3, 14, 30) / 1000;
    const jul = Date.UTC(2024, 6, 3, 14, 30) / 1000;
    expect(displayTimes(Float64Array.of(jan), 'America/New_York')[0]).toBe(jan - 5 * 3600);
    expect(displayTimes(Float64Array.of(jul), 'America/New_York')[0]).toBe(jul - 4 * 3600);
    expect(displayTimes(Float64Array.of(jul), 'UTC')[0]).toBe(jul);
    expect(formatTime(jan, 'America/New_York')).toBe('2024-01-03 09:30');
    expect(formatTime(jul, 'UTC')).toBe('2024-07-03 14:30');
  });
});

describe('plot helpers', () => {
  it('picks round ticks inside the range', () => {
    expect(ticks(0, 1, 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(ticks(3, 97, 4)).toEqual([25, 50, 75]);
    for (const v of ticks(-0.013, 0.042, 5)) expect(v >= -0.013 && v <= 0.042).toBe(true);
  });

  it('shortens gene keys', () => {
    expect(geneLabel('indicators[sma_up].parameters.period')).toBe('sma_up.period');
    expect(geneLabel('monitor.bars[bull].indicators.macd1m')).toBe('bull w(macd1m)');
    expect(geneLabel('monitor.enter_long[0].threshold')).toBe('enter #1 ≥');
  });
});

describe('tick labels', () => {
  it('use the fewest decimals that keep ticks apart', async () => {
    const { tickLabels } = await import('../../renderer/src/lib/ticks');
    expect(tickLabels([0.0095, 0.01, 0.0105])).toEqual(['0.0095', '0.0100', '0.0105']);
    expect(tickLabels([0, 25, 50])).toEqual(['0', '25', '50']);
    expect(tickLabels([-0.5, 0, 0.5])).toEqual(['\u22120.5', '0.0', '0.5']);
  });
});
