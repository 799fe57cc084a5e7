import { Decimal } from 'decimal.js';

/**
 * The one decimal.js constructor of the library: 40 significant digits and
 * ROUND_HALF_UP (kaufmännische Rundung, half away from zero). The global `Decimal`
 * is never configured, so callers' own decimal.js settings are untouched.
 */
export const Money = /* @__PURE__ */ Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP, toExpNeg: -30, toExpPos: 40 });
/** An exact decimal amount. */
export type Money = Decimal;

/** Rounding modes a rule set can name. */
export type RoundingMode = 'half-up' | 'down' | 'up' | 'half-even';

const MODES: Record<RoundingMode, Decimal.Rounding> = {
  'half-up': Decimal.ROUND_HALF_UP,
  down: Decimal.ROUND_DOWN,
  up: Decimal.ROUND_UP,
  'half-even': Decimal.ROUND_HALF_EVEN,
};

/** Parses a decimal string or integer into Money; throws RangeError on anything else. */
export function money(value: string | number | Decimal): Decimal {
  if (typeof value === 'number' && !Number.isSafeInteger(value)) {
    throw new RangeError(`money from a non-integer number is refused: ${String(value)}`);
  }
  const d = new Money(value);
  if (!d.isFinite()) throw new RangeError(`not a finite amount: ${String(value)}`);
  return d;
}

/** Rounds to a multiple of `step` (e.g. "1" for whole euros, "0.01" for cents) in a mode. */
export function roundTo(value: Decimal, step: string, mode: RoundingMode): Decimal {
  const s = new Money(step);
  return new Money(value).div(s).toDecimalPlaces(0, MODES[mode]).mul(s);
}

/** A decimal string with exactly two places, the library's money output format ("132149.00"). */
export function formatMoney(value: Decimal): string {
  return new Money(value).toFixed(2, Decimal.ROUND_HALF_UP);
}

export { isDecimalString } from './decimal-string.js';
