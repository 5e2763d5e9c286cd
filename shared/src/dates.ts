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

// One cached Intl formatter: ~100× faster than a dayjs tz conversion, which matters for exports
// of thousands of rows. Intl carries the full tz database (Asia/Shanghai had DST in 1986–1991).
const PARTS = new Intl.DateTimeFormat('en-US', {
  timeZone: LOCAL_TZ,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/**
 * Wall-clock fields of an instant in Asia/Shanghai.
 * @returns `{ year, month (1–12), day, hour, minute, second, ms }`
 */
export function localParts(instant: Date | string | number) {
  const d = instant instanceof Date ? instant : new Date(instant);
  const p: Record<string, number> = {};
  for (const part of PARTS.formatToParts(d)) if (part.type !== 'literal') p[part.type] = Number(part.value);
  return { year: p.year!, month: p.month!, day: p.day!, hour: p.hour!, minute: p.minute!, second: p.second!, ms: d.getUTCMilliseconds() };
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** The local calendar date (`YYYY-MM-DD`, Asia/Shanghai) an instant falls on. */
export function localDate(instant: Date | string | number): string {
  const p = localParts(instant);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

/** `YYYY-MM-DD HH:mm` in Asia/Shanghai, for display. */
export function formatLocalDateTime(instant: Date | string | number): string {
  const p = localParts(instant);
  return `${p.year}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}`;
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
  const p = localParts(instant);
  return new Date(Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second, p.ms));
}

/** Inverse of {@link toExcelLocal}: a zone-less spreadsheet date read as Asia/Shanghai wall time. */
export function fromExcelLocal(cell: Date): Date {
  const iso = cell.toISOString().slice(0, 23);
  return dayjs.tz(iso, LOCAL_TZ).toDate();
}

export { dayjs };
