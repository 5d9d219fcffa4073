import { describe, expect, it } from 'vitest';
import { validateStrategyConfig } from '../../../shared/config/validate';
import { MlfError } from '../../../shared/contract/errors';
import { GA_DEFAULTS } from '../../../shared/config/defaults';

/** A valid config in the original's format; each mistake below edits a fresh copy. */
function base(): any {
  return {
    test_name: 'cross',
    monitor: {
      name: 'm',
      description: 'close crosses SMA',
      trade_executor: { default_position_size: 100, stop_loss_pct: 0.02, take_profit_pct: 0.04 },
      bars: {
        bull: { type: 'bull', indicators: { up: 1 }, weight_ranges: { up: { t: 'float', r: [0.5, 1] } } },
        bear: { type: 'bear', indicators: { down: 1 } },
      },
      enter_long: [{ name: 'bull', threshold: 0.8, threshold_range: [0.5, 1] }],
      exit_long: [{ name: 'bear', threshold: 1, threshold_range: null }],
    },
    indicators: [
      {
        name: 'up',
        type: 'Indicator',
        indicator_class: 'SMACrossoverIndicator',
        agg_config: '1m-normal',
        calc_on_pip: false,
        parameters: { period: 20, crossover_value: 0, trend: 'bullish', lookback: 3 },
        ranges: { period: { t: 'int', r: [5, 30] }, trend: { t: 'skip' } },
      },
      {
        name: 'down',
        type: 'Indicator',
        indicator_class: 'SMACrossoverIndicator',
        agg_config: '5m-normal',
        calc_on_pip: false,
        parameters: { period: 20, crossover_value: 0, trend: 'bearish', lookback: 1 },
        ranges: {},
      },
    ],
  };
}

function issuesOf(edit: (c: any) => void): Array<{ path: string; message: string }> {
  const c = base();
  edit(c);
  try {
    validateStrategyConfig(c, { source: 'x.json' });
  } catch (err) {
    expect(err).toBeInstanceOf(MlfError);
    expect((err as MlfError).code).toBe('BAD_INPUT');
    return (err as MlfError).issues.map(({ path, message }) => ({ path, message }));
  }
  throw new Error('the config was accepted');
}

