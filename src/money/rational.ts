/**
 * Exact rational arithmetic on BigInt for money splits (issue 13, F10): `budget × weight ÷ Σweight`
 * is kept as a fraction and rounded once, in the rule set's mode, to the rule set's step. No
 * quotient is ever cut to a number of significant digits, so `down`, `up` and `half-even` are as
 * exact as `half-up` (3,000,000 € over three equal weights rounded `down` gives 1,000,000 € each).
 */
import type { Decimal } from 'decimal.js';
import { Money, type RoundingMode } from './decimal.js';

/** A fraction n ÷ d with d > 0 (not necessarily reduced). */
export interface Rational {
  n: bigint;
  d: bigint;
}

/** The exact value of a finite decimal (decimal.js keeps decimals exactly). */
export function fromDecimal(value: Decimal | string): Rational {
  const text = typeof value === 'string' ? value : value.toFixed();
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (m === null) throw new RangeError(`not a finite decimal: ${text}`);
  const frac = m[3] ?? '';
  const n = BigInt(`${m[2] ?? '0'}${frac}`);
  return { n: m[1] === '-' ? -n : n, d: 10n ** BigInt(frac.length) };
}

/** a × b. */
export function mul(a: Rational, b: Rational): Rational {
  return { n: a.n * b.n, d: a.d * b.d };
}

/** a ÷ b (b ≠ 0). */
export function div(a: Rational, b: Rational): Rational {
  if (b.n === 0n) throw new RangeError('division by zero');
  const n = a.n * b.d;
  const d = a.d * b.n;
  return d < 0n ? { n: -n, d: -d } : { n, d };
}

/** a − b. */
export function sub(a: Rational, b: Rational): Rational {
  return { n: a.n * b.d - b.n * a.d, d: a.d * b.d };
}

/** Sign of a − b: −1, 0 or 1. */
export function cmp(a: Rational, b: Rational): number {
  const x = a.n * b.d - b.n * a.d;
  return x < 0n ? -1 : x > 0n ? 1 : 0;
}

/** The whole number q rounds to in a mode (half-up: half away from zero, as decimal.js ROUND_HALF_UP). */
export function roundInteger(q: Rational, mode: RoundingMode): bigint {
  const neg = q.n < 0n;
  const a = neg ? -q.n : q.n;
  let whole = a / q.d;
  const rest = a % q.d;
  if (rest !== 0n) {
    const twice = rest * 2n;
    const up =
      mode === 'up' ||
      (mode === 'half-up' && twice >= q.d) ||
      (mode === 'half-even' && (twice > q.d || (twice === q.d && whole % 2n === 1n)));
    if (up) whole += 1n;
  }
  return neg ? -whole : whole;
}

/** q rounded to a multiple of `step` (e.g. "0.01", "1") in a mode, as an exact decimal. */
export function roundToStep(q: Rational, step: string, mode: RoundingMode): Decimal {
  const s = fromDecimal(step);
  const units = roundInteger(div(q, s), mode);
  return new Money(units.toString()).mul(new Money(step));
}

/** Whole steps in q, rounded down (q ≥ 0), as a number (callers' counts are small). */
export function wholeSteps(q: Rational, step: string): number {
  return Number(roundInteger(div(q, fromDecimal(step)), 'down'));
}
