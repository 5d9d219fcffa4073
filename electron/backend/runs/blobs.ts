import { deflateRawSync, inflateRawSync, constants } from 'node:zlib';
import { decodeMessage, encodeMessage } from '../../../shared/contract/codec';
import type { GaState } from '../../../shared/ga/loop';
import { ByteWriter } from '../../../shared/stats/bytes';
import { decodeMetrics, decodeReply, encodeMetrics, encodeStats, isCompleteMetrics, isEncodedMetrics, isReply } from '../../../shared/stats/wire';
import type { IndividualStats, Metrics } from '../../../shared/stats/types';

/**
 * Binary encodings for run tables. Numbers go in as little-endian float64 so a resumed run
 * continues from exactly the stored bits; complete statistics in their binary reply form and raw
 * deflate, which keeps an elite's trade table to a few KB; other values through the contract's
 * codec (JSON shape + raw typed-array bytes).
 */

export function f64Blob(values: ArrayLike<number>): Buffer {
  // A float64 column is stored as it is (SQLite copies the bytes); anything else is converted.
  const a = values instanceof Float64Array ? values : Float64Array.from(values as ArrayLike<number>);
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength);
}

export function f64FromBlob(blob: Uint8Array): Float64Array<ArrayBuffer> {
  // Copy: a Buffer from SQLite may sit at an offset not aligned for Float64Array.
  const out = new Float64Array(blob.byteLength / 8);
  new Uint8Array(out.buffer).set(blob);
  return out;
}

export function numbersFromBlob(blob: Uint8Array): number[] {
  return Array.from(f64FromBlob(blob));
}

/** Small values (a Metrics object): the codec's bytes, not worth deflating. */
export function encodeValue(value: unknown): Buffer {
  const raw = encodeMessage(value);
  return Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
}

export function decodeValue<T>(blob: Uint8Array): T {
  return decodeMessage(blob) as T;
}

/**
 * An individual's metrics as stored: the binary metrics form (one float64 per field and a null
 * mask), taken as it is when it comes so; anything not shaped exactly like Metrics goes through
 * the generic codec, unchanged.
 */
export function metricsBlob(m: Metrics | Uint8Array): Buffer {
  if (m instanceof Uint8Array) return Buffer.from(m.buffer, m.byteOffset, m.byteLength);
  if (!isCompleteMetrics(m)) return encodeValue(m);
  const raw = encodeMetrics(m);
  return Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
}

/** Stored metrics in either form: the binary one, or the generic codec's of runs stored before it. */
export function storedMetrics(blob: Uint8Array): Metrics {
  return isEncodedMetrics(blob) ? decodeMetrics(blob) : decodeValue<Metrics>(blob);
}

export function packValue(value: unknown): Buffer {
  const raw = encodeMessage(value);
  return deflateRawSync(raw, { level: constants.Z_BEST_SPEED });
}

/**
 * Complete statistics as stored: their binary form (`encodeStats`, shared/stats/wire.ts),
 * raw-deflated. From a worker they come in that form, cut from its reply without decoding;
 * decoded statistics (the in-process evaluator's) are encoded first. Either way the same bytes.
 */
export function packStats(stats: IndividualStats | Uint8Array): Buffer {
  const bytes = stats instanceof Uint8Array ? stats : encodeStats(statsWriter.reset(), stats);
  return deflateRawSync(bytes, { level: constants.Z_BEST_SPEED });
}

const statsWriter = new ByteWriter(64 * 1024);

/** Stored complete statistics in either form: `encodeStats`', or the generic codec's of runs stored before it. */
export function unpackStats(blob: Uint8Array): IndividualStats {
  const bytes = new Uint8Array(inflateRawSync(blob));
  if (!isReply(bytes)) return decodeMessage(bytes) as IndividualStats;
  const stats = decodeReply(bytes).stats;
  if (!stats) throw new Error('stored statistics hold a reply without statistics');
  return stats;
}

export function unpackValue<T>(blob: Uint8Array): T {
  return decodeMessage(new Uint8Array(inflateRawSync(blob))) as T;
}

interface StoredState {
  generation: number;
  prng: [number, number, number, number];
  split: number;
  count: number;
  genes: number;
  population: Float64Array;
}

/** The GA state to continue from: the next population as one float64 block, the PRNG state, the chunk. */
export function packState(state: GaState): Buffer {
  const genes = state.population[0]?.length ?? 0;
  const population = new Float64Array(state.population.length * genes);
  state.population.forEach((g, i) => population.set(g, i * genes));
  const stored: StoredState = { generation: state.generation, prng: state.prng, split: state.split, count: state.population.length, genes, population };
  return packValue(stored);
}

export function unpackState(blob: Uint8Array): GaState {
  const s = unpackValue<StoredState>(blob);
  const population = Array.from({ length: s.count }, (_, i) => s.population.slice(i * s.genes, (i + 1) * s.genes));
  return { generation: s.generation, prng: s.prng, split: s.split, population };
}
