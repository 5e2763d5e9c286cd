import { describe, expect, it } from 'vitest';
import { endOfLocalDay, local, localDate, startOfLocalDay } from '@lifeline/shared';
import { endOfLocalDayNumber, localDayNumber, localInstant, localYear } from './local-time.ts';

describe('fast Asia/Shanghai arithmetic', () => {
  it('agrees with the shared dayjs helpers over two years, around midnight and new year', () => {
    const start = new Date('2025-01-01T00:00:00Z').getTime();
    for (let h = 0; h < 2 * 366 * 24; h += 7) {
      const at = new Date(start + h * 3_600_000 + 59_999);
      const day = localDayNumber(at);
      expect(endOfLocalDayNumber(day)).toEqual(endOfLocalDay(localDate(at)));
      expect(localInstant(day, 0)).toEqual(startOfLocalDay(localDate(at)));
      expect(localYear(at)).toBe(local(at).year());
    }
    expect(localYear(new Date('2025-12-31T16:00:00Z'))).toBe(2026);
    expect(localYear(new Date('2025-12-31T15:59:59Z'))).toBe(2025);
    expect(localInstant(localDayNumber(new Date('2026-03-01T02:00:00Z')), 9 * 60 + 30).toISOString()).toBe('2026-03-01T01:30:00.000Z');
  });
});
