/** Short labels for GA gene keys (`indicators[sma].parameters.period` → `sma.period`). */
export function geneLabel(key: string): string {
  let m = /^indicators\[(.+)\]\.parameters\.(.+)$/.exec(key);
  if (m) return `${m[1]}.${m[2]}`;
  m = /^monitor\.bars\[(.+)\]\.indicators\.(.+)$/.exec(key);
  if (m) return `${m[1]} w(${m[2]})`;
  m = /^monitor\.bars\[(.+)\]\.trend_indicators\.(.+)\.weight$/.exec(key);
  if (m) return `${m[1]} trend w(${m[2]})`;
  m = /^monitor\.bars\[(.+)\]\.trend_threshold$/.exec(key);
  if (m) return `${m[1]} trend ≥`;
  m = /^monitor\.(enter|exit)_long\[(\d+)\]\.threshold$/.exec(key);
  if (m) return `${m[1]} #${Number(m[2]) + 1} ≥`;
  return key;
}
