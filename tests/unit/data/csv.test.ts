import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { newDateTimeResult, parseDateTime } from '../../../shared/data/csv/dates';
import { inferTimeframe } from '../../../shared/data/csv/infer';
import { detectLayout, LayoutError } from '../../../shared/data/csv/layout';
import { CsvCandleParser, CsvFileError, type RowBatch } from '../../../shared/data/csv/parser';
import { parseNumber } from '../../../shared/data/csv/numbers';
import { isoTime, parseInstant } from '../../../shared/data/timeText';

const bytes = (s: string) => new TextEncoder().encode(s);
const num = (s: string) => parseNumber(bytes(s), 0, s.length);
const utc = (iso: string) => Date.parse(iso) / 1000;

describe('parseNumber', () => {
  it('reads decimals exactly as Number() does', () => {
    for (const s of ['0', '1', '-1', '+2.5', '1.1647100000000001', '0.000001', '123456789012345', '1e5', '-2.5E-3', '.5', '5.', ' 7 ', '825.7014253601426']) {
      expect(num(s)).toBe(Number(s));
    }
  });

  it('agrees with Number() on random decimals', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        const s = String(x);
        expect(num(s)).toBe(Number(s));
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99999999 }), fc.integer({ min: 0, max: 8 }), (m, k) => {
        const s = (m / 10 ** k).toFixed(k);
        expect(num(s)).toBe(Number(s));
      }),
      { numRuns: 2000 },
    );
  });

  it('rejects what is not a number', () => {
    for (const s of ['', ' ', 'abc', '1.2.3', '1,5', 'NaN', 'Infinity', '0x10', '1e', '--1', '12a']) expect(num(s)).toBeNaN();
  });
});

describe('parseDateTime', () => {
  const parse = (s: string) => {
    const r = newDateTimeResult();
    return parseDateTime(bytes(s), 0, s.length, r) ? { ...r } : null;
  };
  it('reads dates, date-times and zones', () => {
    expect(parse('2024-01-02')).toMatchObject({ local: utc('2024-01-02T00:00:00Z'), hasTime: false, epoch: false });
    expect(parse('2024.01.02 09:30')).toMatchObject({ local: utc('2024-01-02T09:30:00Z'), hasTime: true });
    expect(parse('2024/01/02T09:30:15.250')).toMatchObject({ local: utc('2024-01-02T09:30:15Z') });
    expect(parse('2026-03-23 03:00:00+00:00')).toMatchObject({ local: utc('2026-03-23T03:00:00Z'), offset: 0 });
    expect(parse('2024-01-02T09:30:00-05:00')!.offset).toBe(-18000);
    expect(parse('2024-01-02T09:30:00+0530')!.offset).toBe(19800);
    expect(parse('2024-01-02T09:30:00Z')!.offset).toBe(0);
    expect(parse('2024-01-02 9:30')).toMatchObject({ local: utc('2024-01-02T09:30:00Z') });
    expect(parse('2024-02-29')).not.toBeNull();
  });
  it('reads epoch seconds, milliseconds, microseconds and nanoseconds', () => {
    for (const s of ['1704205800', '1704205800000', '1704205800000000', '1704205800000000000']) {
      expect(parse(s)).toMatchObject({ local: 1704205800, offset: 0, epoch: true });
    }
  });
  it('rejects impossible or unknown text', () => {
    for (const s of ['2023-02-29', '2024-13-01', '2024-01-32', '2024-01-02 24:00', '2024-01-02 12:60', '2024-01-02T09:30:00+25:00', '2024-01-02 09:30 EST?', '01/02/2024', '12345', 'yesterday', '']) {
      expect(parse(s), s).toBeNull();
    }
  });
});

describe('detectLayout', () => {
  it('recognises the formats', () => {
    expect(detectLayout(',Open,High,Low,Close,Volume')).toMatchObject({ format: 'pandas export', dateCol: 0, open: 1, volume: 5 });
    expect(detectLayout('<DATE>\t<TIME>\t<OPEN>\t<HIGH>\t<LOW>\t<CLOSE>\t<TICKVOL>\t<VOL>\t<SPREAD>')).toMatchObject({ format: 'MetaTrader export', dateCol: 0, timeCol: 1, volume: 6, delimiter: 9 });
    expect(detectLayout('time,open,high,low,close,Volume,MA')).toMatchObject({ format: 'TradingView export', volume: 5 });
    expect(detectLayout('Close;Low;High;Open;TIMESTAMP')).toMatchObject({ dateCol: 4, open: 3, high: 2, low: 1, close: 0, volume: -1, delimiter: 59 });
    expect(detectLayout('Date,Open,High,Low,Close,Adj Close,Volume')).toMatchObject({ dateCol: 0, close: 4, volume: 6 });
    expect(detectLayout('2024.01.02,09:30,1.1,1.2,1.0,1.15,100')).toMatchObject({ hasHeader: false, timeCol: 1, volume: 6, minFields: 7 });
    expect(detectLayout('2024-01-02 09:30:00,1.1,1.2,1.0,1.15')).toMatchObject({ hasHeader: false, timeCol: -1, volume: -1, minFields: 5 });
  });
  it('says what is missing', () => {
    expect(() => detectLayout('date,open,high,close')).toThrow(/lacks low/);
    expect(() => detectLayout('justonecolumn')).toThrow(LayoutError);
  });
});

