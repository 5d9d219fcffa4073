import { nyLocal, nyLocalToUtc } from '../../../shared/time/newYork';

export const DAY = 86400;

/** `YYYY-MM-DD` of the New York calendar day containing `ts`. */
export const nyDate = (ts: number) => new Date(nyLocal(ts) * 1000).toISOString().slice(0, 10);

/** UTC instant of the New York midnight that starts `date` (`YYYY-MM-DD`). */
export const nyMidnight = (date: string) => nyLocalToUtc(Date.parse(`${date}T00:00:00Z`) / 1000);
