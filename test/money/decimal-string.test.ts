import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Decimal } from 'decimal.js';
import { compareDecimal, isDecimalString } from '../../src/money/decimal-string.js';

const decimalString = fc
  .tuple(fc.boolean(), fc.stringMatching(/^\d{1,25}$/), fc.option(fc.stringMatching(/^\d{1,12}$/), { nil: undefined }))
  .map(([neg, int, frac]) => `${neg ? '-' : ''}${int}${frac === undefined ? '' : `.${frac}`}`);
const operand = fc.oneof(decimalString, fc.maxSafeInteger().map((n) => n), fc.constantFrom('0', '-0', '-0.00', '007.50', '7.5', '0.1', '-0.1'));

describe('compareDecimal (exact comparison without decimal.js)', () => {
  it('agrees with decimal.js on any two decimal strings or safe integers', () => {
    fc.assert(
      fc.property(operand, operand, (a, b) => {
        expect(compareDecimal(a, b)).toBe(new Decimal(a).cmp(new Decimal(b)));
      }),
      { numRuns: 3000 },
    );
  });
  it('compares by value, not by text', () => {
    expect(compareDecimal('10', '9.99')).toBe(1);
    expect(compareDecimal('-10', '-9.99')).toBe(-1);
    expect(compareDecimal('-0.0', '0')).toBe(0);
    expect(compareDecimal('007.50', '7.5')).toBe(0);
    expect(compareDecimal('0.10', '0.09')).toBe(1);
    expect(compareDecimal(-1, '-1.000')).toBe(0);
    expect(compareDecimal('51000.00', 51000)).toBe(0);
  });
  it('refuses what is not a decimal string or a safe integer', () => {
    for (const bad of ['1e3', ' 1', '1.', '.5', '+1', 'NaN', '']) {
      expect(isDecimalString(bad)).toBe(false);
      expect(() => compareDecimal(bad, '1')).toThrow(RangeError);
    }
    expect(() => compareDecimal(0.5, 1)).toThrow(RangeError);
    expect(() => compareDecimal(2 ** 53, 1)).toThrow(RangeError);
  });
});
