/**
 * Date-time fields straight from bytes, without Date objects. Results land in `DateTimeResult`
 * (reused, no allocation per row). "local" is the wall clock as written, in seconds since
 * 1970-01-01 00:00 on that clock; `offset` is the written UTC offset in seconds, or NaN when the
 * text carries no zone (naive) — epoch numbers are UTC (offset 0).
 */
export interface DateTimeResult {
  local: number;
  offset: number;
  hasTime: boolean;
  /** Set when the text was an epoch number (seconds or milliseconds etc.). */
  epoch: boolean;
}

export function newDateTimeResult(): DateTimeResult {
  return { local: 0, offset: NaN, hasTime: false, epoch: false };
}

/** Days since 1970-01-01 of a proleptic Gregorian date (Hinnant's days_from_civil). */
export function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

const isDigit = (c: number | undefined) => c !== undefined && c >= 48 && c <= 57;

function digitsAt(b: Uint8Array, i: number, n: number, end: number): number {
  if (i + n > end) return -1;
  let v = 0;
  for (let k = 0; k < n; k++) {
    const d = b[i + k]! - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

/**
 * `HH:MM[:SS[.fff]]` at b[i..end); returns seconds of day and sets `timeEnd`, or -1.
 * Fractions of a second are dropped (candle times are whole seconds).
 */
export let timeEnd = 0;
export function parseTimeOfDay(b: Uint8Array, i: number, end: number): number {
  let h: number;
  if (isDigit(b[i]) && b[i + 1] === 58) {
    h = b[i]! - 48; // single-digit hour, e.g. 9:30
    i += 1;
  } else {
    h = digitsAt(b, i, 2, end);
    i += 2;
  }
  if (h < 0 || h > 23 || b[i] !== 58) return -1;
  const mi = digitsAt(b, i + 1, 2, end);
  if (mi < 0 || mi > 59) return -1;
  i += 3;
  let s = 0;
  if (i < end && b[i] === 58) {
    s = digitsAt(b, i + 1, 2, end);
    if (s < 0 || s > 59) return -1;
    i += 3;
    if (i < end && b[i] === 46) {
      i++;
      if (!isDigit(b[i])) return -1;
      while (i < end && isDigit(b[i])) i++;
    }
  }
  timeEnd = i;
  return h * 3600 + mi * 60 + s;
}

/** A zone suffix at b[i..end): Z, UTC, GMT, ±HH, ±HHMM or ±HH:MM. Returns the offset in seconds or NaN. */
function parseZone(b: Uint8Array, i: number, end: number): number {
  while (i < end && b[i] === 32) i++;
  if (i === end) return NaN;
  const c = b[i]!;
  if ((c === 90 || c === 122) && i + 1 === end) return 0; // Z / z
  if (end - i === 3) {
    const t = String.fromCharCode(b[i]!, b[i + 1]!, b[i + 2]!).toUpperCase();
    if (t === 'UTC' || t === 'GMT') return 0;
  }
  if (c !== 43 && c !== 45) return -Infinity; // something unparsable
  const sign = c === 45 ? -1 : 1;
  const h = digitsAt(b, i + 1, 2, end);
  if (h < 0 || h > 18) return -Infinity;
  let j = i + 3;
  let m = 0;
  if (j < end) {
    if (b[j] === 58) j++;
    m = digitsAt(b, j, 2, end);
    if (m < 0 || m > 59 || j + 2 !== end) return -Infinity;
  }
  return sign * (h * 3600 + m * 60);
}

/**
 * A date, date-time or epoch number at bytes [start, end). Dates: `YYYY-MM-DD`, `YYYY.MM.DD`,
 * `YYYY/MM/DD`; then optionally `T` or a space and a time; then optionally a zone. Epoch
 * numbers: seconds, milliseconds, microseconds or nanoseconds, told apart by magnitude.
 * Returns false when the text is none of these.
 */
export function parseDateTime(b: Uint8Array, start: number, end: number, out: DateTimeResult): boolean {
  while (start < end && b[start] === 32) start++;
  while (end > start && b[end - 1] === 32) end--;
  if (start === end) return false;
  const y = digitsAt(b, start, 4, end);
  const sep = b[start + 4];
  if (y >= 0 && (sep === 45 || sep === 46 || sep === 47)) {
    const mo = digitsAt(b, start + 5, 2, end);
    const d = digitsAt(b, start + 8, 2, end);
    if (b[start + 7] !== sep || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return false;
    let local = daysFromCivil(y, mo, d) * 86400;
    let i = start + 10;
    out.hasTime = false;
    out.epoch = false;
    out.offset = NaN;
    if (i < end && (b[i] === 84 || b[i] === 32 || b[i] === 116)) {
      let j = i + 1;
      while (j < end && b[j] === 32) j++;
      const tod = parseTimeOfDay(b, j, end);
      if (tod < 0) return false;
      local += tod;
      out.hasTime = true;
      i = timeEnd;
    }
    if (i < end) {
      const off = parseZone(b, i, end);
      if (!Number.isFinite(off)) return false;
      out.offset = off;
    }
    out.local = local;
    return true;
  }
  // Epoch number: digits with an optional fraction.
  let i = start;
  let v = 0;
  let n = 0;
  while (i < end && isDigit(b[i])) {
    v = v * 10 + (b[i]! - 48);
    i++;
    n++;
  }
  if (n === 0) return false;
  let frac = 0;
  if (i < end && b[i] === 46) {
    i++;
    let scale = 0.1;
    while (i < end && isDigit(b[i])) {
      frac += (b[i]! - 48) * scale;
      scale /= 10;
      i++;
    }
  }
  if (i !== end || n < 9) return false; // fewer than 9 digits is not a plausible epoch time
  let seconds: number;
  if (v < 1e11) seconds = v + frac;
  else if (v < 1e14) seconds = v / 1e3;
  else if (v < 1e17) seconds = v / 1e6;
  else seconds = v / 1e9;
  out.local = Math.floor(seconds);
  out.offset = 0;
  out.hasTime = true;
  out.epoch = true;
  return true;
}
