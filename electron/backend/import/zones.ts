import { MlfError } from '../../../shared/contract/errors';
import { nyLocalToUtc, nyOffsetSeconds } from '../../../shared/time/newYork';

const UTC_NAMES = new Set(['utc', 'etc/utc', 'gmt', 'etc/gmt', 'z', 'zulu', 'universal', 'etc/universal']);
const NEW_YORK = new Set(['america/new_york', 'us/eastern', 'est5edt']);

/** The canonical IANA name of a zone, or a BAD_INPUT error naming the bad value. */
export function checkZone(tz: string): string {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: tz }).resolvedOptions().timeZone;
  } catch {
    throw new MlfError('BAD_INPUT', `unknown time zone '${tz}'; use an IANA name such as UTC, America/New_York or Europe/Berlin`);
  }
}

/** UTC offset (seconds) of `zone` at UTC instant `utc`, through Intl. */
/** A formatter giving a zone's wall-clock fields, read by `intlOffset`. */
function wallClock(zone: string): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
}

function intlOffset(fmt: Intl.DateTimeFormat, utc: number): number {
  const p: Record<string, number> = {};
  for (const part of fmt.formatToParts(new Date(utc * 1000))) {
    if (part.type !== 'literal') p[part.type] = Number(part.value);
  }
  const local = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour! % 24, p.minute!, p.second!) / 1000;
  return local - utc;
}

/**
 * Wall-clock seconds in `tz` → UTC epoch seconds. UTC and New York take fast paths; any other
 * IANA zone goes through Intl once per local hour (offsets only change on hour boundaries in
 * practice), so a million-row import stays fast. Times skipped by a spring-forward change are read
 * with the new offset, repeated autumn times as their first occurrence (as `nyLocalToUtc` does).
 */
export function naiveToUtcFor(tz: string): (local: number) => number {
  const key = tz.trim().toLowerCase();
  if (UTC_NAMES.has(key)) return (l) => l;
  if (NEW_YORK.has(key)) return nyLocalToUtc;
  const zone = checkZone(tz);
  const fmt = wallClock(zone);
  const byHour = new Map<number, number>();
  return (local) => {
    const hour = Math.floor(local / 3600);
    let offset = byHour.get(hour);
    if (offset === undefined) {
      const start = hour * 3600;
      // Two candidate offsets: the one in force a day before and a day after this local hour.
      const before = intlOffset(fmt, start - 86400);
      const after = intlOffset(fmt, start + 86400);
      const fits = (off: number) => intlOffset(fmt, start - off) === off;
      // A repeated hour is read as its first occurrence; a skipped one with the new offset.
      offset = fits(before) ? before : after;
      byHour.set(hour, offset);
    }
    return local - offset;
  };
}

/**
 * UTC instant → the zone's UTC offset in seconds, for showing times on a zone's clock. UTC and
 * New York take fast paths; other zones ask Intl once per UTC hour.
 */
export function utcOffsetFor(tz: string): (utc: number) => number {
  const key = tz.trim().toLowerCase();
  if (UTC_NAMES.has(key)) return () => 0;
  if (NEW_YORK.has(key)) return nyOffsetSeconds;
  const zone = checkZone(tz);
  const fmt = wallClock(zone);
  const byHour = new Map<number, number>();
  return (utc) => {
    const hour = Math.floor(utc / 3600);
    let off = byHour.get(hour);
    if (off === undefined) {
      off = intlOffset(fmt, hour * 3600);
      byHour.set(hour, off);
    }
    return off;
  };
}
