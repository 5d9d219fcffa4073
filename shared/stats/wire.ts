/**
 * The complete statistics in a compact binary form: how a worker's reply travels to the pool, and
 * how metrics are stored per individual. Lossless — decoding gives an IndividualStats equal value
 * by value to the one encoded (NaN, −0 and ±∞ included; NaN payloads are not kept) — and nothing
 * is left out: every field of every trade, the open position, daily equity, both histograms.
 *
 * What makes it compact and cheap, compared with the contract's generic codec (JSON shape + raw
 * typed arrays): no JSON at all (the shape is fixed, so it is implied), metrics as one float64
 * block with a null mask, and each float64 trade column written in the narrowest form that holds
 * it exactly — a constant (the quantity; disabled stop levels), u8 (0/1 scores), u32 (epoch-second
 * times) or i32, else float64. The entry score, which repeats the entering bar's column of the bar
 * scores at entry, is rebuilt from them when it does (checked value by value when encoding).
 * Decoded columns are views of the received bytes where the type allows.
 */
import { ByteReader, ByteWriter, type ByteArena } from './bytes';
import { deriveLabels, labelsAreDerived } from './histogram';
import type { Histogram, IndividualStats, Metrics, OpenPosition, TradeTable } from './types';

/** Every Metrics field, in the order `computeMetrics` writes them (a test keeps both in step). */
export const METRIC_KEYS = [
  'bars',
  'startTime',
  'endTime',
  'totalTrades',
  'winningTrades',
  'losingTrades',
  'totalPnlPct',
  'compoundedReturnPct',
  'totalPnlCash',
  'marketReturnPct',
  'minClose',
  'maxClose',
  'maxDrawdownPct',
  'maxDrawdownPeakTime',
  'maxDrawdownTroughTime',
  'maxDrawdownBars',
  'maxDrawdownSeconds',
  'maxDrawdownAdditivePct',
  'winRate',
  'avgWinPct',
  'avgLossPct',
  'tradeReturnStdPct',
  'profitFactor',
  'expectancyPct',
  'sqn',
  'sharpe',
  'sortino',
  'annualizedReturnPct',
  'calmar',
  'exposurePct',
  'avgBarsHeld',
  'days',
  'periodsPerYear',
] as const satisfies readonly (keyof Metrics)[];

const OPEN_KEYS = [
  'entryIndex',
  'entryTime',
  'entryPrice',
  'quantity',
  'entryBar',
  'entryScore',
  'stopLevel',
  'targetLevel',
  'unrealizedPct',
] as const satisfies readonly (keyof OpenPosition)[];

// Compile-time completeness: a field added to Metrics or OpenPosition must be added above.
type Missing<T, K extends readonly (keyof T)[]> = Exclude<keyof T, K[number]>;
const metricsComplete: Missing<Metrics, typeof METRIC_KEYS> extends never ? true : never = true;
const openComplete: Missing<OpenPosition, typeof OPEN_KEYS> extends never ? true : never = true;
void metricsComplete;
void openComplete;

const REPLY_MAGIC = 0x524c464d; // "MLFR"
const METRICS_MAGIC = 0x4d4c464d; // "MLFM"
/** 2: histogram labels left out when they are the bins' own (`deriveLabels`). */
const REPLY_VERSION = 2;
const METRICS_VERSION = 1;
const HAS_STATS = 1;
const HAS_ERROR = 2;

// Float64 column forms.
const F64 = 0;
const CONST = 1;
const U8 = 2;
const U32 = 3;
const I32 = 4;
/** Entry scores only: rebuilt from the bar scores at entry and the entering bar. */
const FROM_BAR_SCORES = 5;

/** The narrowest exact form of the first `n` values. */
function columnForm(a: Float64Array, n: number): number {
  if (n === 0) return F64;
  const first = a[0]!;
  // Constant: one value throughout (NaN as NaN, −0 apart from 0, as Object.is has it).
  let i = 1;
  if (first === first && first !== 0) while (i < n && a[i] === first) i++;
  else while (i < n && Object.is(a[i], first)) i++;
  if (i === n) return CONST;
  let min = Infinity;
  let max = -Infinity;
  for (let k = 0; k < n; k++) {
    const x = a[k]!;
    if ((x | 0) === x) {
      // An int32 — unless it is −0, which only float64 keeps.
      if (x === 0 && 1 / x < 0) return F64;
    } else if (!(x >= 0 && x <= 0xffffffff && Math.trunc(x) === x)) return F64;
    if (x < min) min = x;
    if (x > max) max = x;
  }
  if (min >= 0) return max <= 255 ? U8 : U32;
  return max <= 0x7fffffff ? I32 : F64;
}

