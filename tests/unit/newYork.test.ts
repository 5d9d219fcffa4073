import { describe, expect, it } from 'vitest';
import { isRegularHours, nyDayStart, nyOffsetSeconds } from '../../shared/time/newYork';
import { bucketEnd, bucketStart } from '../../shared/time/timeframes';

const utc = (iso: string) => Date.parse(iso) / 1000;

describe('New York clock', () => {
  it('switches to summer time on the second Sunday of March (2007+)', () => {
    expect(nyOffsetSeconds(utc('2024-03-10T06:59:59Z'))).toBe(-5 * 3600);
    expect(nyOffsetSeconds(utc('2024-03-10T07:00:00Z'))).toBe(-4 * 3600);
    expect(nyOffsetSeconds(utc('2024-11-03T05:59:59Z'))).toBe(-4 * 3600);
    expect(nyOffsetSeconds(utc('2024-11-03T06:00:00Z'))).toBe(-5 * 3600);
  });

  it('uses the 1987–2006 rule (first Sunday of April, last Sunday of October)', () => {
    expect(nyOffsetSeconds(utc('2005-04-03T06:59:00Z'))).toBe(-5 * 3600);
    expect(nyOffsetSeconds(utc('2005-04-03T07:00:00Z'))).toBe(-4 * 3600);
    expect(nyOffsetSeconds(utc('2005-10-30T05:59:00Z'))).toBe(-4 * 3600);
    expect(nyOffsetSeconds(utc('2005-10-30T06:00:00Z'))).toBe(-5 * 3600);
  });

  it('agrees with Intl for every hour of two years', () => {
    const fmt = new Intl.DateTimeFormat('en-US', {
      timeZone: 'America/New_York',
      hourCycle: 'h23',
      year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
    });
    for (let t = utc('2006-01-01T00:00:00Z'); t < utc('2008-01-01T00:00:00Z'); t += 3600) {
      const parts = Object.fromEntries(fmt.formatToParts(new Date(t * 1000)).map((p) => [p.type, p.value]));
      const local = Date.UTC(+parts.year!, +parts.month! - 1, +parts.day!, +parts.hour!, +parts.minute!) / 1000;
      expect(local - t).toBe(nyOffsetSeconds(t));
    }
  });

  it('finds local midnight on DST change days', () => {
    expect(nyDayStart(utc('2024-03-10T15:00:00Z'))).toBe(utc('2024-03-10T05:00:00Z'));
    expect(nyDayStart(utc('2024-11-03T15:00:00Z'))).toBe(utc('2024-11-03T04:00:00Z'));
  });

  it('tells regular hours in both seasons', () => {
    expect(isRegularHours(utc('2024-01-16T14:30:00Z'), 60)).toBe(true); // 09:30 EST
    expect(isRegularHours(utc('2024-01-16T14:29:00Z'), 60)).toBe(false);
    expect(isRegularHours(utc('2024-07-16T19:59:00Z'), 60)).toBe(true); // 15:59 EDT
    expect(isRegularHours(utc('2024-07-16T20:00:00Z'), 60)).toBe(false);
    expect(isRegularHours(utc('2024-07-13T15:00:00Z'), 60)).toBe(false); // Saturday
  });
});

describe('buckets', () => {
  it('aligns intraday buckets to the clock', () => {
    expect(bucketStart(utc('2024-01-16T14:33:00Z'), '5m')).toBe(utc('2024-01-16T14:30:00Z'));
    expect(bucketEnd(utc('2024-01-16T14:30:00Z'), '1h')).toBe(utc('2024-01-16T15:30:00Z'));
  });

  it('makes daily and 4h buckets on the New York calendar, 23 and 25 hours long on change days', () => {
    const spring = bucketStart(utc('2024-03-10T12:00:00Z'), '1d');
    expect(spring).toBe(utc('2024-03-10T05:00:00Z'));
    expect(bucketEnd(spring, '1d') - spring).toBe(23 * 3600);
    const autumn = bucketStart(utc('2024-11-03T12:00:00Z'), '1d');
    expect(bucketEnd(autumn, '1d') - autumn).toBe(25 * 3600);
    expect(bucketStart(utc('2024-01-16T14:33:00Z'), '4h')).toBe(utc('2024-01-16T13:00:00Z')); // 08:00 EST
    const first = bucketStart(utc('2024-03-10T06:30:00Z'), '4h'); // 01:30 EST, the short slot
    expect(first).toBe(utc('2024-03-10T05:00:00Z'));
    expect(bucketEnd(first, '4h')).toBe(utc('2024-03-10T08:00:00Z')); // 04:00 EDT
  });
});
