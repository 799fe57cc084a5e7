/**
 * src/dates/calendar.ts computes through date-fns 4 in its UTC context. These properties check it
 * against an independent integer-only reference (H. Hinnant's days-from-civil, the algorithm the
 * module used before), for every year 1–9999, and in whatever TZ the suite runs (see test:tz).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays, addMonths, daysBetween, daysInMonth, fromDayNumber, monthsBetween, periodEnd, periodEndAfterEvent, toDayNumber } from '../../src/dates/calendar.js';

const pad = (n: number, w: number): string => String(n).padStart(w, '0');
function refToDays(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * ((m + 9) % 12) + 2) / 5) + d - 1;
  return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
}
function refFromDays(days: number): string {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return `${pad(yoe + era * 400 + (m <= 2 ? 1 : 0), 4)}-${pad(m, 2)}-${pad(d, 2)}`;
}
function refAddMonths(y: number, m: number, d: number, months: number): [number, number, number] {
  const index = y * 12 + (m - 1) + months;
  const ty = Math.floor(index / 12);
  const tm = index - ty * 12 + 1;
  return [ty, tm, Math.min(d, daysInMonth(ty, tm))];
}

const date = fc
  .record({ y: fc.integer({ min: 1, max: 9989 }), m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 31 }) })
  .map(({ y, m, d }) => ({ y, m, d: Math.min(d, daysInMonth(y, m)) }));
const text = ({ y, m, d }: { y: number; m: number; d: number }): string => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;

describe('calendar through date-fns (UTC context) against an integer-only reference', () => {
  it('day numbers, adding days and differences', () => {
    fc.assert(
      fc.property(date, date, fc.integer({ min: -4000, max: 4000 }), (a, b, n) => {
        const ta = text(a);
        const days = refToDays(a.y, a.m, a.d);
        expect(toDayNumber(ta)).toBe(days);
        expect(fromDayNumber(days)).toBe(ta);
        if (days + n >= refToDays(1, 1, 1) && days + n <= refToDays(9999, 12, 31)) expect(addDays(ta, n)).toBe(refFromDays(days + n));
        expect(daysBetween(ta, text(b))).toBe(refToDays(b.y, b.m, b.d) - days);
        expect(monthsBetween(ta, text(b))).toBe(b.y * 12 + b.m - (a.y * 12 + a.m));
      }),
      { numRuns: 2000 },
    );
  });

  it('adding months clamps to the month end; §§ 187/188 BGB period ends', () => {
    fc.assert(
      fc.property(date, fc.integer({ min: 0, max: 120 }), (a, months) => {
        const [y, m, d] = refAddMonths(a.y, a.m, a.d, months);
        expect(addMonths(text(a), months)).toBe(`${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`);
        expect(periodEndAfterEvent(text(a), months)).toBe(`${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`);
        // § 188 Abs. 2 (second case) and Abs. 3: the day before the corresponding day, or the month's last day.
        const expected = a.d > daysInMonth(y, m) ? `${pad(y, 4)}-${pad(m, 2)}-${pad(daysInMonth(y, m), 2)}` : refFromDays(refToDays(y, m, a.d) - 1);
        expect(periodEnd(text(a), months)).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it('known cases, years below 100 included', () => {
    expect(periodEnd('2023-07-01', 36)).toBe('2026-06-30');
    expect(periodEnd('2023-01-31', 1)).toBe('2023-02-28');
    expect(periodEnd('2024-01-31', 1)).toBe('2024-02-29');
    expect(periodEnd('2023-03-31', 1)).toBe('2023-04-30');
    expect(periodEndAfterEvent('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonths('2024-03-31', -1)).toBe('2024-02-29');
    expect(addDays('0050-03-01', -1)).toBe('0050-02-28');
    expect(toDayNumber('0001-01-01')).toBe(-719162);
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(() => toDayNumber('2023-02-30')).toThrow(RangeError);
  });
});