function writeColumn(w: ByteWriter, a: Float64Array, n: number): void {
  const form = columnForm(a, n);
  w.u8v(form);
  if (form === CONST) {
    w.align(8);
    w.f64(a[0]!);
  } else if (form === U8) w.asU8(a, n);
  else if (form === U32) w.asU32(a, n);
  else if (form === I32) w.asI32(a, n);
  else w.raw(a, n);
}

function readColumn(r: ByteReader, n: number): Float64Array {
  const form = r.u8v();
  switch (form) {
    case F64:
      return r.f64s(n);
    case CONST: {
      r.align(8);
      return new Float64Array(n).fill(r.f64());
    }
    case U8: {
      const v = r.u8s(n);
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) out[i] = v[i]!;
      return out;
    }
    case U32: {
      const v = r.u32s(n);
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) out[i] = v[i]!;
      return out;
    }
    case I32: {
      const v = r.i32s(n);
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) out[i] = v[i]!;
      return out;
    }
    default:
      throw new Error(`unknown statistics column form ${form}`);
  }
}

/** Metric k of the last `writeMetrics` (null as read from the object). */
const metricOut: Array<number | null> = new Array(64).fill(0.5);

function writeMetrics(w: ByteWriter, m: Metrics): void {
  // Spelled out (not looked up key by key): a keyed read per field was the slowest part of
  // encoding a reply, which every worker does once per individual.
  metricOut[0] = m.bars as number;
  metricOut[1] = m.startTime as number;
  metricOut[2] = m.endTime as number;
  metricOut[3] = m.totalTrades as number;
  metricOut[4] = m.winningTrades as number;
  metricOut[5] = m.losingTrades as number;
  metricOut[6] = m.totalPnlPct as number;
  metricOut[7] = m.compoundedReturnPct as number;
  metricOut[8] = m.totalPnlCash as number;
  metricOut[9] = m.marketReturnPct as number;
  metricOut[10] = m.minClose as number;
  metricOut[11] = m.maxClose as number;
  metricOut[12] = m.maxDrawdownPct as number;
  metricOut[13] = m.maxDrawdownPeakTime as number;
  metricOut[14] = m.maxDrawdownTroughTime as number;
  metricOut[15] = m.maxDrawdownBars as number;
  metricOut[16] = m.maxDrawdownSeconds as number;
  metricOut[17] = m.maxDrawdownAdditivePct as number;
  metricOut[18] = m.winRate as number;
  metricOut[19] = m.avgWinPct as number;
  metricOut[20] = m.avgLossPct as number;
  metricOut[21] = m.tradeReturnStdPct as number;
  metricOut[22] = m.profitFactor as number;
  metricOut[23] = m.expectancyPct as number;
  metricOut[24] = m.sqn as number;
  metricOut[25] = m.sharpe as number;
  metricOut[26] = m.sortino as number;
  metricOut[27] = m.annualizedReturnPct as number;
  metricOut[28] = m.calmar as number;
  metricOut[29] = m.exposurePct as number;
  metricOut[30] = m.avgBarsHeld as number;
  metricOut[31] = m.days as number;
  metricOut[32] = m.periodsPerYear as number;
  const count = METRIC_KEYS.length;
  // Null mask: bit k set when metric k is null (two u32 words: up to 64 fields).
  let lo = 0;
  let hi = 0;
  for (let k = 0; k < count; k++) {
    if (metricOut[k] !== null) continue;
    if (k < 32) lo |= 1 << k;
    else hi |= 1 << (k - 32);
  }
  w.u32(count);
  w.u32(lo >>> 0);
  w.u32(hi >>> 0);
  w.f64s(metricOut, count);
}

const metricScratch = new Float64Array(64);
const nullAt = new Uint8Array(64);
/** Metric k of the scratch read by `readMetrics`, null when its mask bit was set. */
function m(k: number): number {
  return (nullAt[k] ? null : metricScratch[k]!) as number;
}

