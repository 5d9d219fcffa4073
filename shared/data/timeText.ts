import { newDateTimeResult, parseDateTime } from './csv/dates';

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/**
 * ISO 8601 text of a UTC epoch-seconds instant shown at a UTC offset (seconds):
 * `2024-01-02T14:30:00Z` at offset 0, `2024-01-02T09:30:00-05:00` at −18000.
 */
export function isoTime(ts: number, offsetSeconds = 0): string {
  const d = new Date((ts + offsetSeconds) * 1000);
  const date = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  if (offsetSeconds === 0) return `${date}T${time}Z`;
  const a = Math.abs(offsetSeconds);
  return `${date}T${time}${offsetSeconds < 0 ? '-' : '+'}${pad(Math.floor(a / 3600))}:${pad(Math.floor((a % 3600) / 60))}`;
}

/**
 * A user-typed instant (`2024-01-02`, `2024-01-02T09:30`, `2024-01-02 09:30:00-05:00`, epoch
 * seconds or milliseconds) → UTC epoch seconds; times without a zone go through `naiveToUtc`.
 * Returns null when the text is none of these.
 */
export function parseInstant(text: string, naiveToUtc: (local: number) => number = (l) => l): number | null {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 127) return null;
    bytes[i] = c;
  }
  const r = newDateTimeResult();
  if (!parseDateTime(bytes, 0, bytes.length, r)) return null;
  if (r.epoch) return r.local;
  return Number.isNaN(r.offset) ? naiveToUtc(r.local) : r.local - r.offset;
}
