/**
 * Allocation-free calendar-date check for the hot paths (operators, person pre-check). Gives
 * exactly the answer of `isCalendarDate` in src/dates/calendar.ts (a test holds the two equal).
 */
function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Same answer as `isCalendarDate` (`YYYY-MM-DD`, a real day, year ≥ 1), without a regular expression or allocation. */
export function isCalendarDateFast(v: unknown): v is string {
  if (typeof v !== 'string' || v.length !== 10) return false;
  const c0 = v.charCodeAt(0);
  const c1 = v.charCodeAt(1);
  const c2 = v.charCodeAt(2);
  const c3 = v.charCodeAt(3);
  const c5 = v.charCodeAt(5);
  const c6 = v.charCodeAt(6);
  const c8 = v.charCodeAt(8);
  const c9 = v.charCodeAt(9);
  if (v.charCodeAt(4) !== 45 || v.charCodeAt(7) !== 45) return false;
  if (!isDigit(c0) || !isDigit(c1) || !isDigit(c2) || !isDigit(c3) || !isDigit(c5) || !isDigit(c6) || !isDigit(c8) || !isDigit(c9)) {
    return false;
  }
  const y = (c0 - 48) * 1000 + (c1 - 48) * 100 + (c2 - 48) * 10 + (c3 - 48);
  const m = (c5 - 48) * 10 + (c6 - 48);
  const d = (c8 - 48) * 10 + (c9 - 48);
  if (y < 1 || m < 1 || m > 12 || d < 1) return false;
  if (d <= 28) return true;
  if (m === 2) return d <= ((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28);
  return d <= (m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31);
}

