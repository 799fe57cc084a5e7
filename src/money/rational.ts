/**
 * Exact rational arithmetic on BigInt for money splits (issue 13, F10): `budget × weight ÷ Σweight`
 * is kept as a fraction and rounded once, in the rule set's mode, to the rule set's step. No
 * quotient is ever cut to a number of significant digits, so `down`, `up` and `half-even` are as
 * exact as `half-up` (3,000,000 € over three equal weights rounded `down` gives 1,000,000 € each).
 */
import type { Decimal } from 'decimal.js';
import { roundQuotient, scaledOf, timesStep, type RoundingMode } from './decimal.js';

/** A fraction n ÷ d with d > 0 (not necessarily reduced). */
export interface Rational {
  n: bigint;
  d: bigint;
}

/** The exact value of a finite decimal (decimal.js keeps decimals exactly). */
export function fromDecimal(value: Decimal | string): Rational {
  const [n, scale] = scaledOf(typeof value === 'string' ? value : value.toFixed());
  return { n, d: 10n ** BigInt(scale) };
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
  return roundQuotient(q.n, q.d, mode);
}

/** q rounded to a multiple of `step` (e.g. "0.01", "1") in a mode, as an exact decimal. */
export function roundToStep(q: Rational, step: string, mode: RoundingMode): Decimal {
  return timesStep(roundInteger(div(q, fromDecimal(step)), mode), step);
}

/** Whole steps in q, rounded down (q ≥ 0), as a number (callers' counts are small). */
export function wholeSteps(q: Rational, step: string): number {
  return Number(roundInteger(div(q, fromDecimal(step)), 'down'));
}
