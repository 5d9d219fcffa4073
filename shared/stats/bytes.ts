/**
 * Little-endian byte writing and reading for the binary forms of the statistics (shared/stats/wire.ts).
 * Columns are aligned to their element size relative to the start, so a reader can view them in
 * place; a reader given bytes at a misaligned offset copies them once.
 */

interface Utf8 {
  encodeInto(s: string, dest: Uint8Array): { written: number };
  decode(b: Uint8Array): string;
}

// TextEncoder/TextDecoder are globals in every JS host we run in; reached through globalThis so
// that shared/ needs neither DOM nor Node typings.
const utf8: Utf8 = (() => {
  const g = globalThis as unknown as {
    TextEncoder: new () => { encodeInto(s: string, d: Uint8Array): { written: number } };
    TextDecoder: new () => { decode(b: Uint8Array): string };
  };
  const enc = new g.TextEncoder();
  const dec = new g.TextDecoder();
  return { encodeInto: (s, d) => enc.encodeInto(s, d), decode: (b) => dec.decode(b) };
})();

/** Whether this host stores numbers little-endian, as the binary forms do (every host we run on). */
const LITTLE_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

/** Recently written strings as UTF-8: a reply writes the same names and labels every time. */
const utf8Cache = new Map<string, Uint8Array>();
const UTF8_CACHE_SIZE = 512;

/** Columns up to this long are copied element by element: `set` is a call into the runtime that costs more. */
const SHORT = 64;

/** A growable buffer, reused across messages: `bytes()` is valid until the next `reset()`. */
export class ByteWriter {
  private buf: ArrayBuffer;
  private u8: Uint8Array;
  private dv: DataView;
  // Views of the whole buffer by element type: columns are copied element by element through
  // them (on a little-endian host), with no view made per column.
  private f64v: Float64Array;
  private i32v: Int32Array;
  private u32v: Uint32Array;
  private i16v: Int16Array;
  pos = 0;

  constructor(initialBytes = 64 * 1024) {
    this.buf = new ArrayBuffer(Math.max(8, Math.ceil(initialBytes / 8) * 8));
    this.u8 = new Uint8Array(this.buf);
    this.dv = new DataView(this.buf);
    this.f64v = new Float64Array(this.buf);
    this.i32v = new Int32Array(this.buf);
    this.u32v = new Uint32Array(this.buf);
    this.i16v = new Int16Array(this.buf);
  }

  reset(): this {
    this.pos = 0;
    return this;
  }

  private ensure(extra: number): void {
    const need = this.pos + extra;
    if (need <= this.buf.byteLength) return;
    let size = this.buf.byteLength * 2;
    while (size < need) size *= 2;
    const next = new ArrayBuffer(size);
    const u8 = new Uint8Array(next);
    u8.set(this.u8.subarray(0, this.pos));
    this.buf = next;
    this.u8 = u8;
    this.dv = new DataView(next);
    this.f64v = new Float64Array(next);
    this.i32v = new Int32Array(next);
    this.u32v = new Uint32Array(next);
    this.i16v = new Int16Array(next);
  }

  /** Zero padding up to a multiple of `k` bytes. */
  align(k: number): void {
    const pad = (k - (this.pos % k)) % k;
    if (pad === 0) return;
    this.ensure(pad);
    // At most 7 bytes: a loop costs less than a call to `fill`.
    const u8 = this.u8;
    for (let i = this.pos; i < this.pos + pad; i++) u8[i] = 0;
    this.pos += pad;
  }

  u8v(x: number): void {
    this.ensure(1);
    this.u8[this.pos++] = x;
  }

  u16(x: number): void {
    this.ensure(2);
    this.dv.setUint16(this.pos, x, true);
    this.pos += 2;
  }

  u32(x: number): void {
    this.ensure(4);
    this.dv.setUint32(this.pos, x, true);
    this.pos += 4;
  }

  f64(x: number): void {
    this.ensure(8);
    this.dv.setFloat64(this.pos, x, true);
    this.pos += 8;
  }

  /** `n` numbers as float64, aligned to 8 (null written as 0: the caller keeps a mask). */
  f64s(values: ReadonlyArray<number | null>, n: number): void {
    this.align(8);
    this.ensure(8 * n);
    if (LITTLE_ENDIAN) {
      const v = this.f64v;
      const at = this.pos >> 3;
      for (let k = 0; k < n; k++) v[at + k] = values[k] ?? 0;
    } else for (let k = 0; k < n; k++) this.dv.setFloat64(this.pos + 8 * k, values[k] ?? 0, true);
    this.pos += 8 * n;
  }

