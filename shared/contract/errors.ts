/** Error codes that cross the transports unchanged. */
export type MlfErrorCode = 'BAD_INPUT' | 'NOT_FOUND' | 'CONFLICT' | 'FAILED' | 'CANCELLED' | 'UNAUTHORIZED';

const CODES: ReadonlySet<string> = new Set<MlfErrorCode>(['BAD_INPUT', 'NOT_FOUND', 'CONFLICT', 'FAILED', 'CANCELLED', 'UNAUTHORIZED']);

function isIssue(v: unknown): v is MlfIssue {
  const i = v as MlfIssue;
  return !!i && typeof i === 'object' && typeof i.path === 'string' && typeof i.message === 'string' && (i.line === undefined || typeof i.line === 'number');
}

/** An error shape that crossed a boundary as plain data. */
export function isMlfErrorShape(v: unknown): v is MlfErrorShape {
  const s = v as MlfErrorShape;
  return (
    !!s &&
    typeof s === 'object' &&
    typeof s.code === 'string' &&
    CODES.has(s.code) &&
    typeof s.message === 'string' &&
    (s.issues === undefined || (Array.isArray(s.issues) && s.issues.every(isIssue)))
  );
}

/** One located problem: where (file, line, JSON path) and what. */
export interface MlfIssue {
  path: string;
  message: string;
  line?: number;
}

export interface MlfErrorShape {
  code: MlfErrorCode;
  message: string;
  issues?: MlfIssue[];
}

/**
 * The one error type procedures throw on purpose. Transports send `toShape()` and the client
 * rebuilds it, so a renderer catch block sees the same code, message and issues as the CLI.
 */
export class MlfError extends Error {
  readonly code: MlfErrorCode;
  readonly issues: MlfIssue[];

  constructor(code: MlfErrorCode, message: string, issues: MlfIssue[] = []) {
    super(message);
    this.name = 'MlfError';
    this.code = code;
    this.issues = issues;
  }

  toShape(): MlfErrorShape {
    return this.issues.length > 0
      ? { code: this.code, message: this.message, issues: this.issues }
      : { code: this.code, message: this.message };
  }

  static fromShape(shape: MlfErrorShape): MlfError {
    return new MlfError(shape.code, shape.message, shape.issues ?? []);
  }

  /**
   * Any rejection reason as an MlfError: an MlfError itself, an error shape that arrived as plain
   * data (Electron's contextBridge cannot carry class instances), or anything else as FAILED.
   */
  static from(err: unknown): MlfError {
    if (err instanceof MlfError) return err;
    if (isMlfErrorShape(err)) return MlfError.fromShape(err);
    if (err instanceof Error) return new MlfError('FAILED', err.message);
    return new MlfError('FAILED', String(err));
  }

  /** Anything thrown, as the shape a transport sends; unexpected errors become FAILED. */
  static toShape(err: unknown): MlfErrorShape {
    if (err instanceof MlfError) return err.toShape();
    if (err instanceof Error) return { code: 'FAILED', message: err.message };
    return { code: 'FAILED', message: String(err) };
  }
}

/** Issues as readable lines: `path (line N): message`. */
export function formatIssues(issues: readonly MlfIssue[]): string {
  return issues
    .map((i) => `${i.path || '(root)'}${i.line !== undefined ? ` (line ${i.line})` : ''}: ${i.message}`)
    .join('\n');
}
