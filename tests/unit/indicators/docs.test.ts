import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { INDICATORS, indicatorClassNames } from '../../../shared/indicators/registry';
import { CANDLE_PATTERN_NAMES } from '../../../shared/indicators/cdl/patterns';

const doc = readFileSync(resolve(__dirname, '../../../docs/INDICATORS.md'), 'utf8');

/** The section of docs/INDICATORS.md about one class (from its heading to the next). */
function section(name: string): string {
  const start = doc.indexOf(`### ${name}\n`);
  if (start < 0) return '';
  const next = doc.indexOf('\n#', start + 4);
  return doc.slice(start, next < 0 ? undefined : next);
}

describe('docs/INDICATORS.md', () => {
  it.each(indicatorClassNames())('documents %s with every parameter, its bounds and default', (name) => {
    const text = section(name);
    expect(text, `no section for ${name}`).not.toBe('');
    for (const s of INDICATORS[name]!.params) {
      const row = text.split('\n').find((l) => l.startsWith(`| \`${s.name}\``));
      expect(row, `${name}.${s.name} missing from its table`).toBeDefined();
      if (s.min !== undefined) expect(row).toContain(`${s.min} – ${s.max}`);
      expect(row).toContain(`\`${JSON.stringify(s.default)}\``);
    }
  });

  it('documents every candlestick pattern', () => {
    for (const p of CANDLE_PATTERN_NAMES) expect(doc).toContain(`| \`${p}\` |`);
  });
});
