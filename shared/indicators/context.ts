import type { ComputeContext } from './types';

const fresh = (length: number) => new Float64Array(length);

/** The result column of a kernel: the context's pooled one, or a new array. Zeroed either way. */
export function resultColumn(length: number, ctx?: ComputeContext): Float64Array {
  return ctx ? ctx.column(length) : new Float64Array(length);
}

/**
 * An intermediate series named by `key` (which must name it completely: function, source and
 * every parameter it depends on): shared through the context, or made afresh without one.
 */
export function sharedSeries(ctx: ComputeContext | undefined, key: string, make: (column: (length: number) => Float64Array) => Float64Array): Float64Array {
  return ctx ? ctx.memo(key, make) : make(fresh);
}
