import { describe, expect, it } from 'vitest';
import { Decimal } from 'decimal.js';
import { formatMoney, isDecimalString, Money, money, roundTo, type RoundingMode } from '../../src/money/decimal.js';

describe('money()', () => {
  it('parses decimal strings and safe integers exactly', () => {
    expect(money('132149.00').toFixed(2)).toBe('132149.00');
    expect(money('0.1').plus(money('0.2')).toString()).toBe('0.3');
    expect(money(42).toString()).toBe('42');
    expect(money(money('1.5')).toString()).toBe('1.5');
  });

  it('refuses non-integer and unsafe JS numbers (binary floating point is no money)', () => {
    expect(() => money(0.1)).toThrow(RangeError);
    expect(() => money(1.5)).toThrow(/non-integer/);
    expect(() => money(Number.NaN)).toThrow(RangeError);
    expect(() => money(Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => money(2 ** 53)).toThrow(RangeError);
  });

  it('refuses non-finite and malformed strings', () => {
    expect(() => money('Infinity')).toThrow(RangeError);
    expect(() => money('NaN')).toThrow();
    expect(() => money('12,50')).toThrow();
    expect(() => money('')).toThrow();
  });
});

describe('roundTo', () => {
  const cases: [string, string, RoundingMode, string][] = [
    ['2.5', '1', 'half-up', '3'],
    ['-2.5', '1', 'half-up', '-3'],
    ['2.4999', '1', 'half-up', '2'],
    ['1.005', '0.01', 'half-up', '1.01'],
    ['1.004', '0.01', 'half-up', '1'],
    ['2.9', '1', 'down', '2'],
    ['-2.9', '1', 'down', '-2'],
    ['1.019', '0.01', 'down', '1.01'],
    ['2.1', '1', 'up', '3'],
    ['-2.1', '1', 'up', '-3'],
    ['2.5', '1', 'half-even', '2'],
    ['3.5', '1', 'half-even', '4'],
    ['0.125', '0.01', 'half-even', '0.12'],
    ['132148.995', '0.01', 'half-up', '132149'],
    ['99999999999999999999.5', '1', 'half-up', '100000000000000000000'],
  ];
  it.each(cases)('roundTo(%s, step %s, %s) = %s', (value, step, mode, expected) => {
    expect(roundTo(money(value), step, mode).toString()).toBe(expected);
  });

  it('returns a multiple of the step', () => {
    expect(formatMoney(roundTo(money('1234.5678'), '0.01', 'half-up'))).toBe('1234.57');
    expect(formatMoney(roundTo(money('1234.5678'), '1', 'down'))).toBe('1234.00');
  });
});

describe('formatMoney', () => {
  it('writes exactly two places, never an exponent', () => {
    expect(formatMoney(money('132149'))).toBe('132149.00');
    expect(formatMoney(money('0.5'))).toBe('0.50');
    expect(formatMoney(money('0.005'))).toBe('0.01');
    expect(formatMoney(money('-0.005'))).toBe('-0.01');
    expect(formatMoney(money('0.004'))).toBe('0.00');
    expect(formatMoney(money('123456789012345678901234567890'))).toBe('123456789012345678901234567890.00');
    expect(formatMoney(money('0.000000001'))).toBe('0.00');
  });
});

describe('isDecimalString', () => {
  it('accepts plain decimals only', () => {
    for (const s of ['0', '1.50', '-3', '132149.00']) expect(isDecimalString(s)).toBe(true);
    for (const s of ['1e3', '1.', '.5', '+1', '1,5', ' 1', '', 'NaN']) expect(isDecimalString(s)).toBe(false);
    expect(isDecimalString(1.5)).toBe(false);
  });
});

describe('the global Decimal stays untouched', () => {
  it('Money is a separate clone: 40 digits, ROUND_HALF_UP; Decimal keeps its defaults', () => {
    expect(Money).not.toBe(Decimal);
    expect(Money.precision).toBe(40);
    expect(Money.rounding).toBe(Decimal.ROUND_HALF_UP);
    // decimal.js defaults: precision 20, ROUND_HALF_UP, toExpNeg -7, toExpPos 21
    expect(Decimal.precision).toBe(20);
    expect(Decimal.rounding).toBe(Decimal.ROUND_HALF_UP);
    expect(Decimal.toExpNeg).toBe(-7);
    expect(Decimal.toExpPos).toBe(21);
  });

  it("a caller's own Decimal settings do not change the library's rounding, and vice versa", () => {
    const saved = { precision: Decimal.precision, rounding: Decimal.rounding };
    try {
      Decimal.set({ precision: 5, rounding: Decimal.ROUND_DOWN });
      expect(roundTo(money('2.5'), '1', 'half-up').toString()).toBe('3');
      expect(formatMoney(money('0.005'))).toBe('0.01');
      expect(money('1234567.891').toString()).toBe('1234567.891');
      expect(Money.precision).toBe(40);
      expect(Money.rounding).toBe(Decimal.ROUND_HALF_UP);
    } finally {
      Decimal.set(saved);
    }
    expect(Decimal.precision).toBe(20);
  });
});

describe('money', () => {
  it('names the refused value in its errors', () => {
    expect(() => money('abc')).toThrow();
    expect(() => money(0.1)).toThrow(/non-integer number is refused: 0.1/);
    expect(() => money('Infinity')).toThrow(/not a finite amount: Infinity/);
    expect(() => money('NaN')).toThrow(/not a finite amount: NaN/);
  });
});