/** [kind of mistake, edit, expected path, expected message (exact, or a regexp)] */
const MISTAKES: Array<[string, (c: any) => void, string, string | RegExp]> = [
  ['not an object', (c) => (c.monitor = 3), 'monitor', 'monitor must be an object, got 3'],
  ['missing trade_executor', (c) => delete c.monitor.trade_executor, 'monitor.trade_executor', 'missing; at least {"default_position_size": 100} (stops and targets default to none)'],
  ['unknown indicator class', (c) => (c.indicators[0].indicator_class = 'SMACrossover'), 'indicators[0].indicator_class', /^unknown indicator class "SMACrossover" \(did you mean "SMACrossoverIndicator"\?\); known: .*SMACrossoverIndicator/],
  ['function alias disagreeing', (c) => (c.indicators[0].function = 'RSIIndicator'), 'indicators[0].function', '"function" (the old name of indicator_class) says "RSIIndicator" but indicator_class says "SMACrossoverIndicator"; keep one'],
  ['bad agg_config timeframe', (c) => (c.indicators[1].agg_config = '2m-normal'), 'indicators[1].agg_config', 'must be "<timeframe>-<kind>" with timeframe one of 1m, 5m, 15m, 30m, 1h, 4h, 1d and kind normal or heiken (e.g. "5m-normal", "1m-heiken"), got "2m-normal"'],
  ['parameter out of bounds', (c) => (c.indicators[0].parameters.period = 50), 'indicators[0].parameters.period', 'must be an integer from 2 to 30, got 50'],
  ['parameter of wrong type', (c) => (c.indicators[0].parameters.trend = 'up'), 'indicators[0].parameters.trend', "must be one of 'bullish', 'bearish', got 'up'"],
  ['unknown parameter', (c) => (c.indicators[0].parameters.perod = 10), 'indicators[0].parameters.perod', 'SMACrossoverIndicator has no parameter "perod" (did you mean "period"?); its parameters: period, crossover_value, trend, lookback'],
  ['range wider than the spec', (c) => (c.indicators[0].ranges.period = { t: 'int', r: [1, 40] }), 'indicators[0].ranges.period.r', 'range [1, 40] is wider than period allows (2 to 30)'],
  ['range inverted', (c) => (c.indicators[0].ranges.period = { t: 'int', r: [25, 10] }), 'indicators[0].ranges.period.r', 'range [25, 10] is inverted: min 25 is above max 10'],
  ['float range on an int parameter', (c) => (c.indicators[0].ranges.period = { t: 'float', r: [5, 10] }), 'indicators[0].ranges.period.t', 'period takes a range of type "int" or "skip", not "float"'],
  ['value outside its own range', (c) => (c.indicators[0].ranges.period = { t: 'int', r: [5, 15] }), 'indicators[0].parameters.period', 'value 20 lies outside its range [5, 15]'],
  ['range for an unknown parameter', (c) => (c.indicators[0].ranges.speed = { t: 'int', r: [1, 2] }), 'indicators[0].ranges.speed', 'SMACrossoverIndicator has no parameter "speed" to optimise; its parameters: period, crossover_value, trend, lookback'],
  ['bad range type', (c) => (c.indicators[0].ranges.period = { t: 'integer', r: [5, 10] }), 'indicators[0].ranges.period.t', 'must be "int", "float" or "skip", got "integer"'],
  ['bar references an unknown indicator', (c) => (c.monitor.bars.bull.indicators = { macd1m: 1 }), 'monitor.bars.bull.indicators.macd1m', 'unknown indicator "macd1m"; indicators defined: up, down'],
  ['enter_long names an unknown bar', (c) => (c.monitor.enter_long[0].name = 'bul'), 'monitor.enter_long[0].name', 'unknown bar "bul" (did you mean "bull"?); bars defined: bull, bear'],
  ['threshold range inverted', (c) => (c.monitor.enter_long[0].threshold_range = [0.9, 0.6]), 'monitor.enter_long[0].threshold_range', 'threshold_range [0.9, 0.6] is inverted: low 0.9 is above high 0.6'],
  ['threshold outside its range', (c) => (c.monitor.enter_long[0].threshold = 0.3), 'monitor.enter_long[0].threshold', 'threshold 0.3 lies outside its range [0.5, 1]'],
  ['threshold above 1', (c) => (c.monitor.exit_long[0].threshold = 1.5), 'monitor.exit_long[0].threshold', 'must be a number from 0 to 1 (bar scores lie in [0, 1]), got 1.5'],
  ['stop loss given in percent', (c) => (c.monitor.trade_executor.stop_loss_pct = 2), 'monitor.trade_executor.stop_loss_pct', 'must be a number from 0 to 0.99 as a fraction (0.02 = 2 %); 0 = no stop, got 2'],
  ['misspelt executor field', (c) => (c.monitor.trade_executor.trailing_stop = true), 'monitor.trade_executor.trailing_stop', /^unknown field "trailing_stop" in trade_executor \(did you mean "trailing_stop_loss"\?\); allowed: default_position_size, /],
  ['trailing stop without a distance', (c) => (c.monitor.trade_executor.trailing_stop_loss = true), 'monitor.trade_executor.trailing_stop_distance_pct', 'missing; trailing_stop_loss needs a distance as a fraction (0.02 = 2 %)'],
  ['dollar target without dollars', (c) => (c.monitor.trade_executor.take_profit_type = 'dollars'), 'monitor.trade_executor.take_profit_dollars', 'must be > 0 when take_profit_type is "dollars"'],
  ['bad take_profit_type', (c) => (c.monitor.trade_executor.take_profit_type = 'pct'), 'monitor.trade_executor.take_profit_type', 'must be one of "percent", "dollars", got "pct"'],
  ['boolean as text', (c) => (c.monitor.trade_executor.exit_by_end_of_day = 'true'), 'monitor.trade_executor.exit_by_end_of_day', 'must be true or false, got "true"'],
  ['duplicate indicator names', (c) => (c.indicators[1].name = 'up'), 'indicators[1].name', 'duplicate indicator name "up" (also indicators[0]); names must be unique'],
  ['negative weight', (c) => (c.monitor.bars.bear.indicators.down = -1), 'monitor.bars.bear.indicators.down', 'must be a number ≥ 0 (a weight), got -1'],
  ['weight range for an indicator not in the bar', (c) => (c.monitor.bars.bear.weight_ranges = { up: { t: 'float', r: [0, 1] } }), 'monitor.bars.bear.weight_ranges.up', '"up" is not one of this bar\'s indicators (down)'],
  ['signal indicator used as a trend gate', (c) => (c.monitor.bars.bull.trend_indicators = { down: { weight: 1, mode: 'soft' } }), 'monitor.bars.bull.trend_indicators.down', '"down" is a signal indicator (SMACrossoverIndicator); trend_indicators takes trend indicators only'],
  ['bad trend logic', (c) => (c.monitor.bars.bull.trend_logic = 'XOR'), 'monitor.bars.bull.trend_logic', 'must be one of "AND", "OR", "AVG", got "XOR"'],
  ['bad bar type', (c) => (c.monitor.bars.bull.type = 'long'), 'monitor.bars.bull.type', 'must be one of "bull", "bear", got "long"'],
  ['empty enter_long', (c) => (c.monitor.enter_long = []), 'monitor.enter_long', 'is empty; the monitor would never enter a position'],
  ['unknown objective', (c) => (c.objectives = [{ objective: 'MaximiseNetPnL', weight: 1 }]), 'objectives[0].objective', /^unknown objective "MaximiseNetPnL" \(did you mean "MaximizeNetPnL"\?\); known: MaximizeProfit, /],
  ['bad objective parameter', (c) => (c.objectives = [{ objective: 'MaximizeNetPnL', weight: 1, parameters: { mode: 'sharpe' } }]), 'objectives[0].parameters.mode', 'must be one of "inverse", "volatility", "maxdrawdown", got "sharpe"'],
  ['GA population not an integer', (c) => (c.ga_hyperparameters = { population_size: 10.5 }), 'ga_hyperparameters.population_size', 'must be an integer ≥ 2, got 10.5'],
  ['GA elite larger than population', (c) => (c.ga_hyperparameters = { population_size: 10, elite_size: 20 }), 'ga_hyperparameters.elite_size', '20 is more than population_size 10'],
  ['unknown top-level field', (c) => (c.monitr = {}), 'monitr', 'unknown field "monitr" in the config (did you mean "monitor"?); allowed: test_name, monitor, indicators, objectives, ga_hyperparameters, metadata'],
  ['exit by end of day on daily candles', (c) => {
    c.indicators[0].agg_config = '1d-normal';
    c.indicators[1].agg_config = '1d-normal';
    c.monitor.trade_executor.exit_by_end_of_day = true;
  }, 'monitor.trade_executor.exit_by_end_of_day', 'needs an intraday primary timeframe; the finest agg_config is 1d, so every candle would end a day'],
];

