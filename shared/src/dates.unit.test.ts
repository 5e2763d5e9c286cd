import { describe, expect, it } from 'vitest';
import { dayjs, endOfLocalDay, formatLocalDateTime, fromExcelLocal, isCalendarDate, localDate, localMonthRange, localParts, startOfLocalDay, toExcelLocal, LOCAL_TZ } from './dates.ts';

describe('Asia/Shanghai dates, whatever the process time zone', () => {
  it('runs under TZ=UTC', () => {
    expect(process.env.TZ).toBe('UTC');
    expect(new Date('2026-06-05T00:00:00').getTimezoneOffset()).toBe(0);
  });
  it('accepts only real calendar dates', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2023-02-29')).toBe(false);
    expect(isCalendarDate('2024-02-30')).toBe(false);
    expect(isCalendarDate('2024-2-3')).toBe(false);
    expect(() => endOfLocalDay('2024-02-30')).toThrow(RangeError);
  });
  it('a deadline date ends at 23:59:59.999 Shanghai time = 15:59:59.999 UTC', () => {
    expect(endOfLocalDay('2026-06-05').toISOString()).toBe('2026-06-05T15:59:59.999Z');
    expect(startOfLocalDay('2026-06-05').toISOString()).toBe('2026-06-04T16:00:00.000Z');
    expect(endOfLocalDay('2026-12-31').toISOString()).toBe('2026-12-31T15:59:59.999Z');
  });
  it('an instant after 16:00 UTC is already the next local day', () => {
    expect(localDate(new Date('2026-06-05T15:59:59.999Z'))).toBe('2026-06-05');
    expect(localDate(new Date('2026-06-05T16:00:00.000Z'))).toBe('2026-06-06');
    expect(formatLocalDateTime('2026-06-05T16:30:00Z')).toBe('2026-06-06 00:30');
  });
  it('matches dayjs-timezone on many instants, including the 1986–1991 DST years', () => {
    for (let t = Date.UTC(1987, 0, 1); t < Date.UTC(2027, 0, 1); t += 86400_000 * 13 + 3_600_000 * 7 + 61_000) {
      const d = new Date(t);
      expect(localDate(d)).toBe(dayjs(d).tz(LOCAL_TZ).format('YYYY-MM-DD'));
      const p = localParts(d);
      expect(p.hour).toBe(dayjs(d).tz(LOCAL_TZ).hour());
    }
  });
  it('writes spreadsheet dates as Shanghai wall time and reads them back', () => {
    const instant = new Date('2026-06-05T15:59:59.999Z');
    const cell = toExcelLocal(instant);
    expect(cell.toISOString()).toBe('2026-06-05T23:59:59.999Z');
    expect(fromExcelLocal(cell).toISOString()).toBe(instant.toISOString());
  });
  it('local month range', () => {
    const [a, b] = localMonthRange(new Date('2026-06-30T17:00:00Z')); // 2026-07-01 01:00 local
    expect(a.toISOString()).toBe('2026-06-30T16:00:00.000Z');
    expect(b.toISOString()).toBe('2026-07-31T16:00:00.000Z');
  });
});
