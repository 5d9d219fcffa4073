import { nyLocalToUtc } from '../../time/newYork';
import { TIMEFRAME_SECONDS, type Timeframe } from '../../time/timeframes';
import { newDateTimeResult, parseDateTime, parseTimeOfDay, timeEnd } from './dates';
import { inferTimeframe } from './infer';
import { detectLayout, LayoutError, type CsvLayout } from './layout';
import { latin1, parseNumber } from './numbers';

/** One bad row: its file line, what is wrong, and the line as written (shortened). */
export interface RowIssue {
  line: number;
  message: string;
  text: string;
}

/** A problem with the file as a whole (layout, timeframe); `line` when one line shows it. */
export class CsvFileError extends Error {
  constructor(message: string, readonly line?: number) {
    super(message);
  }
}

/** Validated rows in time order, columns [0, length). The arrays are reused after the call. */
export interface RowBatch {
  length: number;
  ts: Float64Array;
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
}

export interface ParserOptions {
  /** The candle length; inferred from the first rows when absent. */
  timeframe?: Timeframe;
  /** Wall-clock seconds of a naive (zone-less) time → UTC epoch seconds. Default: read as UTC. */
  naiveToUtc?: (local: number) => number;
  /** Keep going past bad rows (they are counted and the first ones kept as examples). */
  skipBad?: boolean;
  /** How many bad rows to keep as examples (default 10). Without skipBad, parsing stops there. */
  maxExamples?: number;
  /** Receives validated rows. Without skipBad, no rows are delivered after the first bad one. */
  onRows(batch: RowBatch): void;
}

export interface ParseResult {
  layout: CsvLayout;
  /** Null only when bad rows left nothing to infer it from. */
  timeframe: Timeframe | null;
  inferred: boolean;
  /** Rows delivered to onRows. */
  rows: number;
  /** Bad rows seen (a lower bound when `stoppedEarly`). */
  bad: number;
  examples: RowIssue[];
  stoppedEarly: boolean;
  firstTs: number | null;
  lastTs: number | null;
  lines: number;
  bytes: number;
}

const BATCH = 8192;
const MAX_FIELDS = 256;
const DAY = 86400;

function iso(ts: number): string {
  const d = new Date(ts * 1000);
  return Number.isNaN(d.getTime()) ? String(ts) : d.toISOString().replace('T', ' ').replace('.000Z', 'Z');
}

/**
 * A streaming CSV → candle parser working on bytes: feed chunks with `push`, then call `end`.
 * Each row is checked (field count, date, numbers, high/low against open/close, volume ≥ 0,
 * strictly increasing time at least one candle apart); daily rows are stamped with the start of
 * their calendar day on the New York clock, the store's day convention.
 */
export class CsvCandleParser {
  private readonly opts: ParserOptions;
  private readonly naiveToUtc: (local: number) => number;
  private readonly maxExamples: number;
  private layout: CsvLayout | null = null;
  private timeframe: Timeframe | null;
  private readonly inferred: boolean;

  private carry = new Uint8Array(4096);
  private carryLen = 0;
  private lineNo = 0;
  private bytes = 0;
  private readonly fs = new Int32Array(MAX_FIELDS);
  private readonly fe = new Int32Array(MAX_FIELDS);
  private readonly dt = newDateTimeResult();

  // Stage 1: rows parsed and checked on their own, waiting for the order/spacing checks.
  private n = 0;
  private readonly ts = new Float64Array(BATCH);
  private readonly open = new Float64Array(BATCH);
  private readonly high = new Float64Array(BATCH);
  private readonly low = new Float64Array(BATCH);
  private readonly close = new Float64Array(BATCH);
  private readonly volume = new Float64Array(BATCH);
  private readonly day = new Float64Array(BATCH);
  private readonly tod = new Int32Array(BATCH);
  private readonly line = new Float64Array(BATCH);

  private prevTs = -Infinity;
  private prevDay = -Infinity;
  private prevLine = 0;
  private delivered = 0;
  private firstTs: number | null = null;
  private lastTs: number | null = null;
  private bad = 0;
  private readonly examples: RowIssue[] = [];
  private stopped = false;

  constructor(opts: ParserOptions) {
    this.opts = opts;
    this.naiveToUtc = opts.naiveToUtc ?? ((l) => l);
    this.maxExamples = opts.maxExamples ?? 10;
    this.timeframe = opts.timeframe ?? null;
    this.inferred = opts.timeframe === undefined;
  }

  /** True once enough problems were seen without skipBad: the caller may stop reading. */
  get done(): boolean {
    return this.stopped;
  }

  get badRows(): number {
    return this.bad;
  }

  get rowsDelivered(): number {
    return this.delivered;
  }

  /** Lines read so far (header and blank lines included). */
  get linesRead(): number {
    return this.lineNo;
  }

  /** The timeframe, once given or inferred (always set when onRows is called). */
  get candleTimeframe(): Timeframe | null {
    return this.timeframe;
  }

