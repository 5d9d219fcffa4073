/** Index of the first non-NaN value (`length` when there is none). */
export function firstFinite(src: Float64Array): number {
  let i = 0;
  while (i < src.length && Number.isNaN(src[i]!)) i++;
  return i;
}

/** A fresh output column, or the caller's (which must be long enough). */
export function column(n: number, out?: Float64Array): Float64Array {
  if (!out) return new Float64Array(n);
  if (out.length < n) throw new RangeError(`output column too short: ${out.length} < ${n}`);
  return out;
}