function readMetrics(r: ByteReader): Metrics {
  const count = r.u32();
  if (count !== METRIC_KEYS.length) throw new Error(`statistics with ${count} metrics; this program knows ${METRIC_KEYS.length}`);
  const lo = r.u32();
  const hi = r.u32();
  r.align(8);
  // Spelled out (not assigned key by key): one object shape, built fast, for every decoded Metrics.
  // Any field may be null on the wire (the mask says), whatever the type promises. No closure:
  // this runs for every reply in the coordinating process (see ga/nsga2.ts on closures there).
  for (let k = 0; k < count; k++) {
    metricScratch[k] = r.f64();
    nullAt[k] = k < 32 ? (lo >>> k) & 1 : (hi >>> (k - 32)) & 1;
  }
  return {
    bars: m(0),
    startTime: m(1),
    endTime: m(2),
    totalTrades: m(3),
    winningTrades: m(4),
    losingTrades: m(5),
    totalPnlPct: m(6),
    compoundedReturnPct: m(7),
    totalPnlCash: m(8),
    marketReturnPct: m(9),
    minClose: m(10),
    maxClose: m(11),
    maxDrawdownPct: m(12),
    maxDrawdownPeakTime: m(13),
    maxDrawdownTroughTime: m(14),
    maxDrawdownBars: m(15),
    maxDrawdownSeconds: m(16),
    maxDrawdownAdditivePct: m(17),
    winRate: m(18),
    avgWinPct: m(19),
    avgLossPct: m(20),
    tradeReturnStdPct: m(21),
    profitFactor: m(22),
    expectancyPct: m(23),
    sqn: m(24),
    sharpe: m(25),
    sortino: m(26),
    annualizedReturnPct: m(27),
    calmar: m(28),
    exposurePct: m(29),
    avgBarsHeld: m(30),
    days: m(31),
    periodsPerYear: m(32),
  };
}

const LABELS_DERIVED = 0;
const LABELS_LISTED = 1;

function writeHistogram(w: ByteWriter, h: Histogram): void {
  w.align(8);
  w.f64(h.binWidth);
  w.u32(h.edges.length);
  writeColumn(w, h.edges, h.edges.length);
  w.raw(h.counts, h.counts.length);
  // The labels follow from the edges (a string per bin was a fifth of encoding a reply).
  if (labelsAreDerived(h)) {
    w.u8v(LABELS_DERIVED);
    return;
  }
  w.u8v(LABELS_LISTED);
  w.u32(h.labels.length);
  for (const l of h.labels) w.str(l);
}

function readHistogram(r: ByteReader, version: number): Histogram {
  r.align(8);
  const binWidth = r.f64();
  const bins = r.u32();
  const edges = readColumn(r, bins);
  const counts = r.i32s(bins);
  if (version >= 2 && r.u8v() === LABELS_DERIVED) return { binWidth, edges, counts, labels: deriveLabels(edges, binWidth) };
  const nl = r.u32();
  const labels: string[] = [];
  for (let k = 0; k < nl; k++) labels.push(r.str());
  return { binWidth, edges, counts, labels };
}

/** Whether every entry score equals the entering bar's score at entry (bit for bit). */
function entryScoresRepeatBarScores(t: TradeTable, nb: number): boolean {
  for (let i = 0; i < t.count; i++) {
    const b = t.entryBar[i]!;
    if (b < 0 || b >= nb || !Object.is(t.entryScore[i], t.barScoresAtEntry[i * nb + b])) return false;
  }
  return true;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return false;
  return true;
}

/** The names last written and their bytes (position-independent: no padding inside). */
let lastNames: { timeframe: string; bars: string[]; indicators: string[]; bytes: Uint8Array } | null = null;

/** Timeframe, bar and indicator names: the same in every reply of a run, so written once and then copied. */
function writeNames(w: ByteWriter, s: IndividualStats): void {
  const last = lastNames;
  if (last && last.timeframe === s.timeframe && sameList(last.bars, s.barNames) && sameList(last.indicators, s.indicatorNames)) {
    w.bytesOf(last.bytes);
    return;
  }
  const start = w.pos;
  w.str(s.timeframe);
  w.u32(s.barNames.length);
  for (const b of s.barNames) w.str(b);
  w.u32(s.indicatorNames.length);
  for (const b of s.indicatorNames) w.str(b);
  lastNames = { timeframe: s.timeframe, bars: s.barNames.slice(), indicators: s.indicatorNames.slice(), bytes: w.bytes().slice(start) };
}

