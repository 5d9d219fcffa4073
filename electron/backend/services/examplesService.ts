import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ExampleConfig, exampleProcedures } from '../../../shared/contract/examples';
import { resourcePath } from '../sample/resources';
import type { Handlers } from '../router';

/**
 * Reads the bundled example configs from `resources/examples` (the packaged app's resources
 * folder, or the source tree). A file that is not valid JSON is left out rather than failing
 * the list: examples are a convenience, and `mlf backtest` reports such a file precisely.
 */
export function readExamples(dir = resourcePath('examples')): ExampleConfig[] {
  if (!dir) return [];
  const out: ExampleConfig[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const text = readFileSync(join(dir, file), 'utf8');
    let json: { test_name?: unknown; monitor?: { name?: unknown; description?: unknown }; objectives?: unknown };
    try {
      json = JSON.parse(text) as typeof json;
    } catch {
      continue;
    }
    const str = (v: unknown) => (typeof v === 'string' ? v : '');
    out.push({
      file,
      name: str(json.test_name) || str(json.monitor?.name) || file.replace(/\.json$/, ''),
      description: str(json.monitor?.description),
      purpose: Array.isArray(json.objectives) && json.objectives.length > 0 ? 'optimize' : 'backtest',
      text,
    });
  }
  return out;
}

export function exampleHandlers(): Pick<Handlers, keyof typeof exampleProcedures> {
  let cached: ExampleConfig[] | undefined;
  return { listExamples: () => (cached ??= readExamples()) };
}
