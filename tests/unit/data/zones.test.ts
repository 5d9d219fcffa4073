import { describe, expect, it } from 'vitest';
import { checkZone, naiveToUtcFor, utcOffsetFor } from '../../../electron/backend/import/zones';
import { MlfError } from '../../../shared/contract/errors';

const utc = (iso: string) => Date.parse(iso) / 1000;
const local = (iso: string) => Date.parse(`${iso}Z`) / 1000;

describe('time zones for naive times', () => {
  it('reads UTC as is and New York through the fast DST-aware clock', () => {
    expect(naiveToUtcFor('UTC')(local('2024-03-10T12:00:00'))).toBe(utc('2024-03-10T12:00:00Z'));
    const ny = naiveToUtcFor('America/New_York');
    expect(ny(local('2024-03-08T09:30:00'))).toBe(utc('2024-03-08T14:30:00Z'));
    expect(ny(local('2024-03-11T09:30:00'))).toBe(utc('2024-03-11T13:30:00Z'));
  });

  it('reads other IANA zones through Intl, across their own DST changes', () => {
    const berlin = naiveToUtcFor('Europe/Berlin');
    expect(berlin(local('2024-03-30T12:00:00'))).toBe(utc('2024-03-30T11:00:00Z'));
    expect(berlin(local('2024-03-31T12:00:00'))).toBe(utc('2024-03-31T10:00:00Z'));
    // 02:30 does not exist on 2024-03-31 in Berlin: read with the new (summer) offset.
    expect(berlin(local('2024-03-31T02:30:00'))).toBe(utc('2024-03-31T00:30:00Z'));
    // 02:30 happens twice on 2024-10-27: the first occurrence.
    expect(berlin(local('2024-10-27T02:30:00'))).toBe(utc('2024-10-27T00:30:00Z'));
    const kolkata = naiveToUtcFor('Asia/Kolkata');
    expect(kolkata(local('2024-01-02T09:15:00'))).toBe(utc('2024-01-02T03:45:00Z'));
  });

  it('gives offsets for display', () => {
    expect(utcOffsetFor('America/New_York')(utc('2024-07-01T12:00:00Z'))).toBe(-4 * 3600);
    expect(utcOffsetFor('Europe/Berlin')(utc('2024-07-01T12:00:00Z'))).toBe(2 * 3600);
    expect(utcOffsetFor('utc')(utc('2024-07-01T12:00:00Z'))).toBe(0);
  });

  it('rejects unknown zones with a clear error', () => {
    expect(() => naiveToUtcFor('Mars/Olympus')).toThrow(MlfError);
    expect(() => checkZone('Nowhere')).toThrow(/unknown time zone 'Nowhere'/);
  });
});