function writeStats(w: ByteWriter, s: IndividualStats): void {
  writeMetrics(w, s.metrics);
  writeNames(w, s);
  const o = s.openPosition;
  w.u8v(o ? 1 : 0);
  if (o) {
    w.align(8);
    for (const k of OPEN_KEYS) w.f64(o[k]);
  }
  const t = s.trades;
  const n = t.count;
  const nb = s.barNames.length;
  const ni = s.indicatorNames.length;
  w.u32(n);
  w.raw(t.entryIndex, n);
  w.raw(t.exitIndex, n);
  writeColumn(w, t.entryTime, n);
  writeColumn(w, t.exitTime, n);
  writeColumn(w, t.entryPrice, n);
  writeColumn(w, t.exitPrice, n);
  writeColumn(w, t.quantity, n);
  w.raw(t.exitReason, n);
  writeColumn(w, t.returnPct, n);
  writeColumn(w, t.pnlCash, n);
  writeColumn(w, t.stopLevel, n);
  writeColumn(w, t.targetLevel, n);
  w.raw(t.entryBar, n);
  writeColumn(w, t.barScoresAtEntry, n * nb);
  writeColumn(w, t.barScoresAtExit, n * nb);
  writeColumn(w, t.indicatorValuesAtEntry, n * ni);
  if (entryScoresRepeatBarScores(t, nb)) w.u8v(FROM_BAR_SCORES);
  else writeColumn(w, t.entryScore, n);
  const days = s.dailyEquity.time.length;
  w.u32(days);
  writeColumn(w, s.dailyEquity.time, days);
  writeColumn(w, s.dailyEquity.value, days);
  writeHistogram(w, s.histograms.winning);
  writeHistogram(w, s.histograms.losing);
}

function readStats(r: ByteReader, version: number): IndividualStats {
  const metrics = readMetrics(r);
  const timeframe = r.str();
  const barNames: string[] = [];
  for (let k = r.u32(); k > 0; k--) barNames.push(r.str());
  const indicatorNames: string[] = [];
  for (let k = r.u32(); k > 0; k--) indicatorNames.push(r.str());
  let openPosition: OpenPosition | null = null;
  if (r.u8v()) {
    r.align(8);
    const o: Record<string, number> = {};
    for (const k of OPEN_KEYS) o[k] = r.f64();
    openPosition = o as unknown as OpenPosition;
  }
  const n = r.u32();
  const nb = barNames.length;
  const ni = indicatorNames.length;
  const entryIndex = r.i32s(n);
  const exitIndex = r.i32s(n);
  const entryTime = readColumn(r, n);
  const exitTime = readColumn(r, n);
  const entryPrice = readColumn(r, n);
  const exitPrice = readColumn(r, n);
  const quantity = readColumn(r, n);
  const exitReason = r.u8s(n);
  const returnPct = readColumn(r, n);
  const pnlCash = readColumn(r, n);
  const stopLevel = readColumn(r, n);
  const targetLevel = readColumn(r, n);
  const entryBar = r.i16s(n);
  const barScoresAtEntry = readColumn(r, n * nb);
  const barScoresAtExit = readColumn(r, n * nb);
  const indicatorValuesAtEntry = readColumn(r, n * ni);
  let entryScore: Float64Array;
  if (r.u8v() === FROM_BAR_SCORES) {
    entryScore = new Float64Array(n);
    for (let i = 0; i < n; i++) entryScore[i] = barScoresAtEntry[i * nb + entryBar[i]!]!;
  } else {
    r.pos--;
    entryScore = readColumn(r, n);
  }
  const trades: TradeTable = {
    count: n,
    entryIndex,
    exitIndex,
    entryTime,
    exitTime,
    entryPrice,
    exitPrice,
    quantity,
    exitReason,
    returnPct,
    pnlCash,
    stopLevel,
    targetLevel,
    entryBar,
    entryScore,
    barScoresAtEntry,
    barScoresAtExit,
    indicatorValuesAtEntry,
  };
  const days = r.u32();
  const time = readColumn(r, days);
  const value = readColumn(r, days);
  const winning = readHistogram(r, version);
  const losing = readHistogram(r, version);
  return {
    metrics,
    trades,
    openPosition,
    timeframe,
    barNames,
    indicatorNames,
    dailyEquity: { time, value },
    histograms: { winning, losing },
  };
}

/** What a worker sends back for one task. */
export interface ReplyBody {
  objectives: number[];
  stats: IndividualStats | null;
  error?: string;
  evalMs: number;
}

