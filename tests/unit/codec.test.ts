import { describe, expect, it } from 'vitest';
import { decodeMessage, encodeMessage } from '../../shared/contract/codec';

describe('message codec', () => {
  it('round-trips typed arrays, non-finite numbers and nested plain data', () => {
    const value = {
      id: 7,
      name: 'run "α"',
      ts: new Float64Array([1.5, NaN, -Infinity, 3]),
      codes: new Uint8Array([1, 2, 3]),
      idx: new Int32Array([-1, 2 ** 30]),
      nested: [{ pf: null, x: Infinity }, new Int16Array([5])],
    };
    const back = decodeMessage(encodeMessage(value)) as typeof value;
    expect(back.id).toBe(7);
    expect(back.name).toBe('run "α"');
    expect(back.ts).toBeInstanceOf(Float64Array);
    expect(Array.from(back.ts)).toEqual([1.5, NaN, -Infinity, 3]);
    expect(Array.from(back.codes)).toEqual([1, 2, 3]);
    expect(Array.from(back.idx)).toEqual([-1, 2 ** 30]);
    expect(back.nested[0]).toEqual({ pf: null, x: Infinity });
    expect(back.nested[1]).toBeInstanceOf(Int16Array);
  });

  it('decodes from a buffer that does not start on an 8-byte boundary', () => {
    const enc = encodeMessage({ a: new Float64Array([1, 2]) });
    const shifted = new Uint8Array(enc.length + 3);
    shifted.set(enc, 3);
    const back = decodeMessage(shifted.subarray(3)) as { a: Float64Array };
    expect(Array.from(back.a)).toEqual([1, 2]);
  });
});
