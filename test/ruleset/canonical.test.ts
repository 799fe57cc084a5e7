import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { canonicalJson, contentHash } from '../../src/ruleset/canonical.js';
import { FoerderregelnError } from '../../src/issues.js';

/** Rebuilds a JSON value with every object's keys in a shuffled order. */
function shuffleKeys(value: unknown, rand: () => number): unknown {
  if (Array.isArray(value)) return value.map((v) => shuffleKeys(v, rand));
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value);
    for (let i = keys.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [keys[i], keys[j]] = [keys[j] as string, keys[i] as string];
    }
    const out: Record<string, unknown> = {};
    for (const k of keys) {
      Object.defineProperty(out, k, {
        value: shuffleKeys((value as Record<string, unknown>)[k], rand),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  }
  return value;
}

describe('canonicalJson (the form content hashes are computed over)', () => {
  it('sorts object keys and writes no white space', () => {
    expect(canonicalJson({ b: 1, a: 2, c: { z: true, y: null } })).toBe('{"a":2,"b":1,"c":{"y":null,"z":true}}');
  });

  it('sorts keys by UTF-16 code units (RFC 8785), not by locale', () => {
    // "Z" (U+005A) < "a" (U+0061) < "é" (U+00E9) < "😀" (surrogates D83D…) < "\uFFFF"
    expect(canonicalJson({ '\uFFFF': 5, '😀': 4, é: 3, a: 2, Z: 1 })).toBe('{"Z":1,"a":2,"é":3,"😀":4,"\uFFFF":5}');
    expect(canonicalJson({ a10: 1, a2: 2, A: 3 })).toBe('{"A":3,"a10":1,"a2":2}');
  });

  it('keeps array order and writes strings and numbers as JSON.stringify does', () => {
    expect(canonicalJson([3, 1, 2])).toBe('[3,1,2]');
    expect(canonicalJson({ s: 'Zuweisung „Anschlussunterbringung“\n\t"x"', n: 1e21, f: 0.1, neg: -0 })).toBe(
      `{"f":0.1,"n":1e+21,"neg":0,"s":${JSON.stringify('Zuweisung „Anschlussunterbringung“\n\t"x"')}}`,
    );
  });

  it('leaves out undefined members and writes undefined array items as null', () => {
    expect(canonicalJson({ a: undefined, b: [undefined, 1] })).toBe('{"b":[null,1]}');
  });

  it('handles deep nesting', () => {
    const deep = { x: [{ c: [{ b: 2, a: 1 }], a: { d: [[{ y: 1, x: 0 }]] } }] };
    expect(canonicalJson(deep)).toBe('{"x":[{"a":{"d":[[{"x":0,"y":1}]]},"c":[{"a":1,"b":2}]}]}');
  });

  it('refuses values JSON cannot represent, with a FoerderregelnError', () => {
    expect(() => canonicalJson(Number.NaN)).toThrow(FoerderregelnError);
    expect(() => canonicalJson({ a: Number.POSITIVE_INFINITY })).toThrow(/non-finite number/);
    expect(() => canonicalJson({ f: () => 1 })).toThrow(FoerderregelnError);
    expect(() => canonicalJson(10n)).toThrow(FoerderregelnError);
  });

  it('is valid JSON with the same content as the input (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect(JSON.parse(canonicalJson(v))).toEqual(JSON.parse(JSON.stringify(v)));
      }),
      { numRuns: 300 },
    );
  });

  it('does not depend on key insertion order (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer({ min: 1, max: 2 ** 31 - 1 }), (v, seed) => {
        let state = seed;
        const rand = (): number => {
          state = (state * 48271) % 2147483647;
          return state / 2147483647;
        };
        expect(canonicalJson(shuffleKeys(v, rand))).toBe(canonicalJson(v));
      }),
      { numRuns: 300 },
    );
  });
});

describe('contentHash', () => {
  it('is "sha256:" and the SHA-256 of the canonical JSON', () => {
    const value = { id: 'bw-im-2023', values: [{ from: '2023-01-01', value: '1.5' }], title: { en: 'x', de: 'ü' } };
    const expected = createHash('sha256').update(canonicalJson(value), 'utf8').digest('hex');
    expect(contentHash(value)).toBe(`sha256:${expected}`);
  });

  it('is stable: a fixed value keeps a fixed hash', () => {
    // sha256 of '{"a":1,"b":[true,null,"ä"]}'
    expect(contentHash({ b: [true, null, 'ä'], a: 1 })).toBe(
      `sha256:${createHash('sha256').update('{"a":1,"b":[true,null,"ä"]}', 'utf8').digest('hex')}`,
    );
    expect(contentHash({ a: 1 })).toBe('sha256:015abd7f5cc57a2dd94b7590f04ad8084273905ee33ec5cebeae62276a97f862');
  });

  it('is the same for the same content in another key order, and differs for other content', () => {
    expect(contentHash({ a: 1, b: { c: 2, d: 3 } })).toBe(contentHash({ b: { d: 3, c: 2 }, a: 1 }));
    expect(contentHash({ a: 1 })).not.toBe(contentHash({ a: 2 }));
    expect(contentHash([1, 2])).not.toBe(contentHash([2, 1]));
  });
});
