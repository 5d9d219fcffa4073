import { writeFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parseConfigFile } from '../../../shared/config/parse';
import { isoTime, toPlain, tradeRows, tradesCsv } from '../../../shared/stats/export';
import { TRADE_REASONS, type IndividualStats } from '../../../shared/stats/types';
import { runBacktest, type BacktestResult } from '../../backend/services/engineService';
import { readConfigText } from '../configText';
import { openWithSample, parseOptions } from '../storeOptions';
import { UsageError, type Command } from '../command';
import { parseTimeArg } from '../timeArgs';

/**
 * `--from` / `--to` as UTC epoch seconds. A date alone means that whole day (UTC): `--to
 * 2024-03-31` includes the 31st. A time without a zone is UTC.
 */
const pct = (x: number | null, digits = 2) => (x === null ? '—' : `${x >= 0 ? '+' : ''}${x.toFixed(digits)} %`);
const num = (x: number | null, digits = 2) => (x === null ? '—' : x.toFixed(digits));
const when = (t: number) => isoTime(t).replace('T', ' ').replace(/:00Z$/, 'Z');

function duration(seconds: number): string {
  const d = Math.floor(seconds / 86400);
  const h = Math.floor((seconds % 86400) / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  return d > 0 ? `${d}d ${h}h` : h > 0 ? `${h}h ${m}m` : `${m}m`;
}

/** The readable summary printed without `--json`. */
export function summary(name: string, r: BacktestResult): string {
  const s: IndividualStats = r.stats;
  const m = s.metrics;
  const reasons = new Map<string, number>();
  for (let i = 0; i < s.trades.count; i++) {
    const k = TRADE_REASONS[s.trades.exitReason[i]!]!;
    reasons.set(k, (reasons.get(k) ?? 0) + 1);
  }
  const lines = [
    `${name} on ${r.symbol} ${r.timeframe}${r.storedTimeframe !== r.timeframe ? ` (from stored ${r.storedTimeframe})` : ''}`,
    `${when(m.startTime)} → ${when(m.endTime)} · ${m.bars} candles · loaded in ${r.timings.load_ms.toFixed(0)} ms, computed in ${r.timings.compute_ms.toFixed(1)} ms`,
    '',
    `Trades          ${m.totalTrades} (${m.winningTrades} won, ${m.losingTrades} lost${m.winRate === null ? '' : `, win rate ${(m.winRate * 100).toFixed(1)} %`})` +
      (reasons.size ? ` · exits: ${[...reasons].map(([k, n]) => `${k} ${n}`).join(', ')}` : ''),
    `Total P&L       ${pct(m.totalPnlPct)} (additive) · compounded ${pct(m.compoundedReturnPct)} · cash ${m.totalPnlCash.toFixed(2)}`,
    `Market return   ${pct(m.marketReturnPct)} (buy and hold)`,
    `Avg win / loss  ${pct(m.avgWinPct)} / ${pct(m.avgLossPct)} · expectancy ${pct(m.expectancyPct, 3)} · profit factor ${num(m.profitFactor)} · SQN ${num(m.sqn)}`,
    `Max drawdown    ${m.maxDrawdownPct.toFixed(2)} %` +
      (m.maxDrawdownBars > 0 ? ` · ${m.maxDrawdownBars} candles (${duration(m.maxDrawdownSeconds)}) from peak to recovery` : ''),
    `Sharpe/Sortino  ${num(m.sharpe)} / ${num(m.sortino)} · Calmar ${num(m.calmar)} (daily returns over ${m.days} days, √${m.periodsPerYear} a year)`,
    `Exposure        ${m.exposurePct.toFixed(1)} % of candles · average ${num(m.avgBarsHeld, 1)} candles held`,
  ];
  if (s.openPosition) {
    const o = s.openPosition;
    lines.push(`Open position   since ${when(o.entryTime)} at ${+o.entryPrice.toPrecision(10)} (${pct(o.unrealizedPct)} at the last close; not counted above)`);
  }
  return lines.join('\n');
}

export const backtestCommand: Command = {
  name: 'backtest',
  summary: 'Backtest a monitor config on a stored symbol; prints a summary or one JSON object',
  usage: [
    'mlf backtest --config FILE --symbol SYM [--from ISO] [--to ISO] [--rth] [--json] [--trades FILE] [--db PATH]',
    '',
    '  --config FILE   monitor (or optimizer) config in the original JSON format',
    '  --symbol SYM    a symbol in the store (`mlf datasets` lists them)',
    '  --from, --to    UTC range of candle open times: 2024-03-01 (a whole day) or 2024-03-01T14:30:00Z;',
    '                  statistics cover this range, indicators also read the history before it',
    '  --rth           regular hours only (09:30–16:00 New York)',
    '  --json          print exactly one JSON object {bars, timings, stats, trades}',
    '  --trades FILE   also write the trade list, as CSV (.csv) or JSON (.json)',
    '  --db PATH       the candle store file (default: MLF_DB, then the app-data folder)',
    '',
    'The primary timeframe is the config’s finest agg_config; coarser ones are built from it.',
  ].join('\n'),
  async run(argv) {
    const { values } = parseOptions({
      args: argv,
      options: {
        config: { type: 'string' },
        symbol: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        rth: { type: 'boolean' },
        json: { type: 'boolean' },
        trades: { type: 'string' },
        db: { type: 'string' },
      },
    });
    if (!values.config) throw new UsageError('--config FILE is required');
    if (!values.symbol) throw new UsageError('--symbol SYM is required');
    const tradesExt = values.trades ? extname(values.trades).toLowerCase() : '';
    if (values.trades && tradesExt !== '.csv' && tradesExt !== '.json') {
      throw new UsageError(`--trades writes .csv or .json files, got '${values.trades}'`);
    }
    const from = parseTimeArg(values.from, '--from', { end: false });
    const to = parseTimeArg(values.to, '--to', { end: true });
    if (from !== undefined && to !== undefined && to <= from) throw new UsageError('--to must be after --from');

    const text = readConfigText(values.config);
    const config = parseConfigFile(text, values.config);

    const store = await openWithSample(values.db);
    let result: BacktestResult;
    try {
      result = runBacktest(store, config, {
        symbol: values.symbol,
        ...(from !== undefined ? { from } : {}),
        ...(to !== undefined ? { to } : {}),
        ...(values.rth ? { regularHoursOnly: true } : {}),
      });
    } finally {
      store.close();
    }

    const rows = tradeRows(result.stats);
    if (values.trades) {
      writeFileSync(values.trades, tradesExt === '.csv' ? tradesCsv(rows, result.stats.barNames) : `${JSON.stringify(rows, null, 2)}\n`);
    }
    if (values.json) {
      process.stdout.write(
        `${JSON.stringify({
          bars: result.bars,
          timings: result.timings,
          stats: toPlain(result.stats),
          trades: rows,
        })}\n`,
      );
    } else {
      console.log(summary(config.test_name, result));
      if (values.trades) console.log(`\nWrote ${rows.length} trades to ${values.trades}`);
    }
    return 0;
  },
};
