import { MlfError, type MlfIssue } from '../contract/errors';
import { JsonSyntaxError, locate, parseJsonWithPositions } from './jsonText';
import type { StrategyConfig } from './types';
import { validateStrategyConfig, type ValidateOptions } from './validate';

/**
 * Reads a config file's text: JSON syntax errors become one issue with line and column; every
 * validation issue gets the line of its JSON path (or of the nearest enclosing value).
 */
export function parseConfigFile(text: string, source: string, opts: Omit<ValidateOptions, 'source'> = {}): StrategyConfig {
  let located;
  try {
    located = parseJsonWithPositions(text);
  } catch (err) {
    if (err instanceof JsonSyntaxError) {
      const issue: MlfIssue = { path: '', message: `invalid JSON: ${err.message}`, line: err.line };
      throw new MlfError('BAD_INPUT', `${source}: invalid JSON at line ${err.line}, column ${err.column}`, [issue]);
    }
    throw err;
  }
  try {
    return validateStrategyConfig(located.value, { ...opts, source });
  } catch (err) {
    if (err instanceof MlfError) {
      const issues = err.issues.map((i) => {
        const at = locate(located.positions, i.path);
        return at ? { ...i, line: at.line } : i;
      });
      throw new MlfError(err.code, err.message, issues);
    }
    throw err;
  }
}
