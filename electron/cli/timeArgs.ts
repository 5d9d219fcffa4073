import { parseInstant } from '../../shared/data/timeText';
import { UsageError } from './command';

const DAY = 86400;

/**
 * A time option as every command reads it: a date (`2024-03-01`, the whole day: as an end it
 * means the day's end), a date-time with or without zone (`2024-03-01T14:30`, `…Z`, `…-05:00`)
 * or epoch seconds. Zone-less values are read on the clock `toUtc` converts from (UTC unless a
 * command offers `--tz`). Undefined stays undefined.
 */
export function parseTimeArg(
  text: string | undefined,
  flag: string,
  opts: { end: boolean; toUtc?: (local: number) => number },
): number | undefined {
  if (text === undefined) return undefined;
  const t = text.trim();
  const toUtc = opts.toUtc ?? ((local: number) => local);
  const local = parseInstant(t, (l) => l);
  if (local === null) {
    throw new UsageError(`${flag} must be an ISO date or time such as 2024-03-01 or 2024-03-01T14:30:00Z, or epoch seconds; got '${text}'`);
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(t)) return toUtc(local + (opts.end ? DAY : 0));
  return parseInstant(t, toUtc)!;
}
