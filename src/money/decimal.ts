import { Decimal } from 'decimal.js';

/**
 * The one decimal.js constructor of the library: 40 significant digits and
 * ROUND_HALF_UP (kaufmännische Rundung, half away from zero). The global `Decimal`
 * is never configured, so callers' own decimal.js settings are untouched.
 */
export const Money = /* @__PURE__ */ Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP, toExpNeg: -30, toExpPos: 40 });
/**
 * For products that must stay exact (uprating factors over many years): 100,000 significant digits,
 * far more than any product of the library's inputs has, so multiplication never rounds.
 */
export const Exact = Decimal.clone({ precision: 100_000, rounding: Decimal.ROUND_HALF_UP, toExpNeg: -100_000, toExpPos: 100_000 });
/** An exact decimal amount. */
export type Money = Decimal;

/** Rounding modes a rule set can name. */
export type RoundingMode = 'half-up' | 'down' | 'up' | 'half-even';


/** Parses a decimal string or integer into Money; throws RangeError on anything else. */
export function money(value: string | number | Decimal): Decimal {
  if (typeof value === 'number' && !Number.isSafeInteger(value)) {
    throw new RangeError(`money from a non-integer number is refused: ${String(value)}`);
  }
  const d = new Money(value);
  if (!d.isFinite()) throw new RangeError(`not a finite amount: ${String(value)}`);
  return d;
}

/** A plain decimal string as an integer and its number of decimals ("12.50" → [1250n, 2]). */
export function scaledOf(text: string): [bigint, number] {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (m === null) throw new RangeError(`not a finite decimal: ${text}`);
  const frac = m[3] ?? '';
  const n = BigInt(`${m[2] ?? '0'}${frac}`);
  return [m[1] === '-' ? -n : n, frac.length];
}

/** n ÷ d (d > 0) rounded to a whole number in a mode (half-up: half away from zero). */
export function roundQuotient(n: bigint, d: bigint, mode: RoundingMode): bigint {
  const neg = n < 0n;
  const a = neg ? -n : n;
  let whole = a / d;
  const rest = a % d;
  if (rest !== 0n) {
    const twice = rest * 2n;
    if (mode === 'up' || (mode === 'half-up' && twice >= d) || (mode === 'half-even' && (twice > d || (twice === d && whole % 2n === 1n)))) whole += 1n;
  }
  return neg ? -whole : whole;
}

/** The exact decimal `units × step` (no rounding: built from the digits). */
export function timesStep(units: bigint, step: string): Decimal {
  const [sn, ss] = scaledOf(step);
  const v = units * sn;
  const neg = v < 0n;
  const digits = (neg ? -v : v).toString().padStart(ss + 1, '0');
  const text = ss === 0 ? digits : `${digits.slice(0, -ss)}.${digits.slice(-ss)}`;
  return new Money(`${neg ? '-' : ''}${text}`);
}

/**
 * Rounds to a multiple of `step` (e.g. "1" for whole euros, "0.01" for cents) in a mode. Exact:
 * computed on the decimal digits with BigInt, never on a quotient cut to 40 significant digits.
 */
export function roundTo(value: Decimal, step: string, mode: RoundingMode): Decimal {
  const [vn, vs] = scaledOf(new Money(value).toFixed());
  const [sn, ss] = scaledOf(step);
  const units = roundQuotient(vn * 10n ** BigInt(ss), sn * 10n ** BigInt(vs), mode);
  return timesStep(units, step);
}

/** A decimal string with exactly two places, the library's money output format ("132149.00"). */
export function formatMoney(value: Decimal): string {
  return new Money(value).toFixed(2, Decimal.ROUND_HALF_UP);
}

export { isDecimalString } from './decimal-string.js';