  push(chunk: Uint8Array): void {
    this.bytes += chunk.length;
    if (this.stopped) return;
    let pos = 0;
    if (this.carryLen > 0) {
      const nl = chunk.indexOf(10);
      if (nl < 0) {
        this.append(chunk, 0, chunk.length);
        return;
      }
      this.append(chunk, 0, nl);
      const len = this.carryLen;
      this.carryLen = 0;
      this.processLine(this.carry, 0, len);
      pos = nl + 1;
    }
    for (;;) {
      if (this.stopped) return;
      const nl = chunk.indexOf(10, pos);
      if (nl < 0) break;
      this.processLine(chunk, pos, nl);
      pos = nl + 1;
    }
    if (pos < chunk.length) this.append(chunk, pos, chunk.length);
  }

  end(): ParseResult {
    if (!this.stopped && this.carryLen > 0) {
      const len = this.carryLen;
      this.carryLen = 0;
      this.processLine(this.carry, 0, len);
    }
    if (!this.layout) throw new CsvFileError('the file is empty');
    this.flush();
    if (!this.timeframe && this.bad === 0) throw new CsvFileError('the file has no valid rows');
    return {
      layout: this.layout,
      timeframe: this.timeframe,
      inferred: this.inferred,
      rows: this.delivered,
      bad: this.bad,
      examples: this.examples.sort((a, b) => a.line - b.line),
      stoppedEarly: this.stopped,
      firstTs: this.firstTs,
      lastTs: this.lastTs,
      lines: this.lineNo,
      bytes: this.bytes,
    };
  }

  private append(b: Uint8Array, s: number, e: number): void {
    const need = this.carryLen + (e - s);
    if (need > this.carry.length) {
      const bigger = new Uint8Array(Math.max(need, this.carry.length * 2));
      bigger.set(this.carry.subarray(0, this.carryLen));
      this.carry = bigger;
    }
    this.carry.set(b.subarray(s, e), this.carryLen);
    this.carryLen = need;
  }

  private issue(line: number, message: string, text: string): void {
    this.bad++;
    if (this.examples.length < this.maxExamples) {
      this.examples.push({ line, message, text: text.length > 160 ? `${text.slice(0, 157)}...` : text });
    }
    // Without skipBad nothing will be imported: once the examples are full, reading on is moot.
    if (!this.opts.skipBad && this.examples.length >= this.maxExamples) this.stopped = true;
  }

  private processLine(b: Uint8Array, s: number, e: number): void {
    const lineNo = ++this.lineNo;
    if (e > s && b[e - 1] === 13) e--;
    if (lineNo === 1 && e - s >= 3 && b[s] === 0xef && b[s + 1] === 0xbb && b[s + 2] === 0xbf) s += 3;
    let blank = true;
    for (let i = s; i < e; i++) {
      if (b[i] !== 32 && b[i] !== 9) {
        blank = false;
        break;
      }
    }
    if (blank) return;
    if (!this.layout) {
      try {
        this.layout = detectLayout(latin1(b, s, e));
      } catch (err) {
        if (err instanceof LayoutError) throw new CsvFileError(err.message, lineNo);
        throw err;
      }
      if (this.layout.hasHeader) return;
    }
    this.parseRow(b, s, e, lineNo);
  }

