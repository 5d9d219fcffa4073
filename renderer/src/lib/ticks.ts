/** Round tick values covering [lo, hi], about `count` of them. */
export function ticks(lo: number, hi: number, count = 5): number[] {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [];
  if (lo === hi) return [lo];
  const raw = (hi - lo) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? raw;
  const out: number[] = [];
  // Multiples of the step, rounded, so labels read 0.6 rather than 0.6000000000000001.
  for (let k = Math.ceil(lo / step - 1e-9); k * step <= hi + step * 1e-9; k++) out.push(Number((k * step).toPrecision(12)) || 0);
  return out;
}

/** Tick labels with the fewest decimals that still tell every tick apart. */
export function tickLabels(values: readonly number[]): string[] {
  for (let d = 0; d <= 8; d++) {
    const labels = values.map((v) => v.toFixed(d));
    if (new Set(labels).size === labels.length && values.every((v, i) => Math.abs(Number(labels[i]) - v) < 1e-9 * Math.max(1, Math.abs(v)))) {
      return labels.map((l) => (l.startsWith('-') ? `\u2212${l.slice(1)}` : l));
    }
  }
  return values.map((v) => String(v));
}
