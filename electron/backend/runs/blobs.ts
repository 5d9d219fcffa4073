import { deflateRaw, deflateRawSync, inflateRawSync, constants } from 'node:zlib';
import { decodeMessage, encodeMessage } from '../../../shared/contract/codec';
import type { GaState } from '../../../shared/ga/loop';
import { decodeMetrics, encodeMetrics, isCompleteMetrics, isEncodedMetrics } from '../../../shared/stats/wire';
import type { Metrics } from '../../../shared/stats/types';

/**
 * Binary encodings for run tables. Numbers go in as little-endian float64 so a resumed run
 * continues from exactly the stored bits; statistics go through the contract's codec (JSON shape
 * + raw typed-array bytes) and raw deflate, which keeps an elite's trade table to a few KB.
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
 * mask); anything not shaped exactly like Metrics goes through the generic codec, unchanged.
 */
export function metricsBlob(m: Metrics): Buffer {
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

/** `packValue`, compressed in libuv's thread pool (the same bytes). */
export function packValueAsync(value: unknown): Promise<Buffer> {
  const raw = encodeMessage(value);
  return new Promise((resolve, reject) => deflateRaw(raw, { level: constants.Z_BEST_SPEED }, (err, out) => (err ? reject(err) : resolve(out))));
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