describe('inferTimeframe', () => {
  const sample = (ts: number[], tod: number[] = ts.map((t) => t % 86400)) => ({ ts, timeOfDay: tod, line: ts.map((_, i) => i + 2), length: ts.length });
  it('takes the smallest gap', () => {
    expect(inferTimeframe(sample([0, 60, 180, 240]))).toEqual({ ok: true, timeframe: '1m' });
    expect(inferTimeframe(sample([0, 14400, 28800]))).toEqual({ ok: true, timeframe: '4h' });
  });
  it('calls date-only and same-time-of-day rows daily, DST or not', () => {
    expect(inferTimeframe(sample([0, 86400 * 3], [-1, -1]))).toEqual({ ok: true, timeframe: '1d' });
    expect(inferTimeframe(sample([0, 82800, 82800 + 86400], [0, 0, 0]))).toEqual({ ok: true, timeframe: '1d' });
  });
  it('explains what it cannot infer', () => {
    const r = inferTimeframe(sample([0, 7200, 14400]));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toMatch(/2 h apart \(lines 2 and 3\)/);
    expect(inferTimeframe(sample([600])).ok).toBe(false);
  });
});

describe('CsvCandleParser', () => {
  function run(text: string, chunk: number, opts: { skipBad?: boolean } = {}) {
    const got: number[][] = [];
    const p = new CsvCandleParser({
      ...opts,
      onRows(b: RowBatch) {
        for (let i = 0; i < b.length; i++) got.push([b.ts[i]!, b.open[i]!, b.high[i]!, b.low[i]!, b.close[i]!, b.volume[i]!]);
      },
    });
    const all = bytes(text);
    for (let i = 0; i < all.length; i += chunk) p.push(all.subarray(i, i + chunk));
    return { result: p.end(), got };
  }
  const text = 'timestamp,open,high,low,close,volume\r\n1704205800,1,2,0.5,1.5,10\r\n\r\n1704205860,"1.5",2,1,1.75,11\r\n1704205920,1.75,1.8,1.7,1.7,12';

  it('gives the same rows whatever the chunk boundaries (CRLF, quotes, blank lines, no final newline)', () => {
    const whole = run(text, 1 << 20);
    expect(whole.got).toEqual([
      [1704205800, 1, 2, 0.5, 1.5, 10],
      [1704205860, 1.5, 2, 1, 1.75, 11],
      [1704205920, 1.75, 1.8, 1.7, 1.7, 12],
    ]);
    expect(whole.result).toMatchObject({ timeframe: '1m', inferred: true, rows: 3, bad: 0, lines: 5 });
    for (const size of [1, 2, 3, 7, 16]) expect(run(text, size).got).toEqual(whole.got);
  });

  it('reports the bad row, not the timeframe, when the bad row left an uninferable gap', () => {
    const r = run('timestamp,open,high,low,close\n1704205800,1,2,0.5,1.5\n1704205860,x,2,0.5,1.5\n1704205920,1,2,0.5,1.5\n', 100);
    expect(r.result).toMatchObject({ bad: 1, timeframe: null });
    expect(r.result.examples[0]).toMatchObject({ line: 3 });
  });

  it('fails an empty file and a header-only file', () => {
    expect(() => run('', 10)).toThrow(CsvFileError);
    expect(() => run('time,open,high,low,close\n', 10)).toThrow(/no valid rows/);
  });

  it('delivers nothing after a bad row unless skipBad', () => {
    const bad = 'timestamp,open,high,low,close\n1704205800,1,2,0.5,1.5\n1704205860,1,0.5,0.4,0.6\n1704205920,1,2,0.5,1.5\n1704205980,1,2,0.5,1.5\n';
    const strict = run(bad, 100);
    expect(strict.got).toHaveLength(0);
    expect(strict.result.bad).toBe(1);
    const skip = run(bad, 100, { skipBad: true });
    expect(skip.got).toHaveLength(3);
    expect(skip.result.timeframe).toBe('1m');
    expect(skip.result.examples).toEqual([{ line: 3, message: 'high 0.5 is below open 1', text: '1704205860,1,0.5,0.4,0.6' }]);
  });
});

describe('time text', () => {
  it('formats ISO times at an offset and parses user input', () => {
    expect(isoTime(utc('2024-01-02T14:30:00Z'))).toBe('2024-01-02T14:30:00Z');
    expect(isoTime(utc('2024-01-02T14:30:00Z'), -18000)).toBe('2024-01-02T09:30:00-05:00');
    expect(isoTime(utc('2024-01-02T14:30:00Z'), 19800)).toBe('2024-01-02T20:00:00+05:30');
    expect(parseInstant('2024-01-02')).toBe(utc('2024-01-02T00:00:00Z'));
    expect(parseInstant('2024-01-02T09:30', (l) => l + 18000)).toBe(utc('2024-01-02T14:30:00Z'));
    expect(parseInstant('2024-01-02T09:30-05:00')).toBe(utc('2024-01-02T14:30:00Z'));
    expect(parseInstant('1704205800')).toBe(1704205800);
    expect(parseInstant('soon')).toBeNull();
  });
});