  /** Bytes as they are (no alignment). */
  bytesOf(b: Uint8Array): void {
    this.ensure(b.byteLength);
    this.u8.set(b, this.pos);
    this.pos += b.byteLength;
  }

  /** The first `n` elements of a typed array, raw, aligned to its element size. */
  raw(a: Float64Array | Int32Array | Uint32Array | Int16Array | Uint8Array, n: number): void {
    const size = a.BYTES_PER_ELEMENT;
    this.align(size);
    const bytes = n * size;
    this.ensure(bytes);
    const at = this.pos / size;
    // Through a view of the same type, with no view made per column when it is copied whole;
    // short columns element by element (values exact; NaN payloads are not kept, as documented),
    // in one loop per array type: one loop shared by all five types measured no faster than `set`.
    if (!LITTLE_ENDIAN) this.u8.set(new Uint8Array(a.buffer, a.byteOffset, bytes), this.pos);
    else if (a instanceof Float64Array) {
      if (n > SHORT) copyInto(this.f64v, at, a, n);
      else for (let i = 0, v = this.f64v; i < n; i++) v[at + i] = a[i]!;
    } else if (a instanceof Int32Array) {
      if (n > SHORT) copyInto(this.i32v, at, a, n);
      else for (let i = 0, v = this.i32v; i < n; i++) v[at + i] = a[i]!;
    } else if (a instanceof Uint32Array) copyInto(this.u32v, at, a, n);
    else if (a instanceof Int16Array) {
      if (n > SHORT) copyInto(this.i16v, at, a, n);
      else for (let i = 0, v = this.i16v; i < n; i++) v[at + i] = a[i]!;
    } else if (n > SHORT) copyInto(this.u8, at, a, n);
    else for (let i = 0, v = this.u8; i < n; i++) v[at + i] = a[i]!;
    this.pos += bytes;
  }

  /** `n` values written as u32 (the caller checked they fit), aligned to 4. */
  asU32(a: Float64Array, n: number): void {
    this.align(4);
    this.ensure(4 * n);
    if (LITTLE_ENDIAN) {
      const v = this.u32v;
      const at = this.pos >> 2;
      for (let i = 0; i < n; i++) v[at + i] = a[i]!;
    } else for (let i = 0; i < n; i++) this.dv.setUint32(this.pos + 4 * i, a[i]!, true);
    this.pos += 4 * n;
  }

  asI32(a: Float64Array, n: number): void {
    this.align(4);
    this.ensure(4 * n);
    if (LITTLE_ENDIAN) {
      const v = this.i32v;
      const at = this.pos >> 2;
      for (let i = 0; i < n; i++) v[at + i] = a[i]!;
    } else for (let i = 0; i < n; i++) this.dv.setInt32(this.pos + 4 * i, a[i]!, true);
    this.pos += 4 * n;
  }

  asU8(a: Float64Array, n: number): void {
    this.ensure(n);
    for (let i = 0; i < n; i++) this.u8[this.pos + i] = a[i]!;
    this.pos += n;
  }

  /** u32 byte length, then UTF-8. */
  str(s: string): void {
    let bytes = utf8Cache.get(s);
    if (!bytes) {
      // UTF-8 takes at most 3 bytes per UTF-16 unit.
      const scratch = new Uint8Array(3 * s.length);
      bytes = scratch.subarray(0, utf8.encodeInto(s, scratch).written);
      if (utf8Cache.size >= UTF8_CACHE_SIZE) utf8Cache.clear();
      utf8Cache.set(s, bytes);
    }
    this.ensure(4 + bytes.byteLength);
    this.dv.setUint32(this.pos, bytes.byteLength, true);
    this.u8.set(bytes, this.pos + 4);
    this.pos += 4 + bytes.byteLength;
  }

  /** Overwrites the u32 at byte `at` (a field written earlier as a placeholder). */
  u32At(at: number, x: number): void {
    this.dv.setUint32(at, x, true);
  }

  f64At(at: number, x: number): void {
    this.dv.setFloat64(at, x, true);
  }

  /** The bytes written since `reset()`, as a view of this writer's buffer. */
  bytes(): Uint8Array {
    return this.u8.subarray(0, this.pos);
  }
}

