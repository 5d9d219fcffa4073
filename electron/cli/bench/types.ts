/**
 * One line of `npm run bench`: our figure, and where there is one, the named peer's figure
 * measured in the same run, with the ratio ours ÷ peer (so > 1 is better when `higherIsBetter`).
 */
export interface BenchRow {
  suite: string;
  measure: string;
  value: number;
  unit: string;
  peer?: { name: string; value: number };
  /** Whether a larger value is better (rates) or worse (times, bytes). */
  higherIsBetter: boolean;
  /** A budget from DESIGN.md or the issues, shown next to the figure (e.g. "≥ 0.5× sqlite3"). */
  goal?: string;
  note?: string;
}

/** What a suite reports when it cannot run here (e.g. a peer tool is missing). */
export interface BenchSkip {
  suite: string;
  measure: string;
  reason: string;
}

export interface BenchContext {
  /** Scratch folder for this run (deleted afterwards). */
  dir: string;
  /** Scale factor: 1 for the documented sizes, smaller for a quick smoke run (`--quick`). */
  scale: number;
  log(message: string): void;
}

export interface BenchSuite {
  name: string;
  run(ctx: BenchContext): Promise<Array<BenchRow | BenchSkip>>;
}

/** Best of `repeats` timings of `fn` in milliseconds (after one warm-up call). */
export async function bestOf(repeats: number, fn: () => unknown | Promise<unknown>): Promise<number> {
  await fn();
  let best = Infinity;
  for (let r = 0; r < repeats; r++) {
    const t0 = performance.now();
    await fn();
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}
