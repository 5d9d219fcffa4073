/**
 * Decimal numbers straight from bytes. Most CSV prices have ≤ 15 significant digits and ≤ 22
 * decimals; those are exact as integer ÷ power of ten (both exact doubles, one correctly rounded
 * division). Anything else (17-digit floats, exponents) goes through the engine's own parser, so
 * every value equals what `Number(text)` gives.
 */
const POW10 = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];
const MAX_EXACT = 9007199254740991;
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Bytes [start, end) as a string (ASCII / Latin-1). */
export function latin1(b: Uint8Array, start: number, end: number): string {
  let s = '';
  for (let i = start; i < end; i++) s += String.fromCharCode(b[i]!);
  return s;
}

/** The number in bytes [start, end) (surrounding spaces allowed), or NaN when it is not one. */
export function parseNumber(b: Uint8Array, start: number, end: number): number {
  while (start < end && b[start] === 32) start++;
  while (end > start && b[end - 1] === 32) end--;
  if (start === end) return NaN;
  let i = start;
  let neg = false;
  if (b[i] === 45) {
    neg = true;
    i++;
  } else if (b[i] === 43) i++;
  let mant = 0;
  let digits = 0;
  let frac = 0;
  while (i < end) {
    const d = b[i]! - 48;
    if (d < 0 || d > 9) break;
    mant = mant * 10 + d;
    digits++;
    i++;
  }
  if (i < end && b[i] === 46) {
    i++;
    while (i < end) {
      const d = b[i]! - 48;
      if (d < 0 || d > 9) break;
      mant = mant * 10 + d;
      digits++;
      frac++;
      i++;
    }
  }
  if (i === end && digits > 0 && mant <= MAX_EXACT && frac <= 22) {
    const v = frac === 0 ? mant : mant / POW10[frac]!;
    return neg ? -v : v;
  }
  const text = latin1(b, start, end);
  return DECIMAL.test(text) ? Number(text) : NaN;
}
