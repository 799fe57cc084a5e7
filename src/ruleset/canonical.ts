import { sha256Hex } from './sha256.js';
import { guardApi } from '../_lib/guard.js';

/**
 * Canonical JSON (the form that content hashes are computed over), after RFC 8785 (JCS):
 * object keys sorted by UTF-16 code units, no white space, strings and numbers as
 * `JSON.stringify` writes them, `undefined` members left out. Arrays keep their order.
 *
 * @example
 * canonicalJson({ b: 1, a: [2, 'x'] }); // '{"a":[2,"x"],"b":1}'
 * @throws FoerderregelnError (code `invalid-input`) `canonical JSON has no form for a non-finite
 * number` (NaN, Infinity) or `… for a function` (likewise symbol, bigint), or for nesting deeper than
 * the stack allows.
 */
export const canonicalJson = guardApi('canonicalJson', function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError('canonical JSON has no form for a non-finite number');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.keys(value)
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  throw new TypeError(`canonical JSON has no form for a ${typeof value}`);
});

/**
 * `sha256:` followed by the hex SHA-256 of the canonical JSON of `value`.
 *
 * @example
 * contentHash({ a: 1 }); // 'sha256:015abd7f5cc57a2dd94b7590f04ad8084273905ee33ec5cebeae62276a97f862'
 * @throws FoerderregelnError as {@link canonicalJson} does, for values JSON has no form for.
 */
export const contentHash = guardApi('contentHash', function contentHash(value: unknown): string {
  return `sha256:${sha256Hex(canonicalJson(value))}`;
});