/**
 * Appends a reply to `w` (from the next 8-byte boundary) and returns its bytes as a view of the
 * writer's buffer: send or copy them before the writer is reset.
 */
export function encodeReply(w: ByteWriter, body: ReplyBody): Uint8Array {
  w.align(8);
  const start = w.pos;
  writeHead(w, (body.stats ? HAS_STATS : 0) | (body.error !== undefined ? HAS_ERROR : 0), body.evalMs, body.objectives);
  if (body.error !== undefined) w.str(body.error);
  if (body.stats) writeStats(w, body.stats);
  return w.bytes().subarray(start);
}

function writeHead(w: ByteWriter, flags: number, evalMs: number, objectives: readonly number[], version = REPLY_VERSION): void {
  w.u32(REPLY_MAGIC);
  w.u16(version);
  w.u16(flags);
  w.f64(evalMs);
  w.u32(objectives.length);
  w.f64s(objectives, objectives.length);
}

/**
 * Complete statistics alone: a reply with no objectives, no error and no time, so the same
 * statistics give the same bytes whichever process evaluated them (the form a run stores).
 */
export function encodeStats(w: ByteWriter, stats: IndividualStats): Uint8Array {
  return encodeReply(w, { objectives: [], stats, evalMs: 0 });
}

const statsHeadWriter = new ByteWriter(64);

/** The part of a reply read before its statistics. */
function readHead(r: ByteReader): { flags: number; version: number; body: ReplyBody } {
  if (r.length < 8 || r.u32() !== REPLY_MAGIC) throw new Error('not a statistics reply');
  const version = r.u16();
  // Version 1 is still read: runs stored before version 2 hold it.
  if (version < 1 || version > REPLY_VERSION) throw new Error(`statistics reply version ${version}; this program reads 1 to ${REPLY_VERSION}`);
  const flags = r.u16();
  const evalMs = r.f64();
  const k = r.u32();
  r.align(8);
  const objectives: number[] = [];
  for (let j = 0; j < k; j++) objectives.push(r.f64());
  const body: ReplyBody = { objectives, stats: null, evalMs };
  if (flags & HAS_ERROR) body.error = r.str();
  return { flags, version, body };
}

export function decodeReply(bytes: Uint8Array): ReplyBody {
  const r = new ByteReader(bytes);
  const { flags, version, body } = readHead(r);
  if (flags & HAS_STATS) body.stats = readStats(r, version);
  return body;
}

/**
 * A reply read up to its statistics: its objectives and error — what a coordinator needs of every
 * individual — are read at once; metrics and statistics, which it needs of few or only stores,
 * when asked for.
 */
export class OpenedReply {
  readonly objectives: number[];
  readonly evalMs: number;
  readonly error: string | undefined;
  /** Whether the reply holds statistics (then it holds metrics too). */
  readonly hasStats: boolean;
  private readonly metricsAt: number;
  private readonly version: number;

  /** `bytes`: the reply as encoded (kept, and read from, as it is); `same`: a reply already read of the same bytes. */
  constructor(
    readonly bytes: Uint8Array,
    same?: OpenedReply,
  ) {
    if (same) {
      this.version = same.version;
      this.objectives = same.objectives;
      this.evalMs = same.evalMs;
      this.error = same.error;
      this.hasStats = same.hasStats;
      this.metricsAt = same.metricsAt;
      return;
    }
    const r = new ByteReader(bytes);
    const { flags, version, body } = readHead(r);
    this.version = version;
    this.objectives = body.objectives;
    this.evalMs = body.evalMs;
    this.error = body.error;
    this.hasStats = (flags & HAS_STATS) !== 0;
    this.metricsAt = r.pos;
  }

  /** Decodes the metrics (each call decodes afresh). */
  metrics(): Metrics | null {
    return this.hasStats ? metricsAtOffset(this.bytes, this.metricsAt) : null;
  }

  /**
   * The metrics as `encodeMetrics` stores them, copied out of the reply (into `arena` when given)
   * rather than decoded and encoded again: the form a run stores for every individual.
   */
  metricsBytes(arena?: ByteArena): Uint8Array | null {
    return this.hasStats ? metricsBytesAt(this.bytes, this.metricsAt, arena) : null;
  }

