import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowBounds {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

export const DEFAULT_BOUNDS: WindowBounds = { width: 1440, height: 900, maximized: false };

const stateSchema = z.object({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().min(200).max(100_000),
  height: z.number().int().min(200).max(100_000),
  maximized: z.boolean().default(false),
});

/** The saved bounds, or the defaults when the file is missing or not ours to trust. */
export function loadWindowState(file: string): WindowBounds {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return { ...DEFAULT_BOUNDS };
  }
  const parsed = stateSchema.safeParse(raw);
  return parsed.success ? parsed.data : { ...DEFAULT_BOUNDS };
}

/** Written beside and renamed over, so a crash mid-write never leaves a torn file. */
export function saveWindowState(file: string, state: WindowBounds): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(state, null, 2)}\n`);
  renameSync(tmp, file);
}

function overlap(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

/**
 * Keeps remembered bounds usable on today's screens: a window saved on a monitor that is gone
 * (or mostly off-screen) is centred instead, and one larger than every work area is shrunk.
 */
export function fitToDisplays(bounds: WindowBounds, workAreas: readonly Rect[]): WindowBounds {
  if (workAreas.length === 0) return bounds;
  const largest = workAreas.reduce((a, b) => (a.width * a.height >= b.width * b.height ? a : b));
  const width = Math.min(bounds.width, largest.width);
  const height = Math.min(bounds.height, largest.height);
  const out: WindowBounds = { width, height, maximized: bounds.maximized };
  if (bounds.x === undefined || bounds.y === undefined) return out;
  const rect = { x: bounds.x, y: bounds.y, width, height };
  // At least a quarter of the window, title bar included, must land on some display.
  const visible = workAreas.some((area) => overlap(rect, area) >= (width * height) / 4 && bounds.y! >= area.y - 8 && bounds.y! < area.y + area.height - 32);
  return visible ? { ...out, x: bounds.x, y: bounds.y } : out;
}
