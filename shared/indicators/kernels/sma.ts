/** Simple moving average; NaN until `period` values are in. Running sum: O(n). */
export function sma(src: Float64Array, period: number, out = new Float64Array(src.length)): Float64Array {
  const n = src.length;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    sum += src[i]!;
    if (i >= period) sum -= src[i - period]!;
    out[i] = i >= period - 1 ? sum / period : NaN;
  }
  return out;
}
