/**
 * Tests added where mutation testing (docs/quality.md) found behaviour of the calendar and money
 * module that no test pinned down: date ordering helpers, error messages, day 00 and the last day of
 * a 400-year era.
 */
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  compareDates,
  fromDayNumber,
  isCalendarDate,
  maxDate,
  minDate,
  periodEnd,
  toDayNumber,
} from '../../src/dates/calendar.js';

describe('compareDates, maxDate, minDate', () => {
  it.each([
    ['2024-01-01', '2024-01-02', -1],
    ['2024-01-02', '2024-01-01', 1],
    ['2024-01-01', '2024-01-01', 0],
    ['2023-12-31', '2024-01-01', -1],
    ['2024-10-01', '2024-09-30', 1],
  ] as const)('compareDates(%s, %s) = %i', (a, b, want) => {
    expect(Math.sign(compareDates(a, b))).toBe(want);
    expect(compareDates(a, b)).toBe(want);
  });
  it('maxDate and minDate pick the later and the earlier date, either argument order', () => {
    expect(maxDate('2024-01-01', '2024-01-02')).toBe('2024-01-02');
    expect(maxDate('2024-01-02', '2024-01-01')).toBe('2024-01-02');
    expect(minDate('2024-01-01', '2024-01-02')).toBe('2024-01-01');
    expect(minDate('2024-01-02', '2024-01-01')).toBe('2024-01-01');
    expect(maxDate('2024-05-05', '2024-05-05')).toBe('2024-05-05');
    expect(minDate('2024-05-05', '2024-05-05')).toBe('2024-05-05');
  });
});

describe('calendar edge cases', () => {
  it('rejects day 00 and day 32', () => {
    expect(isCalendarDate('2023-01-00')).toBe(false);
    expect(isCalendarDate('2023-01-32')).toBe(false);
    expect(isCalendarDate('2023-01-31')).toBe(true);
    expect(isCalendarDate('0000-12-31')).toBe(false);
  });
  it('round-trips the last days of a 400-year era and the days around them', () => {
    for (const d of ['2000-02-28', '2000-02-29', '2000-03-01', '1600-02-29', '2400-02-29', '2400-03-01', '1999-12-31', '2001-01-01']) {
      expect(fromDayNumber(toDayNumber(d))).toBe(d);
    }
    expect(toDayNumber('2000-03-01') - toDayNumber('2000-02-29')).toBe(1);
    expect(fromDayNumber(toDayNumber('2000-02-28') + 1)).toBe('2000-02-29');
    expect(fromDayNumber(toDayNumber('2000-02-29') + 1)).toBe('2000-03-01');
    expect(toDayNumber('1970-01-01')).toBe(0);
    expect(toDayNumber('2000-03-01')).toBe(11017);
  });
  it('names the bad date in its errors', () => {
    expect(() => toDayNumber('2023-02-30')).toThrow(/not a calendar date: 2023-02-30/);
    expect(() => addDays('2023-02-30', 1)).toThrow(/2023-02-30/);
    expect(() => addMonths('2023-13-01', 1)).toThrow(/not a calendar date: 2023-13-01/);
    expect(() => periodEnd('2023-02-30', 12)).toThrow(/not a calendar date: 2023-02-30/);
  });
});

describe('isCalendarDateFast gives exactly the answer of isCalendarDate', () => {
  it('on every day-of-month 00–39 of every month 00–13 of sample years, and malformed strings', async () => {
    const { isCalendarDateFast } = await import('../../src/engine/date-check.js');
    const years = ['0000', '0001', '1900', '1999', '2000', '2023', '2024', '2100', '2400', '9999'];
    let checked = 0;
    for (const y of years) {
      for (let m = 0; m <= 13; m++) {
        for (let d = 0; d <= 39; d++) {
          const s = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
          expect(isCalendarDateFast(s), s).toBe(isCalendarDate(s));
          checked++;
        }
      }
    }
    for (const s of ['2024-01-1', '2024-1-01', '2024/01/01', '2024-01-01 ', 'a024-01-01', '2a24-01-01', '20a4-01-01', '202a-01-01', '2024-a1-01', '2024-0a-01', '2024-01-a1', '2024-01-0a', '2024x01-01', '2024-01x01', '', null, 20240101, undefined, {}, ['2024-01-01']]) {
      expect(isCalendarDateFast(s), `${typeof s}:${JSON.stringify(s)}`).toBe(false);
      expect(isCalendarDate(s)).toBe(false);
    }
    expect(checked).toBe(years.length * 14 * 40);
  });
});
