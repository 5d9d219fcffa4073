/**
 * Which column holds what, decided from the first line. Recognised: pandas exports (unnamed
 * first column holding the date-time), `timestamp|date|datetime|time` plus `open,high,low,close`
 * `[,volume]` in any case and order, MetaTrader exports (`<DATE>` `<TIME>` headers, tab or comma,
 * extra columns such as `<SPREAD>`; also its header-less history exports), TradingView exports
 * (`time` epoch column, lower-case OHLC, extra indicator columns).
 */
export interface CsvLayout {
  delimiter: number;
  hasHeader: boolean;
  /** A name for the recognised format, shown in the import summary. */
  format: string;
  /** Column of the date-time (or of the date when `timeCol` ≥ 0). */
  dateCol: number;
  /** Column of a separate time of day, or -1. */
  timeCol: number;
  open: number;
  high: number;
  low: number;
  close: number;
  /** -1 when the file has no volume (stored as 0). */
  volume: number;
  /** The fewest fields a data row must have. */
  minFields: number;
  /** Column names as written (for messages). */
  names: string[];
}

export class LayoutError extends Error {}

const TAB = 9;
const COMMA = 44;
const SEMI = 59;

function pickDelimiter(line: string): number {
  let best = COMMA;
  let bestCount = 0;
  for (const d of [COMMA, TAB, SEMI]) {
    let n = 0;
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const c = line.charCodeAt(i);
      if (c === 34) quoted = !quoted;
      else if (c === d && !quoted) n++;
    }
    if (n > bestCount) {
      best = d;
      bestCount = n;
    }
  }
  if (bestCount === 0) throw new LayoutError('the first line has a single column; expected comma-, tab- or semicolon-separated values');
  return best;
}

export function splitLine(line: string, delimiter: number): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 34) quoted = !quoted;
    else if (c === delimiter && !quoted) {
      out.push(cur);
      cur = '';
    } else cur += line[i];
  }
  out.push(cur);
  return out;
}

/** Header name → a canonical key: lower case, without <>, quotes, spaces, dots, dashes, underscores. */
export function normalizeName(name: string): string {
  return name.replace(/^\uFEFF/, '').toLowerCase().replace(/[<>"'\s._-]/g, '');
}

const TIME_NAMES = ['datetime', 'timestamp', 'date', 'time', 'gmttime', 'localtime', 'utctime', 'dt', 'opentime'];
const VOLUME_NAMES = ['volume', 'tickvol', 'tickvolume', 'vol', 'realvolume', 'realvol'];
const PRICE_NAMES: Record<'open' | 'high' | 'low' | 'close', string[]> = {
  open: ['open', 'o'],
  high: ['high', 'h'],
  low: ['low', 'l'],
  close: ['close', 'c', 'last'],
};

const looksLikeDate = (s: string) => /^\s*"?\d{4}[-./]\d{2}[-./]\d{2}/.test(s) || /^\s*"?\d{9,19}(\.\d+)?"?\s*$/.test(s);
const looksLikeTime = (s: string) => /^\s*"?\d{1,2}:\d{2}(:\d{2})?"?\s*$/.test(s);

/** The layout of a file from its first line (BOM and line ending already removed). */
export function detectLayout(firstLine: string): CsvLayout {
  const line = firstLine.replace(/^\uFEFF/, '');
  const delimiter = pickDelimiter(line);
  const cells = splitLine(line, delimiter);
  const keys = cells.map(normalizeName);

  if (looksLikeDate(cells[0] ?? '')) return headerless(cells, delimiter);

  const find = (names: string[]) => {
    for (const n of names) {
      const i = keys.indexOf(n);
      if (i >= 0) return i;
    }
    return -1;
  };
  const open = find(PRICE_NAMES.open);
  const high = find(PRICE_NAMES.high);
  const low = find(PRICE_NAMES.low);
  const close = find(PRICE_NAMES.close);
  const missing = (['open', 'high', 'low', 'close'] as const).filter((_, k) => [open, high, low, close][k]! < 0);

  let dateCol = -1;
  let timeCol = -1;
  const di = keys.indexOf('date');
  const ti = keys.indexOf('time');
  if (di >= 0 && ti >= 0) {
    dateCol = di;
    timeCol = ti;
  } else {
    dateCol = find(TIME_NAMES);
    if (dateCol < 0 && keys[0] === '') dateCol = 0; // pandas: the index column has no name
  }
  const lacking: string[] = [...missing];
  if (dateCol < 0) lacking.unshift('a time column (timestamp, date, datetime or time)');
  if (lacking.length) {
    throw new LayoutError(`the header lacks ${lacking.join(', ')}; found: ${cells.map((c) => JSON.stringify(c.trim())).join(', ')}`);
  }
  const volume = find(VOLUME_NAMES);

  let format: string;
  if (keys[0] === '' && dateCol === 0) format = 'pandas export';
  else if (timeCol >= 0 || /<\w+>/.test(line)) format = 'MetaTrader export';
  else if (keys[dateCol] === 'time' && cells[open] === 'open') format = 'TradingView export';
  else format = `CSV with a '${cells[dateCol]!.trim()}' column`;

  const used = [dateCol, timeCol, open, high, low, close, volume];
  return {
    delimiter,
    hasHeader: true,
    format,
    dateCol,
    timeCol,
    open,
    high,
    low,
    close,
    volume,
    minFields: Math.max(...used) + 1,
    names: cells.map((c) => c.trim()),
  };
}

/** MetaTrader history exports and similar have no header: date[,time],open,high,low,close[,volume…]. */
function headerless(cells: string[], delimiter: number): CsvLayout {
  const split = looksLikeTime(cells[1] ?? '');
  const first = split ? 2 : 1;
  const n = cells.length - first;
  if (n < 4) {
    throw new LayoutError(`the first line has no header and only ${cells.length} fields; expected date[,time],open,high,low,close[,volume]`);
  }
  const names = split ? ['date', 'time'] : ['datetime'];
  names.push('open', 'high', 'low', 'close');
  if (n >= 5) names.push('volume');
  while (names.length < cells.length) names.push(`column ${names.length + 1}`);
  return {
    delimiter,
    hasHeader: false,
    format: split ? 'MetaTrader export (no header)' : 'CSV without a header',
    dateCol: 0,
    timeCol: split ? 1 : -1,
    open: first,
    high: first + 1,
    low: first + 2,
    close: first + 3,
    volume: n >= 5 ? first + 4 : -1,
    minFields: first + (n >= 5 ? 5 : 4),
    names,
  };
}
