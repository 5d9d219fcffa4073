import { nyOffsetSeconds } from '../../../shared/time/newYork';
import type { DisplayZone } from '../stores/settings';

/** Offset in seconds to add to a UTC instant to read the wall clock of `zone`. */
export function zoneOffset(zone: DisplayZone): (ts: number) => number {
  if (zone === 'UTC') return () => 0;
  if (zone === 'America/New_York') return nyOffsetSeconds;
  return (ts) => -new Date(ts * 1000).getTimezoneOffset() * 60;
}

/**
 * Chart times for candles: lightweight-charts draws times as UTC, so each instant is shifted to
 * the display zone's wall clock. Offsets change at most twice a year, so the zone is asked once
 * per hour of data; a repeated autumn hour is squeezed to keep times strictly increasing.
 */
export function displayTimes(ts: Float64Array, zone: DisplayZone): Float64Array {
  const out = new Float64Array(ts.length);
  if (zone === 'UTC') {
    out.set(ts);
    return out;
  }
  const offset = zoneOffset(zone);
  let hour = NaN;
  let off = 0;
  let prev = -Infinity;
  for (let i = 0; i < ts.length; i++) {
    const t = ts[i]!;
    const h = Math.floor(t / 3600);
    if (h !== hour) {
      hour = h;
      off = offset(t);
    }
    let d = t + off;
    if (d <= prev) d = prev + 1;
    out[i] = d;
    prev = d;
  }
  return out;
}

const pad = (n: number) => (n < 10 ? `0${n}` : String(n));

/** `2024-03-08 14:35` on the display zone's clock (seconds shown only when not whole minutes). */
export function formatTime(ts: number, zone: DisplayZone): string {
  if (!Number.isFinite(ts)) return '—';
  const d = new Date((ts + zoneOffset(zone)(ts)) * 1000);
  const s = d.getUTCSeconds();
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}${s ? `:${pad(s)}` : ''}`;
}

export function formatDate(ts: number, zone: DisplayZone): string {
  return formatTime(ts, zone).slice(0, 10);
}

export function zoneLabel(zone: DisplayZone): string {
  return zone === 'America/New_York' ? 'New York' : zone === 'UTC' ? 'UTC' : 'local';
}