describe('validateStrategyConfig: each kind of mistake gets a precise message and path', () => {
  it('accepts the base config', () => {
    expect(() => validateStrategyConfig(base())).not.toThrow();
  });

  it(`covers at least 20 kinds of mistakes (${MISTAKES.length})`, () => {
    expect(MISTAKES.length).toBeGreaterThanOrEqual(20);
  });

  for (const [kind, edit, path, message] of MISTAKES) {
    it(kind, () => {
      const issues = issuesOf(edit);
      const hit = issues.find((i) => i.path === path);
      expect(hit, `issues were: ${JSON.stringify(issues, null, 1)}`).toBeDefined();
      if (typeof message === 'string') expect(hit!.message).toBe(message);
      else expect(hit!.message).toMatch(message);
    });
  }

  it('reports every problem at once, and names the source', () => {
    const c = base();
    c.indicators[0].parameters.period = 50;
    c.monitor.enter_long[0].name = 'nope';
    c.monitor.trade_executor.fee_bps = -1;
    try {
      validateStrategyConfig(c, { source: 'mine.json' });
      throw new Error('accepted');
    } catch (err) {
      const e = err as MlfError;
      expect(e.message).toBe('mine.json: the config has 3 problems');
      expect(e.issues.map((i) => i.path).sort()).toEqual(
        ['indicators[0].parameters.period', 'monitor.enter_long[0].name', 'monitor.trade_executor.fee_bps'].sort(),
      );
    }
  });

  it('requires objectives for an optimizer config', () => {
    expect(() => validateStrategyConfig(base(), { purpose: 'optimize' })).toThrow(MlfError);
    const c = base();
    c.objectives = [{ objective: 'MaximizeNetPnL', weight: 1, parameters: { mode: 'inverse' } }];
    expect(() => validateStrategyConfig(c, { purpose: 'optimize' })).not.toThrow();
  });
});

describe('validateStrategyConfig: normalisation', () => {
  it('applies defaults, renames function to indicator_class and writes agg_config canonically', () => {
    const c = base();
    delete c.indicators[1].indicator_class;
    c.indicators[1].function = 'SMACrossoverIndicator';
    c.indicators[1].agg_config = '5m-Heikin';
    delete c.indicators[1].parameters.crossover_value;
    const v = validateStrategyConfig(c);
    expect(v.indicators[1]!.indicator_class).toBe('SMACrossoverIndicator');
    expect('function' in v.indicators[1]!).toBe(false);
    expect(v.indicators[1]!.agg_config).toBe('5m-heiken');
    expect(v.indicators[1]!.parameters.crossover_value).toBe(0);
    expect(v.monitor.trade_executor).toMatchObject({
      take_profit_type: 'percent',
      trailing_stop_loss: false,
      exit_by_end_of_day: false,
      fill_model: 'close',
      fee_bps: 0,
      slippage_bps: 0,
    });
    expect(v.monitor.bars.bear!.trend_logic).toBe('AND');
    expect(v.monitor.bars.bear!.trend_threshold).toBe(0);
    expect(v.ga_hyperparameters).toEqual(GA_DEFAULTS);
    expect(v.objectives).toEqual([]);
  });

  it('fills objective parameter defaults and keeps 4h / 1d agg_configs', () => {
    const c = base();
    c.indicators[1].agg_config = '4h-normal';
    c.objectives = [{ objective: 'MaximizeProfit', weight: 2 }];
    const v = validateStrategyConfig(c);
    expect(v.objectives[0]).toEqual({ objective: 'MaximizeProfit', weight: 2, parameters: { target_profit_per_trade: 0.05 } });
    expect(v.indicators[1]!.agg_config).toBe('4h-normal');
  });

  it('is idempotent: a normalised config validates to itself', () => {
    const v = validateStrategyConfig(base());
    expect(validateStrategyConfig(JSON.parse(JSON.stringify(v)))).toEqual(v);
  });
});
