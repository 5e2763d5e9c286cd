import dayjs, { type Dayjs } from 'dayjs';
import utc from 'dayjs/plugin/utc.js';
import timezone from 'dayjs/plugin/timezone.js';
import customParseFormat from 'dayjs/plugin/customParseFormat.js';

dayjs.extend(utc);
dayjs.extend(timezone);
dayjs.extend(customParseFormat);

/** The time zone every date in Lifeline is read and shown in, whatever the server's TZ. */
export const LOCAL_TZ = 'Asia/Shanghai';

/** A calendar date string `YYYY-MM-DD` (no time, no zone). */
export const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Tells whether `s` is a real calendar date `YYYY-MM-DD` (rejects 2024-02-30, 2023-02-29).
 * @param s candidate string
 */
export function isCalendarDate(s: string): boolean {
  if (!DATE_RE.test(s)) return false;
  return dayjs(s, 'YYYY-MM-DD', true).isValid();
}

/**
 * The instant a deadline given as a date ends: 23:59:59.999 of that day in Asia/Shanghai
 * (ARCHITECTURE.md "Time"; glossary 整改期限). Independent of the process time zone.
 * @param date `YYYY-MM-DD`
 * @returns the UTC instant, e.g. `2026-06-05` → `2026-06-05T15:59:59.999Z`
 * @throws RangeError when `date` is not a real calendar date
 */
export function endOfLocalDay(date: string): Date {
  if (!isCalendarDate(date)) throw new RangeError(`not a calendar date: ${date}`);
  return dayjs.tz(date, LOCAL_TZ).endOf('day').toDate();
}

/**
 * The instant a local day starts: 00:00:00.000 of that day in Asia/Shanghai.
 * @param date `YYYY-MM-DD`
 * @throws RangeError when `date` is not a real calendar date
 */
export function startOfLocalDay(date: string): Date {
  if (!isCalendarDate(date)) throw new RangeError(`not a calendar date: ${date}`);
  return dayjs.tz(date, LOCAL_TZ).startOf('day').toDate();
}

/** The instant as a Dayjs in Asia/Shanghai. */
export function local(instant: Date | string | number): Dayjs {
  return dayjs(instant).tz(LOCAL_TZ);
}

/** The local calendar date (`YYYY-MM-DD`, Asia/Shanghai) an instant falls on. */
export function localDate(instant: Date | string | number): string {
  return local(instant).format('YYYY-MM-DD');
}

/** `YYYY-MM-DD HH:mm` in Asia/Shanghai, for display. */
export function formatLocalDateTime(instant: Date | string | number): string {
  return local(instant).format('YYYY-MM-DD HH:mm');
}

/**
 * The first instant of the local month containing `instant`, and of the next month (Asia/Shanghai).
 * @returns `[start, end)` as UTC Dates
 */
export function localMonthRange(instant: Date = new Date()): [Date, Date] {
  const start = local(instant).startOf('month');
  return [start.toDate(), start.add(1, 'month').toDate()];
}

/**
 * Shifts an instant so that its UTC wall-clock fields equal its Asia/Shanghai wall-clock fields.
 * Spreadsheet cells have no zone: exceljs writes a Date's UTC fields, so a cell made from this value
 * shows the local time in Excel and WPS.
 */
export function toExcelLocal(instant: Date): Date {
  const l = local(instant);
  return new Date(Date.UTC(l.year(), l.month(), l.date(), l.hour(), l.minute(), l.second(), l.millisecond()));
}

/** Inverse of {@link toExcelLocal}: a zone-less spreadsheet date read as Asia/Shanghai wall time. */
export function fromExcelLocal(cell: Date): Date {
  const iso = cell.toISOString().slice(0, 23);
  return dayjs.tz(iso, LOCAL_TZ).toDate();
}

export { dayjs };
