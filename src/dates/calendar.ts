/**
 * Calendar dates as `YYYY-MM-DD` strings. The arithmetic (adding days and months with month-end
 * clamping, period ends under §§ 187/188 BGB, differences) is date-fns 4 in its UTC context
 * (`{ in: utc }`, @date-fns/utc), so no result depends on the process time zone (`TZ`); strings go
 * in and out at every boundary. Validation stays a fast string check.
 */
import { addDays as fnsAddDays, addMonths as fnsAddMonths, differenceInCalendarDays, differenceInCalendarMonths } from 'date-fns';
import { UTCDate, utc } from '@date-fns/utc';

/** A calendar date written `YYYY-MM-DD`. */
export type CalendarDate = string;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * First and last date the library accepts in inputs (persons, posts, `on` options). Dates outside
 * are refused at the boundary with an `out-of-range` issue, so period arithmetic on an accepted date
 * (plus at most 1,200 months) always stays inside the representable calendar 0001-01-01 … 9999-12-31.
 */
export const SUPPORTED_DATES = { from: '1900-01-01', to: '2199-12-31' } as const;

/** True when `text` is a calendar date inside {@link SUPPORTED_DATES}. */
export function isSupportedDate(text: unknown): text is CalendarDate {
  return isCalendarDate(text) && text >= SUPPORTED_DATES.from && text <= SUPPORTED_DATES.to;
}

/** Earliest and latest day numbers date arithmetic returns: results beyond are clamped, never thrown. */
const FIRST_DAY = -719162; // 0001-01-01
const LAST_DAY = 2932896; // 9999-12-31

/**
 * Month index (year × 12 + month − 1) `months` after a date, or null when the result lies outside
 * years 1…9999 or `months` is not finite (the caller clamps). Fractions are truncated.
 */
function monthIndex(date: CalendarDate, months: number): number | null {
  const p = parseDateParts(date);
  if (!p) throw new RangeError(`not a calendar date: ${date}`);
  if (!Number.isFinite(months)) return null;
  const index = p.y * 12 + (p.m - 1) + Math.trunc(months);
  return index < 12 || index > 9999 * 12 + 11 ? null : index;
}

/** The first or last representable date, for a result beyond the calendar in the direction of `n`. */
function clampedDate(n: number): CalendarDate {
  return n > 0 ? '9999-12-31' : '0001-01-01';
}

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** Days in a month (1–12) of a year. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeap(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Splits a valid date into its parts, or returns null when the text is no real calendar date. */
export function parseDateParts(text: unknown): { y: number; m: number; d: number } | null {
  if (typeof text !== 'string') return null;
  const match = DATE_RE.exec(text);
  if (!match) return null;
  const y = Number(match[1]);
  const m = Number(match[2]);
  const d = Number(match[3]);
  if (y < 1 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  return { y, m, d };
}

/** True when `text` is a real calendar date in `YYYY-MM-DD` form (2023-02-30 is not). */
export function isCalendarDate(text: unknown): text is CalendarDate {
  return parseDateParts(text) !== null;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** Formats parts as `YYYY-MM-DD`. */
export function formatDate(y: number, m: number, d: number): CalendarDate {
  return `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
}

/** The UTC midnight of a valid date (years 1–99 included, which `Date.UTC` would move to 19xx). */
function toUtc(date: CalendarDate): UTCDate {
  const p = parseDateParts(date);
  if (!p) throw new RangeError(`not a calendar date: ${date}`);
  const d = new UTCDate(0);
  d.setFullYear(p.y, p.m - 1, p.d);
  return d;
}

function fromUtc(d: Date): CalendarDate {
  const y = d.getUTCFullYear();
  if (!Number.isFinite(y)) throw new RangeError('date out of range');
  return formatDate(y, d.getUTCMonth() + 1, d.getUTCDate());
}

const DAY_MS = 86_400_000;

/** Day number (days since 1970-01-01) of a valid date: its UTC midnight in whole days. */
export function toDayNumber(date: CalendarDate): number {
  return Math.round(toUtc(date).getTime() / DAY_MS);
}

/** The date of a day number. */
export function fromDayNumber(dayNumber: number): CalendarDate {
  // Beyond 0001-01-01 … 9999-12-31 (or not finite): clamped. Inputs are range-checked at the
  // boundary, so this never happens for them.
  const days = Number.isFinite(dayNumber) ? Math.min(LAST_DAY, Math.max(FIRST_DAY, Math.trunc(dayNumber))) : dayNumber > 0 ? LAST_DAY : FIRST_DAY;
  return fromUtc(new UTCDate(days * DAY_MS));
}

/** Adds (or subtracts) whole days. */
export function addDays(date: CalendarDate, days: number): CalendarDate {
  const n = toDayNumber(date) + days;
  if (!Number.isFinite(n) || n < FIRST_DAY || n > LAST_DAY) return fromDayNumber(n);
  return fromUtc(fnsAddDays(toUtc(date), Math.trunc(days), { in: utc }));
}

/** Adds months; a day missing in the target month is clamped to that month's last day. */
export function addMonths(date: CalendarDate, months: number): CalendarDate {
  if (monthIndex(date, months) === null) return clampedDate(months);
  return fromUtc(fnsAddMonths(toUtc(date), Math.trunc(months), { in: utc }));
}

/** Days from `from` to `to` (negative when `to` is earlier): `daysBetween('2024-02-28', '2024-03-01') === 2`. */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return differenceInCalendarDays(toUtc(to), toUtc(from), { in: utc });
}

/** Calendar months from `from` to `to`, ignoring the days: `monthsBetween('2024-01-31', '2024-02-01') === 1`. */
export function monthsBetween(from: CalendarDate, to: CalendarDate): number {
  return differenceInCalendarMonths(toUtc(to), toUtc(from), { in: utc });
}

/**
 * Last day of a period of `months` months that starts at the beginning of `start`
 * (BGB § 187 Abs. 2, § 188 Abs. 2 second case and Abs. 3): the day before the day that
 * corresponds to `start`, or the last day of the final month where that day does not exist.
 *
 * @example periodEnd('2023-07-01', 36) === '2026-06-30'
 */
export function periodEnd(start: CalendarDate, months: number): CalendarDate {
  if (monthIndex(start, months) === null) return clampedDate(months);
  const from = toUtc(start);
  const corresponding = fnsAddMonths(from, Math.trunc(months), { in: utc });
  // § 188 Abs. 3: the corresponding day is missing (date-fns clamped it): the month's last day ends the period.
  if (corresponding.getUTCDate() !== from.getUTCDate()) return fromUtc(corresponding);
  return addDays(fromUtc(corresponding), -1);
}

/**
 * Last day of a period of `months` months that starts with an event on `eventDay`
 * (BGB § 187 Abs. 1, § 188 Abs. 2 first case and Abs. 3): the day that corresponds to
 * `eventDay`, clamped to the final month's last day.
 */
export function periodEndAfterEvent(eventDay: CalendarDate, months: number): CalendarDate {
  return addMonths(eventDay, months);
}

/** Compares two dates: negative, zero or positive. Both must be valid dates. */
export function compareDates(a: CalendarDate, b: CalendarDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The later of two dates. */
export function maxDate(a: CalendarDate, b: CalendarDate): CalendarDate {
  return a > b ? a : b;
}

/** The earlier of two dates. */
export function minDate(a: CalendarDate, b: CalendarDate): CalendarDate {
  return a < b ? a : b;
}