/** `from`'s first `n` elements into `to` at element `at`: a plain memory copy, no view made for a whole array. */
function copyInto<T extends Float64Array | Int32Array | Uint32Array | Int16Array | Uint8Array>(to: T, at: number, from: T, n: number): void {
  (to as Float64Array).set((n === from.length ? from : from.subarray(0, n)) as Float64Array, at);
}

/**
 * Copies of byte strings packed into a few large buffers, 8-byte aligned, freed all together when
 * the arena is dropped. A process that keeps parts of many messages for a while keeps them here
 * rather than in the messages' own buffers: each of those is memory outside the JS heap that
 * counts against the heap's growth until a full collection, so keeping them (or a copy of each)
 * made V8 run a full collection about once per optimizer generation.
 */
export class ByteArena {
  private block: Uint8Array;
  private at = 0;

  constructor(private readonly blockBytes = 256 * 1024) {
    this.block = new Uint8Array(blockBytes);
  }

  /** A copy of `bytes`, or of `length` bytes of it from `from`, starting on an 8-byte boundary. */
  copy(bytes: Uint8Array, from = 0, length = bytes.byteLength - from): Uint8Array {
    const out = this.take(length);
    out.set(bytes.subarray(from, from + length));
    return out;
  }

  /** `length` bytes (contents undefined) starting on an 8-byte boundary. */
  take(length: number): Uint8Array {
    const start = (this.at + 7) & ~7;
    if (start + length > this.block.byteLength) {
      // A new block; the old one lives on in the views already handed out.
      this.block = new Uint8Array(Math.max(this.blockBytes, length));
      this.at = length;
      return this.block.subarray(0, length);
    }
    this.at = start + length;
    return this.block.subarray(start, start + length);
  }
}

/**
 * Reads what a ByteWriter wrote. Typed-array columns are views of the given bytes when their
 * address is aligned for the type, else exact copies (a channel may hand bytes over at any offset).
 */
export class ByteReader {
  private readonly buf: ArrayBuffer;
  private readonly base: number;
  private readonly dv: DataView;
  pos = 0;

  constructor(bytes: Uint8Array) {
    this.buf = bytes.buffer as ArrayBuffer;
    this.base = bytes.byteOffset;
    this.dv = new DataView(this.buf, bytes.byteOffset, bytes.byteLength);
  }

  get length(): number {
    return this.dv.byteLength;
  }

  private need(n: number): number {
    if (this.pos + n > this.dv.byteLength) throw new Error(`truncated statistics: ${n} bytes wanted at ${this.pos} of ${this.dv.byteLength}`);
    const at = this.pos;
    this.pos += n;
    return at;
  }

  align(k: number): void {
    this.pos += (k - (this.pos % k)) % k;
  }

  u8v(): number {
    return this.dv.getUint8(this.need(1));
  }

  u16(): number {
    return this.dv.getUint16(this.need(2), true);
  }

  u32(): number {
    return this.dv.getUint32(this.need(4), true);
  }

  f64(): number {
    return this.dv.getFloat64(this.need(8), true);
  }

  private column<T>(Ctor: { new (b: ArrayBuffer, o: number, n: number): T; new (n: number): T; BYTES_PER_ELEMENT: number }, n: number): T {
    const size = Ctor.BYTES_PER_ELEMENT;
    this.align(size);
    const at = this.base + this.need(size * n);
    if (at % size === 0) return new Ctor(this.buf, at, n);
    const copy = new Ctor(n);
    new Uint8Array((copy as unknown as { buffer: ArrayBuffer }).buffer).set(new Uint8Array(this.buf, at, size * n));
    return copy;
  }

  f64s(n: number): Float64Array<ArrayBuffer> {
    return this.column(Float64Array, n);
  }

  i32s(n: number): Int32Array<ArrayBuffer> {
    return this.column(Int32Array, n);
  }

  u32s(n: number): Uint32Array<ArrayBuffer> {
    return this.column(Uint32Array, n);
  }

  i16s(n: number): Int16Array<ArrayBuffer> {
    return this.column(Int16Array, n);
  }

  u8s(n: number): Uint8Array<ArrayBuffer> {
    return new Uint8Array(this.buf, this.base + this.need(n), n);
  }

  str(): string {
    const len = this.u32();
    return utf8.decode(new Uint8Array(this.buf, this.base + this.need(len), len));
  }
}
