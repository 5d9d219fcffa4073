/**
 * Binary message codec for transports that cannot structured-clone (WebSocket): JSON for the
 * shape, raw bytes for typed arrays, and non-finite numbers kept (JSON alone turns NaN into null).
 *
 * Layout: u32 jsonBytes | u32 blobCount | blobCount × u32 byteLength | json | blobs, each blob
 * starting on an 8-byte boundary so the decoder can view it in place.
 */

type TypedArray =
  | Float64Array
  | Float32Array
  | Int32Array
  | Uint32Array
  | Int16Array
  | Uint16Array
  | Int8Array
  | Uint8Array
  | Uint8ClampedArray;

type TypedArrayCtor = new (buffer: ArrayBuffer, byteOffset: number, length: number) => TypedArray;

const CTORS: Record<string, TypedArrayCtor & { BYTES_PER_ELEMENT: number }> = {
  Float64Array,
  Float32Array,
  Int32Array,
  Uint32Array,
  Int16Array,
  Uint16Array,
  Int8Array,
  Uint8Array,
  Uint8ClampedArray,
};

const TA = '$typed';
const NUM = '$number';

interface Utf8 {
  encode(s: string): Uint8Array;
  decode(b: Uint8Array): string;
}

// TextEncoder/TextDecoder are globals in every JS host we run in; reached through globalThis so
// that shared/ needs neither DOM nor Node typings.
const utf8: Utf8 = (() => {
  const g = globalThis as unknown as {
    TextEncoder: new () => { encode(s: string): Uint8Array };
    TextDecoder: new () => { decode(b: Uint8Array): string };
  };
  const enc = new g.TextEncoder();
  const dec = new g.TextDecoder();
  return { encode: (s) => enc.encode(s), decode: (b) => dec.decode(b) };
})();

const pad8 = (n: number) => (n + 7) & ~7;

export function encodeMessage(value: unknown): Uint8Array {
  const blobs: TypedArray[] = [];
  const json = JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v === 'number') return Number.isFinite(v) ? v : { [NUM]: String(v) };
    if (ArrayBuffer.isView(v) && !(v instanceof DataView)) {
      const name = v.constructor.name;
      if (!(name in CTORS)) throw new Error(`cannot encode ${name}`);
      blobs.push(v as TypedArray);
      return { [TA]: name, i: blobs.length - 1 };
    }
    return v;
  });
  const jsonBytes = utf8.encode(json ?? 'null');
  const headerBytes = 8 + 4 * blobs.length;
  let total = pad8(headerBytes + jsonBytes.length);
  const offsets: number[] = [];
  for (const b of blobs) {
    offsets.push(total);
    total = pad8(total + b.byteLength);
  }
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  view.setUint32(0, jsonBytes.length, true);
  view.setUint32(4, blobs.length, true);
  blobs.forEach((b, k) => view.setUint32(8 + 4 * k, b.byteLength, true));
  out.set(jsonBytes, headerBytes);
  blobs.forEach((b, k) => out.set(new Uint8Array(b.buffer, b.byteOffset, b.byteLength), offsets[k]!));
  return out;
}

export function decodeMessage(bytes: Uint8Array): unknown {
  // Blobs are viewed in place, which needs an 8-aligned start: copy once if the host gave us less.
  const data = bytes.byteOffset % 8 === 0 ? bytes : bytes.slice();
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const jsonLength = view.getUint32(0, true);
  const blobCount = view.getUint32(4, true);
  const headerBytes = 8 + 4 * blobCount;
  const lengths: number[] = [];
  for (let k = 0; k < blobCount; k++) lengths.push(view.getUint32(8 + 4 * k, true));
  const json = utf8.decode(data.subarray(headerBytes, headerBytes + jsonLength));
  const offsets: number[] = [];
  let at = pad8(headerBytes + jsonLength);
  for (const len of lengths) {
    offsets.push(at);
    at = pad8(at + len);
  }
  return JSON.parse(json, (_key, v: unknown) => {
    if (v !== null && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (typeof o[NUM] === 'string') return Number(o[NUM]);
      if (typeof o[TA] === 'string' && typeof o.i === 'number') {
        const Ctor = CTORS[o[TA]];
        if (!Ctor) throw new Error(`cannot decode ${o[TA]}`);
        const len = lengths[o.i]!;
        return new Ctor(data.buffer as ArrayBuffer, data.byteOffset + offsets[o.i]!, len / Ctor.BYTES_PER_ELEMENT);
      }
    }
    return v;
  });
}
