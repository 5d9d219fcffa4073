import type { MlfIssue } from '../contract/errors';

/** A JSON path segment written the way users read it: `a.b`, `a[2]`, `a["odd key"]`. */
export function joinPath(base: string, key: string | number): string {
  if (typeof key === 'number') return `${base}[${key}]`;
  const plain = /^[A-Za-z_$][\w$]*$/.test(key);
  if (!base) return plain ? key : `[${JSON.stringify(key)}]`;
  return plain ? `${base}.${key}` : `${base}[${JSON.stringify(key)}]`;
}

/** Splits a path written by `joinPath` back into segments (for locating it in the source text). */
export function splitPath(path: string): Array<string | number> {
  const out: Array<string | number> = [];
  const re = /\.?([A-Za-z_$][\w$]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/gy;
  let m: RegExpExecArray | null;
  while ((m = re.exec(path)) !== null) {
    if (m[1] !== undefined) out.push(m[1]);
    else if (m[2] !== undefined) out.push(Number(m[2]));
    else out.push(JSON.parse(m[3]!) as string);
    if (re.lastIndex >= path.length) break;
  }
  return out;
}

/** A value as it appears in a message: short JSON, or its type for big things. */
export function show(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 37)}...` : v);
  if (typeof v === 'number' || typeof v === 'boolean' || v === null) return String(v);
  const json = JSON.stringify(v);
  if (json !== undefined && json.length <= 40) return json;
  return Array.isArray(v) ? `a list of ${v.length}` : 'an object';
}

function distance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(up + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length]!;
}

/** The closest known name when it is close enough to be a typo. */
export function suggest(name: string, known: readonly string[]): string | undefined {
  const lower0 = name.toLowerCase();
  // A truncated name ("SMACrossover", "trailing_stop") most likely means the shortest name it begins.
  const prefixed = known.filter((k) => lower0.length >= 4 && k.toLowerCase().startsWith(lower0)).sort((a, b) => a.length - b.length);
  if (prefixed.length) return prefixed[0];
  let best: string | undefined;
  let bestD = Infinity;
  const lower = name.toLowerCase();
  for (const k of known) {
    const d = distance(lower, k.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = k;
    }
  }
  return best !== undefined && bestD <= Math.max(2, Math.floor(name.length / 4)) ? best : undefined;
}

export function listOf(names: readonly string[]): string {
  return names.length ? names.join(', ') : '(none)';
}

/** Collects every problem of a document; nothing stops at the first one. */
export class IssueList {
  readonly items: MlfIssue[] = [];

  add(path: string, message: string): void {
    this.items.push({ path, message });
  }

  get count(): number {
    return this.items.length;
  }
}
