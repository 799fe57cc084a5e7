import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  addDays,
  addMonths,
  compareDates,
  daysInMonth,
  formatDate,
  fromDayNumber,
  isCalendarDate,
  parseDateParts,
  periodEnd,
  periodEndAfterEvent,
  toDayNumber,
} from '../../src/dates/calendar.js';

const FIRST = toDayNumber('0001-01-01');
const LAST = toDayNumber('9999-12-31');

/** Any real calendar date in years 1..9999. */
const dateArb = fc
  .record({ y: fc.integer({ min: 1, max: 9999 }), m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 31 }) })
  .map(({ y, m, d }) => formatDate(y, m, Math.min(d, daysInMonth(y, m))));

/** Independent oracle: UTC milliseconds (setUTCFullYear, so years below 100 are not shifted to 19xx). */
function utcDayNumber(y: number, m: number, d: number): number {
  const t = new Date(0);
  t.setUTCFullYear(y, m - 1, d);
  return Math.round(t.getTime() / 86_400_000);
}

describe('calendar validation', () => {
  it.each([
    ['2023-02-30', false],
    ['2023-13-01', false],
    ['2023-00-10', false],
    ['2023-04-31', false],
    ['2100-02-29', false],
    ['1900-02-29', false],
    ['2023-02-29', false],
    ['2000-02-29', true],
    ['2024-02-29', true],
    ['0000-01-01', false],
    ['0001-01-01', true],
    ['9999-12-31', true],
    ['2023-1-01', false],
    ['2023-01-01T00:00:00Z', false],
    [' 2023-01-01', false],
    ['20230101', false],
    ['', false],
  ])('isCalendarDate(%j) is %s', (text, valid) => {
    expect(isCalendarDate(text)).toBe(valid);
    if (!valid) expect(() => toDayNumber(text)).toThrow(RangeError);
  });

  it('rejects non-strings', () => {
    for (const v of [null, undefined, 20230101, new Date(0), ['2023-01-01'], { y: 2023 }]) expect(isCalendarDate(v)).toBe(false);
    expect(parseDateParts(42)).toBeNull();
  });

  it('rejects invalid dates in the arithmetic functions', () => {
    expect(() => addMonths('2023-02-30', 1)).toThrow(RangeError);
    expect(() => periodEnd('2023-13-01', 12)).toThrow(RangeError);
    expect(() => addDays('2100-02-29', 1)).toThrow(RangeError);
  });
});

describe('day numbers', () => {
  it('counts from 1970-01-01', () => {
    expect(toDayNumber('1970-01-01')).toBe(0);
    expect(toDayNumber('1970-01-02')).toBe(1);
    expect(toDayNumber('1969-12-31')).toBe(-1);
    expect(toDayNumber('2000-03-01')).toBe(11017);
    expect(fromDayNumber(19723)).toBe('2024-01-01');
  });

  it('round-trips every day number of years 1..9999 (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: FIRST, max: LAST }), (n) => {
        const date = fromDayNumber(n);
        expect(isCalendarDate(date)).toBe(true);
        expect(toDayNumber(date)).toBe(n);
      }),
      { numRuns: 5000 },
    );
  });

  it('round-trips every date of years 1..9999 and agrees with an independent UTC oracle (property)', () => {
    fc.assert(
      fc.property(dateArb, (date) => {
        const n = toDayNumber(date);
        expect(fromDayNumber(n)).toBe(date);
        const p = parseDateParts(date);
        expect(p).not.toBeNull();
        if (p) expect(n).toBe(utcDayNumber(p.y, p.m, p.d));
      }),
      { numRuns: 5000 },
    );
  });

  it('is consecutive across month, year and century boundaries', () => {
    for (const [a, b] of [
      ['2023-12-31', '2024-01-01'],
      ['2024-02-28', '2024-02-29'],
      ['2024-02-29', '2024-03-01'],
      ['2100-02-28', '2100-03-01'],
      ['1999-12-31', '2000-01-01'],
      ['0001-12-31', '0002-01-01'],
    ] as const) {
      expect(toDayNumber(b) - toDayNumber(a)).toBe(1);
      expect(addDays(a, 1)).toBe(b);
      expect(addDays(b, -1)).toBe(a);
    }
    expect(LAST - FIRST + 1).toBe(9999 * 365 + Math.floor(9999 / 4) - Math.floor(9999 / 100) + Math.floor(9999 / 400));
  });
});

describe('addMonths', () => {
  it.each([
    ['2023-01-31', 1, '2023-02-28'],
    ['2024-01-31', 1, '2024-02-29'],
    ['2023-03-31', -1, '2023-02-28'],
    ['2023-05-31', 1, '2023-06-30'],
    ['2023-01-15', -1, '2022-12-15'],
    ['2023-11-30', 3, '2024-02-29'],
    ['2024-02-29', 12, '2025-02-28'],
    ['2024-02-29', 48, '2028-02-29'],
    ['2023-07-01', 36, '2026-07-01'],
    ['2023-07-01', 0, '2023-07-01'],
  ] as const)('%s + %i months = %s (a missing day clamps to the month end)', (from, months, to) => {
    expect(addMonths(from, months)).toBe(to);
  });

  it('never overflows into the next month (property)', () => {
    fc.assert(
      fc.property(dateArb.filter((d) => d >= '0101-01-01' && d <= '9899-12-31'), fc.integer({ min: -1200, max: 1200 }), (d, k) => {
        const r = addMonths(d, k);
        const a = parseDateParts(d);
        const b = parseDateParts(r);
        expect(a && b).toBeTruthy();
        if (a && b) {
          expect(b.y * 12 + b.m - (a.y * 12 + a.m)).toBe(k);
          expect(b.d).toBe(Math.min(a.d, daysInMonth(b.y, b.m)));
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('periodEnd (BGB § 187 Abs. 2, § 188 Abs. 2 and 3)', () => {
  it.each([
    ['2023-07-01', 36, '2026-06-30'],
    ['2023-07-01', 48, '2027-06-30'],
    ['2024-02-29', 12, '2025-02-28'],
    ['2023-01-31', 1, '2023-02-28'],
    ['2024-01-31', 1, '2024-02-29'],
    ['2023-03-01', 1, '2023-03-31'],
    ['2023-01-01', 12, '2023-12-31'],
    ['2023-03-31', 1, '2023-04-30'],
    ['2023-12-15', 1, '2024-01-14'],
  ] as const)('a period of %i months from the start of %s … ends on %s', (start, months, end) => {
    expect(periodEnd(start, months)).toBe(end);
  });

  it('ends the day before the same day k months later, or on the month end where that day is missing (property)', () => {
    fc.assert(
      fc.property(dateArb.filter((d) => d >= '0101-01-01' && d <= '9899-12-31'), fc.integer({ min: 1, max: 600 }), (d, k) => {
        const end = periodEnd(d, k);
        const same = addMonths(d, k);
        const p = parseDateParts(d);
        const q = parseDateParts(same);
        if (p && q && q.d < p.d) expect(end).toBe(same);
        else expect(end).toBe(addDays(same, -1));
        expect(compareDates(end, d)).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('periodEndAfterEvent (BGB § 187 Abs. 1, § 188 Abs. 2 first case)', () => {
  it('ends on the corresponding day, clamped', () => {
    expect(periodEndAfterEvent('2023-07-01', 36)).toBe('2026-07-01');
    expect(periodEndAfterEvent('2023-01-31', 1)).toBe('2023-02-28');
  });
});