  /**
   * The statistics as `encodeStats` writes them, made from this reply's bytes without decoding
   * them (a fresh copy), or null when it holds none.
   */
  statsBytes(): Uint8Array | null {
    if (!this.hasStats) return null;
    // The statistics' padding is relative to the reply's start: copied as they are when they
    // start on an 8-byte boundary (after the objectives), as they do in `encodeStats` output.
    if (this.metricsAt % 8 !== 0) return encodeStats(new ByteWriter(64 * 1024), this.stats()!).slice();
    const w = statsHeadWriter.reset();
    writeHead(w, HAS_STATS, 0, [], this.version);
    const rest = this.bytes.subarray(this.metricsAt);
    const out = new Uint8Array(w.pos + rest.byteLength);
    out.set(w.bytes());
    out.set(rest, w.pos);
    return out;
  }

  /** The same reply over a copy of its bytes in `arena`, so the bytes it was read from can go. */
  copyTo(arena: ByteArena): OpenedReply {
    return new OpenedReply(arena.copy(this.bytes), this);
  }

  /** Decodes the complete statistics (each call decodes afresh). */
  stats(): IndividualStats | null {
    return this.hasStats ? decodeReply(this.bytes).stats : null;
  }
}

export function openReply(bytes: Uint8Array): OpenedReply {
  return new OpenedReply(bytes);
}

function metricsAtOffset(bytes: Uint8Array, at: number): Metrics {
  const r = new ByteReader(bytes);
  r.pos = at;
  return readMetrics(r);
}

const metricsWriter = new ByteWriter(512);

/** The header `encodeMetrics` puts before the metrics section. */
function metricsHeader(w: ByteWriter): void {
  w.u32(METRICS_MAGIC);
  w.u16(METRICS_VERSION);
  w.u16(0);
}

/** That header's bytes, copied as they are in front of a reply's metrics section. */
const METRICS_HEADER = (() => {
  const w = new ByteWriter(8);
  metricsHeader(w);
  return w.bytes().slice();
})();

/** The little-endian u32 at byte `at`, read byte by byte: a DataView made per call cost more than what it reads for. */
function u32At(bytes: Uint8Array, at: number): number {
  return (bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16) | (bytes[at + 3]! << 24)) >>> 0;
}

function metricsBytesAt(bytes: Uint8Array, at: number, arena?: ByteArena): Uint8Array {
  // The section's padding is relative to the reply's start; it matches the stored form's (whose
  // header is 8 bytes) when the section starts on an 8-byte boundary, as it does after the
  // objectives. Anything else is decoded and encoded afresh.
  if (at % 8 !== 0) return encodeMetrics(metricsAtOffset(bytes, at));
  const count = u32At(bytes, at);
  const section = bytes.subarray(at, at + 16 + 8 * count);
  const out = arena ? arena.take(8 + section.byteLength) : new Uint8Array(8 + section.byteLength);
  out.set(METRICS_HEADER);
  out.set(section, 8);
  return out;
}

/** Whether `m` has exactly the Metrics fields, each a number or null (what the binary form holds). */
export function isCompleteMetrics(m: object): m is Metrics {
  const o = m as Record<string, unknown>;
  for (const key of METRIC_KEYS) {
    const v = o[key];
    if (v !== null && typeof v !== 'number') return false;
  }
  return Object.keys(o).length === METRIC_KEYS.length;
}

/** Metrics alone (stored per individual): a fresh exact-size copy. */
export function encodeMetrics(m: Metrics): Uint8Array {
  const w = metricsWriter.reset();
  metricsHeader(w);
  writeMetrics(w, m);
  return w.bytes().slice();
}

/** Whether `bytes` hold a reply (`encodeReply` output). */
export function isReply(bytes: Uint8Array): boolean {
  return bytes.byteLength >= 8 && u32At(bytes, 0) === REPLY_MAGIC;
}

/** Whether `bytes` hold `encodeMetrics` output (stored runs may hold the generic codec's). */
export function isEncodedMetrics(bytes: Uint8Array): boolean {
  return bytes.byteLength >= 8 && u32At(bytes, 0) === METRICS_MAGIC;
}

export function decodeMetrics(bytes: Uint8Array): Metrics {
  const r = new ByteReader(bytes);
  if (r.u32() !== METRICS_MAGIC) throw new Error('not encoded metrics');
  const version = r.u16();
  if (version !== METRICS_VERSION) throw new Error(`metrics version ${version}; this program reads ${METRICS_VERSION}`);
  r.u16();
  return readMetrics(r);
}
