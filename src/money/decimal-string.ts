/**
 * Decimal strings without decimal.js: the check and an exact comparison, for code that only
 * compares amounts (the rule operators), so that a page checking eligibility does not bundle
 * decimal.js.
 */

/** True when the string is a plain decimal number (optional sign, digits, optional fraction). */
export function isDecimalString(text: unknown): text is string {
  return typeof text === 'string' && /^-?\d+(\.\d+)?$/.test(text);
}

/**
 * Compares two decimal strings (as accepted by {@link isDecimalString}) or safe integers exactly:
 * -1, 0 or 1. `"-0.0"` equals `"0"`, `"007.50"` equals `"7.5"`. Throws RangeError on anything else.
 */
export function compareDecimal(a: string | number, b: string | number): -1 | 0 | 1 {
  const x = parts(a);
  const y = parts(b);
  if (x.negative !== y.negative) return x.negative ? -1 : 1;
  const m = magnitude(x, y);
  if (m === 0 || !x.negative) return m;
  return m === 1 ? -1 : 1;
}

interface Parts {
  negative: boolean;
  int: string;
  frac: string;
}

function parts(v: string | number): Parts {
  let s: string;
  if (typeof v === 'number') {
    if (!Number.isSafeInteger(v)) throw new RangeError(`not a safe integer: ${String(v)}`);
    s = String(v);
  } else if (isDecimalString(v)) s = v;
  else throw new RangeError(`not a decimal string: ${String(v)}`);
  let negative = s.startsWith('-');
  if (negative) s = s.slice(1);
  const dot = s.indexOf('.');
  const int = (dot < 0 ? s : s.slice(0, dot)).replace(/^0+/, '');
  const frac = dot < 0 ? '' : s.slice(dot + 1).replace(/0+$/, '');
  if (int === '' && frac === '') negative = false; // -0 is 0
  return { negative, int, frac };
}

function magnitude(x: Parts, y: Parts): -1 | 0 | 1 {
  if (x.int.length !== y.int.length) return x.int.length < y.int.length ? -1 : 1;
  if (x.int !== y.int) return x.int < y.int ? -1 : 1;
  const n = Math.max(x.frac.length, y.frac.length);
  const fx = x.frac.padEnd(n, '0');
  const fy = y.frac.padEnd(n, '0');
  if (fx === fy) return 0;
  return fx < fy ? -1 : 1;
}
