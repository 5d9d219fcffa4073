import { describe, expect, it } from 'vitest';
import { parseConfigFile } from '../../../shared/config/parse';
import { parseJsonWithPositions, JsonSyntaxError } from '../../../shared/config/jsonText';
import { MlfError } from '../../../shared/contract/errors';

function failure(text: string): MlfError {
  try {
    parseConfigFile(text, 'cfg.json');
  } catch (err) {
    if (err instanceof MlfError) return err;
    throw err;
  }
  throw new Error('accepted');
}

const GOOD = `{
  "test_name": "t",
  "monitor": {
    "name": "m",
    "trade_executor": {"default_position_size": 100},
    "bars": {"bull": {"type": "bull", "indicators": {"up": 1}}},
    "enter_long": [{"name": "bull", "threshold": 1, "threshold_range": null}],
    "exit_long": []
  },
  "indicators": [
    {"name": "up", "type": "Indicator", "indicator_class": "SMACrossoverIndicator", "agg_config": "1m-normal",
     "calc_on_pip": false, "parameters": {"period": 20, "trend": "bullish", "lookback": 1}, "ranges": {}}
  ]
}`;

describe('parseConfigFile', () => {
  it('parses and validates a good file', () => {
    const c = parseConfigFile(GOOD, 'cfg.json');
    expect(c.indicators[0]!.parameters.period).toBe(20);
  });

  it.each([
    ['a trailing comma', GOOD.replace('"exit_long": []', '"exit_long": [],'), 'trailing comma before "}" at line 9, column 3', 9],
    ['a missing comma', GOOD.replace('"name": "m",', '"name": "m"'), 'unexpected """; expected "," or "}" at line 5, column 5', 5],
    ['single quotes', GOOD.replace('"t"', "'t'"), 'strings must use double quotes at line 2, column 16', 2],
    ['an unterminated string', GOOD.replace('"m",', '"m,'), 'unterminated string (line break or control character inside quotes) at line 4, column 13', 4],
    ['an empty file', '  \n', 'the file is empty; expected a JSON object at line 2, column 1', 2],
    ['text after the object', `${GOOD}\n}`, 'unexpected "}" after the end of the JSON value at line 15, column 1', 15],
  ])('reports %s with line and column', (_kind, text, message, line) => {
    const e = failure(text);
    expect(e.code).toBe('BAD_INPUT');
    expect(e.issues).toEqual([{ path: '', message: `invalid JSON: ${message}`, line }]);
    expect(e.message).toMatch(/^cfg\.json: invalid JSON at line \d+, column \d+$/);
  });

  it('gives validation issues the line of their path (or of the nearest enclosing value)', () => {
    const e = failure(GOOD.replace('"period": 20', '"period": 99').replace('"default_position_size": 100', '"default_position_size": -1'));
    expect(e.issues).toEqual([
      { path: 'indicators[0].parameters.period', message: 'must be an integer from 2 to 30, got 99', line: 12 },
      { path: 'monitor.trade_executor.default_position_size', message: 'must be a number > 0 (shares), got -1', line: 5 },
    ]);
    const missing = failure(GOOD.replace('"agg_config": "1m-normal",', ''));
    expect(missing.issues[0]).toMatchObject({ path: 'indicators[0].agg_config', line: 11 });
  });

  it('parses exactly what JSON.parse parses', () => {
    const samples = ['{"a":[1,-2.5e3,true,false,null,"x\\u00e9\\n"],"b":{}}', '[]', '"s"', '0', '\ufeff{"bom":1}'];
    for (const s of samples) expect(parseJsonWithPositions(s).value).toEqual(JSON.parse(s.replace(/^\ufeff/, '')));
    for (const bad of ['{"a":01}', '[1,]', '{"a" 1}', 'tru', '{"a":"\\x"}', '[1 2]']) {
      expect(() => JSON.parse(bad)).toThrow();
      expect(() => parseJsonWithPositions(bad)).toThrow(JsonSyntaxError);
    }
  });
});
