/**
 * Calendar dates as `YYYY-MM-DD` strings, computed on day numbers (days since 1970-01-01 in the
 * proleptic Gregorian calendar). No `Date` object is involved, so no result depends on `TZ`.
 */

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

/** Earliest and latest date arithmetic returns: results beyond are clamped, never thrown. */
const FIRST_DAY = -719162; // 0001-01-01
const LAST_DAY = 2932896; // 9999-12-31

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

// Days from civil, after H. Hinnant's public-domain algorithm.
/** Day number (days since 1970-01-01) of a valid date. */
export function toDayNumber(date: CalendarDate): number {
  const p = parseDateParts(date);
  if (!p) throw new RangeError(`not a calendar date: ${date}`);
  const y = p.m <= 2 ? p.y - 1 : p.y;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (p.m + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + p.d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/**
 * The date of a day number. Day numbers before 0001-01-01 or after 9999-12-31 (or not finite) are
 * clamped to those dates: inputs are range-checked at the boundary, so this never happens for them.
 */
export function fromDayNumber(dayNumber: number): CalendarDate {
  const days = Number.isFinite(dayNumber) ? Math.min(LAST_DAY, Math.max(FIRST_DAY, Math.trunc(dayNumber))) : dayNumber > 0 ? LAST_DAY : FIRST_DAY;
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return formatDate(y, m, d);
}

/** Adds (or subtracts) whole days. */
export function addDays(date: CalendarDate, days: number): CalendarDate {
  return fromDayNumber(toDayNumber(date) + days);
}

/**
 * Month index (year × 12 + month − 1) `months` after year y, month m, or null when the result
 * lies outside years 1…9999 or `months` is not finite (the caller clamps). Fractions are truncated.
 */
function monthIndex(y: number, m: number, months: number): number | null {
  if (!Number.isFinite(months)) return null;
  const index = y * 12 + (m - 1) + Math.trunc(months);
  return index < 12 || index > 9999 * 12 + 11 ? null : index;
}

/** Adds months; a day missing in the target month is clamped to that month's last day. */
export function addMonths(date: CalendarDate, months: number): CalendarDate {
  const p = parseDateParts(date);
  if (!p) throw new RangeError(`not a calendar date: ${date}`);
  const index = monthIndex(p.y, p.m, months);
  if (index === null) return months > 0 ? fromDayNumber(LAST_DAY) : fromDayNumber(FIRST_DAY);
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  return formatDate(y, m, Math.min(p.d, daysInMonth(y, m)));
}

/**
 * Last day of a period of `months` months that starts at the beginning of `start`
 * (BGB § 187 Abs. 2, § 188 Abs. 2 second case and Abs. 3): the day before the day that
 * corresponds to `start`, or the last day of the final month where that day does not exist.
 *
 * @example periodEnd('2023-07-01', 36) === '2026-06-30'
 */
export function periodEnd(start: CalendarDate, months: number): CalendarDate {
  const p = parseDateParts(start);
  if (!p) throw new RangeError(`not a calendar date: ${start}`);
  const index = monthIndex(p.y, p.m, months);
  if (index === null) return months > 0 ? fromDayNumber(LAST_DAY) : fromDayNumber(FIRST_DAY);
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  const last = daysInMonth(y, m);
  if (p.d > last) return formatDate(y, m, last);
  return addDays(formatDate(y, m, p.d), -1);
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