  private parseRow(b: Uint8Array, s: number, e: number, lineNo: number): void {
    const L = this.layout!;
    const fs = this.fs;
    const fe = this.fe;
    const delim = L.delimiter;
    // Split into fields (quotes allowed around a field; they are not part of its value).
    let nf = 0;
    let i = s;
    for (;;) {
      if (b[i] === 34) {
        const q = b.indexOf(34, i + 1);
        const close = q < 0 || q > e ? e : q;
        if (nf < MAX_FIELDS) {
          fs[nf] = i + 1;
          fe[nf] = close;
        }
        nf++;
        i = close + 1;
        while (i < e && b[i] !== delim) i++;
      } else {
        const start = i;
        while (i < e && b[i] !== delim) i++;
        if (nf < MAX_FIELDS) {
          fs[nf] = start;
          fe[nf] = i;
        }
        nf++;
      }
      if (i >= e) break;
      i++; // past the delimiter
      if (i === e) {
        if (nf < MAX_FIELDS) {
          fs[nf] = e;
          fe[nf] = e;
        }
        nf++;
        break;
      }
    }
    if (nf < L.minFields) {
      this.issue(lineNo, `expected at least ${L.minFields} fields, found ${nf}`, latin1(b, s, e));
      return;
    }

    // Time.
    const dt = this.dt;
    const dc = L.dateCol;
    if (!parseDateTime(b, fs[dc]!, fe[dc]!, dt)) {
      this.issue(lineNo, `${L.names[dc] || 'date-time'}: '${latin1(b, fs[dc]!, fe[dc]!)}' is not a date-time`, latin1(b, s, e));
      return;
    }
    let local = dt.local;
    let tod = dt.hasTime ? local - Math.floor(local / DAY) * DAY : -1;
    if (L.timeCol >= 0) {
      const tc = L.timeCol;
      let ts0 = fs[tc]!;
      let te0 = fe[tc]!;
      while (ts0 < te0 && b[ts0] === 32) ts0++;
      while (te0 > ts0 && b[te0 - 1] === 32) te0--;
      const t = parseTimeOfDay(b, ts0, te0);
      if (t < 0 || timeEnd !== te0 || dt.hasTime || dt.epoch) {
        this.issue(lineNo, `${L.names[tc] || 'time'}: '${latin1(b, fs[tc]!, fe[tc]!)}' is not a time of day`, latin1(b, s, e));
        return;
      }
      local += t;
      tod = t;
    }
    const utc = dt.epoch ? local : Number.isNaN(dt.offset) ? this.naiveToUtc(local) : local - dt.offset;

    // Prices and volume.
    const o = parseNumber(b, fs[L.open]!, fe[L.open]!);
    const h = parseNumber(b, fs[L.high]!, fe[L.high]!);
    const l = parseNumber(b, fs[L.low]!, fe[L.low]!);
    const c = parseNumber(b, fs[L.close]!, fe[L.close]!);
    const v = L.volume >= 0 ? parseNumber(b, fs[L.volume]!, fe[L.volume]!) : 0;
    if (!(Number.isFinite(o) && Number.isFinite(h) && Number.isFinite(l) && Number.isFinite(c) && Number.isFinite(v))) {
      const cols = [L.open, L.high, L.low, L.close, L.volume];
      const vals = [o, h, l, c, v];
      const k = vals.findIndex((x) => !Number.isFinite(x));
      const col = cols[k]!;
      this.issue(lineNo, `${L.names[col]}: '${latin1(b, fs[col]!, fe[col]!)}' is not a number`, latin1(b, s, e));
      return;
    }
    let problem: string | null = null;
    if (h < o || h < c) problem = `high ${h} is below ${h < o ? `open ${o}` : `close ${c}`}`;
    else if (l > o || l > c) problem = `low ${l} is above ${l > o ? `open ${o}` : `close ${c}`}`;
    else if (v < 0) problem = `volume ${v} is negative`;
    if (problem) {
      this.issue(lineNo, problem, latin1(b, s, e));
      return;
    }

    const k = this.n;
    this.ts[k] = utc;
    this.open[k] = o;
    this.high[k] = h;
    this.low[k] = l;
    this.close[k] = c;
    this.volume[k] = v;
    this.day[k] = Math.floor(local / DAY);
    this.tod[k] = tod;
    this.line[k] = lineNo;
    this.n = k + 1;
    if (this.n === BATCH) this.flush();
  }

  /** Stage 2: timeframe (inferred once), daily stamping, order and spacing; then delivery. */
  private flush(): void {
    const n = this.n;
    this.n = 0;
    if (n === 0) return;
    if (!this.timeframe) {
      const r = inferTimeframe({ ts: this.ts, timeOfDay: this.tod, line: this.line, length: n });
      if (!r.ok) {
        // Without skipBad a bad row already fails the import, and the gaps it left may be what
        // defeats inference: report the bad rows, not a timeframe puzzle.
        if (this.bad > 0 && !this.opts.skipBad) return;
        throw new CsvFileError(r.message, r.line);
      }
      this.timeframe = r.timeframe;
    }
    const daily = this.timeframe === '1d';
    const step = daily ? 1 : TIMEFRAME_SECONDS[this.timeframe];
    let k = 0;
    for (let i = 0; i < n; i++) {
      const t = daily ? nyLocalToUtc(this.day[i]! * DAY) : this.ts[i]!;
      const key = daily ? this.day[i]! : t;
      const prev = daily ? this.prevDay : this.prevTs;
      if (key - prev < step) {
        const ln = this.line[i]!;
        let msg: string;
        if (key === prev) msg = daily ? `a second row for the same day as line ${this.prevLine}` : `duplicate time ${iso(t)} (also on line ${this.prevLine})`;
        else if (key < prev) msg = `time ${iso(t)} is earlier than line ${this.prevLine}'s ${iso(this.prevTs)}; rows must be in increasing time order`;
        else msg = `time ${iso(t)} is only ${key - prev} s after line ${this.prevLine}'s, less than one ${this.timeframe} candle`;
        this.issue(ln, msg, ''); // the message shows the time; the row itself was well-formed
        if (this.stopped) break;
        continue;
      }
      this.prevTs = t;
      this.prevDay = this.day[i]!;
      this.prevLine = this.line[i]!;
      this.ts[k] = t;
      this.open[k] = this.open[i]!;
      this.high[k] = this.high[i]!;
      this.low[k] = this.low[i]!;
      this.close[k] = this.close[i]!;
      this.volume[k] = this.volume[i]!;
      k++;
    }
    if (k === 0 || (this.bad > 0 && !this.opts.skipBad)) return;
    if (this.firstTs === null) this.firstTs = this.ts[0]!;
    this.lastTs = this.ts[k - 1]!;
    this.delivered += k;
    this.opts.onRows({ length: k, ts: this.ts, open: this.open, high: this.high, low: this.low, close: this.close, volume: this.volume });
  }

}
